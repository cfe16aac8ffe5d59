package io.resequel.tx.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.resequel.tx.ConnectionSource;
import io.resequel.tx.PoolMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Registers a connection source's pool state as Micrometer gauges. Needs micrometer-core on the class path. */
public final class MicrometerPoolMetrics {

    private MicrometerPoolMetrics() {
    }

    /**
     * @param source the pool
     * @param pool   the {@code pool} tag's value
     * @return removes the gauges from Micrometer's global registry
     */
    public static AutoCloseable bindGlobal(ConnectionSource source, String pool) {
        return bind(Metrics.globalRegistry, source, pool);
    }

    /**
     * @param registry where to register
     * @param source   the pool
     * @param pool     the {@code pool} tag's value
     * @return removes the gauges from the registry
     */
    public static AutoCloseable bind(MeterRegistry registry, ConnectionSource source, String pool) {
        List<Meter> meters = new ArrayList<>();
        meters.add(gauge(registry, source, pool, "acquired", "connections lent out", PoolMetrics::acquired));
        meters.add(gauge(registry, source, pool, "idle", "connections open and waiting", PoolMetrics::idle));
        meters.add(gauge(registry, source, pool, "pending", "callers waiting for a connection", PoolMetrics::pending));
        meters.add(gauge(registry, source, pool, "max", "the pool's size limit", PoolMetrics::max));
        return () -> meters.forEach(registry::remove);
    }

    private static Meter gauge(MeterRegistry registry, ConnectionSource source, String pool, String name,
            String description, ToIntFunction<PoolMetrics> value) {
        return Gauge.builder("resequel.pool." + name, source, s -> value.applyAsInt(s.metrics()))
                .description(description)
                .tag("pool", pool)
                .register(registry);
    }
}
