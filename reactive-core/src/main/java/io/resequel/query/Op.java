package io.resequel.query;

/** Comparison operators of a {@link Where} condition (Sequelize's {@code Op}). */
public enum Op {
    /** {@code =}, or {@code IS NULL} for a null value. */
    EQ,
    /** {@code <>}, or {@code IS NOT NULL} for a null value. */
    NE,
    /** {@code >}. */
    GT,
    /** {@code >=}. */
    GTE,
    /** {@code <}. */
    LT,
    /** {@code <=}. */
    LTE,
    /** {@code IN (...)}; an empty list matches nothing. */
    IN,
    /** {@code NOT IN (...)}; an empty list matches everything. */
    NOT_IN,
    /** {@code IS NULL} (the value must be null). */
    IS,
    /** {@code IS NOT NULL} (the value must be null). */
    IS_NOT,
    /** {@code LIKE} pattern. */
    LIKE,
    /** {@code NOT LIKE} pattern. */
    NOT_LIKE,
    /** {@code BETWEEN a AND b}; the value is a two-element list. */
    BETWEEN,
    /** {@code NOT BETWEEN a AND b}; the value is a two-element list. */
    NOT_BETWEEN
}
