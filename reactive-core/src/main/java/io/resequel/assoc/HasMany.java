package io.resequel.assoc;

import io.resequel.error.AssociationException;
import io.resequel.exec.Engine;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.FindOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code A.hasMany(B)}: the foreign key is on B and refers to A's source key. Mixins: get, count, has, set, add,
 * remove, create. set/add/remove are bulk UPDATEs of B's key (scope values written too) and never insert.
 *
 * @param <S> the source instance class
 * @param <T> the target instance class
 */
public final class HasMany<S extends Instance, T extends Instance> extends Association<S, T> {

    private final List<ForeignKey> keys;

    HasMany(Model<S> source, Model<T> target, Naming.Alias alias, String foreignKey, AttributeDefinition sk,
            AssociationOptions o, ReferentialAction onDelete, boolean nullable, Engine engine) {
        super(source, target, alias, foreignKey, sk.name(), null, o, onDelete, engine);
        this.keys = List.of(new ForeignKey(target, foreignKey, o.foreignKeyField,
                o.keyType != null ? o.keyType : sk.type(), nullable, constraints ? source : null, sk.name(),
                onDelete, onUpdate, false, null));
    }

    static <S extends Instance, T extends Instance> HasMany<S, T> define(Model<S> source, Model<T> target,
            AssociationOptions o, AssociationContext ctx) {
        Naming.Alias alias = Naming.many(o, target);
        AttributeDefinition sk = o.sourceKey != null ? keyAttribute(source, o.sourceKey, "sourceKey")
                : primaryKey(source, "sourceKey");
        String fk = o.foreignKey != null ? o.foreignKey
                : Naming.camel(Naming.singular(source), primaryKey(source, "foreignKey").name());
        boolean nullable = o.foreignKeyAllowNull == null || o.foreignKeyAllowNull;
        ReferentialAction onDelete = o.onDelete != null ? o.onDelete
                : nullable ? ReferentialAction.SET_NULL : ReferentialAction.CASCADE;
        return new HasMany<>(source, target, alias, fk, sk, o, onDelete, nullable, ctx.engine());
    }

    @Override
    public Kind kind() {
        return Kind.HAS_MANY;
    }

    @Override
    public List<ForeignKey> foreignKeys() {
        return keys;
    }

    /** @param instance a saved source @return its targets */
    public Flux<T> get(S instance) {
        return get(instance, q -> { });
    }

    /**
     * @param instance a saved source
     * @param query    where (ANDed with the key and scope), attributes, order, limit, include, transaction
     * @return its targets
     */
    public Flux<T> get(S instance, Consumer<FindOptions.Builder> query) {
        return get(instance, target, query);
    }

    /**
     * Sequelize's {@code getTasks({scope: false})} / {@code getTasks({scope: 'name'})}: the targets read through a
     * scoped view of the target model instead of its default scope; the association's own scope still applies.
     *
     * @param instance     a saved source
     * @param scopedTarget the target model, {@code target.unscoped()} or {@code target.scope(...)}
     * @param query        where (ANDed with the key and scope), attributes, order, limit, include, transaction
     * @return its targets
     * @throws io.resequel.error.AssociationException (at once) when {@code scopedTarget} is another model
     */
    public Flux<T> get(S instance, Model<T> scopedTarget, Consumer<FindOptions.Builder> query) {
        Model<T> through = readThrough(scopedTarget);
        return Flux.defer(() -> through.findAll(q -> {
            query.accept(q);
            q.where(ownWhere(instance));
        }));
    }

