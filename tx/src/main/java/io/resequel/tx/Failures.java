package io.resequel.tx;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/** Classifies driver failures where the transaction layer must act on them without knowing the database. */
final class Failures {

    private Failures() {
    }

    /**
     * @param e a failure of a statement, COMMIT or ROLLBACK
     * @return whether the connection itself failed (closed, reset, unreachable), so the server's side of the
     *         operation is unknown — as opposed to the server answering with an error
     */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // A server's answer carries its SQLSTATE (r2dbc-postgresql types e.g. a trigger's RAISE, P0001, as a
            // "resource" exception): only connection classes mean the connection itself failed.
            if (t instanceof R2dbcException r && r.getSqlState() != null && !r.getSqlState().isEmpty()) {
                String state = r.getSqlState();
                return state.startsWith("08") || state.startsWith("57P0");
            }
            if (t instanceof R2dbcNonTransientResourceException || t instanceof R2dbcTransientResourceException
                    || t instanceof IOException || t instanceof ClosedChannelException) {
                return true;
            }
            String name = t.getClass().getSimpleName();
            if (name.contains("ConnectionClosed") || name.contains("ConnectionException")
                    || name.equals("PrematureCloseException")) {
                return true;
            }
        }
        return false;
    }
}
