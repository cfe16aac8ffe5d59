package io.resequel.query;

/**
 * Operators of a {@link Where} condition (Sequelize's {@code Op}). Where a database lacks an operator and no exact
 * emulation exists, the query fails with {@link io.resequel.error.UnsupportedOperatorException} naming the operator
 * and the dialect. {@code Op.any}/{@code Op.all} are value wrappers: {@link Where#any(java.util.Collection)},
 * {@link Where#all(java.util.Collection)}; {@code Op.col} is {@link Where#col(String)}.
 */
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
    /** {@code NOT IN (...)}; an empty list matches everything (the condition is left out). */
    NOT_IN,
    /** {@code IS NULL}, {@code IS TRUE}, {@code IS FALSE} (the value must be null or a Boolean). */
    IS,
    /** {@code IS NOT NULL} (the value must be null); kept for symmetry with {@link #IS}. */
    IS_NOT,
    /**
     * Sequelize's {@code Op.not}: {@code IS NOT NULL}, {@code IS NOT TRUE}, {@code IS NOT FALSE}; with a list
     * {@code NOT IN (...)}, with any other value {@code <>} (Sequelize's {@code !=}).
     */
    NOT,
    /** {@code LIKE} pattern. */
    LIKE,
    /** {@code NOT LIKE} pattern. */
    NOT_LIKE,
    /** Case-insensitive LIKE: {@code ILIKE} on PostgreSQL, {@code LOWER(x) LIKE LOWER(p)} elsewhere. */
    ILIKE,
    /** Case-insensitive NOT LIKE. */
    NOT_ILIKE,
    /** {@code LIKE 'value%'}, with {@code %} and {@code _} in the value matched literally. */
    STARTS_WITH,
    /** {@code LIKE '%value'}, with {@code %} and {@code _} in the value matched literally. */
    ENDS_WITH,
    /** {@code LIKE '%value%'}, with {@code %} and {@code _} in the value matched literally. */
    SUBSTRING,
    /** Regular expression match ({@code ~} on PostgreSQL, {@code REGEXP} on MySQL, {@code REGEXP_LIKE} on H2). */
    REGEXP,
    /** Negated regular expression match. */
    NOT_REGEXP,
    /** Case-insensitive regular expression match. */
    IREGEXP,
    /** Negated case-insensitive regular expression match. */
    NOT_IREGEXP,
    /** {@code BETWEEN a AND b}; the value is a two-element list. */
    BETWEEN,
    /** {@code NOT BETWEEN a AND b}; the value is a two-element list. */
    NOT_BETWEEN,
    /**
     * {@code @@}: full-text match (PostgreSQL), the value a {@code tsquery} expression such as
     * {@code Expr.fn("to_tsquery", "cat & dog")}; elsewhere an {@link io.resequel.error.UnsupportedOperatorException}.
     */
    MATCH,
    /** {@code &&}: arrays or ranges overlap (PostgreSQL). */
    OVERLAP,
    /** {@code @>}: contains (PostgreSQL arrays, ranges, JSONB). */
    CONTAINS,
    /** {@code <@}: is contained by (PostgreSQL arrays, ranges, JSONB). */
    CONTAINED,
    /** {@code -|-}: ranges are adjacent (PostgreSQL). */
    ADJACENT,
    /** {@code <<}: range strictly left of (PostgreSQL). */
    STRICT_LEFT,
    /** {@code >>}: range strictly right of (PostgreSQL). */
    STRICT_RIGHT,
    /** {@code &<}: range does not extend to the right of (PostgreSQL). */
    NO_EXTEND_RIGHT,
    /** {@code &>}: range does not extend to the left of (PostgreSQL). */
    NO_EXTEND_LEFT,
    /**
     * {@code ?}: the JSON value has this key at its top level (or, for an array, this string element); the value is
     * one key. PostgreSQL JSONB (a JSON column is cast); beyond Sequelize v6, which has no such operator.
     */
    KEY_EXISTS,
    /** {@code ?|}: the JSON value has at least one of these top-level keys; the value is a list of keys. */
    ANY_KEY_EXISTS,
    /** {@code ?&}: the JSON value has all of these top-level keys (true for an empty list). */
    ALL_KEYS_EXIST;

    /** @return whether this is a PostgreSQL array/range/JSONB containment-style or key existence operator */
    public boolean isContainment() {
        return ordinal() >= OVERLAP.ordinal();
    }
}
