package io.resequel.sql;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.resequel.error.AccessDeniedException;
import io.resequel.error.ConnectionException;
import io.resequel.error.ConnectionLostException;
import io.resequel.error.ConnectionRefusedException;
import io.resequel.error.ConnectionTimedOutException;
import io.resequel.error.HostNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Connection-level failures as the {@link ConnectionException} family: what the network and the SQL standard say
 * (the JDK's socket exceptions in the cause chain, SQLSTATE classes 08 and 28), for the dialects to extend with
 * their drivers' own exceptions and vendor codes. Checked in that order: the socket's exception is the most
 * specific (drivers wrap a refused connect in a generic 08xxx error).
 */
public final class ConnectionErrors {

    /** The family's members. */
    public enum Kind {
        /** nothing listens at the host and port */
        REFUSED,
        /** connecting took longer than the connect timeout */
        TIMED_OUT,
        /** credentials or privileges refused */
        ACCESS_DENIED,
        /** the host name does not resolve */
        HOST_NOT_FOUND,
        /** an open connection broke */
        LOST,
        /** another failure while connecting (an unknown database) */
        OTHER
    }

    private ConnectionErrors() {
    }

    /**
     * @param kind     which failure
     * @param error    the driver's or the network's exception
     * @param sqlState the SQLSTATE, or {@code null}
     * @return the typed error, its message the driver's plus the usual fix
     */
    public static ConnectionException of(Kind kind, Throwable error, String sqlState) {
        String what = describe(error);
        return switch (kind) {
            case REFUSED -> new ConnectionRefusedException("RSQ-140 the database refused the connection: " + what
                    + "; check the host and port in the URL and that the server is running", sqlState, error);
            case TIMED_OUT -> new ConnectionTimedOutException("RSQ-141 connecting to the database timed out: " + what
                    + "; check the host, the port and any firewall between", sqlState, error);
            case ACCESS_DENIED -> new AccessDeniedException("RSQ-142 the database denied access: " + what
                    + "; check the user name, the password and the user's privileges on the database", sqlState, error);
            case HOST_NOT_FOUND -> new HostNotFoundException("RSQ-143 the database host was not found: " + what
                    + "; check the host name in the URL", sqlState, error);
            case LOST -> new ConnectionLostException("RSQ-144 the connection to the database was lost: " + what
                    + "; the server shut down or ended the session, or the network dropped it (outside a transaction"
                    + " the statement's outcome is unknown)", sqlState, error);
            case OTHER -> new ConnectionException("RSQ-145 could not connect to the database: " + what, sqlState,
                    error);
        };
    }

    /**
     * Reads the JDK's and Netty's socket exceptions anywhere in the cause chain: an unknown host, a connect timeout,
     * a refused connection.
     *
     * @param error a failure
     * @return the typed error, or {@code null} when none of them caused it
     */
    public static ConnectionException socket(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return of(Kind.HOST_NOT_FOUND, error, null);
            }
            // Netty's ConnectTimeoutException extends ConnectException: test it first, by name (core knows no Netty)
            if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return of(Kind.TIMED_OUT, error, null);
            }
            if (t instanceof ConnectException) {
                return of(Kind.REFUSED, error, null);
            }
        }
        return null;
    }

    /**
     * @param error      a failure
     * @param connecting whether it happened while opening the connection
     * @return a failure to connect, or a lost connection once connected, when an I/O error is in the cause chain
     *         (a reset, a closed channel); else {@code null}
     */
    public static ConnectionException io(Throwable error, boolean connecting) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return of(connecting ? Kind.OTHER : Kind.LOST, error, null);
            }
        }
        return null;
    }

    /**
     * Reads the standard SQLSTATE classes: 28 (invalid authorization) is access denied; 08 (connection exception)
     * is a failure to connect, or a lost connection once connected. While connecting, R2DBC's permission-denied
     * exception is access denied too (later it means a missing privilege on a table, no connection matter).
     *
     * @param e          a driver error
     * @param connecting whether it happened while opening the connection
     * @return the typed error, or {@code null}
     */
    public static ConnectionException standard(R2dbcException e, boolean connecting) {
        String state = e.getSqlState();
        if (state != null && state.startsWith("28")
                || connecting && e instanceof R2dbcPermissionDeniedException) {
            return of(Kind.ACCESS_DENIED, e, state);
        }
        if (state != null && state.startsWith("08")) {
            return of(connecting ? ("08001".equals(state) || "08004".equals(state) ? Kind.REFUSED : Kind.OTHER)
                    : Kind.LOST, e, state);
        }
        return null;
    }

    /** @return the error's message, and its root cause's when that says more */
    private static String describe(Throwable error) {
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message;
    }
}
