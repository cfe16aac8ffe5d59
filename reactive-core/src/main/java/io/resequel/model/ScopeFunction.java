package io.resequel.model;

import io.resequel.query.FindOptions;

/**
 * A scope with arguments (Sequelize's function scope): fills the find options from the arguments of each
 * {@code scope(Scope.call(name, args...))}, e.g. {@code (q, args) -> q.where("role", Op.GTE, args[0])}. It runs
 * again on every {@code scope(...)} call that names it (with no arguments when applied by name).
 */
@FunctionalInterface
public interface ScopeFunction {

    /**
     * @param query the options to fill
     * @param args  the call's arguments
     */
    void apply(FindOptions.Builder query, Object... args);
}
