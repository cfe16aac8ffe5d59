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
}
