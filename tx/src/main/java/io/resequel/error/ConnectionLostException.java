package io.resequel.error;

/**
 * An open connection broke: the server shut down or terminated the session, the network dropped it, or it was
 * closed while a statement ran. The statement's outcome is unknown unless it ran inside a transaction (which the
 * server rolled back). The pool discards such a connection; a retry gets a fresh one.
 */
public class ConnectionLostException extends ConnectionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message  what failed
     * @param sqlState the SQLSTATE the server sent (e.g. 57P01 on PostgreSQL), or {@code null}
     * @param cause    the driver's exception
     */
    public ConnectionLostException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
