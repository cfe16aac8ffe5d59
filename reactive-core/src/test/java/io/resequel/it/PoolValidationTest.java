package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.sql.Sql;
import io.resequel.testkit.AllowDroppedSignals;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.error.ConnectionAcquireTimeoutException;
import io.resequel.tx.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Dead pooled connections are never handed out (issue 11, defect 6), and the applicable cases of Sequelize's
 * {@code test/integration/pool.test.js}. Backends are killed from another connection the way an administrator, a
 * restart or an idle-killing proxy would: {@code pg_terminate_backend}, MariaDB's {@code KILL}, H2's
 * {@code ABORT_SESSION}.
 */
class PoolValidationTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    private static String sessionId(TestDb t) {
        return t.is("postgres") ? "SELECT pg_backend_pid()"
                : t.is("mysql") ? "SELECT CONNECTION_ID()" : "SELECT SESSION_ID()";
    }

    private static Object session(Resequel db, TestDb t) {
        return db.executor().query(Sql.of(sessionId(t)), r -> r.get(0)).blockFirst(WAIT);
    }

    private static Object session(Resequel db, TestDb t, Transaction tx) {
        return db.select(sessionId(t), o -> { }).next()
                .contextWrite(ctx -> io.resequel.tx.TransactionContext.with(ctx, tx))
                .map(row -> row.values().iterator().next()).block(WAIT);
    }

    private static void kill(TestDb t, Object session) {
        String sql = t.is("postgres") ? "SELECT pg_terminate_backend(" + session + ")"
                : t.is("mysql") ? "KILL " + session : "SELECT ABORT_SESSION(" + session + ")";
        t.raw(sql).then().block(WAIT);
    }

    /** Opens {@code n} pooled connections at once (each in a transaction) and returns their server sessions. */
    private static List<Object> openIdle(Resequel db, TestDb t, int n) {
        List<Transaction> held = new ArrayList<>();
        List<Object> sessions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Transaction tx = db.startTransaction().block(WAIT);
            held.add(tx);
            sessions.add(session(db, t, tx));
        }
        held.forEach(tx -> tx.commit().block(WAIT));
        return sessions;
    }

    /**
     * The broken connection is discarded at once, but the pool finishes destroying it asynchronously (its count drops
     * a moment later; seen in CI on PostgreSQL), so the pool gets two seconds to settle at one connection at most.
     */
    private static void awaitAtMostOneHeld(Resequel db) {
        // one snapshot per check: two separate reads can straddle a release and count the connection twice
        var m = db.poolMetrics();
        long until = System.nanoTime() + 2_000_000_000L;
        while (m.acquired() + m.idle() > 1 && System.nanoTime() < until) {
            Mono.delay(Duration.ofMillis(10)).block();
            m = db.poolMetrics();
        }
        assertTrue(m.acquired() + m.idle() <= 1, m.toString());
    }

    @AllowDroppedSignals("the server killed this connection: r2dbc-postgresql / r2dbc-mysql drop its last messages internally")
    @DatabaseTest
    void killedIdleConnectionsAreReplacedWithoutAnError(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(3)));
        for (int round = 0; round < 3; round++) {
            List<Object> sessions = openIdle(db, t, 3);
            assertEquals(3, sessions.stream().distinct().count(), sessions.toString());
            sessions.forEach(s -> kill(t, s));
            List<Object> after = Flux.range(0, 3)
                    .flatMap(i -> db.executor().query(Sql.of(sessionId(t)), r -> r.get(0)))
                    .collectList().block(WAIT);
            assertEquals(3, after.size());
            assertTrue(after.stream().noneMatch(sessions::contains), "round " + round + ": " + sessions + " → " + after);
        }
        TransactionTest.awaitNoAcquired(db);
    }

    @DatabaseTest
    void connectionKilledWhileIdleIsCheckedAndReplaced(TestDb t) {
        // Sequelize: "should obtain new connection when released connection dies inside pool"
        Resequel db = t.connect(b -> b.pool(p -> p.max(1).validateAfterIdle(Duration.ofMillis(50))));
        Object first = session(db, t);
        kill(t, first);
        Mono.delay(Duration.ofMillis(100)).block();
        Object second = session(db, t);
        assertNotEquals(first, second);
        awaitAtMostOneHeld(db);
    }

    @AllowDroppedSignals("the server killed this connection: r2dbc-postgresql / r2dbc-mysql drop its last messages internally")
    @DatabaseTest
    void connectionKilledWhileLentOutIsNotReturned(TestDb t) {
        // Sequelize: "should obtain new connection when old connection is abruptly closed"
        Resequel db = t.connect(b -> b.pool(p -> p.max(1)));
        Transaction tx = db.startTransaction().block(WAIT);
        Object first = session(db, t, tx);
        kill(t, first);
        tx.rollback().onErrorResume(e -> Mono.empty()).block(WAIT);
        Object second = session(db, t);
        assertNotEquals(first, second);
        awaitAtMostOneHeld(db);
        TransactionTest.awaitNoAcquired(db);
    }

    @DatabaseTest
    void connectionWithinTheIdleRangeIsReused(TestDb t) {
        // Sequelize: "should maintain connection within idle range" (idle 1 s, reused after 100 ms)
        Resequel db = t.connect(b -> b.pool(p -> p.max(1).idle(Duration.ofSeconds(1))));
        Object first = session(db, t);
        Mono.delay(Duration.ofMillis(100)).block();
        assertEquals(first, session(db, t));
    }

    @DatabaseTest
    void connectionBeyondTheIdleRangeIsReplaced(TestDb t) {
        // Sequelize: "should get new connection beyond idle range" (idle 100 ms, evict 10 ms)
        Resequel db = t.connect(b -> b.pool(p -> p.max(1).idle(Duration.ofMillis(100)).evict(Duration.ofMillis(10))));
        Object first = session(db, t);
        Mono.delay(Duration.ofMillis(300)).block();
        assertNotEquals(first, session(db, t));
    }

    @DatabaseTest
    void transactionThatCannotGetAConnectionFailsWithAcquireTimeout(TestDb t) {
        // Sequelize: "should reject with ConnectionAcquireTimeoutError when unable to acquire connection for
        // transaction" (there a nested transaction needs a second connection; here it would be a savepoint, so the
        // second transaction is a separate one)
        Resequel db = t.connect(b -> b.pool(p -> p.max(1).acquire(Duration.ofMillis(200))));
        Transaction holder = db.startTransaction().block(WAIT);
        try {
            assertThrows(ConnectionAcquireTimeoutException.class,
                    () -> db.transaction(tx -> db.authenticate()).block(WAIT));
        } finally {
            holder.rollback().block(WAIT);
        }
        TransactionTest.awaitNoAcquired(db);
    }
}
