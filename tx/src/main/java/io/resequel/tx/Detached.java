package io.resequel.tx;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Runs a publisher that must not be cancelled midway (a transaction's BEGIN, COMMIT and ROLLBACK must each run to
 * their end, or the connection's state is unknown) for a subscriber that may cancel. The subscriber's cancel is
 * turned into a call the publisher can act on at a safe point; the publisher's later signals are not delivered
 * (values go to the caller's orphan handler, errors to the debug log: the caller is gone, and handing them to
 * Reactor would drop them).
 */
final class Detached {

    private static final Logger LOG = Loggers.getLogger(Detached.class);

    /** Reactor's context key for a subscriber-local onErrorDropped handler (see TransactionManager). */
    private static final String LOCAL_ERROR_DROPPED = "reactor.onErrorDropped.local";

    /**
     * The sink of {@link #flux} drops an error only when its subscriber cancelled while the error was being delivered
     * (a cancel racing the end of the run): the caller is gone, so it is logged as the other late errors are.
     */
    private static final Consumer<Throwable> AFTER_CANCEL =
            e -> LOG.debug("after the caller cancelled (raced the cancel): {}", e.toString());

    private Detached() {
    }

    /**
     * @param life     the publisher to run to its end
     * @param onCancel told when the subscriber cancels
     * @param orphan   given the value that arrives after the subscriber cancelled
     * @param <T>      value type
     * @return a Mono whose cancel does not reach {@code life}
     */
    static <T> Mono<T> mono(Mono<T> life, Runnable onCancel, Consumer<? super T> orphan) {
        return new Mono<T>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                Bridge<T> bridge = new Bridge<>(actual, onCancel);
                actual.onSubscribe(bridge);
                life.contextWrite(actual.currentContext()).subscribe(
                        value -> {
                            if (bridge.isCancelled()) {
                                orphan.accept(value);
                            } else {
                                bridge.value(value); // a cancel racing this discards the value, never drops it
                            }
                        },
                        error -> {
                            if (bridge.isCancelled()) {
                                LOG.debug("after the caller cancelled: {}", error.toString());
                            } else {
                                actual.onError(error);
                            }
                        },
                        () -> {
                            if (!bridge.isCancelled() && !bridge.isDone()) {
                                actual.onComplete();
                            }
                        });
            }
        };
    }

    /** The caller's side of a detached Mono: its cancel is reported, never passed upstream. */
    private static final class Bridge<T> extends Operators.MonoSubscriber<T, T> {
        private final Runnable onCancel;

        Bridge(CoreSubscriber<? super T> actual, Runnable onCancel) {
            super(actual);
            this.onCancel = onCancel;
        }

        @Override
        public void cancel() {
            boolean first = !isCancelled();
            super.cancel();
            if (first) {
                onCancel.run();
            }
        }

        private volatile boolean valued;

        void value(T value) {
            valued = true;
            complete(value);
        }

        boolean isDone() {
            return valued;
        }
    }

    /**
     * @param life     the publisher to run to its end; its demand follows the subscriber's
     * @param onCancel told when the subscriber cancels; {@code life} must then complete soon by itself
     * @param <T>      element type
     * @return a Flux whose cancel does not reach {@code life}
     */
    static <T> Flux<T> flux(Flux<T> life, Runnable onCancel) {
        return Flux.<T>create(sink -> {
            AtomicBoolean gone = new AtomicBoolean();
            BaseSubscriber<T> inner = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    // demand comes from the sink's onRequest
                }

                @Override
                protected void hookOnNext(T value) {
                    if (!gone.get()) {
                        sink.next(value);
                    }
                }

                @Override
                protected void hookOnComplete() {
                    sink.complete();
                }

                @Override
                protected void hookOnError(Throwable error) {
                    if (gone.get()) {
                        LOG.debug("after the caller cancelled: {}", error.toString());
                    } else {
                        sink.error(error);
                    }
                }
            };
            // subscribed before demand is wired: a request made before the subscription would be lost; the handler
            // below is for this sink only, so the run's own operators do not inherit it
            life.contextWrite(ctx -> {
                reactor.util.context.Context own = ctx.putAll(sink.contextView());
                return own.getOrDefault(LOCAL_ERROR_DROPPED, null) == AFTER_CANCEL ? own.delete(LOCAL_ERROR_DROPPED) : own;
            }).subscribe(inner);
            sink.onRequest(inner::request);
            sink.onCancel(() -> {
                gone.set(true);
                onCancel.run();
                inner.request(Long.MAX_VALUE); // let the cut work and the ROLLBACK drain without the caller's demand
            });
        }, FluxSink.OverflowStrategy.BUFFER).contextWrite(ctx -> ctx.put(LOCAL_ERROR_DROPPED, AFTER_CANCEL));
    }
}
