package io.resequel.dialect.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.resequel.error.AccessDeniedException;
import io.resequel.error.ConnectionException;
import io.resequel.error.ConnectionLostException;
import io.resequel.error.DatabaseException;
import org.junit.jupiter.api.Test;

/** H2's codes for a session that died, and for failures to open one. */
class H2ConnectionErrorsTest {

    private final H2Dialect dialect = new H2Dialect();

    @Test
    void codes() {
        for (int code : new int[] {90067, 90098, 90121, 90007}) {
            assertInstanceOf(ConnectionLostException.class, dialect.translate(
                    new R2dbcNonTransientResourceException("closed", String.valueOf(code), code), "SELECT 1"));
        }
        assertInstanceOf(AccessDeniedException.class, dialect.translateConnect(
                new R2dbcPermissionDeniedException("Wrong user name or password", "28000", 28000)));
        assertEquals(ConnectionException.class, dialect.translateConnect(
                new R2dbcNonTransientResourceException("Database not found", "90146", 90146)).getClass());
        // 57014: a statement cancelled (timeout) leaves the session alive
        assertEquals(DatabaseException.class, dialect.translate(
                new R2dbcNonTransientResourceException("Statement was canceled", "57014", 57014), "x").getClass());
    }
}
