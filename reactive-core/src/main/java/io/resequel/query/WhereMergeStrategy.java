package io.resequel.query;

/**
 * How the {@code where} (and {@code having}) of several scopes, and of a scope and a finder, combine: Sequelize's
 * {@code whereMergeStrategy} model option.
 */
public enum WhereMergeStrategy {
    /** The default: a condition on an attribute replaces the earlier conditions on the same attribute. */
    OVERWRITE,
    /** Every condition of both sides is kept, combined with AND. */
    AND
}
