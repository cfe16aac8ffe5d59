package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.sql.Sql;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.error.ConnectionAcquireTimeoutException;
import io.resequel.tx.PoolMetrics;
import io.resequel.tx.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pool settings: acquire timeout as a typed error, metrics, maxUses. */
class PoolTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @DatabaseTest
    void acquireTimeoutNamesThePoolSizeAndTheWait(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1).acquire(Duration.ofMillis(300))));
        Transaction holder = db.startTransaction().block(WAIT);
        try {
            PoolMetrics busy = db.poolMetrics();
            assertEquals(1, busy.acquired());
            assertEquals(1, busy.max());
            long start = System.nanoTime();
            ConnectionAcquireTimeoutException e = assertThrows(ConnectionAcquireTimeoutException.class,
                    () -> db.authenticate().block(WAIT));
            long waited = (System.nanoTime() - start) / 1_000_000;
            // r2dbc-pool's own acquire retry used to restart the wait once: it failed after about 600 ms
            assertTrue(waited >= 300 && waited < 450, "configured 300 ms, waited " + waited + " ms");
            assertTrue(e.getMessage().contains("300 ms") && e.getMessage().contains("pool max 1"), e.getMessage());
            assertEquals(1, e.max());
            assertInstanceOf(io.resequel.error.ResequelException.class, e);
        } finally {
            holder.rollback().block(WAIT);
        }
        db.authenticate().block(WAIT);
        assertEquals(0, db.poolMetrics().acquired());
    }

    @DatabaseTest
    void cancellingWhileWaitingForAConnectionLeavesNothingBehind(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1)));
        Transaction holder = db.startTransaction().block(WAIT);
        reactor.core.Disposable waiting = db.transaction(tx -> db.authenticate()).subscribe();
        reactor.core.Disposable query = db.authenticate().subscribe();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (db.poolMetrics().pending() < 2 && System.nanoTime() < deadline) {
            reactor.core.publisher.Mono.delay(Duration.ofMillis(10)).block();
        }
        assertEquals(2, db.poolMetrics().pending(), "both wait for the one connection");
        waiting.dispose();
        query.dispose();
        holder.rollback().block(WAIT);
        db.transaction(tx -> db.authenticate()).blockLast(WAIT);
        TransactionTest.awaitNoAcquired(db);
        assertEquals(0, db.poolMetrics().pending(), db.poolMetrics().toString());
    }

    @DatabaseTest
    void maxUsesRecyclesAConnection(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1).maxUses(2)));
        String sql = t.is("postgres") ? "SELECT pg_backend_pid()"
                : t.is("mysql") ? "SELECT CONNECTION_ID()" : "SELECT SESSION_ID()";
        List<Object> sessions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sessions.add(db.executor().query(Sql.of(sql), r -> r.get(0)).blockFirst(WAIT));
        }
        Set<Object> distinct = new HashSet<>(sessions);
        assertEquals(3, distinct.size(), "six uses of a one-connection pool with maxUses 2: " + sessions);
        assertEquals(sessions.get(0), sessions.get(1));
    }
}
