package io.resequel.testkit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Cancels an operation a given time after subscribing to it, for tests of cancellation. Unlike {@code take(Duration)}
 * or {@code timeout}, a value or error the operation sends after the cut (Reactive Streams §2.8 allows signals in
 * flight after cancel) is counted as late and discarded here instead of going to Reactor's
 * {@code onNextDropped}/{@code onErrorDropped}, where the test kit would fail the test for a drop that is the test
 * operator's, not the library's.
 */
public final class Cut {

    private static final AtomicLong LATE = new AtomicLong();

    private Cut() {
    }

    /**
     * @param op     the operation
     * @param micros when to cancel it, in microseconds after subscription; {@link Long#MAX_VALUE} for never
     * @return how many values arrived before the cut or the end; the operation's error when it came first
     */
    public static Mono<Long> after(Publisher<?> op, long micros) {
        return Mono.create(sink -> {
            AtomicBoolean over = new AtomicBoolean();
            AtomicLong values = new AtomicLong();
            BaseSubscriber<Object> s = new BaseSubscriber<>() {
                @Override
                protected void hookOnNext(Object v) {
                    if (!over.get()) {
                        values.incrementAndGet();
                    } else {
                        LATE.incrementAndGet();
                    }
                }

                @Override
                protected void hookOnComplete() {
                    if (over.compareAndSet(false, true)) {
                        sink.success(values.get());
                    }
                }

                @Override
                protected void hookOnError(Throwable e) {
                    if (over.compareAndSet(false, true)) {
                        sink.error(e);
                    } else {
                        LATE.incrementAndGet();
                    }
                }
            };
            sink.onCancel(s);
            op.subscribe(s);
            if (micros != Long.MAX_VALUE) {
                Disposable timer = Schedulers.parallel().schedule(() -> {
                    if (over.compareAndSet(false, true)) {
                        s.dispose();
                        sink.success(values.get());
                    }
                }, micros, TimeUnit.MICROSECONDS);
                sink.onDispose(timer);
            }
        });
    }

    /** @return how many signals arrived after their operation was cut, since the last {@link #resetLate()} */
    public static long late() {
        return LATE.get();
    }

    /** Forgets the late signals counted so far. */
    public static void resetLate() {
        LATE.set(0);
    }
}
