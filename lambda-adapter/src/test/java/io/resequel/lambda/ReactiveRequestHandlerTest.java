package io.resequel.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import io.resequel.Resequel;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** The handler base: one Resequel across warm invocations, and a deadline that cancels and rolls back. */
class ReactiveRequestHandlerTest {

    /** Creates a note named after the event; with "slow" in it, waits 5 s inside the transaction after the insert. */
    static final class NotesHandler extends ReactiveRequestHandler<String, Long> {
        final Model<Instance> notes;
        final AtomicInteger invocations = new AtomicInteger();

        NotesHandler(Resequel db, Duration margin) {
            super(db, margin);
            notes = db.define("LambdaNote", m -> m.attribute("title", DataTypes.STRING, a -> a.unique(true)));
        }

        @Override
        protected Mono<Long> handle(String title, Context context) {
            invocations.incrementAndGet();
            return db().transaction(tx -> notes.create(Map.of("title", title))
                    .then(title.contains("slow") ? Mono.delay(Duration.ofSeconds(5)) : Mono.empty())
                    .then(notes.count()));
        }
    }

    private static NotesHandler handler(TestDb t, Duration margin) {
        Resequel db = t.connect(b -> b.pool(Sessions.lambdaPool()));
        NotesHandler h = new NotesHandler(db, margin);
        db.sync().block(Sessions.WAIT);
        return h;
    }

    @DatabaseTest
    void warmInvocationsReuseTheResequelBuiltAtInit(TestDb t) {
        NotesHandler h = handler(t, Duration.ofMillis(500));
        Resequel db = h.db();
        for (int i = 1; i <= 3; i++) {
            assertEquals(i, h.handleRequest("note " + i, new FakeContext(Duration.ofSeconds(30))));
            assertSame(db, h.db());
        }
        assertEquals(1, db.models().size(), "models are defined once, at init");
        assertEquals(3, h.invocations.get());
        assertEquals(0, db.poolMetrics().acquired());
    }

    @DatabaseTest
    void theDeadlineCancelsTheWorkReleasesItsConnectionAndRollsBack(TestDb t) {
        NotesHandler h = handler(t, Duration.ofMillis(400));
        long start = System.nanoTime();
        InvocationTimeoutException e = assertThrows(InvocationTimeoutException.class,
                () -> h.handleRequest("slow note", new FakeContext(Duration.ofMillis(1500))));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1100, e.deadline().toMillis(), 100, "remaining time minus the margin");
        assertTrue(tookMs < 1500, "returned before Lambda's own timeout: " + tookMs + " ms");
        assertTrue(e.released(), "the connection was back in the pool before the handler returned");
        assertEquals(0, h.db().poolMetrics().acquired());
        // the insert of the cancelled invocation rolled back; the next invocation sees only its own row
        assertEquals(1L, h.handleRequest("quick note", new FakeContext(Duration.ofSeconds(30))));
        assertEquals(0L, h.notes.count(io.resequel.query.Where.eq("title", "slow note")).block(Sessions.WAIT));
    }

    @DatabaseTest
    void anErrorOfTheWorkReachesLambdaTyped(TestDb t) {
        NotesHandler h = handler(t, Duration.ofMillis(500));
        h.handleRequest("same", new FakeContext(Duration.ofSeconds(30)));
        assertThrows(UniqueConstraintException.class,
                () -> h.handleRequest("same", new FakeContext(Duration.ofSeconds(30))));
        assertEquals(0, h.db().poolMetrics().acquired());
    }
}
