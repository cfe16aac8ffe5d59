package io.resequel.query;

/** How {@code sync} treats existing tables. Immutable. */
public final class SyncOptions {

    /** Create tables that do not exist; leave the others alone. */
    public static final SyncOptions DEFAULT = new SyncOptions(false, false);

    private final boolean force;
    private final boolean alter;

    private SyncOptions(boolean force, boolean alter) {
        this.force = force;
        this.alter = alter;
    }

    /** @return drop and recreate every table */
    public static SyncOptions force() {
        return new SyncOptions(true, false);
    }

    /** @return alter existing tables to match the models (add, change and drop columns) */
    public static SyncOptions alter() {
        return new SyncOptions(false, true);
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
