package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.plan.Planner;
import io.resequel.query.FindOptions;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.sql.Sql;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;

/** The SELECT text of a query shape is rendered once and reused; only the binds are computed again. */
class QueryCacheTest {

    private static FindOptions filtered(String city, int age, int limit) {
        return FindOptions.builder().where(Where.and(Where.eq("city", city), Where.where("age", Op.GTE, age),
                Where.where("name", Op.STARTS_WITH, "A"))).order(Order.asc("name")).limit(limit).build();
    }

    @DatabaseTest
    void sameShapeReusesTextWithNewBinds(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        Planner planner = t.db().planner();
        assertEquals(List.of("Ada"), p.findAll(filtered("London", 30, 10)).map(i -> i.get("name")).collectList()
                .block());
        Planner.CacheStats before = planner.cacheStats();
        assertEquals(List.of(), p.findAll(filtered("Paris", 10, 5)).map(i -> i.get("name")).collectList().block());
        Planner.CacheStats after = planner.cacheStats();
        assertEquals(before.hits() + 1, after.hits(), "second query of the same shape is a cache hit");
        assertEquals(before.misses(), after.misses());

        Sql first = planner.select(p.definition(), filtered("London", 30, 10)).sql();
        Sql second = planner.select(p.definition(), filtered("Rome", 1, 3)).sql();
        assertEquals(first.text(), second.text());
        assertNotEquals(first.binds(), second.binds());
        assertEquals("Rome", second.binds().get(0).value());

        // A different shape (list size, null, IS TRUE vs IS FALSE) is rendered on its own.
        long misses = planner.cacheStats().misses();
        String a = planner.select(p.definition(), FindOptions.builder().where(Where.in("age", List.of(1, 2))).build())
                .sql().text();
        String b = planner.select(p.definition(), FindOptions.builder().where(Where.in("age", List.of(1, 2, 3)))
                .build()).sql().text();
        String c = planner.select(p.definition(), FindOptions.builder().where(Where.where("active", Op.IS, true))
                .build()).sql().text();
        String d = planner.select(p.definition(), FindOptions.builder().where(Where.where("active", Op.IS, false))
                .build()).sql().text();
        String e = planner.select(p.definition(), FindOptions.builder().where(Where.eq("city", null)).build())
                .sql().text();
        assertEquals(misses + 5, planner.cacheStats().misses());
        assertNotEquals(a, b);
        assertNotEquals(c, d);
        assertEquals(List.of("Ed_1"), p.findAll(FindOptions.builder().where(Where.eq("city", null)).build())
                .map(i -> i.get("name")).collectList().block());
        assertEquals(e, t.statements().get(t.statements().size() - 1));
    }
}
