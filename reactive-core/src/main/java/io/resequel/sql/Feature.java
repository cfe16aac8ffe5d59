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
    TRANSACTIONAL_DDL,
    /** Deferrable foreign keys and {@code SET CONSTRAINTS} in a transaction. */
    DEFERRABLE_CONSTRAINTS,
    /** {@code FOR SHARE} (or an equivalent such as MariaDB's {@code LOCK IN SHARE MODE}). */
    LOCK_SHARE,
    /** {@code FOR KEY SHARE} and {@code FOR NO KEY UPDATE} (PostgreSQL). */
    LOCK_KEY_LEVELS,
    /** {@code FOR UPDATE OF table}. */
    LOCK_OF,
    /** {@code SKIP LOCKED}. */
    LOCK_SKIP_LOCKED,
    /** {@code NOWAIT}. */
    LOCK_NOWAIT
}
