package io.resequel.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Read routing decisions and replica lag as Micrometer meters in the global registry (issue 18). */
class RoutingMetersTest {

    @Test
    void countersAndTheLagGaugeFollowTheRoutingAndGoAwayOnClose() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            AtomicReference<RoutingMetrics> state = new AtomicReference<>(new RoutingMetrics(0, 0, 0, 0, 0, 0));
            AutoCloseable meters = PoolMeters.publishRouting(state::get, "orders");
            state.set(new RoutingMetrics(7, 2, 3, 10, 4, 512));
            assertEquals(7.0, registry.get("resequel.routing.reads").tags("pool", "orders", "served", "replica")
                    .functionCounter().count());
            assertEquals(2.0, registry.get("resequel.routing.reads").tags("pool", "orders", "served", "writer")
                    .functionCounter().count());
            assertEquals(3.0, registry.get("resequel.routing.reads").tags("pool", "orders", "served", "consistency")
                    .functionCounter().count());
            assertEquals(10.0, registry.get("resequel.routing.lsn.checks").tag("pool", "orders").functionCounter()
                    .count());
            assertEquals(4.0, registry.get("resequel.routing.lsn.behind").tag("pool", "orders").functionCounter()
                    .count());
            assertEquals(512.0, registry.get("resequel.routing.replica.lag").tag("pool", "orders").gauge().value());
            meters.close();
            assertNull(Metrics.globalRegistry.find("resequel.routing.reads").tag("pool", "orders").functionCounter());
            assertNull(Metrics.globalRegistry.find("resequel.routing.replica.lag").tag("pool", "orders").gauge());
        } finally {
            Metrics.removeRegistry(registry);
        }
    }
}
