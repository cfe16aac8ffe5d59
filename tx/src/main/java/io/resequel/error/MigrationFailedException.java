package io.resequel.error;

import java.util.List;

/**
 * A migration's own SQL failed. Says which migration, in which direction, the statement that failed and the ones
 * that had completed before it, and whether those were rolled back: on a database without transactional DDL
 * (MariaDB/MySQL) they were not, and the schema is left half-migrated exactly by the statements listed.
 */
public final class MigrationFailedException extends MigrationException {

    private static final long serialVersionUID = 1L;

    private final String migration;
    private final boolean up;
    private final List<String> completed;
    private final String failed;
    private final boolean rolledBack;

    /**
     * @param migration  the migration's name
     * @param up         {@code true} for up, {@code false} for down
     * @param completed  the statements that had completed, in order
     * @param failed     the statement that failed, or {@code null} when the failure came from elsewhere
     * @param rolledBack whether the completed statements were rolled back
     * @param cause      the database's error
     */
    public MigrationFailedException(String migration, boolean up, List<String> completed, String failed,
            boolean rolledBack, Throwable cause) {
        super(message(migration, up, completed, failed, rolledBack, cause), cause);
        this.migration = migration;
        this.up = up;
        this.completed = List.copyOf(completed);
        this.failed = failed;
        this.rolledBack = rolledBack;
    }

    private static String message(String migration, boolean up, List<String> completed, String failed,
            boolean rolledBack, Throwable cause) {
        StringBuilder b = new StringBuilder("RSQ-952 migration ").append(migration).append(up ? " (up)" : " (down)")
                .append(" failed");
        if (failed != null) {
            b.append(" at statement ").append(completed.size() + 1).append(": ").append(failed);
        }
        b.append(": ").append(cause.getMessage());
        if (rolledBack) {
            b.append(". It ran in a transaction that was rolled back: none of its statements remain");
        } else if (completed.isEmpty()) {
            b.append(". No statement of it had completed");
        } else {
            b.append(". The database has no transactional DDL: these ").append(completed.size())
                    .append(" statement(s) ran and were NOT rolled back:");
            for (int i = 0; i < completed.size(); i++) {
                b.append("\n  ").append(i + 1).append(") ").append(completed.get(i));
            }
        }
        return b.toString();
    }

    /** @return the migration's name */
    public String migration() {
        return migration;
    }

    /** @return whether it failed going up */
    public boolean up() {
        return up;
    }

    /** @return the statements that completed before the failure, in order */
    public List<String> completed() {
        return completed;
    }

    /** @return the statement that failed, or {@code null} */
    public String failed() {
        return failed;
    }

    /** @return whether the completed statements were rolled back */
    public boolean rolledBack() {
        return rolledBack;
    }
}
