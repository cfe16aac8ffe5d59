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
import reactor.core.publisher.Flux;

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
        TransactionTest.awaitNoAcquired(db); // the release after the last result is asynchronous
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
        db.transactionMany(tx -> db.authenticate()).blockLast(WAIT);
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

    /**
     * Defect 11: a statement that starts from the completion of the previous one runs inside reactor-pool's recycle of
     * the previous connection (on H2, synchronously on the same thread). Closing the pool as soon as the caller has
     * its result, while those frames unwind, made reactor-pool destroy a slot it had already handed out again and
     * return its permit twice ("Too many permits returned", dropped through onErrorDropped).
     */
    @DatabaseTest
    void closingRightAfterChainedQueriesDropsNothing(TestDb t) {
        for (int i = 0; i < 30; i++) {
            Resequel db = t.connect(b -> { });
            Flux.range(0, 20).concatMap(n -> db.executor().query(Sql.of("SELECT 1"), r -> r.get(0))).blockLast(WAIT);
            db.close().block(WAIT);
        }
        assertEquals(List.of(), io.resequel.testkit.DroppedSignals.sinceTestStart());
    }

    /**
     * Defect 11: queries cut by {@code take(1)} or by disposing leave their connection with a result still streaming
     * in; closing the pool right after such a storm must not drop the drivers' "connection closed" errors of those
     * cancelled statements.
     */
    @DatabaseTest
    void cancelStormThenCloseDropsNothing(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(4)));
        String table = t.q("Storm");
        db.executor().update(Sql.of("CREATE TABLE " + table + " (" + t.q("n") + " INTEGER)")).block(WAIT);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            values.append(i == 0 ? "" : ", ").append('(').append(i).append(')');
        }
        db.executor().update(Sql.of("INSERT INTO " + table + " VALUES " + values)).block(WAIT);
        Flux<Object> storm = Flux.range(0, 400)
                .flatMap(i -> db.executor().query(Sql.of("SELECT " + t.q("n") + " FROM " + table), r -> r.get(0))
                        .take(1 + i % 3), 16);
        reactor.core.Disposable running = storm.subscribe();
        reactor.core.publisher.Mono.delay(Duration.ofMillis(150)).block();
        running.dispose();
        db.close().block(WAIT);
        assertEquals(List.of(), io.resequel.testkit.DroppedSignals.sinceTestStart());
    }
}
