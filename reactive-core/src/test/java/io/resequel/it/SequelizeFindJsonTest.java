package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnsupportedOperatorException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Created;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ported from Sequelize v6.37.8 test/integration/model/json.test.js. Sequelize's nested where objects
 * ({@code {data: {name: {first: 'Rick'}}}}) are written as paths here ({@code Where.eq("data.name.first", "Rick")}).
 * H2 has no JSON path functions: there every path condition is an {@link UnsupportedOperatorException} before SQL,
 * and the cases that need one stop after checking that.
 */
class SequelizeFindJsonTest {

    private static Model<Instance> events(TestDb t) {
        Model<Instance> m = t.db().define("Event", s -> s
                .attribute("data", DataTypes.JSON, a -> a.field("event_data"))
                .attribute("json", DataTypes.JSON)
                .options(o -> o.tableName("fmb_events")));
        t.db().sync().block();
        return m;
    }

    private static Map<String, Object> person(String first, String last, Object employment) {
        Map<String, Object> data = new HashMap<>();
        data.put("name", Map.of("first", first, "last", last));
        data.put("employment", employment);
        return data;
    }

    private static Instance create(Model<Instance> m, String attribute, Object json) {
        Map<String, Object> values = new HashMap<>();
        values.put(attribute, json);
        return m.create(values).block();
    }

    private static List<Object> data(Model<Instance> m, Where where) {
        return m.findAll(q -> q.where(where).order(Order.asc("id"))).map(i -> i.get("data")).collectList().block();
    }

    /** @return whether the database has JSON paths; on H2 asserts the typed refusal instead */
    private static boolean paths(TestDb t, Model<Instance> m, Where where) {
        if (!t.is("h2")) {
            return true;
        }
        t.clearStatements();
        Exception e = assertThrows(Exception.class, () -> m.findAll(q -> q.where(where)).collectList().block());
        assertEquals("h2", assertInstanceOf(UnsupportedOperatorException.class, e).dialect());
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        return false;
    }

    @DatabaseTest
    void findOrCreateSupportsTransactionsAndJson(TestDb t) {
        Model<Instance> m = events(t);
        Where where = Where.eq("json.some.input", "Hello");
        if (!paths(t, m, where)) {
            return;
        }
        Map<String, Object> defaults = Map.of("json", Map.of("some", Map.of("input", "Hello"), "input", List.of(1, 2, 3)),
                "data", Map.of("some", Map.of("input", "There"), "input", List.of(4, 5, 6)));
        Transaction tx = t.db().startTransaction().block();
        Created<Instance> c = m.findOrCreate(where, defaults).contextWrite(ctx -> TransactionContext.with(ctx, tx))
                .block();
        assertTrue(c.created());
        assertEquals(0L, m.count().block());
        tx.commit().block();
        assertEquals(1L, m.count().block());
        assertEquals(List.of(4, 5, 6), ((Map<?, ?>) m.findOne(q -> q.where(where)).block().get("data")).get("input"));
    }

