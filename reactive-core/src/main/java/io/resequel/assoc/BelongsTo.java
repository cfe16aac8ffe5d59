package io.resequel.assoc;

import io.resequel.exec.Engine;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.FindOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * {@code A.belongsTo(B)}: the foreign key is on A and refers to B's target key. Mixins: get (no query for a NULL
 * key), set (writes the key and saves only it), create (creates B, then links it).
 *
 * @param <S> the source instance class
 * @param <T> the target instance class
 */
public final class BelongsTo<S extends Instance, T extends Instance> extends Association<S, T> {

    private final List<ForeignKey> keys;

    private BelongsTo(Model<S> source, Model<T> target, Naming.Alias alias, String foreignKey, AttributeDefinition tk,
            AssociationOptions o, ReferentialAction onDelete, boolean nullable, Engine engine) {
        super(source, target, alias, foreignKey, null, tk.name(), o, onDelete, engine);
        this.keys = List.of(new ForeignKey(source, foreignKey, o.foreignKeyField,
                o.keyType != null ? o.keyType : tk.type(), nullable, constraints ? target : null, tk.name(),
                onDelete, onUpdate, false, null));
    }

    static <S extends Instance, T extends Instance> BelongsTo<S, T> define(Model<S> source, Model<T> target,
            AssociationOptions o, AssociationContext ctx) {
        Naming.Alias alias = Naming.one(o, target);
        AttributeDefinition tk = o.targetKey != null ? keyAttribute(target, o.targetKey, "targetKey")
                : primaryKey(target, "targetKey");
        String fk = o.foreignKey != null ? o.foreignKey
                : Naming.camel(alias.singular(), primaryKey(target, "foreignKey").name());
        boolean nullable = nullable(o, source, fk);
        ReferentialAction onDelete = o.onDelete != null ? o.onDelete
                : nullable ? ReferentialAction.SET_NULL : ReferentialAction.NO_ACTION;
        return new BelongsTo<>(source, target, alias, fk, tk, o, onDelete, nullable, ctx.engine());
    }

    @Override
    public Kind kind() {
        return Kind.BELONGS_TO;
    }

    @Override
    public List<ForeignKey> foreignKeys() {
        return keys;
    }

    /** @param instance a source @return its target, or empty when its key is NULL */
    public Mono<T> get(S instance) {
        return get(instance, q -> { });
    }

    /** @param instance a source @param query further where, attributes, include @return its target, or empty */
    public Mono<T> get(S instance, Consumer<FindOptions.Builder> query) {
        return get(instance, target, query);
    }

    /**
     * Sequelize's {@code getCompany({scope: false})} / {@code getCompany({scope: 'name'})}: the target read through a
     * scoped view of the target model instead of its default scope.
     *
     * @param instance     a source
     * @param scopedTarget the target model, {@code target.unscoped()} or {@code target.scope(...)}
     * @param query        further where, attributes, include
     * @return its target, or empty
     * @throws io.resequel.error.AssociationException (at once) when {@code scopedTarget} is another model
     */
    public Mono<T> get(S instance, Model<T> scopedTarget, Consumer<FindOptions.Builder> query) {
        Model<T> through = readThrough(scopedTarget);
        return Mono.defer(() -> {
            Object key = instance.get(foreignKey);
            if (key == null) {
                return Mono.empty();
            }
            return through.findOne(q -> {
                query.accept(q);
                q.where(Where.eq(targetKey, key));
            });
        });
    }

    /**
     * Sequelize's {@code association.get([task1, task2])}: the targets of several sources in one query.
     *
     * @param instances sources
     * @return foreign-key value → its target, or {@code null} when no target has that key; sources whose key is
     *         NULL have no entry (the map keeps the sources' order)
     */
    public Mono<Map<Object, T>> get(java.util.Collection<? extends S> instances) {
        return get(instances, q -> { });
    }

    /** @param instances sources @param query further where, attributes @return key → target, as {@link #get(java.util.Collection)} */
    public Mono<Map<Object, T>> get(java.util.Collection<? extends S> instances, Consumer<FindOptions.Builder> query) {
        return Mono.defer(() -> {
            List<Object> keys = instances.stream().map(i -> i.get(foreignKey)).filter(java.util.Objects::nonNull)
                    .distinct().toList();
            if (keys.isEmpty()) {
                return Mono.just(Map.of());
            }
            return target.findAll(q -> {
                query.accept(q);
                q.where(Where.in(targetKey, keys));
            }).collectList().map(found -> byKey(keys, found, targetKey));
        });
    }

    /**
     * @param instance  the source
     * @param newTarget a target instance, its key, or {@code null} to unlink
     * @return the source, saved with only the key written
     */
    public Mono<S> set(S instance, Object newTarget) {
        return set(instance, newTarget, true);
    }

    /**
     * @param instance  the source
     * @param newTarget a target instance, its key, or {@code null}
     * @param save      {@code false}: only set the key in memory (Sequelize's {@code save: false})
     * @return the source
     */
    public Mono<S> set(S instance, Object newTarget, boolean save) {
        return Mono.defer(() -> {
            Object key = newTarget == null ? null : targetKeyOf(newTarget, target, targetKey, this);
            instance.set(foreignKey, key);
            return save ? instance.<S>save(new SaveOptions(List.of(foreignKey), false)) : Mono.just(instance);
        });
    }

    /** @param instance the source @param values the new target's values @return the created target, linked */
    public Mono<T> create(S instance, Map<String, ?> values) {
        return Mono.defer(() -> target.create(values).flatMap(t -> set(instance, t).thenReturn(t)));
    }
}
