package io.resequel.error;

/**
 * A migration that was already applied has changed since: its checksum no longer matches the one recorded in the
 * meta table. Editing an applied migration means databases migrated before and after the edit differ; write a new
 * migration instead, or run with {@code repair} to record the new checksum when the edit is known to be harmless.
 */
public final class MigrationChecksumException extends MigrationException {

    private static final long serialVersionUID = 1L;

    private final String migration;
    private final String recorded;
    private final String current;

    /**
     * @param migration the migration's name
     * @param recorded  the checksum in the meta table
     * @param current   the checksum of the migration as found now
     */
    public MigrationChecksumException(String migration, String recorded, String current) {
        super("RSQ-951 migration " + migration + " was applied with checksum " + recorded
                + " but is now " + current + ": an applied migration was edited. Revert the edit and add a new"
                + " migration, or run with repair to record the new checksum");
        this.migration = migration;
        this.recorded = recorded;
        this.current = current;
    }

    /** @return the migration's name */
    public String migration() {
        return migration;
    }

    /** @return the checksum recorded when it was applied */
    public String recorded() {
        return recorded;
    }

    /** @return the checksum of the migration as found now */
    public String current() {
        return current;
    }
}
