package io.resequel.migrate;

import java.time.Duration;

/**
 * Progress of a {@link Migrator}, for a listener (the CLI prints these as sequelize-cli does).
 *
 * @param type    what happens
 * @param name    the migration's name
 * @param elapsed how long it took, for the finishing events; {@link Duration#ZERO} for the starting ones
 */
public record MigrationEvent(Type type, String name, Duration elapsed) {

    /** The kinds of progress. */
    public enum Type {
        /** An up is starting. */
        MIGRATING,
        /** An up completed and was recorded. */
        MIGRATED,
        /** A down is starting. */
        REVERTING,
        /** A down completed and its record was removed. */
        REVERTED
    }
}
