package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.test.StepVerifier;

/** findAll with where/order/limit/offset/attributes, findByPk, findOne, count. */
class FinderTest {

    static Model<Instance> people(TestDb t) {
        Model<Instance> m = t.db().define("Person", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER)
                .attribute("city", DataTypes.STRING));
        t.db().sync().block();
        m.bulkCreate(List.of(
                Map.of("name", "Ada", "age", 36, "city", "London"),
                Map.of("name", "Bob", "age", 17, "city", "Paris"),
                Map.of("name", "Cy", "age", 52, "city", "London"),
                Map.of("name", "Di", "age", 29, "city", "Rome"),
                Map.of("name", "Ed", "age", 17))).blockLast();
        return m;
    }

    static List<String> names(Model<Instance> m, java.util.function.Consumer<io.resequel.query.FindOptions.Builder> q) {
        return m.findAll(q).map(i -> (String) i.get("name")).collectList().block();
    }

    @DatabaseTest
    void whereEqualityAndCombinations(TestDb t) {
        Model<Instance> p = people(t);
        assertEquals(List.of("Ada", "Cy"), names(p, q -> q.where("city", "London").order(Order.asc("name"))));
        assertEquals(List.of("Ed"), names(p, q -> q.where(Where.eq("city", null))));
        assertEquals(List.of("Cy"), names(p, q -> q.where(Where.and(Where.eq("city", "London"),
                Where.where("age", Op.GT, 40)))));
        assertEquals(List.of("Bob", "Cy", "Ed"), names(p, q -> q.where(Where.or(Where.where("age", Op.LT, 18),
                Where.where("age", Op.GTE, 52))).order(Order.asc("name"))));
        assertEquals(List.of("Ada"), names(p, q -> q.where("city", "London").where("age", Op.LTE, 36)));
        assertEquals(List.of("Bob", "Ed"), names(p, q -> q.where(Where.not(Where.where("age", Op.NE, 17)))
                .order(Order.asc("name"))));
    }

    @DatabaseTest
    void inAndNotIn(TestDb t) {
        Model<Instance> p = people(t);
        assertEquals(List.of("Ada", "Di"), names(p, q -> q.where(Where.in("name", List.of("Ada", "Di", "Zed")))
                .order(Order.asc("name"))));
        assertEquals(List.of(), names(p, q -> q.where(Where.in("name", List.of()))));
        assertEquals(5, names(p, q -> q.where("name", Op.NOT_IN, List.of())).size());
        assertEquals(List.of("Bob", "Cy", "Di", "Ed"), names(p, q -> q.where("name", Op.NOT_IN, List.of("Ada"))
                .order(Order.asc("name"))));
    }

    @DatabaseTest
    void comparisons(TestDb t) {
        Model<Instance> p = people(t);
        assertEquals(List.of("Cy"), names(p, q -> q.where("age", Op.GT, 36)));
        assertEquals(List.of("Ada", "Cy"), names(p, q -> q.where("age", Op.GTE, 36).order(Order.asc("age"))));
        assertEquals(List.of("Bob", "Ed"), names(p, q -> q.where("age", Op.LT, 29).order(Order.asc("name"))));
        assertEquals(List.of("Bob", "Di", "Ed"), names(p, q -> q.where("age", Op.LTE, 29).order(Order.asc("name"))));
        assertEquals(4, names(p, q -> q.where("city", Op.NE, "nowhere")).size(), "NULL city is not <> 'nowhere'");
    }

    @DatabaseTest
    void orderLimitOffset(TestDb t) {
        Model<Instance> p = people(t);
        assertEquals(List.of("Cy", "Ada", "Di"), names(p, q -> q.order(Order.desc("age"), Order.asc("name")).limit(3)));
        assertEquals(List.of("Di", "Bob"), names(p, q -> q.order(Order.desc("age"), Order.asc("name")).limit(2).offset(2)));
        assertEquals(List.of("Ed"), names(p, q -> q.order(Order.desc("age"), Order.asc("name")).offset(4)));
    }

    @DatabaseTest
    void attributesSelectsOnlyThose(TestDb t) {
        Model<Instance> p = people(t);
        t.clearStatements();
        Instance ada = p.findOne(q -> q.where("name", "Ada").attributes("name", "age")).block();
        assertEquals("Ada", ada.get("name"));
        assertEquals(36, ada.get("age"));
        assertNull(ada.get("city"));
        String select = t.statements().get(0);
        assertTrue(!select.contains(t.q("city")), select);
    }

    @DatabaseTest
    void findByPkFindOneCount(TestDb t) {
        Model<Instance> p = people(t);
        Instance first = p.findOne(q -> q.order(Order.asc("id"))).block();
        assertEquals("Ada", first.get("name"));
        assertEquals("Ada", p.findByPk(first.get("id")).block().get("name"));
        StepVerifier.create(p.findByPk(999_999)).verifyComplete();
        StepVerifier.create(p.findByPk(null)).verifyComplete();
        StepVerifier.create(p.findOne(q -> q.where("name", "nobody"))).verifyComplete();
        assertEquals(5L, p.count().block());
        assertEquals(2L, p.count(Where.eq("city", "London")).block());
        assertEquals(0L, p.count(Where.eq("city", "Oslo")).block());
    }

    @DatabaseTest
    void findAllStreamsEveryRow(TestDb t) {
        Model<Instance> p = people(t);
        List<Instance> all = new ArrayList<>(p.findAll().collectList().block());
        assertEquals(5, all.size());
        all.forEach(i -> assertTrue(!i.isNewRecord() && i.changed().isEmpty()));
    }
}
