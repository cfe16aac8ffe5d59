package io.resequel.assoc;

import io.resequel.exec.Engine;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.FindOptions;
import io.resequel.query.Where;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        AttributeDefinition sk = o.sourceKey != null ? source.definition().attribute(o.sourceKey)
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

    /** @param instance a saved source @return the number of its targets */
    public Mono<Long> count(S instance) {
        return count(instance, null);
    }

    /** @param instance a saved source @param where a further filter or {@code null} @return the count */
    public Mono<Long> count(S instance, Where where) {
        return Mono.defer(() -> target.count(where == null ? ownWhere(instance) : ownWhere(instance).and(where)));
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

    Where ownWhere(S instance) {
        return scoped(Where.eq(foreignKey, keyOf(instance, sourceKey, "source", this)));
    }

    private Map<String, Object> linkValues(Object key) {
        Map<String, Object> v = new LinkedHashMap<>(writableScope());
        v.put(foreignKey, key);
        return v;
    }
}
