package io.resequel.error;

/**
 * The database could not be reached or the connection broke (Sequelize's {@code ConnectionError}). Subclasses say
 * which: refused, timed out, access denied, host not found, lost. This class itself is raised for other failures
 * while connecting, such as an unknown database name. Not retryable as it is: the cause is outside the statement.
 */
public class ConnectionException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String sqlState;

    /**
     * @param message  what failed and, where possible, the fix
     * @param sqlState the SQLSTATE the server sent, or {@code null} (network errors have none)
     * @param cause    the driver's or the network's exception
     */
    public ConnectionException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** @return the SQLSTATE, or {@code null} when the failure came from the network rather than the server */
    public String sqlState() {
        return sqlState;
    }
}
