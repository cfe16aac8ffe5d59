package io.resequel.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * SnapStart through the CRaC resource: the JVM here has no CRaC, so the test calls the resource's callbacks the way
 * the global context calls them around a checkpoint, in-process, and checks the server's side: which sessions exist.
 */
class SnapStartTest {

    /** @return the server sessions of the test's database other than the asking one */
    static long openSessions(TestDb t) {
        String sql = t.is("postgres")
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = current_setting('application_name')"
                + " AND pid <> pg_backend_pid()"
                : t.is("mysql") ? "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                + " AND ID <> CONNECTION_ID()"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()";
        return ((Number) t.raw(sql).blockFirst(Sessions.WAIT).values().iterator().next()).longValue();
    }

    @DatabaseTest
    void noConnectionSurvivesTheCheckpointAndQueriesWorkAfterTheRestore(TestDb t) {
        t.db().close().block(Sessions.WAIT); // the kit's own Resequel holds connections of this database
        Resequel db = t.connect(b -> b.pool(Sessions.lambdaPool()));
        AtomicInteger refreshed = new AtomicInteger();
        SnapStartResource resource = SnapStartResource.register(db, refreshed::incrementAndGet);
        Object before = Sessions.session(db, t).block(Sessions.WAIT);
        // work still running when the checkpoint starts may finish within the grace
        Transaction running = db.startTransaction().block(Sessions.WAIT);
        Mono.delay(Duration.ofMillis(200)).then(running.commit()).subscribe();
        assertTrue(openSessions(t) >= 1);

        resource.beforeCheckpoint(null);
        assertEquals(0, db.poolMetrics().acquired() + db.poolMetrics().idle());
        assertEquals(0, openSessions(t), "the snapshot would hold no connection");

        resource.afterRestore(null);
        assertEquals(1, refreshed.get(), "credentials are refreshed after the restore");
        assertEquals(0, openSessions(t), "the pool reopens lazily, on the first query");
        Object after = Sessions.session(db, t).block(Sessions.WAIT);
        assertNotEquals(before, after);
    }

    @DatabaseTest
    void twoRestoredCopiesShareNoConnection(TestDb t) {
        // One snapshot, restored twice: each copy is a Resequel that went through the same checkpoint.
        List<Resequel> copies = List.of(t.connect(b -> b.pool(Sessions.lambdaPool())),
                t.connect(b -> b.pool(Sessions.lambdaPool())));
        List<SnapStartResource> resources = copies.stream().map(SnapStartResource::register).toList();
        Object beforeA = Sessions.session(copies.get(0), t).block(Sessions.WAIT);
        Object beforeB = Sessions.session(copies.get(1), t).block(Sessions.WAIT);
        resources.forEach(r -> r.beforeCheckpoint(null));
        resources.forEach(r -> r.afterRestore(null));
        Object a = copies.get(0).transaction(tx -> Sessions.session(copies.get(0), t)).block(Sessions.WAIT);
        Object b = copies.get(1).transaction(tx -> Sessions.session(copies.get(1), t)).block(Sessions.WAIT);
        assertNotEquals(a, b, "each restored copy opened its own connection");
        assertTrue(!Set.of(beforeA, beforeB).contains(a) && !Set.of(beforeA, beforeB).contains(b),
                "no copy uses a connection from before the checkpoint");
    }

    @DatabaseTest
    void aCheckpointWaitsForRunningWorkOnlyUpToItsGrace(TestDb t) {
        Resequel db = t.connect(b -> b.pool(Sessions.lambdaPool()));
        SnapStartResource resource = new SnapStartResource(db, Duration.ofMillis(300), List.of());
        Transaction stuck = db.startTransaction().block(Sessions.WAIT);
        long start = System.nanoTime();
        resource.beforeCheckpoint(null);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 5_000, "bounded: " + tookMs + " ms");
        assertEquals(0, db.poolMetrics().idle());
        // the connection was closed under the transaction: finishing it fails, and the pool serves new work
        stuck.rollback().onErrorResume(e -> Mono.empty()).block(Sessions.WAIT);
        assertEquals(1L, ((Number) Sessions.session(db, t).map(s -> 1L).block(Sessions.WAIT)).longValue());
    }
}
