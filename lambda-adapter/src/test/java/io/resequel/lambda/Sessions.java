package io.resequel.lambda;

import io.resequel.Resequel;
import io.resequel.sql.Sql;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** The server session behind a connection, and killing one from outside as a frozen environment's idle kill would. */
final class Sessions {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Sessions() {
    }

    /**
     * The Lambda pool settings with a 30 s acquire: on a loaded test machine the JVM's first connection (class loading,
     * H2's engine start) can take longer than Lambda's 5 s.
     */
    static io.resequel.tx.PoolOptions lambdaPool() {
        return io.resequel.tx.PoolOptions.lambda().mutate().acquire(WAIT).build();
    }

    static String sessionIdSql(TestDb t) {
        return t.is("postgres") ? "SELECT pg_backend_pid()"
                : t.is("mysql") ? "SELECT CONNECTION_ID()" : "SELECT SESSION_ID()";
    }

    /** @return the Mono of the session id of the connection a query gets */
    static Mono<Object> session(Resequel db, TestDb t) {
        // read to the end: a cancelled query (next()) would leave the release to finish asynchronously
        return db.executor().query(Sql.of(sessionIdSql(t)), r -> r.get(0)).collectList()
                .map(v -> (Object) ((Number) v.get(0)).longValue());
    }

    /** Ends a server session from another connection: pg_terminate_backend, KILL, H2's ABORT_SESSION. */
    static void kill(TestDb t, Object session) {
        String sql = t.is("postgres") ? "SELECT pg_terminate_backend(" + session + ")"
                : t.is("mysql") ? "KILL " + session : "SELECT ABORT_SESSION(" + session + ")";
        t.raw(sql).then().block(WAIT);
    }

    /** Releases finish asynchronously after the last signal; waits (bounded) until the pool has every connection back. */
    static void awaitNoAcquired(Resequel db) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (db.poolMetrics().acquired() > 0 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, db.poolMetrics().acquired(), "connections left acquired");
    }
}
