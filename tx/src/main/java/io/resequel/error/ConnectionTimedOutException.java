package io.resequel.error;

/** Connecting took longer than the connect timeout (Sequelize's {@code ConnectionTimedOutError}): a firewall drops packets, or the host is overloaded. */
public class ConnectionTimedOutException extends ConnectionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message  what failed and the usual fix
     * @param sqlState the SQLSTATE the server sent, or {@code null}
     * @param cause    the driver's or the network's exception
     */
    public ConnectionTimedOutException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
