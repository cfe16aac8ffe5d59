package io.resequel.error;

/** The host name does not resolve (Sequelize's {@code HostNotFoundError}). */
public class HostNotFoundException extends ConnectionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message  what failed and the usual fix
     * @param sqlState the SQLSTATE the server sent, or {@code null}
     * @param cause    the driver's or the network's exception
     */
    public HostNotFoundException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
