package io.resequel.error;

/**
 * A migration run could not go on: an unknown target migration, an applied migration missing from the sources, the
 * migration lock not taken in time. Subclasses say more: {@link MigrationFailedException} (a migration's own SQL
 * failed), {@link MigrationChecksumException} (an applied migration was edited).
 */
public class MigrationException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and the way out */
    public MigrationException(String message) {
        super(message);
    }

    /** @param message what went wrong @param cause the underlying error */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
