package io.resequel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.resequel.tx.ConnectionSource;
import io.resequel.tx.PoolMetrics;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The ordering between a cancel request sent on a second socket and the connection's next use: a request that
 * arrives after its statement ended by itself must not stop the next statement (the next borrower's, or the same
 * transaction's). The statement and the cancel reply are driven by the test, so each interleaving is forced rather
 * than hoped for; the servers' side of the same contract is covered by the cancellation tests on real databases.
 */
class StatementGuardTest {

    /** A connection that is only used as an identity here (the guard never calls it on these paths). */
    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            StatementGuardTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("hashCode")) {
                    return System.identityHashCode(p);
                }
                if (m.getName().equals("equals")) {
                    return p == a[0];
                }
                throw new UnsupportedOperationException(m.getName());
            });

    /** Lends nothing; its cancel request completes when the test says so. */
    private static final class SlowCancel implements ConnectionSource {
        final Sinks.One<Boolean> reply = Sinks.one();
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Mono<Boolean> cancelStatement(Connection connection) {
            return Mono.defer(() -> {
                asked.incrementAndGet();
                return reply.asMono();
            });
        }

        @Override
        public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<Connection> acquire() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<Void> release(Connection connection) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConnectionFactoryMetadata metadata() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PoolMetrics metrics() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<Void> close() {
            return Mono.empty();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition not reached in 5 s");
            Thread.sleep(5);
        }
    }

    @Test
    void aConnectionWhoseStatementEndedGoesBackOnlyAfterTheCancelRequestArrived() throws Exception {
        SlowCancel source = new SlowCancel();
        CancelsInFlight cancels = new CancelsInFlight();
        StatementGuard guard = new StatementGuard(source, null, "SELECT slow", e -> false, cancels);
        Sinks.Many<String> rows = Sinks.many().unicast().onBackpressureBuffer();

        Disposable reader = guard.watch(CONNECTION, rows.asFlux()).subscribe();
        reader.dispose();                                  // the subscriber leaves while the statement runs
        await(() -> source.asked.get() == 1);              // after SETTLE the server is asked to stop it
        rows.tryEmitComplete();                            // ... but the statement ends by itself first

        CompletableFuture<Void> settled = guard.settle(CONNECTION).toFuture();
        Thread.sleep(150);
        assertFalse(settled.isDone(), "released while the cancel request could still stop the next statement");
        assertNotNull(cancels.awaitDelivered(CONNECTION, Duration.ofSeconds(1)),
                "the connection's next statement would not wait for the request");

        source.reply.tryEmitValue(true);                   // the request arrived (the server ignores it: idle)
        settled.get(1, TimeUnit.SECONDS);
        assertNull(cancels.awaitDelivered(CONNECTION, Duration.ofSeconds(1)));
    }

    @Test
    void aStatementThatEndsWithinTheSettleTimeSendsNoCancelAndReleasesAtOnce() throws Exception {
        SlowCancel source = new SlowCancel();
        source.reply.tryEmitValue(true); // should a loaded machine delay the end past SETTLE, the request returns
        CancelsInFlight cancels = new CancelsInFlight();
        StatementGuard guard = new StatementGuard(source, null, "SELECT quick", e -> false, cancels);
        Sinks.Many<String> rows = Sinks.many().unicast().onBackpressureBuffer();

        Disposable reader = guard.watch(CONNECTION, rows.asFlux()).subscribe();
        long start = System.nanoTime();
        reader.dispose();
        rows.tryEmitComplete();
        long endedAfter = System.nanoTime() - start;

        guard.settle(CONNECTION).toFuture().get(1, TimeUnit.SECONDS);
        Thread.sleep(StatementGuard.SETTLE.toMillis() * 3);
        if (endedAfter < StatementGuard.SETTLE.toNanos() / 2) {
            assertEquals(0, source.asked.get(), "a statement that ended by itself was cancelled on the server");
        }
        assertNull(cancels.awaitDelivered(CONNECTION, Duration.ofSeconds(1)));
    }

    @Test
    void theNextStatementWaitsAtMostTheGivenTimeForARequestThatNeverReturns() {
        CancelsInFlight cancels = new CancelsInFlight();
        CompletableFuture<Void> first = cancels.sending(CONNECTION);
        CompletableFuture<Void> second = cancels.sending(CONNECTION);
        cancels.delivered(CONNECTION, first);
        Mono<Void> wait = cancels.awaitDelivered(CONNECTION, Duration.ofMillis(100));
        assertNotNull(wait, "a second request still on its way must be waited for");
        long start = System.nanoTime();
        wait.block(Duration.ofSeconds(2));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90));
        cancels.delivered(CONNECTION, second);
        assertNull(cancels.awaitDelivered(CONNECTION, Duration.ofMillis(100)));
    }
}
