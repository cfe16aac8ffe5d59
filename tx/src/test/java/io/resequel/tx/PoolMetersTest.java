package io.resequel.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The pool's state as Micrometer gauges in the global registry. */
class PoolMetersTest {

    /** A source whose pool state the test sets; it lends no connection. */
    static final class FixedState implements ConnectionSource {
        final AtomicReference<PoolMetrics> state = new AtomicReference<>(new PoolMetrics(0, 0, 0, 5));

        @Override
        public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work) {
            return Flux.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<Connection> acquire() {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<Void> release(Connection connection) {
            return Mono.empty();
        }

        @Override
        public ConnectionFactoryMetadata metadata() {
            return () -> "none";
        }

        @Override
        public PoolMetrics metrics() {
            return state.get();
        }

        @Override
        public Mono<Void> close() {
            return Mono.empty();
        }
    }

    @Test
    void gaugesFollowThePoolAndGoAwayOnClose() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            FixedState source = new FixedState();
            AutoCloseable meters = PoolMeters.publish(source, "orders");
            source.state.set(new PoolMetrics(3, 1, 2, 5));
            assertEquals(3.0, registry.get("resequel.pool.acquired").tag("pool", "orders").gauge().value());
            assertEquals(1.0, registry.get("resequel.pool.idle").tag("pool", "orders").gauge().value());
            assertEquals(2.0, registry.get("resequel.pool.pending").tag("pool", "orders").gauge().value());
            assertEquals(5.0, registry.get("resequel.pool.max").tag("pool", "orders").gauge().value());
            meters.close();
            assertNull(Metrics.globalRegistry.find("resequel.pool.acquired").tag("pool", "orders").gauge());
        } finally {
            Metrics.removeRegistry(registry);
        }
    }
}