    @DatabaseTest
    void createsAnInstanceWithJsonData(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "data", person("Homer", "Simpson", "Nuclear Safety Inspector"));
        assertEquals(List.of(person("Homer", "Simpson", "Nuclear Safety Inspector")), data(m, Where.and()));
    }

    /** Both of Sequelize's notations (dot path, nested object) are the path here. */
    @DatabaseTest
    void updatesWithAJsonPathInTheWhere(TestDb t) {
        Model<Instance> m = events(t);
        m.bulkCreate(List.of(Map.of("id", 1, "data", person("Homer", "Simpson", "Nuclear Safety Inspector")),
                Map.of("id", 2, "data", person("Rick", "Sanchez", "Multiverse Scientist")))).blockLast();
        Where rick = Where.eq("data.name.first", "Rick");
        if (t.is("h2")) {
            assertThrows(UnsupportedOperatorException.class, () -> m.update(Map.of("data", person("Rick", "Sanchez",
                    "Galactic Fed Prisioner")), rick).block());
            return;
        }
        assertEquals(1L, m.update(Map.of("data", person("Rick", "Sanchez", "Galactic Fed Prisioner")), rick).block());
        assertEquals(person("Rick", "Sanchez", "Galactic Fed Prisioner"), m.findByPk(2).block().get("data"));
        assertEquals(person("Homer", "Simpson", "Nuclear Safety Inspector"), m.findByPk(1).block().get("data"));
    }

    @DatabaseTest
    void updatesAnInstanceWithJsonData(TestDb t) {
        Model<Instance> m = events(t);
        Instance e = create(m, "data", person("Homer", "Simpson", "Nuclear Safety Inspector"));
        e.update(Map.of("data", person("Homer", "Simpson", null))).block();
        assertEquals(List.of(person("Homer", "Simpson", null)), data(m, Where.and()));
    }

    @DatabaseTest
    void queriesANestedValue(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "data", person("Homer", "Simpson", "Nuclear Safety Inspector"));
        create(m, "data", person("Marge", "Simpson", "Housewife"));
        Where where = Where.eq("data.employment", "Housewife");
        if (paths(t, m, where)) {
            assertEquals(List.of(person("Marge", "Simpson", "Housewife")), data(m, where));
        }
    }

    /**
     * A date inside JSON is stored as its ISO-8601 text (Sequelize: {@code toISOString()}), so equality and
     * BETWEEN compare that text, which sorts as time does.
     */
    @DatabaseTest
    void queriesDatesWithArrayOperators(TestDb t) {
        Model<Instance> m = events(t);
        Instant now = Instant.parse("2024-05-06T07:08:09Z");
        create(m, "json", Map.of("user", "Homer", "lastLogin", now.toString()));
        Where eq = Where.eq("json.lastLogin", now.toString());
        if (!paths(t, m, eq)) {
            return;
        }
        Map<String, Object> expected = Map.of("user", "Homer", "lastLogin", "2024-05-06T07:08:09Z");
        assertEquals(List.of(expected), m.findAll(q -> q.where(eq)).map(i -> i.get("json")).collectList().block());
        Where between = Where.between("json.lastLogin", now.minusSeconds(86400).toString(),
                now.plusSeconds(86400).toString());
        assertEquals(List.of(expected), m.findAll(q -> q.where(between)).map(i -> i.get("json")).collectList()
                .block());
    }

    @DatabaseTest
    void queriesABooleanWithArrayOperators(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "json", Map.of("user", "Homer", "active", true));
        Where eq = Where.eq("json.active", true);
        if (!paths(t, m, eq)) {
            return;
        }
        Map<String, Object> expected = Map.of("user", "Homer", "active", true);
        assertEquals(List.of(expected), m.findAll(q -> q.where(eq)).map(i -> i.get("json")).collectList().block());
        Where in = Where.in("json.active", List.of(true, false));
        assertEquals(List.of(expected), m.findAll(q -> q.where(in)).map(i -> i.get("json")).collectList().block());
    }

    @DatabaseTest
    void queriesANestedIntegerValue(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "data", Map.of("name", Map.of("first", "Homer", "last", "Simpson"), "age", 40));
        create(m, "data", Map.of("name", Map.of("first", "Marge", "last", "Simpson"), "age", 37));
        Where gt = Where.where("data.age", Op.GT, 38);
        if (paths(t, m, gt)) {
            assertEquals(List.of(Map.of("name", Map.of("first", "Homer", "last", "Simpson"), "age", 40)),
                    data(m, gt));
        }
    }

    @DatabaseTest
    void queriesANestedNullValue(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "data", person("Homer", "Simpson", "Nuclear Safety Inspector"));
        create(m, "data", person("Marge", "Simpson", null));
        Where isNull = Where.eq("data.employment", null);
        if (paths(t, m, isNull)) {
            assertEquals(List.of(person("Marge", "Simpson", null)), data(m, isNull));
        }
    }

    @DatabaseTest
    void queriesNestedFieldsWithHyphensAndDollars(TestDb t) {
        Model<Instance> m = events(t);
        Map<String, Object> homer = person("Homer", "Simpson", "Nuclear Safety Inspector");
        homer.put("status_report", Map.of("red-indicator", Map.of("level$$level", true)));
        create(m, "data", homer);
        create(m, "data", person("Marge", "Simpson", null));
        Where where = Where.eq("data.status_report.red-indicator.level$$level", true);
        if (paths(t, m, where)) {
            assertEquals(List.of(homer), data(m, where));
        }
    }

    @DatabaseTest
    void queriesMultipleNestedValuesAndOrders(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "data", person("Homer", "Simpson", "Nuclear Safety Inspector"));
        create(m, "data", person("Marge", "Simpson", "Housewife"));
        create(m, "data", person("Bart", "Simpson", "None"));
        Where both = Where.and(Where.eq("data.name.last", "Simpson"), Where.ne("data.employment", "None"));
        if (!paths(t, m, both)) {
            return;
        }
        assertEquals(List.of(person("Homer", "Simpson", "Nuclear Safety Inspector"),
                person("Marge", "Simpson", "Housewife")), data(m, both));
        // order: [['data.name.first']]
        List<Object> ordered = m.findAll(q -> q.where(Where.eq("data.name.last", "Simpson"))
                .order(Order.asc("data.name.first"))).map(i -> i.get("data")).collectList().block();
        assertEquals(List.of(person("Bart", "Simpson", "None"), person("Homer", "Simpson",
                "Nuclear Safety Inspector"), person("Marge", "Simpson", "Housewife")), ordered);
    }

    @DatabaseTest
    void destroysWithAJsonPathWhere(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "data", person("Elliot", "Alderson", "Hacker"));
        create(m, "data", person("Christian", "Slater", "Hacker"));
        create(m, "data", person(" Tyrell", "Wellick", "CTO"));
        Where hacker = Where.eq("data.employment", "Hacker");
        if (!paths(t, m, hacker)) {
            assertThrows(UnsupportedOperatorException.class, () -> m.destroy(hacker).block());
            assertEquals(3L, m.count().block());
            return;
        }
        assertEquals(2, data(m, hacker).size());
        assertEquals(2L, m.destroy(hacker).block());
        assertEquals(0, data(m, hacker).size());
        assertEquals(1L, m.count().block());
    }

    // ---- sql injection attacks -------------------------------------------------------------------------------

    private static final String EXPLOIT = "'); DELETE YOLO INJECTIONS; -- ";

    @DatabaseTest
    void escapesSingleQuotesInValuesAndArrays(TestDb t) {
        Model<Instance> m = events(t);
        Map<String, Object> point = Map.of("type", "Point", "properties", Map.of("exploit", EXPLOIT));
        Map<String, Object> array = Map.of("type", "Point", "coordinates", Arrays.asList(39.807222,
                "'); DELETE YOLO INJECTIONS; --"));
        create(m, "data", point);
        create(m, "data", array);
        assertEquals(List.of(point, array), data(m, Where.and()));
        // the properly escaped select
        Where where = Where.and(Where.eq("data.type", "Point"), Where.eq("data.properties.exploit", EXPLOIT));
        if (paths(t, m, where)) {
            assertEquals(List.of(point), data(m, where));
        }
    }

    /** Path keys are bound values, never SQL text (Sequelize: escaped), also in {@code sequelize.json}'s form. */
    @DatabaseTest
    void escapesPathKeys(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "data", Map.of("id", 1));
        Where key = Where.eq("data.a')) AS DECIMAL) = 1 DELETE YOLO INJECTIONS; -- ", 1);
        Where jsonForm = Where.eq("data.id')) AS DECIMAL) = 1 DELETE YOLO INJECTIONS; -- ", "1");
        if (!paths(t, m, key)) {
            return;
        }
        t.clearStatements();
        assertEquals(List.of(), m.findAllRaw(q -> q.attributes("id").where(key)).collectList().block());
        assertEquals(List.of(), m.findAllRaw(q -> q.attributes("id").where(jsonForm)).collectList().block());
        assertTrue(t.statements().stream().noneMatch(s -> s.contains("YOLO")), t.statements().toString());
        assertEquals(1L, m.count().block());
    }

    /**
     * Sequelize: rejected on PostgreSQL. Here the path segments are bound, so the query runs and simply finds no
     * such key: every row has a null there and keeps its insertion order.
     */
    @DatabaseTest
    void ordersByAJsonPathWithAnInjectionAttemptSafely(TestDb t) {
        Model<Instance> m = events(t);
        create(m, "data", person("Homer", "Simpson", "Nuclear Safety Inspector"));
        create(m, "data", person("Marge", "Simpson", "Housewife"));
        Where where = Where.eq("data.name.last", "Simpson");
        if (!paths(t, m, where)) {
            return;
        }
        t.clearStatements();
        List<Object> rows = m.findAll(q -> q.where(where)
                .order(Order.asc("data.name.first}'); INSERT INJECTION HERE! SELECT ('"), Order.asc("id")))
                .map(i -> i.get("data")).collectList().block();
        assertEquals(2, rows.size());
        assertEquals(person("Homer", "Simpson", "Nuclear Safety Inspector"), rows.get(0));
        assertTrue(t.statements().stream().noneMatch(s -> s.contains("INJECTION")), t.statements().toString());
    }
}
