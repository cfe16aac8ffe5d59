package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.Arrays;
import java.util.List;

/** ORDER BY with NULLS FIRST/LAST, attribute exclusion, DISTINCT. */
class SelectShapeTest {

    @DatabaseTest
    void nullsFirstAndLast(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        List<Object> first = p.findAll(q -> q.order(Order.asc("city").nullsFirst(), Order.asc("name")))
                .map(i -> (Object) i.get("name")).collectList().block();
        assertEquals(List.of("Ed_1", "50% off", "Ada", "Cy", "Bob", "Di"), first);
        List<Object> last = p.findAll(q -> q.order(Order.desc("city").nullsLast(), Order.asc("name")))
                .map(i -> (Object) i.get("name")).collectList().block();
        assertEquals(List.of("Di", "Bob", "Ada", "Cy", "50% off", "Ed_1"), last);
        String sql = t.statements().get(t.statements().size() - 1);
        assertTrue(t.is("mysql") ? sql.contains("IS NULL) ASC") : sql.contains("NULLS LAST"), sql);
    }

    @DatabaseTest
    void excludeAndDistinct(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        Instance ada = p.findOne(q -> q.where("name", "Ada").exclude("meta", "age")).block();
        assertEquals("London", ada.get("city"));
        assertNull(ada.get("age"));
        String sql = t.statements().get(t.statements().size() - 1);
        assertFalse(sql.contains(t.q("meta")), sql);
        List<String> cities = p.findAll(q -> q.attributes("city").distinct().order(Order.asc("city").nullsFirst()))
                .map(i -> String.valueOf(i.get("city"))).collectList().block();
        assertEquals(Arrays.asList("null", "Lon%", "London", "Paris", "Rome"), cities);
        assertTrue(t.statements().get(t.statements().size() - 1).startsWith("SELECT DISTINCT "));
    }
}
