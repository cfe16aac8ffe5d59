package io.resequel.migrate;

/**
 * One line of {@link Migrator#status()}.
 *
 * @param name     the migration's name
 * @param state    executed, pending, modified since applied, or applied but missing from the sources
 * @param checksum the checksum recorded when applied, or {@code null}
 */
public record MigrationStatus(String name, State state, String checksum) {

    /** Where a migration stands. */
    public enum State {
        /** Applied, unchanged since. */
        EXECUTED,
        /** Not applied yet. */
        PENDING,
        /** Applied, but its content changed since (checksum mismatch): {@code up()} refuses to run. */
        MODIFIED,
        /** Recorded as applied, but no source holds it any more. */
        MISSING
    }
}
