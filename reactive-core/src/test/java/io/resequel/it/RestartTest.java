package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.resequel.Resequel;
import io.resequel.error.ResequelException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DroppedSignals;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A server restart under load: eight writers insert rows into a throwaway PostgreSQL cluster or MariaDB
 * instance (each on a free port) that the test makes from the installed binaries, while the server is stopped fast and
 * started again. Afterwards every write the caller saw succeed must be in the table, and every failure a writer saw
 * must be a typed {@link ResequelException}. Prints the recovery time: from the server accepting connections again
 * to the first acknowledged write, and the outage the writers saw (first failure to first success after it).
 *
 * <p>Runs in the PostgreSQL and MariaDB modules (H2 has no server). Skips where the server binaries are missing,
 * except with {@code CI=true}, where that fails.
 */
class RestartTest {

    private static final int WRITERS = 8;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyAcknowledgedWriteSurvivesARestartAndEveryFailureIsTyped() throws Exception {
        String kind = System.getProperty("resequel.test.databases", "h2").trim();
        if (!kind.equals("postgres") && !kind.equals("mysql")) {
            throw new TestAbortedException("RestartTest runs in the PostgreSQL and MariaDB modules (H2 has no server)");
        }
        Optional<ThrowawayServer> made = ThrowawayServer.make(kind, 0);
        if (made.isEmpty()) {
            String why = "RestartTest: no " + kind + " server binaries installed";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: a missing server fails the build)");
            }
            throw new TestAbortedException(why);
        }
        long began = System.nanoTime();
        DroppedSignals.install();
        DroppedSignals.open("RestartTest [" + kind + "]");
        List<String> dropped;
        Map<String, AtomicLong> untyped;
        try (ThrowawayServer server = made.get()) {
            server.start();
            Resequel db = Resequel.builder().url(server.url())
                    .pool(p -> p.max(WRITERS).acquire(Duration.ofSeconds(2))).build();
            try {
                untyped = run(kind, server, db);
            } finally {
                db.close().onErrorResume(e -> Mono.empty()).block(WAIT);
            }
        } finally {
            dropped = DroppedSignals.close();
        }
        long total = (System.nanoTime() - began) / 1_000_000;
        System.out.println("[restart " + kind + "] whole test incl. initdb/install: " + total + " ms");
        assertTrue(total < 60_000, "the restart test took " + total + " ms on " + kind);
        System.out.println("[restart " + kind + "] dropped signals: " + dropped.size());
        assertEquals(List.of(), dropped, "signals dropped during the restart");
        assertEquals(Map.of(), Map.copyOf(untyped), "failures that are not a typed ResequelException (class: message"
                + " → count)");
    }

    /** @return the failures that were not typed, class and message → count */
    private static Map<String, AtomicLong> run(String kind, ThrowawayServer server, Resequel db) throws Exception {
        Model<Instance> writes = db.define("Write", m -> m
                .attribute("tag", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        db.sync().block(WAIT);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, AtomicLong> untyped = new ConcurrentSkipListMap<>();
        Map<String, AtomicLong> typed = new ConcurrentSkipListMap<>();
        AtomicLong firstFailure = new AtomicLong();
        AtomicLong lastSuccess = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger seq = new AtomicInteger();
        Flux<Void> writers = Flux.range(0, WRITERS).flatMap(w -> Mono.defer(() -> {
            String tag = "w" + w + "-" + seq.incrementAndGet();
            return writes.create(Map.of("tag", tag))
                    .doOnNext(i -> {
                        acknowledged.add(tag);
                        lastSuccess.set(System.nanoTime());
                    })
                    .then()
                    .onErrorResume(e -> {
                        firstFailure.compareAndSet(0, System.nanoTime());
                        (e instanceof ResequelException ? typed : untyped)
                                .computeIfAbsent(e.getClass().getName() + ": " + e.getMessage(), k -> new AtomicLong())
                                .incrementAndGet();
                        // a writer backs off briefly instead of spinning while the server is away
                        return Mono.delay(Duration.ofMillis(20)).then();
                    });
        }).repeat(() -> !stop.get()), WRITERS);
        reactor.core.Disposable running = writers.subscribeOn(Schedulers.parallel()).subscribe();
        try {
            Thread.sleep(1000);
            int beforeStop = acknowledged.size();
            long stopAt = System.nanoTime();
            server.stopFast();
            long stopped = System.nanoTime();
            Thread.sleep(300); // the writers meet a server that is gone
            long startAt = System.nanoTime();
            server.start();
            long up = System.nanoTime();
            long deadline = up + Duration.ofSeconds(20).toNanos();
            while (lastSuccess.get() < up && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long recovered = lastSuccess.get();
            Thread.sleep(500);
            stop.set(true);
            awaitDone(running);
            System.out.println("[restart " + kind + "] acknowledged=" + acknowledged.size() + " (before stop "
                    + beforeStop + "), stop took " + ms(stopped - stopAt) + " ms, start took " + ms(up - startAt)
                    + " ms, recovery after the server was up: "
                    + (recovered < up ? "none within 20 s" : ms(recovered - up) + " ms")
                    + ", outage seen by writers: " + (firstFailure.get() == 0 ? "none"
                    : ms(recovered - firstFailure.get()) + " ms")
                    + ", typed failures=" + typed + ", untyped failures=" + untyped);
            assertTrue(recovered >= up, "no write succeeded within 20 s after the restart");
        } finally {
            running.dispose();
        }

        Set<String> present = new HashSet<>(Flux.usingWhen(Mono.from(ConnectionFactories.get(server.url()).create()),
                (Connection c) -> Flux.from(c.createStatement("SELECT tag FROM "
                        + (kind.equals("mysql") ? "`Writes`" : "\"Writes\"")).execute())
                        .concatMap(r -> r.map((row, meta) -> row.get(0, String.class))),
                Connection::close).collectList().block(WAIT));
        List<String> lost = acknowledged.stream().filter(t -> !present.contains(t)).sorted().toList();
        assertEquals(List.of(), lost, "acknowledged writes missing after the restart");
        assertTrue(db.poolMetrics().acquired() == 0 || awaitNoAcquired(db), "connections still acquired: "
                + db.poolMetrics());
        return untyped;
    }

    private static boolean awaitNoAcquired(Resequel db) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (db.poolMetrics().acquired() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return db.poolMetrics().acquired() == 0;
    }

    private static void awaitDone(reactor.core.Disposable running) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!running.isDisposed() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
