package io.resequel.tx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The managed transactions running now, so that a shutdown can wait for them and stop those that overrun. */
final class RunRegistry {

    private static final Duration POLL = Duration.ofMillis(10);
    private final Map<Object, Runnable> running = new ConcurrentHashMap<>();

    void add(Object run, Runnable stop) {
        running.put(run, stop);
    }

    void remove(Object run) {
        running.remove(run);
    }

    /** Stops the work of every running transaction: each rolls back and returns its connection. */
    void stopAll() {
        running.values().forEach(Runnable::run);
    }

    /** @return how many transactions run now */
    int size() {
        return running.size();
    }

    /**
     * @param limit the longest wait
     * @return completes when no transaction runs, or when {@code limit} elapsed (polling: a shutdown is rare and
     *         this keeps the hot path free of signalling)
     */
    Mono<Void> awaitIdle(Duration limit) {
        return awaitUntil(running::isEmpty, limit);
    }

    /**
     * @param done  the condition
     * @param limit the longest wait
     * @return completes when {@code done} holds or {@code limit} elapsed (polled: used only by a closing pool)
     */
    static Mono<Void> awaitUntil(BooleanSupplier done, Duration limit) {
        return Mono.defer(() -> done.getAsBoolean() ? Mono.empty()
                : Flux.interval(POLL).filter(tick -> done.getAsBoolean()).next().then().timeout(limit, Mono.empty()));
    }
}
