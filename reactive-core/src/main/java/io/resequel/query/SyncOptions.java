package io.resequel.query;

/** How {@code sync} treats existing tables. Immutable. */
public final class SyncOptions {

    /** Create tables that do not exist; leave the others alone. */
    public static final SyncOptions DEFAULT = new SyncOptions(false, false, true, true);

    private final boolean force;
    private final boolean alter;
    private final boolean drop;
    private final boolean hooks;

    private SyncOptions(boolean force, boolean alter, boolean drop, boolean hooks) {
        this.force = force;
        this.alter = alter;
        this.drop = drop;
        this.hooks = hooks;
    }

    /** @return drop and recreate every table */
    public static SyncOptions force() {
        return new SyncOptions(true, false, true, true);
    }

    /** @return alter existing tables to match the models (add, change and drop columns) */
    public static SyncOptions alter() {
        return new SyncOptions(false, true, true, true);
    }

    /**
     * Sequelize's {@code alter: {drop: false}}: with {@code false}, {@code alter} adds and changes columns but keeps
     * the columns the model no longer has (their data stays); {@code true} (the default) drops them.
     *
     * @param drop whether {@code alter} drops columns the model lacks
     * @return a copy with that choice
     */
    public SyncOptions drop(boolean drop) {
        return new SyncOptions(force, alter, drop, hooks);
    }

    /**
     * Sequelize's {@code sync({hooks: false})}: with {@code false} neither the models' {@code beforeSync} /
     * {@code afterSync} hooks nor the database's {@code beforeBulkSync} / {@code afterBulkSync} hooks run.
     *
     * @param hooks whether the sync hooks run (the default is {@code true})
     * @return a copy with that choice
     */
    public SyncOptions hooks(boolean hooks) {
        return new SyncOptions(force, alter, drop, hooks);
    }

    /** @return whether the sync hooks run */
    public boolean isHooks() {
        return hooks;
    }

    /** @return whether {@code alter} drops columns the model lacks */
    public boolean isDrop() {
        return drop;
    }

    /** @return whether tables are dropped and recreated */
    public boolean isForce() {
        return force;
    }

    /** @return whether existing tables are altered */
    public boolean isAlter() {
        return alter;
    }
}
