package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.validation.V;
import java.util.List;
import java.util.Map;

/** SQL expressions as values of create, save and bulk update (Sequelize's fn/col/literal/cast as values). */
class ValueExpressionsTest {

    private static Model<Instance> counters(TestDb t) {
        Model<Instance> m = t.db().define("Counter", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("label", DataTypes.STRING)
                .attribute("count", DataTypes.INTEGER, a -> a.validate(V.max(100))));
        t.db().sync().block();
        return m;
    }

    private static Map<String, Object> row(TestDb t, String name) {
        return t.raw("SELECT " + t.q("label") + ", " + t.q("count") + " FROM " + t.q("Counters") + " WHERE "
                + t.q("name") + " = '" + name + "'").blockFirst();
    }

    private static int count(Map<String, Object> row) {
        return ((Number) row.get("count")).intValue();
    }

    @DatabaseTest
    void createRendersExpressionsAndBindsTheirValues(TestDb t) {
        Model<Instance> m = counters(t);
        t.clearStatements();
        Instance a = m.create(Map.of("name", "a", "label", Expr.fn("UPPER", "o'brien"),
                "count", Expr.literal("? + 1", 41))).block();
        assertInstanceOf(Expr.class, a.get("count"), "the instance keeps the expression, as Sequelize");
        String insert = t.statements().stream().filter(s -> s.startsWith("INSERT")).findFirst().orElseThrow();
        assertTrue(insert.contains("UPPER(") && insert.contains(" + 1"), insert);
        assertFalse(insert.contains("brien"), "values are bound, never concatenated: " + insert);
        assertEquals("O'BRIEN", row(t, "a").get("label"));
        assertEquals(42, count(row(t, "a")));
        m.bulkCreate(List.of(Map.of("name", "b", "count", Expr.cast(7L, "INTEGER")),
                Map.of("name", "c", "count", 3))).blockLast();
        assertEquals(7, count(row(t, "b")));
        assertEquals(3, count(row(t, "c")));
    }

    @DatabaseTest
    void bulkUpdateAndSaveTakeExpressions(TestDb t) {
        Model<Instance> m = counters(t);
        m.bulkCreate(List.of(Map.of("name", "a", "count", 1), Map.of("name", "b", "count", 5))).blockLast();
        // Literal text is the caller's SQL: here the quoted column, which is how each database names it.
        assertEquals(2L, m.update(Map.of("count", Expr.literal(t.q("count") + " + ?", 10), "label", Expr.col("name")),
                Where.and()).block());
        assertEquals(11, count(row(t, "a")));
        assertEquals(15, count(row(t, "b")));
        assertEquals("b", row(t, "b").get("label"));
        Instance a = m.findOne(q -> q.where("name", "a")).block();
        a.set("count", Expr.literal(t.q("count") + " * 2"));
        a.save().block();
        assertEquals(22, count(row(t, "a")), "the validator (max 100) does not run on an expression");
        assertEquals(22, ((Number) a.reload().block().get("count")).intValue());
    }
}
