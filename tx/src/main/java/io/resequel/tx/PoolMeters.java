package io.resequel.tx;

import java.util.Objects;

/**
 * Publishes a connection source's pool state to Micrometer's global registry when Micrometer is on the class path
 * (gauges {@code resequel.pool.acquired}, {@code .idle}, {@code .pending}, {@code .max}, tagged {@code pool}); does
 * nothing otherwise.
 */
public final class PoolMeters {

    private static final boolean MICROMETER = present();

    private PoolMeters() {
    }

    private static boolean present() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, PoolMeters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param source the pool to publish
     * @param pool   the {@code pool} tag's value
     * @return removes the gauges again (call on close); a no-op without Micrometer
     */
    public static AutoCloseable publish(ConnectionSource source, String pool) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pool, "pool");
        if (!MICROMETER) {
            return () -> { };
        }
        // no Micrometer type in this class's code: it must load and verify without Micrometer on the class path
        return io.resequel.tx.micrometer.MicrometerPoolMetrics.bindGlobal(source, pool);
    }

    /**
     * Publishes read routing decisions (replica, writer, read-your-writes reads, LSN checks, replica lag) to
     * Micrometer's global registry when Micrometer is on the class path; see
     * {@link io.resequel.tx.micrometer.MicrometerPoolMetrics#bindRouting}.
     *
     * @param routing reads the current decisions, e.g. {@code replicated::routingMetrics}
     * @param pool    the {@code pool} tag's value
     * @return removes the meters again (call on close); a no-op without Micrometer
     */
    public static AutoCloseable publishRouting(java.util.function.Supplier<RoutingMetrics> routing, String pool) {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(pool, "pool");
        if (!MICROMETER) {
            return () -> { };
        }
        return io.resequel.tx.micrometer.MicrometerPoolMetrics.bindRoutingGlobal(routing, pool);
    }
}
