package io.resequel.error;

/** Nothing listens at the host and port (Sequelize's {@code ConnectionRefusedError}): a wrong port, or the server is down. */
public class ConnectionRefusedException extends ConnectionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message  what failed and the usual fix
     * @param sqlState the SQLSTATE the server sent, or {@code null}
     * @param cause    the driver's or the network's exception
     */
    public ConnectionRefusedException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
