package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.EmptyResultException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Created;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Page;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** findOrCreate, findCreateFind, findAndCountAll, count/max/min/sum, rejectOnEmpty, raw rows. */
class AggregatesTest {

    @DatabaseTest
    void findOrCreateByTwentyConcurrentSubscribersCreatesOneRow(TestDb t) {
        Model<Instance> tags = t.db().define("Tag", s -> s
                .attribute("name", DataTypes.STRING, a -> a.unique(true).allowNull(false))
                .attribute("color", DataTypes.STRING));
        t.db().sync().block();
        List<Created<Instance>> results = Flux.range(0, 20)
                .flatMap(i -> tags.findOrCreate(Where.eq("name", "java"), Map.of("color", "blue")), 20)
                .collectList().block();
        assertEquals(20, results.size());
        assertEquals(1, results.stream().filter(Created::created).count(), "exactly one call inserted");
        Object id = results.get(0).instance().get("id");
        assertTrue(results.stream().allMatch(r -> r.instance().get("id").equals(id)), "all see the same row");
        assertEquals(1L, t.raw("SELECT COUNT(*) AS n FROM " + t.q("Tags")).blockFirst().get("n") instanceof Number n
                ? n.longValue() : -1);
        Created<Instance> again = tags.findCreateFind(Where.eq("name", "java"), Map.of()).block();
        assertEquals(false, again.created());
        assertEquals("blue", again.instance().get("color"));
        assertEquals(true, tags.findCreateFind(Where.eq("name", "kotlin"), Map.of()).block().created());
    }

    @DatabaseTest
    void countsAndAggregates(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        assertEquals(6L, p.count(q -> { }).block());
        assertEquals(5L, p.count(q -> q.attributes("city")).block(), "COUNT(col) skips NULL");
        assertEquals(4L, p.count(q -> q.attributes("city").distinct()).block());
        assertEquals(6L, p.count(q -> q.distinct()).block());
        assertEquals(2L, p.count(q -> q.where(Where.eq("age", 17))).block());
        assertEquals(52, p.max("age", null).block());
        assertEquals(17, p.min("age", Where.ne("city", null)).block());
        assertEquals(191L, p.sum("age", null).block().longValue());
        StepVerifier.create(p.max("age", Where.eq("name", "nobody"))).verifyComplete();
        assertTrue(t.statements().stream().anyMatch(s -> s.startsWith("SELECT COUNT(DISTINCT ")));
    }

    @DatabaseTest
    void findOrCreateRefusesDefaultsThatContradictTheWhere(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        t.clearStatements();
        StepVerifier.create(p.findOrCreate(Where.eq("name", "Zed"), Map.of("name", "Zoe", "age", 3)))
                .expectErrorSatisfies(e -> assertTrue(e.getMessage().contains("value used for name was not equal"),
                        e.getMessage()))
                .verify();
        assertTrue(t.statements().isEmpty(), "refused before any SQL");
    }

    @DatabaseTest
    void countGroupedGivesOneRowPerGroup(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        List<Map<String, Object>> rows = p.countGrouped(q -> q.group("city").where(Where.ne("city", null))
                .order(Order.asc("city"))).collectList().block();
        Map<Object, Long> byCity = new java.util.LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            byCity.put(r.get("city"), ((Number) r.get("count")).longValue());
        }
        long total = byCity.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(5L, total, "every row with a city is counted once: " + rows);
        assertEquals(4, byCity.size(), "one row per distinct city: " + rows);
        assertEquals(2L, byCity.get("London"));
        StepVerifier.create(p.countGrouped(q -> { })).expectError(IllegalArgumentException.class).verify();
    }

    @DatabaseTest
    void findAndCountAllRejectOnEmptyAndRaw(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        Page<Instance> page = p.findAndCountAll(q -> q.where(Where.where("age", Op.GTE, 18))
                .order(Order.asc("age")).limit(2).offset(1)).block();
        assertEquals(4, page.count());
        assertEquals(List.of("Ada", "50% off"), page.rows().stream().map(i -> i.get("name")).toList());
        assertEquals(0, p.findAndCountAll(q -> q.where("name", "nobody")).block().rows().size());

        Exception e = assertThrows(Exception.class, () -> p.findOne(q -> q.where("name", "nobody").rejectOnEmpty())
                .block());
        assertTrue(assertInstanceOf(EmptyResultException.class, e).getMessage().contains("Person"));
        StepVerifier.create(p.findAll(q -> q.where("name", "nobody").rejectOnEmpty()))
                .expectError(EmptyResultException.class).verify();
        assertEquals("Ada", p.findOne(q -> q.where("name", "Ada").rejectOnEmpty()).block().get("name"));

        List<Map<String, Object>> raw = p.findAllRaw(q -> q.attributes("name", "age").where("city", "London")
                .order(Order.asc("name"))).collectList().block();
        assertEquals(List.of(Map.of("name", "Ada", "age", 36), Map.of("name", "Cy", "age", 52)), raw);
    }
}
