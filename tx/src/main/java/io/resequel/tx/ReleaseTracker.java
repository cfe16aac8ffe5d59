package io.resequel.tx;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * Counts connection releases that are still running, so that a pool is disposed only after they unwound.
 *
 * <p>Why: reactor-pool recycles a released connection and only then signals the release complete; the caller's
 * next statement starts from that signal and, on a synchronous driver (H2), runs, re-acquires the same connection and
 * releases it again inside the first release's frames. If the pool is disposed before those frames unwind, the first
 * frame finds the pool disposed and destroys the slot it offered, which has meanwhile been handed out and recycled:
 * the connection's permit is returned twice ({@code "Too many permits returned"}, dropped through
 * {@code onErrorDropped}). A release counts as running from its subscription until both its {@code subscribe} call
 * returned and its terminal signal was delivered (or it was cancelled).
 */
final class ReleaseTracker {

    /** How long {@link #settled()} waits for running releases before closing anyway. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(1);

    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param release a release of a connection
     * @return the same release, counted while it runs
     */
    Mono<Void> track(Mono<Void> release) {
        return new Tracked(release, running);
    }

    /** @return completes when no release is running, or after {@link #SETTLE} */
    Mono<Void> settled() {
        long attempts = SETTLE.toMillis() / POLL.toMillis();
        return Mono.defer(() -> running.get() == 0 ? Mono.<Void>empty() : Mono.error(new StillReleasing()))
                .retryWhen(Retry.fixedDelay(attempts, POLL).filter(StillReleasing.class::isInstance))
                .onErrorResume(StillReleasing.class::isInstance, e -> Mono.empty())
                .onErrorResume(e -> e.getCause() instanceof StillReleasing, e -> Mono.empty());
    }

    /** @return how many releases are running (for tests and diagnostics) */
    int running() {
        return running.get();
    }

    /** Signals that releases are still running; never escapes {@link #settled()}. */
    private static final class StillReleasing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StillReleasing() {
            super("connection releases still running", null, false, false);
        }
    }

    private static final class Tracked extends Mono<Void> {
        private final Mono<Void> source;
        private final AtomicInteger running;

        Tracked(Mono<Void> source, AtomicInteger running) {
            this.source = source;
            this.running = running;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Void> actual) {
            running.incrementAndGet();
            Inner inner = new Inner(actual, running);
            try {
                source.subscribe(inner);
            } finally {
                inner.part();
            }
        }
    }

    /** Passes signals through; the release stops counting when subscribe returned and the end was delivered. */
    private static final class Inner implements CoreSubscriber<Void>, Subscription {
        private final CoreSubscriber<? super Void> actual;
        private final AtomicInteger running;
        /** Two parts: the subscribe call returning, and the terminal signal (or cancel) being handled. */
        private final AtomicInteger parts = new AtomicInteger(2);
        private final AtomicBoolean ended = new AtomicBoolean();
        private Subscription upstream;

        Inner(CoreSubscriber<? super Void> actual, AtomicInteger running) {
            this.actual = actual;
            this.running = running;
        }

        void part() {
            if (parts.decrementAndGet() == 0) {
                running.decrementAndGet();
            }
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(Void v) {
            // a Mono<Void> emits nothing
        }

        @Override
        public void onError(Throwable t) {
            try {
                actual.onError(t);
            } finally {
                endOnce();
            }
        }

        @Override
        public void onComplete() {
            try {
                actual.onComplete();
            } finally {
                endOnce();
            }
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            upstream.cancel();
            endOnce();
        }

        private void endOnce() {
            if (ended.compareAndSet(false, true)) {
                part();
            }
        }
    }
}
