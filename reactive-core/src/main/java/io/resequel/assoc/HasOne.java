package io.resequel.assoc;

import io.resequel.exec.Engine;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.FindOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * {@code A.hasOne(B)}: the foreign key is on B and refers to A's source key; at most one B per A. Mixins: get,
 * set (unlinks the previous target, links the new one, in one transaction), create.
 *
 * @param <S> the source instance class
 * @param <T> the target instance class
 */
public final class HasOne<S extends Instance, T extends Instance> extends Association<S, T> {

    private final List<ForeignKey> keys;

    private HasOne(Model<S> source, Model<T> target, Naming.Alias alias, String foreignKey, AttributeDefinition sk,
            AssociationOptions o, ReferentialAction onDelete, boolean nullable, Engine engine) {
        super(source, target, alias, foreignKey, sk.name(), null, o, onDelete, engine);
        this.keys = List.of(new ForeignKey(target, foreignKey, o.foreignKeyField,
                o.keyType != null ? o.keyType : sk.type(), nullable, constraints ? source : null, sk.name(),
                onDelete, onUpdate, false, null));
    }

    static <S extends Instance, T extends Instance> HasOne<S, T> define(Model<S> source, Model<T> target,
            AssociationOptions o, AssociationContext ctx) {
        Naming.Alias alias = Naming.one(o, target);
        AttributeDefinition sk = o.sourceKey != null ? keyAttribute(source, o.sourceKey, "sourceKey")
                : primaryKey(source, "sourceKey");
        // Sequelize names hasOne's key after the alias when one is given (as: 'bio' → bioId), else the source, both
        // singularized (Orders.hasOne(InternetOrders) → OrderId, the key InternetOrders.belongsTo(Orders) adds).
        String fk = o.foreignKey != null ? o.foreignKey : Naming.camel(
                o.singular != null ? Naming.singularize(o.singular)
                        : io.resequel.model.ModelNames.singularName(source.name()),
                primaryKey(source, "foreignKey").name());
        boolean nullable = nullable(o, target, fk);
        ReferentialAction onDelete = o.onDelete != null ? o.onDelete
                : nullable ? ReferentialAction.SET_NULL : ReferentialAction.CASCADE;
        return new HasOne<>(source, target, alias, fk, sk, o, onDelete, nullable, ctx.engine());
    }

    @Override
    public Kind kind() {
        return Kind.HAS_ONE;
    }

    @Override
    public List<ForeignKey> foreignKeys() {
        return keys;
    }

    /** @param instance a saved source @return its target, or empty */
    public Mono<T> get(S instance) {
        return get(instance, q -> { });
    }

    /** @param instance a saved source @param query further where, attributes, include @return its target */
    public Mono<T> get(S instance, Consumer<FindOptions.Builder> query) {
        return get(instance, target, query);
    }

    /**
     * Sequelize's {@code getProfile({scope: false})} / {@code getProfile({scope: 'name'})}: the target read through a
     * scoped view of the target model instead of its default scope; the association's own scope still applies.
     *
     * @param instance     a saved source
     * @param scopedTarget the target model, {@code target.unscoped()} or {@code target.scope(...)}
     * @param query        further where, attributes, include
     * @return its target, or empty
     * @throws io.resequel.error.AssociationException (at once) when {@code scopedTarget} is another model
     */
    public Mono<T> get(S instance, Model<T> scopedTarget, Consumer<FindOptions.Builder> query) {
        Model<T> through = readThrough(scopedTarget);
        return Mono.defer(() -> through.findOne(q -> {
            query.accept(q);
            q.where(scoped(Where.eq(foreignKey, keyOf(instance, sourceKey, "source", this))));
        }));
    }

    /**
     * Sequelize's {@code association.get([user1, user2])}: the targets of several sources in one query.
     *
     * @param instances saved sources
     * @return source key → its target, or {@code null} when it has none (the map keeps the sources' order)
     */
    public Mono<Map<Object, T>> get(java.util.Collection<? extends S> instances) {
        return get(instances, q -> { });
    }

    /** @param instances saved sources @param query further where, attributes @return key → target or null */
    public Mono<Map<Object, T>> get(java.util.Collection<? extends S> instances, Consumer<FindOptions.Builder> query) {
        return Mono.defer(() -> {
            List<Object> keys = instances.stream().map(i -> keyOf(i, sourceKey, "source", this)).distinct().toList();
            if (keys.isEmpty()) {
                return Mono.just(Map.of());
            }
            return target.findAll(q -> {
                query.accept(q);
                q.where(scoped(Where.in(foreignKey, keys)));
            }).collectList().map(found -> byKey(keys, found, foreignKey));
        });
    }

    /**
     * Links {@code newTarget} (an instance, saved or new, or a key) and unlinks the current target (its key set to
     * NULL, which fails when the key is NOT NULL); {@code null} only unlinks.
     *
     * @param instance  a saved source
     * @param newTarget the new target, a key, or {@code null}
     * @return the linked target, or empty after an unlink
     */
    public Mono<T> set(S instance, Object newTarget) {
        return Mono.defer(() -> {
            Object key = keyOf(instance, sourceKey, "source", this);
            String pk = primaryKey(target, "a key").name();
            Mono<T> current = target.unscoped().findOne(q -> q.where(scoped(Where.eq(foreignKey, key))));
            return engine.transactions().required(tx -> current.map(java.util.Optional::of)
                    .defaultIfEmpty(java.util.Optional.empty())
                    .flatMap(old -> {
                        Object newKey = newTarget instanceof Instance i && i.isNewRecord() ? null
                                : newTarget == null ? null : targetKeyOf(newTarget, target, pk, this);
                        if (old.isPresent() && newKey != null && newKey.equals(old.get().get(pk))) {
                            return Mono.just(old.get());
                        }
                        Mono<Void> unlink = old.isEmpty() ? Mono.empty() : Mono.defer(() -> {
                            old.get().set(foreignKey, null);
                            return old.get().save(new SaveOptions(List.of(foreignKey), false)).then();
                        });
                        return unlink.then(link(key, pk, newTarget));
                    })).singleOrEmpty();
        });
    }

    @SuppressWarnings("unchecked")
    private Mono<T> link(Object key, String pk, Object newTarget) {
        if (newTarget == null) {
            return Mono.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>(writableScope());
        values.put(foreignKey, key);
        if (newTarget instanceof Instance i) {
            checkModel(i, target, this);
            i.set(values);
            return i.save();
        }
        Object id = targetKeyOf(newTarget, target, pk, this);
        return target.unscoped().update(values, Where.eq(pk, id)).then(target.unscoped().findByPk(id));
    }

    /** @param instance a saved source @param values the target's values @return the created, linked target */
    public Mono<T> create(S instance, Map<String, ?> values) {
        return Mono.defer(() -> {
            Map<String, Object> all = new LinkedHashMap<>(values);
            all.putAll(writableScope());
            all.put(foreignKey, keyOf(instance, sourceKey, "source", this));
            return target.create(all);
        });
    }
}