    /**
     * Sequelize's {@code association.get([instances])}: the targets of several sources at once, by source key. One
     * {@code fk IN (...)} query; with a {@code limit} and more than one source the limit is per source, as
     * Sequelize's {@code groupedLimit}, so one query runs per source (in order, on the caller's transaction).
     *
     * @param instances saved sources
     * @param query     where (ANDed with the key and scope), attributes, order, limit, include, transaction
     * @return source key → its targets (an empty list for a source without any), in the sources' order
     */
    public Mono<Map<Object, List<T>>> get(Collection<? extends S> instances, Consumer<FindOptions.Builder> query) {
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> {
            Map<Object, List<T>> out = new LinkedHashMap<>();
            for (S s : instances) {
                out.putIfAbsent(keyOf(s, sourceKey, "source", this), new ArrayList<>());
            }
            if (out.isEmpty()) {
                return Mono.just(out);
            }
            FindOptions.Builder b = FindOptions.builder();
            query.accept(b);
            FindOptions given = b.build();
            List<Object> keys = List.copyOf(out.keySet());
            Flux<T> rows = given.limit() != null && keys.size() > 1
                    ? Flux.fromIterable(keys).concatMap(k -> target.findAll(
                            given.mutate().where(scoped(Where.eq(foreignKey, k))).build()))
                    : target.findAll(given.mutate().where(scoped(Where.in(foreignKey, keys))).build());
            return rows.doOnNext(r -> out.get(sameKey(keys, r.getDataValue(foreignKey))).add(r)).then(Mono.just(out));
        });
    }

    /** The source key a target's foreign key holds: drivers may read it as another number class. */
    private Object sameKey(List<Object> keys, Object fk) {
        for (Object k : keys) {
            if (Objects.equals(k, fk) || (k instanceof Number a && fk instanceof Number c
                    && a.longValue() == c.longValue())) {
                return k;
            }
        }
        throw new AssociationException("RSQ-806 " + source.name() + "." + as() + ": a target row holds " + foreignKey
                + " = " + fk + ", the key of none of the sources (was " + foreignKey + " left out of attributes?)");
    }

    /** @param instance a saved source @return the number of its targets */
    public Mono<Long> count(S instance) {
        return count(instance, (Where) null);
    }

    /** @param instance a saved source @param where a further filter or {@code null} @return the count */
    public Mono<Long> count(S instance, Where where) {
        return Mono.defer(() -> target.count(where == null ? ownWhere(instance) : ownWhere(instance).and(where)));
    }

    /**
     * Sequelize's {@code countTasks(options)}: counts the distinct targets matching the options.
     *
     * @param instance a saved source
     * @param query    where (ANDed with the key and scope), include (a required include filters the targets),
     *                 transaction
     * @return the number of matching targets
     */
    public Mono<Long> count(S instance, Consumer<FindOptions.Builder> query) {
        Objects.requireNonNull(query, "query");
        return Mono.defer(() -> target.count(q -> {
            query.accept(q);
            q.where(ownWhere(instance));
        }));
    }

    /** @param instance a saved source @param targets instances or keys @return whether all are associated */
    public Mono<Boolean> has(S instance, Object... targets) {
        return has(instance, Arrays.asList(targets));
    }

    /** @param instance a saved source @param targets instances or keys @return whether all are associated */
    public Mono<Boolean> has(S instance, Collection<?> targets) {
        return Mono.defer(() -> {
            String pk = primaryKey(target, "a key").name();
            List<Object> wanted = List.copyOf(new java.util.LinkedHashSet<>(targetKeys(targets, target, pk, this)));
            return target.count(ownWhere(instance).and(Where.in(pk, wanted))).map(n -> n == wanted.size());
        });
    }

    /**
     * Makes exactly {@code targets} the associated rows: unlinks the others ({@code fk = NULL}) and links these, in
     * one transaction. {@code null} or an empty list unlinks all.
     *
     * @param instance a saved source
     * @param targets  instances or keys
     * @return completes when done
     */
    public Mono<Void> set(S instance, Collection<?> targets) {
        return Mono.defer(() -> {
            Object key = keyOf(instance, sourceKey, "source", this);
            String pk = primaryKey(target, "a key").name();
            List<Object> keys = targets == null ? List.of() : targetKeys(targets, target, pk, this);
            Map<String, Object> unlink = new HashMap<>();
            unlink.put(foreignKey, null);
            Where others = keys.isEmpty() ? ownWhere(instance) : ownWhere(instance).and(Where.notIn(pk, keys));
            return engine.transactions().required(tx -> target.unscoped().update(unlink, others)
                    .then(keys.isEmpty() ? Mono.empty() : target.unscoped().update(linkValues(key), Where.in(pk, keys))))
                    .then();
        });
    }

    /** @param instance a saved source @param targets saved instances or keys to link @return completes when done */
    public Mono<Void> add(S instance, Object... targets) {
        return add(instance, Arrays.asList(targets));
    }

    /** @param instance a saved source @param targets saved instances or keys to link @return completes when done */
    public Mono<Void> add(S instance, Collection<?> targets) {
        return Mono.defer(() -> {
            Object key = keyOf(instance, sourceKey, "source", this);
            String pk = primaryKey(target, "a key").name();
            List<Object> keys = targetKeys(targets, target, pk, this);
            return keys.isEmpty() ? Mono.empty() : target.unscoped().update(linkValues(key), Where.in(pk, keys)).then();
        });
    }

    /** @param instance a saved source @param targets instances or keys to unlink @return completes when done */
    public Mono<Void> remove(S instance, Object... targets) {
        return remove(instance, Arrays.asList(targets));
    }

    /** @param instance a saved source @param targets instances or keys to unlink @return completes when done */
    public Mono<Void> remove(S instance, Collection<?> targets) {
        return Mono.defer(() -> {
            Object key = keyOf(instance, sourceKey, "source", this);
            String pk = primaryKey(target, "a key").name();
            List<Object> keys = targetKeys(targets, target, pk, this);
            Map<String, Object> unlink = new HashMap<>();
            unlink.put(foreignKey, null);
            return keys.isEmpty() ? Mono.empty()
                    : target.unscoped().update(unlink, Where.eq(foreignKey, key).and(Where.in(pk, keys))).then();
        });
    }

    /** @param instance a saved source @param values the new target's values @return the created target */
    public Mono<T> create(S instance, Map<String, ?> values) {
        return Mono.defer(() -> {
            Map<String, Object> all = new LinkedHashMap<>(values);
            all.putAll(linkValues(keyOf(instance, sourceKey, "source", this)));
            return target.create(all);
        });
    }

    /**
     * @param instance a saved source
     * @param values   the new target's values
     * @param options  save options; listed {@code fields} get the foreign key and scope attributes added, as in
     *                 Sequelize, so the row is linked whatever the list says
     * @return the created target
     */
    public Mono<T> create(S instance, Map<String, ?> values, SaveOptions options) {
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            Map<String, Object> link = linkValues(keyOf(instance, sourceKey, "source", this));
            Map<String, Object> all = new LinkedHashMap<>(values);
            all.putAll(link);
            SaveOptions o = options;
            if (options.fields() != null) {
                List<String> fields = new ArrayList<>(options.fields());
                link.keySet().stream().filter(f -> !fields.contains(f)).forEach(fields::add);
                o = options.withFields(fields);
            }
            return target.create(all, o);
        });
    }

    Where ownWhere(S instance) {
        return scoped(Where.eq(foreignKey, keyOf(instance, sourceKey, "source", this)));
    }

    private Map<String, Object> linkValues(Object key) {
        Map<String, Object> v = new LinkedHashMap<>(writableScope());
        v.put(foreignKey, key);
        return v;
    }
}
