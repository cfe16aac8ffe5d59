package io.resequel.hooks;

/**
 * Every hook Sequelize documents, in the order they fire within an operation. Instance hooks receive the instance
 * ({@link HookEvent#instance()}); bulk hooks the mutable values and where ({@link HookEvent#values()},
 * {@link HookEvent#where(io.resequel.query.Where)}) or the instances of a bulkCreate; find hooks the mutable find
 * options ({@link HookEvent#find()}); after-hooks the result.
 */
public enum HookType {
    /** Before an instance's validators run (create, update, save, upsert). */
    BEFORE_VALIDATE,
    /** After validation passed. */
    AFTER_VALIDATE,
    /** After validation failed: {@link HookEvent#error()}; a hook's own error replaces it. */
    VALIDATION_FAILED,
    /** Before an INSERT of an instance, after validation. */
    BEFORE_CREATE,
    /** After the INSERT. */
    AFTER_CREATE,
    /** Before an instance is deleted (or soft-deleted). */
    BEFORE_DESTROY,
    /** After the delete. */
    AFTER_DESTROY,
    /** Before a soft-deleted instance is restored. */
    BEFORE_RESTORE,
    /** After the restore. */
    AFTER_RESTORE,
    /** Before an UPDATE of an instance, after validation. */
    BEFORE_UPDATE,
    /** After the UPDATE. */
    AFTER_UPDATE,
    /** Before an instance's INSERT or UPDATE, after BEFORE_CREATE / BEFORE_UPDATE. */
    BEFORE_SAVE,
    /** After AFTER_CREATE / AFTER_UPDATE. */
    AFTER_SAVE,
    /** Before an upsert: its values. */
    BEFORE_UPSERT,
    /** After an upsert: its result. */
    AFTER_UPSERT,
    /** Before a bulkCreate: its instances. */
    BEFORE_BULK_CREATE,
    /** After a bulkCreate. */
    AFTER_BULK_CREATE,
    /** Before a bulk destroy: its where. */
    BEFORE_BULK_DESTROY,
    /** After a bulk destroy. */
    AFTER_BULK_DESTROY,
    /** Before a bulk restore: its where. */
    BEFORE_BULK_RESTORE,
    /** After a bulk restore. */
    AFTER_BULK_RESTORE,
    /** Before a bulk update: its values and where. */
    BEFORE_BULK_UPDATE,
    /** After a bulk update. */
    AFTER_BULK_UPDATE,
    /** Before a find: the find options, scopes merged. */
    BEFORE_FIND,
    /** After {@code include all} was expanded. */
    BEFORE_FIND_AFTER_EXPAND_INCLUDE_ALL,
    /** Last chance to change the find options, the paranoid filter added. */
    BEFORE_FIND_AFTER_OPTIONS,
    /** After a find, once per row found (the result streams). */
    AFTER_FIND,
    /** Before a count: the find options. */
    BEFORE_COUNT,
    /** Before one model's table is synced. */
    BEFORE_SYNC,
    /** After one model's table is synced. */
    AFTER_SYNC,
    /** Before {@code db.sync()} (database-wide hooks only). */
    BEFORE_BULK_SYNC,
    /** After {@code db.sync()} (database-wide hooks only). */
    AFTER_BULK_SYNC,
    /** After a pooled connection was opened (database-wide hooks only): {@link HookEvent#connection()}. */
    AFTER_CONNECT,
    /** Before a connection is taken from the pool, for a query or a transaction (database-wide hooks only). */
    BEFORE_POOL_ACQUIRE,
    /** After a connection was taken from the pool (database-wide hooks only): {@link HookEvent#connection()}. */
    AFTER_POOL_ACQUIRE,
    /** Before {@code db.close()} closes the pool (database-wide hooks only). */
    BEFORE_DISCONNECT,
    /** After {@code db.close()} closed the pool (database-wide hooks only). */
    AFTER_DISCONNECT,
    /** Operator hooks only ({@link Hooks#around}): every findAll, findOne and findByPk call, as a stream of rows. */
    FIND,
    /** Operator hooks only: every count call. */
    COUNT,
    /** Operator hooks only: every save of an instance (create or update), around CREATE / UPDATE. */
    SAVE,
    /** Operator hooks only: every insert of an instance ({@code create}, or {@code save} of a new instance). */
    CREATE,
    /**
     * Operator hooks only: every update of a saved instance ({@code save}, {@code instance.update}, and
     * {@code instance.increment}/{@code decrement}, which are updates but not saves).
     */
    UPDATE,
    /** Operator hooks only: every {@code instance.destroy}. */
    DESTROY,
    /** Operator hooks only: every {@code instance.restore}. */
    RESTORE,
    /** Operator hooks only: every {@code bulkCreate} (with or without includes), its instances after the commit. */
    BULK_CREATE,
    /**
     * Operator hooks only: every bulk {@code Model.update} and static {@code Model.increment}/{@code decrement}, its
     * count (or {@code UpdateResult}) after the commit.
     */
    BULK_UPDATE,
    /** Operator hooks only: every bulk {@code Model.destroy} and {@code truncate}, its count after the commit. */
    BULK_DESTROY,
    /** Operator hooks only: every bulk {@code Model.restore}, its count after the commit. */
    BULK_RESTORE,
    /** Operator hooks only: every {@code upsert}, its {@code Created} result after the commit. */
    UPSERT,
    /** Operator hooks only: every {@code min}, {@code max}, {@code sum} and {@code countGrouped} (rows as maps). */
    AGGREGATE
}
