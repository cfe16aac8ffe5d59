package io.resequel.spring.boot;

import io.resequel.Resequel;
import io.resequel.tx.PoolMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The health check both Boot generations' indicators report: a round trip to the database (Resequel's
 * {@code authenticate()}) within a timeout, with the dialect and the pool's state as details.
 */
public final class ResequelHealth {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Resequel db;

    /** @param db the Resequel to check */
    public ResequelHealth(Resequel db) {
        this.db = db;
    }

    /**
     * @return the details, or the error the check ended with: never empty
     */
    public Mono<Map<String, Object>> check() {
        return db.authenticate().timeout(TIMEOUT).then(Mono.fromSupplier(this::details));
    }

    /** @return the dialect and the pool's state */
    public Map<String, Object> details() {
        PoolMetrics pool = db.poolMetrics();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", db.dialect().name());
        out.put("acquired", pool.acquired());
        out.put("idle", pool.idle());
        out.put("pending", pool.pending());
        out.put("max", pool.max());
        return out;
    }
}
