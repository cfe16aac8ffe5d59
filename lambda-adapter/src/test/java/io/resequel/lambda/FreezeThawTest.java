package io.resequel.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import io.resequel.Resequel;
import io.resequel.testkit.AllowDroppedSignals;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Freeze and thaw: between two invocations the environment is frozen and the server (or a proxy's idle timeout) drops
 * its connections. The first query after the thaw must get a live connection, never the dead one's error.
 */
class FreezeThawTest {

    /** Answers the server session its query ran on, in a transaction and outside one. */
    static final class SessionHandler extends ReactiveRequestHandler<String, List<Object>> {
        private final TestDb t;

        SessionHandler(Resequel db, TestDb t) {
            super(db);
            this.t = t;
        }

        @Override
        protected Mono<List<Object>> handle(String input, Context context) {
            return Sessions.session(db(), t).flatMap(outside -> db().transaction(tx -> Sessions.session(db(), t))
                    .map(inside -> List.of(outside, inside)));
        }
    }

    @AllowDroppedSignals("the server killed the idle connections: r2dbc-postgresql / r2dbc-mysql drop their last messages internally")
    @DatabaseTest
    void afterTheServerDroppedEveryConnectionTheNextInvocationSucceedsOnNewOnes(TestDb t) {
        SessionHandler h = new SessionHandler(t.connect(b -> b.pool(Sessions.lambdaPool())), t);
        Set<Object> seen = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            List<Object> sessions = h.handleRequest("invoke " + round, new FakeContext(Duration.ofSeconds(30)));
            for (Object s : new HashSet<>(sessions)) {
                assertEquals(true, seen.add(s), "a session from before the freeze came back: " + s);
            }
            // the freeze: both connections of the pool die on the server while the environment sleeps
            for (Object s : new HashSet<>(sessions)) {
                Sessions.kill(t, s);
            }
        }
        Sessions.awaitNoAcquired(h.db());
    }

    @DatabaseTest
    void aWarmInvocationWithoutAFreezeKeepsItsConnection(TestDb t) {
        SessionHandler h = new SessionHandler(t.connect(b -> b.pool(Sessions.lambdaPool())), t);
        List<Object> first = h.handleRequest("a", new FakeContext(Duration.ofSeconds(30)));
        List<Object> second = h.handleRequest("b", new FakeContext(Duration.ofSeconds(30)));
        assertTrue(first.containsAll(second), "live idle connections are reused, after one validation round trip: "
                + first + " then " + second);
    }
}
