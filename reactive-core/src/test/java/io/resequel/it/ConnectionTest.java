package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.sql.Sql;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** authenticate, pool options, logging/benchmark, model defaults from the builder. */
class ConnectionTest {

    @DatabaseTest
    void authenticate(TestDb t) {
        StepVerifier.create(t.db().authenticate()).verifyComplete();
        assertEquals(1, t.statements().size());
    }

    @DatabaseTest
    void smallPoolQueuesConcurrentWork(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(2).acquire(Duration.ofSeconds(30))));
        String slow = switch (t.kind()) {
            case "postgres" -> "SELECT pg_sleep(0.3)";
            case "mysql" -> "SELECT SLEEP(0.3)";
            default -> "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 300000)";
        };
        List<Integer> out = Flux.range(0, 3)
                .flatMap(i -> db.executor().query(Sql.of(slow), r -> (Object) "done").then(reactor.core.publisher.Mono.just(i)))
                .collectList().block(Duration.ofSeconds(30));
        assertEquals(3, out.size());
        assertEquals(2, db.poolMetrics().max());
        assertTrue(db.poolMetrics().acquired() <= 2);
    }

    @DatabaseTest
    void loggingAndBenchmarkDoNotChangeResults(TestDb t) {
        Resequel db = t.connect(b -> b.logging(true).benchmark(true));
        Model<Instance> m = db.define("Thing", s -> s.attribute("name", DataTypes.STRING));
        db.sync().block();
        m.create(Map.of("name", "logged")).block();
        assertEquals("logged", m.findOne(q -> q.where("name", "logged")).block().get("name"));
        assertFalse(t.statements().isEmpty());
    }

    @DatabaseTest
    void defineDefaultsFromTheBuilder(TestDb t) {
        Resequel db = t.connect(b -> b.define(o -> o.underscored(true).timestamps(false)));
        Model<Instance> m = db.define("BlogPost", s -> s.attribute("postTitle", DataTypes.STRING));
        db.sync().block();
        m.create(Map.of("postTitle", "x")).block();
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("BlogPosts")).blockFirst();
        assertEquals(java.util.Set.of("id", "post_title"), row.keySet());
    }
}
