package io.resequel.tx;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Ends a transaction's body when it is stopped: cancels it and completes. Unlike {@code takeUntilOther}, an element
 * that races the stop is discarded ({@code onDiscard}), not dropped through {@code onNextDropped}: the caller who
 * stopped the body does not want it, and nothing is lost that anyone was promised.
 */
final class Cut {

    private Cut() {
    }

    /**
     * @param source the body
     * @param stop   completes (or errors) when the body must end
     * @param <T>    element type
     * @return the body's elements until the stop, then completion
     */
    static <T> Flux<T> until(Publisher<T> source, Mono<Void> stop) {
        return new Flux<T>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                CutSubscriber<T> cut = new CutSubscriber<>(actual);
                actual.onSubscribe(cut);
                stop.subscribe(v -> { }, e -> cut.stop(), cut::stop);
                source.subscribe(cut);
            }
        };
    }

    private static final class CutSubscriber<T> implements CoreSubscriber<T>, Subscription {
        private static final AtomicIntegerFieldUpdater<CutSubscriber> WIP =
                AtomicIntegerFieldUpdater.newUpdater(CutSubscriber.class, "wip");

        private final CoreSubscriber<? super T> actual;
        /** Holds requests and a cancel made before the body's subscription arrives. */
        private final Operators.DeferredSubscription upstream = new Operators.DeferredSubscription();
        private volatile boolean stopped;
        private volatile boolean done;
        private volatile int wip;
        private Throwable error;

        CutSubscriber(CoreSubscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream.set(s);
        }

        @Override
        public void onNext(T t) {
            if (stopped || done || !WIP.compareAndSet(this, 0, 1)) {
                Operators.onDiscard(t, actual.currentContext());
                return;
            }
            actual.onNext(t);
            if (WIP.decrementAndGet(this) != 0) {
                finish(); // the stop came while the element was delivered
            }
        }

        @Override
        public void onError(Throwable t) {
            if (stopped) {
                return; // the body's error after the cut: the transaction rolls back either way
            }
            error = t;
            terminate();
        }

        @Override
        public void onComplete() {
            if (!stopped) {
                terminate();
            }
        }

        void stop() {
            stopped = true;
            upstream.cancel();
            terminate();
        }

        private void terminate() {
            if (WIP.getAndIncrement(this) == 0) {
                finish();
            }
        }

        private void finish() {
            if (done) {
                return;
            }
            done = true;
            Throwable e = error;
            if (e != null && !stopped) {
                actual.onError(e);
            } else {
                actual.onComplete();
            }
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            stopped = true;
            upstream.cancel();
        }
    }
}
