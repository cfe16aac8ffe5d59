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
    LOCK_NOWAIT,
    /**
     * {@code UPDATE ... LIMIT n} and {@code DELETE ... LIMIT n} (MySQL, MariaDB): a limited bulk write needs no
     * key sub-query, so it works on tables without a single-column primary key, as Sequelize's does there.
     */
    WRITE_LIMIT,
    /**
     * An explicit 0 in an auto-increment column takes the next counter value (MySQL and MariaDB without
     * {@code NO_AUTO_VALUE_ON_ZERO}), so an insert of key 0 must read back the key the row got.
     */
    AUTO_INCREMENT_ON_ZERO,
    /**
     * The database rolls back a deadlock victim's whole transaction itself (InnoDB, H2), so the transaction has ended
     * with the error; where it has not (PostgreSQL), a ROLLBACK TO SAVEPOINT can still recover it.
     */
    DEADLOCK_ENDS_TRANSACTION,
    /** {@code CREATE INDEX IF NOT EXISTS}. */
    INDEX_IF_NOT_EXISTS,
    /** Prefix indexes: the first n characters of a column ({@code col(10)}, MySQL). */
    INDEX_LENGTH,
    /** A collation per index column ({@code col COLLATE "C"}, PostgreSQL). */
    INDEX_COLLATE,
    /** An operator class per index column ({@code col text_pattern_ops}, PostgreSQL). */
    INDEX_OPERATOR,
    /** Partial indexes ({@code CREATE INDEX ... WHERE}, PostgreSQL). */
    INDEX_WHERE,
    /** An upsert whose conflict target names a partial unique index's predicate ({@code ON CONFLICT (k) WHERE}). */
    UPSERT_CONFLICT_WHERE,
    /** {@code CREATE INDEX CONCURRENTLY} (PostgreSQL). */
    INDEX_CONCURRENTLY,
    /** {@code CREATE FULLTEXT INDEX} and its {@code WITH PARSER} (MySQL). */
    INDEX_FULLTEXT,
    /** {@code CREATE SPATIAL INDEX} (MySQL). */
    INDEX_SPATIAL,
    /** Named enum types ({@code CREATE TYPE ... AS ENUM}, PostgreSQL). */
    ENUM_TYPES,
    /**
     * The driver cuts a statement text at every {@code ;}, even inside literals and comments (r2dbc-h2 1.x), so a
     * text holding one must be rewritten before it is sent.
     */
    DRIVER_SPLITS_AT_SEMICOLONS
}
