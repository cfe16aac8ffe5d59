package io.resequel.exec;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import io.resequel.error.QueryTimeoutException;
import io.resequel.tx.ConnectionSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Predicate;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Watches one statement on its connection, for one subscription of a query: enforces the statement's timeout, and
 * keeps a cancelled statement's connection from going back to the pool while the server still runs it.
 *
 * <p>Why not Reactor's {@code timeout()} or a plain cancel: both only stop the client reading. The server goes on
 * running the statement, and the connection, back in the pool, makes the next borrower wait behind it. So:
 * <ul>
 *   <li>On <b>timeout</b> the server is asked to stop the statement ({@link ConnectionSource#cancelStatement}); the
 *       statement then ends on its own connection, and only then (and after the request was delivered) does the
 *       subscriber get a {@link QueryTimeoutException}. Rows arriving after the deadline are discarded. Where the
 *       database has no cancel (H2), the error comes at the deadline and the statement runs to its end.</li>
 *   <li>On <b>cancel</b> the statement is not cut off at once: its remaining rows are drained and discarded, so
 *       the usual case (a {@code next()} after the last row arrived, before the driver's completion) ends by
 *       itself with no extra work. One still running after {@link #SETTLE} is stopped on the server while its rest
 *       is drained, and {@link #settle} (run by the pool before the release) waits for its end. Where nothing can
 *       stop it (H2), it is cut off and settle waits for one round trip on the connection, which the driver queues
 *       behind it. A connection that does not settle within {@link #GRACE} is closed instead of returned.</li>
 * </ul>
 */
final class StatementGuard {

    /** How long a cancelled statement may take to end by itself before it is cut off and stopped on the server. */
    static final Duration SETTLE = Duration.ofMillis(20);
    /** How long a statement may take to end after the server was asked to stop it. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final ConnectionSource source;
    private final Duration timeout;
    private final String sql;
    private final Predicate<Throwable> connectionLost;
    private final CancelsInFlight cancels;
    private volatile Watch<?> current;

    /**
     * @param source         lends the connection and stops statements on the server
     * @param timeout        the statement's timeout, or {@code null}
     * @param sql            the statement text (no values), for the timeout error
     * @param connectionLost recognises a driver error that means the connection was gone
     * @param cancels        the cancel requests on their way, per connection (shared by the database's statements)
     */
    StatementGuard(ConnectionSource source, Duration timeout, String sql, Predicate<Throwable> connectionLost,
            CancelsInFlight cancels) {
        this.source = source;
        this.timeout = timeout;
        this.sql = sql;
        this.connectionLost = connectionLost;
        this.cancels = cancels;
    }

    /**
     * @param connection the connection the statement runs on
     * @param statement  the statement's rows (subscribing runs it)
     * @param <T>        element type
     * @return the rows, watched
     */
    <T> Flux<T> watch(Connection connection, Flux<T> statement) {
        return new Flux<T>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                Watch<T> w = new Watch<>(actual, connection);
                current = w;
                statement.subscribe(w);
            }
        };
    }

    /**
     * Runs after a cancel, before the connection's release.
     *
     * @param connection the connection
     * @return completes once no statement of this guard runs on it; errors when one could not be stopped
     */
    Mono<Void> settle(Connection connection) {
        Watch<?> w = current;
        return w == null ? Mono.empty() : w.settle();
    }

    /** @return whether the last run failed, before anything arrived, because its connection was gone */
    boolean lostBeforeAnswer() {
        Watch<?> w = current;
        return w != null && w.lost;
    }

    /** The subscriber between the driver's rows and the query's subscriber. */
    private final class Watch<T> implements CoreSubscriber<T>, Subscription {

        private final CoreSubscriber<? super T> actual;
        private final Connection connection;
        /** Completes when the statement ended ({@code true}) or was cut off after a cancel ({@code false}). */
        private final CompletableFuture<Boolean> ended = new CompletableFuture<>();
        private Subscription upstream;
        private Disposable timer;
        private volatile boolean cancelled;
        private volatile boolean expired;
        private volatile boolean received;
        volatile boolean lost;
        /** Set once a terminal signal is decided; {@link #terminal} is then final. */
        private volatile int terminated;
        /** Serializes onNext against a terminal signal coming from the timer's thread. */
        private volatile int wip;
        /** The thread inside {@code actual.onNext}, so a re-entrant row is delivered rather than taken for a race. */
        private Thread emitter;
        /** Counts down from 2: the statement ended, the cancel request was delivered; the timeout error waits for both. */
        private volatile int timeoutParts = 2;
        private volatile Throwable terminal;
        /** The statement's own error after the deadline (the server's cancel error), kept as the timeout's cause. */
        private volatile Throwable timeoutCause;

        Watch(CoreSubscriber<? super T> actual, Connection connection) {
            this.actual = actual;
            this.connection = connection;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                if (timeout != null) {
                    timer = Mono.delay(timeout).subscribe(t -> expire());
                }
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T t) {
            if (expired || cancelled || terminated != 0) {
                Operators.onDiscard(t, actual.currentContext());
                return;
            }
            Thread me = Thread.currentThread();
            if (emitter == me) {
                // Re-entrant: the subscriber's request inside onNext made the driver emit the next row at once.
                actual.onNext(t);
                return;
            }
            if (!WIP.compareAndSet(this, 0, 1)) {
                Operators.onDiscard(t, actual.currentContext());
                return;
            }
            emitter = me;
            received = true;
            actual.onNext(t);
            emitter = null;
            if (WIP.decrementAndGet(this) != 0) {
                deliverTerminal();
            }
        }

        @Override
        public void onError(Throwable e) {
            lost = !received && connectionLost.test(e);
            end(e);
        }

        @Override
        public void onComplete() {
            end(null);
        }

        private void end(Throwable error) {
            if (timer != null) {
                timer.dispose();
            }
            ended.complete(true);
            if (expired) {
                timeoutPartDone(error);
            } else if (!cancelled) {
                terminate(error);
            }
            // Cancelled and drained: the subscriber is gone, and an error here (the server's cancel) is expected.
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        /** The subscriber left: drain the rest for a moment rather than cut the statement off at once. */
        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                if (timer != null) {
                    timer.dispose();
                }
                upstream.request(Long.MAX_VALUE);
                if (!ended.isDone()) {
                    Mono.delay(SETTLE).subscribe(t -> cutOff());
                }
            }
        }

        /**
         * Still running after a cancel: ask the server to stop it and keep draining, so its end (the server's cancel
         * error) reaches this subscriber. Cutting the driver's stream instead would hand that error to the driver's
         * own discarding subscriber, which drops it. Where nothing can stop the statement, stop reading.
         */
        private void cutOff() {
            // Recorded before looking at `ended`: settle, seeing the statement ended, then sees this request too.
            CompletableFuture<Void> request = cancels.sending(connection);
            if (ended.isDone()) {
                cancels.delivered(connection, request);
                return;
            }
            sendCancel(request).subscribe(asked -> {
                if (!asked && ended.complete(false)) {
                    upstream.cancel();
                }
            }, e -> { });
        }

        private Mono<Boolean> sendCancel(CompletableFuture<Void> request) {
            return source.cancelStatement(connection).onErrorReturn(false)
                    .doFinally(s -> cancels.delivered(connection, request));
        }

        /**
         * Ended by itself: the connection may go back once a cancel request still on its way was delivered (it would
         * stop the next borrower's statement). Cut off: stop it, and check the connection answers.
         */
        Mono<Void> settle() {
            return Mono.fromFuture(ended, true).timeout(GRACE.plus(SETTLE), Mono.just(false))
                    .flatMap(natural -> natural ? afterDelivery()
                    : source.cancelStatement(connection).onErrorReturn(false)
                            .then(Mono.from(connection.validate(ValidationDepth.REMOTE)))
                            .timeout(GRACE)
                            .flatMap(idle -> idle ? Mono.<Void>empty()
                                    : Mono.error(new IllegalStateException("connection did not settle"))));
        }

        private Mono<Void> afterDelivery() {
            Mono<Void> wait = cancels.awaitDelivered(connection, GRACE);
            return wait == null ? Mono.empty() : wait;
        }

        /** The deadline passed: ask the server to stop the statement; the error follows once it ended. */
        private void expire() {
            CompletableFuture<Void> request = cancels.sending(connection);
            if (ended.isDone() || cancelled) {
                cancels.delivered(connection, request);
                return;
            }
            expired = true;
            sendCancel(request).subscribe(asked -> {
                if (!asked) {
                    // Nothing can stop it (H2 runs it to its end on its own thread): report now, leave it running.
                    upstream.cancel();
                    terminate(new QueryTimeoutException(sql, timeout, null));
                    return;
                }
                timeoutPartDone(null);
                Mono.delay(GRACE).subscribe(t -> {
                    if (!ended.isDone()) {
                        source.invalidate(connection);
                        giveUp();
                        terminate(new QueryTimeoutException(sql, timeout, null));
                    }
                });
            });
        }

        private void timeoutPartDone(Throwable cause) {
            if (cause != null) {
                timeoutCause = cause;
            }
            if (TIMEOUT_PARTS.decrementAndGet(this) == 0) {
                terminate(new QueryTimeoutException(sql, timeout, timeoutCause));
            }
        }

        private void giveUp() {
            upstream.cancel();
            ended.complete(false);
        }

        /** Decides the terminal signal once; delivers it now unless an onNext is running (which then delivers it). */
        private void terminate(Throwable error) {
            if (!TERMINATED.compareAndSet(this, 0, 1)) {
                return;
            }
            terminal = error;
            if (WIP.getAndIncrement(this) == 0) {
                deliverTerminal();
            }
        }

        private void deliverTerminal() {
            Throwable e = terminal;
            if (e == null) {
                actual.onComplete();
            } else {
                actual.onError(e);
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Watch> WIP =
            AtomicIntegerFieldUpdater.newUpdater(Watch.class, "wip");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Watch> TERMINATED =
            AtomicIntegerFieldUpdater.newUpdater(Watch.class, "terminated");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Watch> TIMEOUT_PARTS =
            AtomicIntegerFieldUpdater.newUpdater(Watch.class, "timeoutParts");
}
