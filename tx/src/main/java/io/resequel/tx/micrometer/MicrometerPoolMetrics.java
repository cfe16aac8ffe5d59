package io.resequel.tx.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.resequel.tx.ConnectionSource;
import io.resequel.tx.PoolMetrics;
import io.resequel.tx.RoutingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
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

    /**
     * @param routing reads the current routing decisions
     * @param pool    the {@code pool} tag's value
     * @return removes the meters from Micrometer's global registry
     */
    public static AutoCloseable bindRoutingGlobal(Supplier<RoutingMetrics> routing, String pool) {
        return bindRouting(Metrics.globalRegistry, routing, pool);
    }

    /**
     * Registers read routing decisions under read replication: counters {@code resequel.routing.reads} tagged
     * {@code served} = {@code replica}, {@code writer} (transaction, useMaster) or {@code consistency}
     * (read-your-writes), {@code resequel.routing.lsn.checks} and {@code resequel.routing.lsn.behind}, and the gauge
     * {@code resequel.routing.replica.lag} (WAL bytes the last checked replica was behind), all tagged {@code pool}.
     *
     * @param registry where to register
     * @param routing  reads the current decisions
     * @param pool     the {@code pool} tag's value
     * @return removes the meters from the registry
     */
    public static AutoCloseable bindRouting(MeterRegistry registry, Supplier<RoutingMetrics> routing, String pool) {
        List<Meter> meters = new ArrayList<>();
        meters.add(counter(registry, routing, pool, "reads", "replica", "reads served by a replica",
                RoutingMetrics::replicaReads));
        meters.add(counter(registry, routing, pool, "reads", "writer",
                "reads sent to the writer by a transaction or useMaster", RoutingMetrics::writerReads));
        meters.add(counter(registry, routing, pool, "reads", "consistency",
                "reads sent to the writer for read-your-writes", RoutingMetrics::consistentReads));
        meters.add(counter(registry, routing, pool, "lsn.checks", null, "replicas asked for their replay position",
                RoutingMetrics::lsnChecks));
        meters.add(counter(registry, routing, pool, "lsn.behind", null, "replicas found behind a write",
                RoutingMetrics::lsnBehind));
        meters.add(Gauge.builder("resequel.routing.replica.lag", routing, r -> r.get().lastLagBytes())
                .description("WAL bytes the last checked replica was behind the write (0 when past it)")
                .baseUnit("bytes")
                .tag("pool", pool)
                .register(registry));
        return () -> meters.forEach(registry::remove);
    }

    private static Meter counter(MeterRegistry registry, Supplier<RoutingMetrics> routing, String pool, String name,
            String served, String description, ToDoubleFunction<RoutingMetrics> value) {
        FunctionCounter.Builder<Supplier<RoutingMetrics>> b = FunctionCounter
                .builder("resequel.routing." + name, routing, r -> value.applyAsDouble(r.get()))
                .description(description)
                .tag("pool", pool);
        if (served != null) {
            b.tag("served", served);
        }
        return b.register(registry);
    }

    private static Meter gauge(MeterRegistry registry, ConnectionSource source, String pool, String name,
            String description, ToIntFunction<PoolMetrics> value) {
        return Gauge.builder("resequel.pool." + name, source, s -> value.applyAsInt(s.metrics()))
                .description(description)
                .tag("pool", pool)
                .register(registry);
    }
}
