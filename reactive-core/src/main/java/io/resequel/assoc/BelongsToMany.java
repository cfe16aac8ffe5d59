package io.resequel.assoc;

import io.resequel.error.AssociationException;
import io.resequel.exec.Engine;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.FindOptions;
import io.resequel.query.Include;
import io.resequel.query.Where;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code A.belongsToMany(B, through)}: a junction row per linked pair, with {@code foreignKey} to A and
 * {@code otherKey} to B. Mixins: get (each target carries its junction row under the junction model's name), count,
 * has, set, add, remove, create; set/add/create write junction values ({@code through}) and run in one transaction.
 *
 * @param <S> the source instance class
 * @param <T> the target instance class
 */
public final class BelongsToMany<S extends Instance, T extends Instance> extends Association<S, T> {

    private final Model<Instance> through;
    private final Map<String, Object> throughScope;
    private final AssociationOptions options;
    /** Whether targetKey / otherKey were inferred, so that a paired association may re-key them (Sequelize's). */
    private final boolean targetKeyDefault;
    private final boolean otherKeyDefault;
    private String otherKey;
    private List<ForeignKey> keys;
    private HasMany<T, Instance> targetJunction;
    /** The other side's keys this side re-inferred when it paired up, applied with this side's keys. */
    private List<ForeignKey> repairedKeys = List.of();

    private BelongsToMany(Model<S> source, Model<T> target, Naming.Alias alias, Model<Instance> through,
            AttributeDefinition sk, AttributeDefinition tk, String foreignKey, String otherKey, AssociationOptions o,
            Engine engine) {
        super(source, target, alias, foreignKey, sk.name(), tk.name(), o,
                o.onDelete != null ? o.onDelete : ReferentialAction.CASCADE, engine);
        this.through = through;
        this.otherKey = otherKey;
        this.throughScope = Map.copyOf(o.throughScope);
        this.options = o;
        this.targetKeyDefault = o.targetKey == null;
        this.otherKeyDefault = o.otherKey == null;
        rebuild();
    }

    /** (Re)computes the junction keys and the hidden target → junction association from the current keys. */
    private void rebuild() {
        AssociationOptions o = options;
        AttributeDefinition sk = source.definition().attribute(sourceKey);
        AttributeDefinition tk = target.definition().attribute(targetKey);
        String unique = o.throughUnique ? (o.uniqueKey != null ? o.uniqueKey
                : through.tableName() + "_" + foreignKey + "_" + otherKey + "_unique") : null;
        ForeignKey own = new ForeignKey(through, foreignKey, o.foreignKeyField,
                o.keyType != null ? o.keyType : sk.type(), false, constraints ? source : null, sk.name(), onDelete,
                onUpdate, true, unique);
        // Sequelize: on its own foreign key an association's explicit onDelete/onUpdate win over the paired side's
        this.keys = List.of(o.onDelete != null || o.onUpdate != null ? own.withOwnActions() : own,
                new ForeignKey(through, otherKey, o.otherKeyField, tk.type(), false, constraints ? target : null,
                        tk.name(), onDelete, onUpdate, true, unique));
        AssociationOptions hidden = new AssociationOptions().as(through.name(), through.name()).constraints(false);
        this.targetJunction = new HasMany<>(target, through, new Naming.Alias(through.name(), through.name()),
                otherKey, tk, hidden, ReferentialAction.CASCADE, false, engine);
    }

    static <S extends Instance, T extends Instance> BelongsToMany<S, T> define(Model<S> source, Model<T> target,
            AssociationOptions o, AssociationContext ctx) {
        if (o.throughModel == null && o.throughName == null) {
            throw new AssociationException("RSQ-802 " + source.name() + ".belongsToMany(" + target.name()
                    + ") needs through(\"TableName\") or through(model)");
        }
        boolean self = source == target;
        if (self && o.singular == null) {
            throw new AssociationException("RSQ-802 " + source.name() + ".belongsToMany(" + source.name()
                    + ") is a self-association: give it an alias with as(...)");
        }
        @SuppressWarnings("unchecked")
        Model<Instance> through = o.throughModel != null ? (Model<Instance>) o.throughModel
                : ctx.junction().apply(o.throughName, j -> {
                    j.paranoid(o.throughParanoid).underscored(source.definition().underscored());
                    if (o.throughTimestamps != null) {
                        j.timestamps(o.throughTimestamps);
                    }
                });
        Naming.Alias alias = Naming.many(o, target);
        if (source.definition().hasAttribute(alias.plural())) {
            // Checked before the keys below, whose own refusals would hide it (Model.register checks it again,
            // with the keys this association adds, for every kind).
            throw AssociationException.namingCollision(source.name(), alias.plural());
        }
        BelongsToMany<T, S> paired = paired(source, target, through);
        AttributeDefinition sk = o.sourceKey != null ? keyAttribute(source, o.sourceKey, "sourceKey")
                : primaryKey(source, "sourceKey");
        // Sequelize: an inferred targetKey is the paired association's sourceKey, an inferred otherKey its foreignKey
        AttributeDefinition tk = o.targetKey != null ? keyAttribute(target, o.targetKey, "targetKey")
                : paired != null ? target.definition().attribute(paired.sourceKey) : primaryKey(target, "targetKey");
        String fk = o.foreignKey != null ? o.foreignKey : Naming.camel(Naming.singular(source), sk.name());
        String other = o.otherKey != null ? o.otherKey : paired != null ? paired.foreignKey
                : Naming.camel(self ? alias.singular() : Naming.singular(target), tk.name());
        if (fk.equals(other)) {
            throw new AssociationException("RSQ-802 " + source.name() + "." + alias.plural() + ": foreignKey and "
                    + "otherKey are both '" + fk + "'; name them apart with foreignKey(...) and otherKey(...)");
        }
        BelongsToMany<S, T> created = new BelongsToMany<>(source, target, alias, through, sk, tk, fk, other, o,
                ctx.engine());
        if (paired != null) {
            created.repairedKeys = paired.repair(created);
        }
        return created;
    }

    /** @return the belongsToMany of the target back to the source through the same junction, or {@code null} */
    @SuppressWarnings("unchecked")
    private static <S extends Instance, T extends Instance> BelongsToMany<T, S> paired(Model<S> source,
            Model<T> target, Model<Instance> through) {
        for (Association<T, ?> a : target.associations()) {
            if (a instanceof BelongsToMany<?, ?> b && b.target.name().equals(source.name())
                    && b.through.name().equals(through.name())) {
                return (BelongsToMany<T, S>) b;
            }
        }
        return null;
    }

    /**
     * This side's inferred keys follow the association that paired with it: its targetKey becomes the other's
     * sourceKey and its otherKey the other's foreignKey, as Sequelize re-injects the paired association.
     *
     * @return the keys to apply to the junction (each replacing the inferred one), empty when nothing changed
     */
    private List<ForeignKey> repair(BelongsToMany<T, S> other) {
        String oldOther = otherKey;
        boolean changed = false;
        if (targetKeyDefault && !targetKey.equals(other.sourceKey)) {
            targetKey = other.sourceKey;
            if (otherKeyDefault) {
                otherKey = Naming.camel(source == target ? singular : Naming.singular(target), targetKey);
            }
            changed = true;
        }
        if (otherKeyDefault && !otherKey.equals(other.foreignKey)) {
            otherKey = other.foreignKey;
            changed = true;
        }
        if (!changed) {
            return List.of();
        }
        rebuild();
        return keys.stream().map(k -> k.replacing(oldOther)).toList();
    }

    @Override
    public Kind kind() {
        return Kind.BELONGS_TO_MANY;
    }

    @Override
    public List<ForeignKey> foreignKeys() {
        if (repairedKeys.isEmpty()) {
            return keys;
        }
        // As Sequelize re-injects the paired side first: then this side's keys, whose unique key name wins
        List<ForeignKey> all = new ArrayList<>(repairedKeys);
        for (ForeignKey k : keys) {
            all.add(k.replacing(k.name()));
        }
        return all;
    }

    /** @return the junction model */
    public Model<Instance> through() { return through; }

    /** @return the junction attribute pointing to the target */
    public String otherKey() { return otherKey; }

    /** @return the junction scope: junction attribute → value */
    public Map<String, Object> throughScope() { return throughScope; }

    /** @return the hidden target → junction association the getters join through */
    public HasMany<T, Instance> targetJunction() { return targetJunction; }

    /** @param instance a saved source @return its targets, each with its junction row */
    public Flux<T> get(S instance) {
        return get(instance, q -> { }, ThroughQuery.DEFAULT);
    }

    /** @param instance a saved source @param query where, order, limit, attributes @return its targets */
    public Flux<T> get(S instance, Consumer<FindOptions.Builder> query) {
        return get(instance, query, ThroughQuery.DEFAULT);
    }

    /**
     * @param instance            a saved source
     * @param query               where (on the target), order, limit, attributes
     * @param joinTableAttributes the junction attributes to read ({@code List.of()} for none, {@code null} for all)
     * @return its targets, each with its junction row under the junction model's name
     */
    public Flux<T> get(S instance, Consumer<FindOptions.Builder> query, List<String> joinTableAttributes) {
        return get(instance, query, joinTableAttributes, null);
    }

    /**
     * @param instance            a saved source
     * @param query               where (on the target), order, limit, attributes
     * @param joinTableAttributes the junction attributes to read ({@code List.of()} for none, {@code null} for all)
     * @param throughWhere        a filter on the junction rows (Sequelize's {@code through: {where}}), or {@code null}
     * @return its targets whose junction row matches
     */
    public Flux<T> get(S instance, Consumer<FindOptions.Builder> query, List<String> joinTableAttributes,
            Where throughWhere) {
        ThroughQuery through = throughWhere == null ? ThroughQuery.DEFAULT : ThroughQuery.where(throughWhere);
        return get(instance, query, joinTableAttributes == null ? through
                : through.attributes(joinTableAttributes.toArray(String[]::new)));
    }

    /**
     * @param instance a saved source
     * @param query    where (on the target), order, limit, attributes
     * @param through  how the junction is read: its filter, whether soft-deleted links count, its attributes
     * @return its targets, each with its junction row under the junction model's name
     */
    public Flux<T> get(S instance, Consumer<FindOptions.Builder> query, ThroughQuery through) {
        return get(instance, target, query, through);
    }

    /**
     * Sequelize's {@code getCompanies({scope: false})} / {@code getCompanies({scope: 'name'})}: the targets read
     * through a scoped view of the target model instead of its default scope; the association's own scope still
     * applies.
     *
     * @param instance     a saved source
     * @param scopedTarget the target model, {@code target.unscoped()} or {@code target.scope(...)}
     * @param query        where (on the target), order, limit, attributes
     * @return its targets, each with its junction row
     * @throws io.resequel.error.AssociationException (at once) when {@code scopedTarget} is another model
     */
    public Flux<T> get(S instance, Model<T> scopedTarget, Consumer<FindOptions.Builder> query) {
        return get(instance, scopedTarget, query, ThroughQuery.DEFAULT);
    }

    private Flux<T> get(S instance, Model<T> scopedTarget, Consumer<FindOptions.Builder> query,
            ThroughQuery through) {
        Objects.requireNonNull(through, "through");
        Model<T> readFrom = readThrough(scopedTarget);
        return Flux.defer(() -> {
            Include junction = junctionInclude(instance, through);
            Include shown = through.attributeList() == null ? junction
                    : junction.attributes(through.attributeList().toArray(String[]::new));
            Where targetScope = scoped(null);
            return readFrom.findAll(q -> {
                query.accept(q);
                q.include(shown);
                if (targetScope != null) {
                    q.where(targetScope);
                }
            }).map(t -> {
                List<Instance> rows = t.getMany(this.through.name(), Instance.class);
                t.setIncluded(this.through.name(), rows.isEmpty() ? null : rows.get(0));
                return t;
            });
        });
    }

    /** @param instance a saved source @return the number of its targets */
    public Mono<Long> count(S instance) {
        return count(instance, null);
    }

    /** @param instance a saved source @param where a filter on the targets or {@code null} @return the count */
    public Mono<Long> count(S instance, Where where) {
        return count(instance, where, ThroughQuery.DEFAULT);
    }

    /**
     * @param instance a saved source
     * @param where    a filter on the targets or {@code null}
     * @param through  the junction filter and whether soft-deleted links count
     * @return the number of its targets (a target linked twice counts once)
     */
    public Mono<Long> count(S instance, Where where, ThroughQuery through) {
        Objects.requireNonNull(through, "through");
        return Mono.defer(() -> {
            Include junction = junctionInclude(instance, through).attributes();
            Where targetScope = scoped(where);
            return target.count(q -> {
                if (targetScope != null) {
                    q.where(targetScope);
                }
                q.include(junction);
            });
        });
    }

    /** @param instance a saved source @param targets instances or keys @return whether all are linked */
    public Mono<Boolean> has(S instance, Object... targets) {
        return has(instance, Arrays.asList(targets));
    }

    /** @param instance a saved source @param targets instances or keys @return whether all are linked */
    public Mono<Boolean> has(S instance, Collection<?> targets) {
        return has(instance, targets, ThroughQuery.DEFAULT);
    }

    /**
     * @param instance a saved source
     * @param targets  instances or keys
     * @param through  the junction filter and whether soft-deleted links count
     * @return whether all are linked
     */
    public Mono<Boolean> has(S instance, Collection<?> targets, ThroughQuery through) {
        Objects.requireNonNull(through, "through");
        return Mono.defer(() -> {
            List<Object> wanted = List.copyOf(new LinkedHashSet<>(targetKeys(targets, target, targetKey, this)));
            return count(instance, Where.in(targetKey, wanted), through).map(n -> n == wanted.size());
        });
    }

    /** @param instance a saved source @param targets saved instances or keys @return the created junction rows */
    public Mono<List<Instance>> add(S instance, Object... targets) {
        return add(instance, Arrays.asList(targets), Map.of());
    }

    /**
     * Links the targets: inserts the missing junction rows (one bulk INSERT) and updates existing ones whose junction
     * values differ, in one transaction. A target instance may carry its own junction values under the junction
     * model's name ({@code Map} or instance), which win over {@code throughValues}.
     *
     * @param instance      a saved source
     * @param targets       saved instances or keys
     * @param throughValues junction attribute → value for every link
     * @return the junction rows created (as Sequelize's {@code add} resolves to them), validated by the junction
     *         model's validators first
     */
    public Mono<List<Instance>> add(S instance, Collection<?> targets, Map<String, ?> throughValues) {
        return Mono.defer(() -> {
            Object key = keyOf(instance, sourceKey, "source", this);
            Map<Object, Map<String, Object>> wanted = junctionValues(targets, throughValues);
            if (wanted.isEmpty()) {
                return Mono.just(List.<Instance>of());
            }
            return engine.transactions().required(tx -> through.unscoped().findAll(q -> q.where(
                    scopedJunction(key).and(Where.in(otherKey, List.copyOf(wanted.keySet()))))).collectList()
                    .flatMap(existing -> write(key, wanted, existing))).singleOrEmpty()
                    .defaultIfEmpty(List.of());
        });
    }

    /**
     * Makes exactly {@code targets} the linked rows: deletes the other junction rows, then adds these, in one
     * transaction; an empty list unlinks all.
     *
     * @param instance      a saved source
     * @param targets       saved instances or keys
     * @param throughValues junction values for new and changed links
     * @return completes when done
     */
    public Mono<Void> set(S instance, Collection<?> targets, Map<String, ?> throughValues) {
        return Mono.defer(() -> {
            Object key = keyOf(instance, sourceKey, "source", this);
            Collection<?> list = targets == null ? List.of() : targets;
            List<Object> keep = targetKeys(list, target, targetKey, this);
            // Sequelize reads the current links once, deletes only the obsolete ones (no DELETE when none is) and
            // inserts or updates the wanted ones from that same read: set costs a SELECT plus one statement per kind.
            return engine.transactions().required(tx -> through.unscoped().findAll(q -> q.where(scopedJunction(key)))
                    .collectList().flatMap(current -> {
                        List<Object> obsolete = new ArrayList<>();
                        List<Instance> kept = new ArrayList<>();
                        for (Instance j : current) {
                            String other = String.valueOf(j.get(otherKey));
                            if (keep.stream().anyMatch(k -> String.valueOf(k).equals(other))) {
                                kept.add(j);
                            } else {
                                obsolete.add(j.get(otherKey));
                            }
                        }
                        Map<Object, Map<String, Object>> wanted = junctionValues(list, throughValues);
                        Mono<Long> delete = obsolete.isEmpty() ? Mono.empty() : through.unscoped()
                                .destroy(scopedJunction(key).and(Where.in(otherKey, obsolete)));
                        return delete.then(wanted.isEmpty() ? Mono.empty() : write(key, wanted, kept));
                    })).then();
        });
    }

    /** @param instance a saved source @param targets the targets @return completes when done */
    public Mono<Void> set(S instance, Collection<?> targets) {
        return set(instance, targets, Map.of());
    }

    /** @param instance a saved source @param targets instances or keys @return completes when unlinked */
    public Mono<Void> remove(S instance, Object... targets) {
        return remove(instance, Arrays.asList(targets));
    }

    /** @param instance a saved source @param targets instances or keys @return completes when unlinked */
    public Mono<Void> remove(S instance, Collection<?> targets) {
        return Mono.defer(() -> {
            Object key = keyOf(instance, sourceKey, "source", this);
            List<Object> keys = targetKeys(targets, target, targetKey, this);
            return keys.isEmpty() ? Mono.empty()
                    : through.unscoped().destroy(scopedJunction(key).and(Where.in(otherKey, keys))).then();
        });
    }

    /** @param instance a saved source @param values the new target's values @return the created, linked target */
    public Mono<T> create(S instance, Map<String, ?> values) {
        return create(instance, values, Map.of());
    }

    /**
     * @param instance      a saved source
     * @param values        the new target's values
     * @param throughValues the junction row's values
     * @return the created target, linked, in one transaction
     */
    public Mono<T> create(S instance, Map<String, ?> values, Map<String, ?> throughValues) {
        return Mono.defer(() -> {
            keyOf(instance, sourceKey, "source", this);
            // Sequelize writes the association scope into the created target (a category created as a category).
            Map<String, Object> all = new LinkedHashMap<>(values);
            all.putAll(writableScope());
            return engine.transactions().required(tx -> target.create(all)
                    .flatMap(t -> add(instance, List.of(t), throughValues).thenReturn(t))).singleOrEmpty();
        });
    }

    /** The required junction include of the getters: the source's rows, in the junction scope. */
    Include junctionInclude(S instance, ThroughQuery through) {
        Where w = scopedJunction(keyOf(instance, sourceKey, "source", this));
        return Include.of(targetJunction).where(through.where() == null ? w : w.and(through.where())).required(true)
                .paranoid(through.isParanoid());
    }

    Where scopedJunction(Object key) {
        Where w = Where.eq(foreignKey, key);
        for (Map.Entry<String, Object> e : throughScope.entrySet()) {
            w = w.and(Where.eq(e.getKey(), e.getValue()));
        }
        return w;
    }

    private Map<Object, Map<String, Object>> junctionValues(Collection<?> targets, Map<String, ?> throughValues) {
        Map<Object, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object t : targets) {
            Map<String, Object> v = new LinkedHashMap<>(throughValues);
            if (t instanceof Instance i) {
                Object own = i.included(through.name());
                if (own instanceof Map<?, ?> m) {
                    m.forEach((k, x) -> v.put(String.valueOf(k), x));
                } else if (own instanceof Instance j) {
                    for (AttributeDefinition a : through.definition().attributes()) {
                        if (!a.name().equals(foreignKey) && !a.name().equals(otherKey) && !a.primaryKey()
                                && j.getDataValue(a.name()) != null && !isTimestamp(a.name())) {
                            v.put(a.name(), j.getDataValue(a.name()));
                        }
                    }
                }
            }
            out.put(targetKeyOf(t, target, targetKey, this), v);
        }
        return out;
    }

    private boolean isTimestamp(String name) {
        return name.equals(through.definition().createdAtAttribute())
                || name.equals(through.definition().updatedAtAttribute());
    }

    private Mono<List<Instance>> write(Object key, Map<Object, Map<String, Object>> wanted,
            List<Instance> existing) {
        // keyed by text: a key given as an Integer matches a link read back as a Long
        Map<String, Instance> byOther = new HashMap<>();
        for (Instance j : existing) {
            byOther.put(String.valueOf(j.get(otherKey)), j);
        }
        List<Map<String, Object>> inserts = new ArrayList<>();
        List<Mono<Long>> updates = new ArrayList<>();
        wanted.forEach((other, values) -> {
            Instance current = byOther.get(String.valueOf(other));
            if (current == null) {
                Map<String, Object> row = new LinkedHashMap<>(values);
                row.putAll(throughScope);
                row.put(foreignKey, key);
                row.put(otherKey, other);
                inserts.add(row);
            } else if (differs(current, values)) {
                updates.add(through.unscoped().update(values, scopedJunction(key).and(Where.eq(otherKey, other))));
            }
        });
        // Sequelize's add/set bulk-create the links with validate: true (the junction's validators and hooks run).
        Mono<List<Instance>> insert = inserts.isEmpty() ? Mono.just(List.of())
                : through.bulkCreate(inserts, io.resequel.query.BulkCreateOptions.builder().validate().build())
                        .collectList();
        return insert.flatMap(created -> Flux.concat(updates).then().thenReturn(created));
    }

    private static boolean differs(Instance current, Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!Objects.equals(String.valueOf(current.get(e.getKey())), String.valueOf(e.getValue()))) {
                return true;
            }
        }
        return false;
    }
}
