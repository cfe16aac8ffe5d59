package io.resequel.tx;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the pools remember about driver connections between lendings: when each went idle, and which must be closed
 * on release. Shared by every pool (a replicated source releases a reader's connection without knowing its pool);
 * weak, so destroyed connections drop out.
 */
final class ConnectionMarks {

    /** Driver connection → {@link System#nanoTime()} of its last release. */
    private static final Map<Connection, Long> IDLE_SINCE = Collections.synchronizedMap(new WeakHashMap<>());
    /** Driver connections to close on release rather than return. */
    private static final Set<Connection> UNUSABLE =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private ConnectionMarks() {
    }

    /** @param connection a pool wrapper (or any {@link Wrapped} chain) @return the driver's connection */
    static Connection unwrap(Connection connection) {
        Connection c = connection;
        while (c instanceof Wrapped<?> w && w.unwrap() instanceof Connection inner && inner != c) {
            c = inner;
        }
        return c;
    }

    static void released(Connection driver) {
        IDLE_SINCE.put(driver, System.nanoTime());
    }

    /** @return the {@link System#nanoTime()} it went idle, or {@code null} when new; forgets it */
    static Long takeIdleSince(Connection driver) {
        return IDLE_SINCE.remove(driver);
    }

    static void markUnusable(Connection driver) {
        UNUSABLE.add(driver);
    }

    /** @return whether it was marked unusable; forgets the mark */
    static boolean takeUnusable(Connection driver) {
        return UNUSABLE.remove(driver);
    }
}
