package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import reactor.test.StepVerifier;

/** bulkCreate (ids, atomicity, batching), bulk update and destroy, cancellation. */
class BulkTest {

    static Model<Instance> items(TestDb t) {
        Model<Instance> m = t.db().define("Item", s -> s
                .attribute("code", DataTypes.STRING, a -> a.unique(true))
                .attribute("qty", DataTypes.INTEGER)
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        return m;
    }

    static long count(TestDb t, String table) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q(table)).blockFirst().get("n")).longValue();
    }

    @DatabaseTest
    void bulkCreateReturningReadsDatabaseSideValues(TestDb t) {
        Model<Instance> items = items(t);
        // A default the model does not know: only RETURNING can bring it into the instances.
        t.rawUpdate("ALTER TABLE " + t.q("Items") + " ALTER COLUMN " + t.q("qty") + " SET DEFAULT 42").block();
        List<Map<String, Object>> rows = List.of(Map.of("code", "a"), Map.of("code", "b"), Map.of("code", "c"));
        io.resequel.query.BulkCreateOptions returning = io.resequel.query.BulkCreateOptions.builder().returning().build();
        if (!t.db().dialect().supports(io.resequel.sql.Feature.MULTI_ROW_GENERATED_KEYS)) {
            StepVerifier.create(items.bulkCreate(rows, returning))
                    .expectError(io.resequel.error.UnsupportedOperatorException.class).verify();
            return;
        }
        List<Instance> created = items.bulkCreate(rows, returning).collectList().block();
        assertEquals(List.of("a", "b", "c"), created.stream().map(i -> i.get("code")).toList());
        for (Instance i : created) {
            assertEquals(42, ((Number) i.get("qty")).intValue(), "database default read back: " + i);
            assertNotNull(i.get("id"));
        }
        assertEquals(3, count(t, "Items"));
    }

    @DatabaseTest
    void bulkCreateReturnsInstancesWithIds(TestDb t) {
        Model<Instance> items = items(t);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(Map.of("code", "c" + i, "qty", i));
        }
        List<Instance> out = items.bulkCreate(rows).collectList().block();
        assertEquals(10, out.size());
        HashSet<Object> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Instance it = out.get(i);
            assertNotNull(it.get("id"), "id of row " + i);
            assertEquals("c" + i, it.get("code"));
            assertTrue(!it.isNewRecord());
            ids.add(it.get("id"));
            // the id belongs to that row
            assertEquals("c" + i, items.findByPk(it.get("id")).block().get("code"));
        }
        assertEquals(10, ids.size());
    }

    @DatabaseTest
    void bulkCreateIsAtomic(TestDb t) {
        Model<Instance> items = items(t);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(Map.of("code", i == 699 ? "c0" : "c" + i, "qty", i));
        }
        StepVerifier.create(items.bulkCreate(rows)).expectError(UniqueConstraintException.class)
                .verify(Duration.ofSeconds(30));
        assertEquals(0, count(t, "Items"), "a failed bulkCreate leaves no row");
    }

    @DatabaseTest
    void bulkCreateBeyondTheParameterLimit(TestDb t) {
        Model<Instance> wide = t.db().define("Wide", s -> {
            for (int c = 0; c < 7; c++) {
                s.attribute("c" + c, DataTypes.INTEGER);
            }
            s.options(o -> o.timestamps(false));
        });
        t.db().sync().block();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Map<String, Object> r = new HashMap<>();
            for (int c = 0; c < 7; c++) {
                r.put("c" + c, i * 10 + c);
            }
            rows.add(r);
        }
        t.clearStatements();
        List<Instance> out = wide.bulkCreate(rows).collectList().block(Duration.ofSeconds(120));
        assertEquals(5000, out.size());
        assertEquals(5000, count(t, "Wides"));
        long inserts = t.statements().stream().filter(s -> s.startsWith("INSERT")).count();
        assertTrue(inserts >= 2, "5,000 rows x 7 columns need several statements, got " + inserts);
        assertEquals(49_996L, ((Number) t.raw("SELECT MAX(" + t.q("c6") + ") AS m FROM " + t.q("Wides"))
                .blockFirst().get("m")).longValue());
        assertNotNull(out.get(4999).get("id"));
    }

    @DatabaseTest
    void bulkUpdateAndDestroyWithWhere(TestDb t) {
        Model<Instance> items = items(t);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(Map.of("code", "c" + i, "qty", i));
        }
        items.bulkCreate(rows).blockLast();
        assertEquals(4L, items.update(Map.of("qty", 100), Where.where("qty", Op.LT, 4)).block());
        assertEquals(4L, items.count(Where.eq("qty", 100)).block());
        assertEquals(3L, items.destroy(Where.in("code", List.of("c7", "c8", "c9", "nope"))).block());
        assertEquals(7, count(t, "Items"));
        assertEquals(2L, items.increment(Map.of("qty", 5), Where.in("code", List.of("c5", "c6"))).block());
        assertEquals(List.of(10, 11), items.findAll(q -> q.where(Where.in("code", List.of("c5", "c6")))
                .order(Order.asc("code"))).map(i -> i.get("qty")).collectList().block());
        assertEquals(7L, items.destroy(Where.and()).block());
        assertEquals(0, count(t, "Items"));
    }

    @DatabaseTest
    void cancellingAFindAllReleasesTheConnection(TestDb t) throws InterruptedException {
        Model<Instance> items = items(t);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(Map.of("code", "c" + i, "qty", i));
        }
        items.bulkCreate(rows).blockLast(Duration.ofSeconds(120));
        List<Instance> ten = items.findAll().take(10).collectList().block(Duration.ofSeconds(30));
        assertEquals(10, ten.size());
        long deadline = System.currentTimeMillis() + 2000;
        while (t.db().poolMetrics().acquired() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, t.db().poolMetrics().acquired(), "connection released within 2 s of cancel");
        // and the pool still works
        assertEquals(10_000L, items.count().block());
    }
}
