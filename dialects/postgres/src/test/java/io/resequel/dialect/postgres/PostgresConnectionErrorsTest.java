package io.resequel.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import io.resequel.error.AccessDeniedException;
import io.resequel.error.ConnectionException;
import io.resequel.error.ConnectionLostException;
import io.resequel.error.ConnectionRefusedException;
import io.resequel.error.ConnectionTimedOutException;
import io.resequel.error.DatabaseException;
import io.resequel.error.HostNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** PostgreSQL's connection-level SQLSTATEs and the network's exceptions, as the driver wraps them. */
class PostgresConnectionErrorsTest {

    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void connecting() {
        // r2dbc-postgresql wraps a socket failure in a generic 08003: the socket's exception decides
        assertInstanceOf(ConnectionRefusedException.class, dialect.translateConnect(new R2dbcNonTransientResourceException(
                "Cannot connect to localhost:1", "08003", 0, new ConnectException("Connection refused"))));
        assertInstanceOf(HostNotFoundException.class, dialect.translateConnect(new R2dbcNonTransientResourceException(
                "Cannot connect to nohost.invalid:5432", "08003", 0, new UnknownHostException("nohost.invalid"))));
        assertInstanceOf(ConnectionTimedOutException.class, dialect.translateConnect(new R2dbcNonTransientResourceException(
                "Cannot connect", "08003", 0, new ConnectTimeoutException("connection timed out: /10.0.0.1:5432"))));
        assertInstanceOf(AccessDeniedException.class, dialect.translateConnect(
                new R2dbcPermissionDeniedException("password authentication failed for user \"x\"", "28P01")));
        assertInstanceOf(AccessDeniedException.class, dialect.translateConnect(
                new R2dbcPermissionDeniedException("role \"x\" does not exist", "28000")));
        assertInstanceOf(ConnectionRefusedException.class, dialect.translateConnect(
                new R2dbcTransientResourceException("the database system is starting up", "57P03")));
        assertEquals(ConnectionException.class, dialect.translateConnect(
                new R2dbcNonTransientResourceException("database \"d\" does not exist", "3D000")).getClass());
    }

    @Test
    void underAStatement() {
        for (String state : new String[] {"57P01", "57P02", "08006"}) {
            ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class,
                    dialect.translate(new R2dbcNonTransientResourceException("terminating", state), "SELECT 1"));
            assertEquals(state, lost.sqlState());
        }
        assertInstanceOf(ConnectionLostException.class, dialect.translate(
                new R2dbcNonTransientResourceException("closed", null, 0, new IOException("Connection reset")), "x"));
        // a cancelled statement (statement_timeout) and a missing table privilege are no connection matter
        assertEquals(DatabaseException.class, dialect.translate(
                new R2dbcNonTransientResourceException("canceling statement due to statement timeout", "57014"), "x")
                .getClass());
        assertEquals(DatabaseException.class, dialect.translate(
                new R2dbcPermissionDeniedException("permission denied for table t", "42501"), "x").getClass());
    }

    /** Netty's ConnectTimeoutException, recognised by name (it extends ConnectException). */
    private static final class ConnectTimeoutException extends ConnectException {
        private static final long serialVersionUID = 1L;

        ConnectTimeoutException(String message) {
            super(message);
        }
    }
}
