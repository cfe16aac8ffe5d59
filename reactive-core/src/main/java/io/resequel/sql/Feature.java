package io.resequel.sql;

/** Capabilities a dialect may have; core code asks {@link Dialect#supports(Feature)}, never a dialect's name. */
public enum Feature {
    /** {@code INSERT ... RETURNING} and {@code UPDATE ... RETURNING}. */
    RETURNING,
    /** Generated keys for every row of a multi-row INSERT. */
    MULTI_ROW_GENERATED_KEYS,
    /** Column and table comments. */
    COMMENTS,
    /** Transactional DDL. */
    TRANSACTIONAL_DDL
}
