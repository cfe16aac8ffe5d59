package io.resequel.assoc;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import java.util.Objects;
import java.util.function.Consumer;

/** Builds associations from their options; the source model registers them and applies their foreign keys. */
public final class Associations {

    private Associations() {
    }

    private static AssociationOptions options(Consumer<AssociationOptions> options) {
        AssociationOptions o = new AssociationOptions();
        Objects.requireNonNull(options, "options").accept(o);
        return o;
    }

    /**
     * @param source  the source model
     * @param target  the target model
     * @param options the options
     * @param ctx     the database's context
     * @param <S>     source instance class
     * @param <T>     target instance class
     * @return the association, not yet registered
     */
    public static <S extends Instance, T extends Instance> HasOne<S, T> hasOne(Model<S> source, Model<T> target,
            Consumer<AssociationOptions> options, AssociationContext ctx) {
        return HasOne.define(source, target, options(options), ctx);
    }

    /** @see #hasOne @return the association @param source s @param target t @param options o @param ctx c @param <S> s @param <T> t */
    public static <S extends Instance, T extends Instance> BelongsTo<S, T> belongsTo(Model<S> source, Model<T> target,
            Consumer<AssociationOptions> options, AssociationContext ctx) {
        return BelongsTo.define(source, target, options(options), ctx);
    }

    /** @see #hasOne @return the association @param source s @param target t @param options o @param ctx c @param <S> s @param <T> t */
    public static <S extends Instance, T extends Instance> HasMany<S, T> hasMany(Model<S> source, Model<T> target,
            Consumer<AssociationOptions> options, AssociationContext ctx) {
        return HasMany.define(source, target, options(options), ctx);
    }

    /** @see #hasOne @return the association @param source s @param target t @param options o @param ctx c @param <S> s @param <T> t */
    public static <S extends Instance, T extends Instance> BelongsToMany<S, T> belongsToMany(Model<S> source,
            Model<T> target, Consumer<AssociationOptions> options, AssociationContext ctx) {
        return BelongsToMany.define(source, target, options(options), ctx);
    }
}
