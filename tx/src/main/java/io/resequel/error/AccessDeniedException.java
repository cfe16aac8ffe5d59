package io.resequel.error;

/** The server refused the credentials or the user's access (Sequelize's {@code AccessDeniedError}): unknown user, wrong password, no privilege on the database. */
public class AccessDeniedException extends ConnectionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message  what failed and the usual fix
     * @param sqlState the SQLSTATE the server sent, or {@code null}
     * @param cause    the driver's or the network's exception
     */
    public AccessDeniedException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
