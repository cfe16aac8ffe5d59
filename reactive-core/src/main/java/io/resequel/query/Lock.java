package io.resequel.query;

import java.util.Objects;

/**
 * A row lock taken by a finder ({@code SELECT ... FOR UPDATE} and friends): Sequelize's {@code lock} option with
 * {@code skipLocked} and {@code of}. Immutable; start from a level constant and refine:
 * {@code Lock.UPDATE.skipLocked()}, {@code Lock.SHARE.nowait()}, {@code Lock.UPDATE.of("Accounts")}.
 *
 * <p>A lock only means something inside a transaction; a finder with a lock outside one fails with
 * {@link io.resequel.error.LockWithoutTransactionException}. The dialect renders it, and fails with
 * {@link io.resequel.error.UnsupportedFeatureException} where the database lacks a level or modifier.
 */
public final class Lock {

    /** Lock strength, strongest first. */
    public enum Level {
        /** {@code FOR UPDATE}: blocks other writers and lockers. */
        UPDATE,
        /** {@code FOR NO KEY UPDATE} (PostgreSQL): like UPDATE but lets foreign-key checks through. */
        NO_KEY_UPDATE,
        /** {@code FOR SHARE} ({@code LOCK IN SHARE MODE} on MariaDB): blocks writers, not other sharers. */
        SHARE,
        /** {@code FOR KEY SHARE} (PostgreSQL): blocks only key changes and deletes. */
        KEY_SHARE
    }

    /** {@code FOR UPDATE}. */
    public static final Lock UPDATE = new Lock(Level.UPDATE, false, false, null);
    /** {@code FOR NO KEY UPDATE}. */
    public static final Lock NO_KEY_UPDATE = new Lock(Level.NO_KEY_UPDATE, false, false, null);
    /** {@code FOR SHARE}. */
    public static final Lock SHARE = new Lock(Level.SHARE, false, false, null);
    /** {@code FOR KEY SHARE}. */
    public static final Lock KEY_SHARE = new Lock(Level.KEY_SHARE, false, false, null);

    private final Level level;
    private final boolean skipLocked;
    private final boolean nowait;
    private final String of;

    private Lock(Level level, boolean skipLocked, boolean nowait, String of) {
        this.level = level;
        this.skipLocked = skipLocked;
        this.nowait = nowait;
        this.of = of;
    }

    /** @return the level */
    public Level level() { return level; }

    /** @return whether rows locked by others are skipped ({@code SKIP LOCKED}) */
    public boolean isSkipLocked() { return skipLocked; }

    /** @return whether a row locked by another fails at once instead of waiting ({@code NOWAIT}) */
    public boolean isNowait() { return nowait; }

    /** @return the table whose rows are locked ({@code FOR UPDATE OF t}), or {@code null} for every table */
    public String of() { return of; }

    /** @return this lock skipping rows other transactions hold; not combinable with {@link #nowait()} */
    public Lock skipLocked() {
        if (nowait) {
            throw new IllegalArgumentException("a lock is either skipLocked() or nowait(), not both");
        }
        return new Lock(level, true, false, of);
    }

    /** @return this lock failing at once, with a LockWaitTimeoutException, on a row another transaction holds */
    public Lock nowait() {
        if (skipLocked) {
            throw new IllegalArgumentException("a lock is either skipLocked() or nowait(), not both");
        }
        return new Lock(level, false, true, of);
    }

    /**
     * @param table the model's table name or model name (Sequelize's {@code of: Model}) whose rows to lock; where the
     *              statement aliases the table (a find with includes) the alias is rendered
     * @return this lock limited to it
     */
    public Lock of(String table) {
        return new Lock(level, skipLocked, nowait, Objects.requireNonNull(table, "table"));
    }

    @Override
    public String toString() {
        return "Lock(" + level + (of != null ? " OF " + of : "") + (skipLocked ? " SKIP LOCKED" : "")
                + (nowait ? " NOWAIT" : "") + ")";
    }
}
