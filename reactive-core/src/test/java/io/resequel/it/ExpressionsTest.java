package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** fn/col/literal/cast helpers, aliases, group + having, order by expressions. */
class ExpressionsTest {

    @DatabaseTest
    void aliasesAndComputedColumns(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        Instance ada = p.findOne(q -> q.attributes("id").attribute("name", "who")
                .attribute(Expr.fn("UPPER", Expr.col("name")), "shout")
                .attribute(Expr.literal("(SELECT COUNT(*) FROM " + t.q("People") + " WHERE " + t.q("age")
                        + " > ? AND " + t.q("name") + " <> '?')", 20), "older")
                .attribute(Expr.cast(Expr.col("age"), "CHAR(10)"), "ageText")
                .where(Where.where(Expr.fn("LOWER", Expr.col("name")), Op.EQ, "ada"))).block();
        assertEquals("Ada", ada.get("who"));
        assertEquals("ADA", ada.get("shout"));
        assertEquals(4L, ((Number) ada.get("older")).longValue());
        assertEquals("36", ada.get("ageText").toString().trim());
        assertEquals("ADA", ada.toJSON().get("shout"));
        String sql = t.statements().get(t.statements().size() - 1);
        assertTrue(sql.contains("'?'"), "a ? inside a string literal stays text: " + sql);
    }

    @DatabaseTest
    void groupHavingAndOrderByExpressions(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        List<String> rows = p.findAll(q -> q.attributes("city").attribute(Expr.fn("COUNT", Expr.col("id")), "n")
                        .attribute(Expr.fn("MAX", Expr.col("age")), "oldest")
                        .where(Where.ne("city", null))
                        .group("city")
                        .having(Where.where("n", Op.GTE, 1).and(Where.where(Expr.fn("MIN", Expr.col("age")), Op.LT, 50)))
                        .order(Order.desc("n"), Order.by(Expr.fn("MAX", Expr.col("age")), true)))
                .map(i -> i.get("city") + ":" + ((Number) i.get("n")).longValue() + ":" + ((Number) i.get("oldest"))
                        .intValue())
                .collectList().block();
        assertEquals(List.of("London:2:52", "Lon%:1:40", "Rome:1:29", "Paris:1:17"), rows);
        List<String> byLiteral = p.findAll(q -> q.order(Order.by(Expr.literal("CASE WHEN " + t.q("name")
                + " = ? THEN 0 ELSE 1 END", "Cy"), false), Order.asc("name")).limit(2))
                .map(i -> (String) i.get("name")).collectList().block();
        assertEquals(List.of("Cy", "50% off"), byLiteral);
        Map<String, Object> json = p.findOne(q -> q.attributes("name").where("name", "Bob")).block().toJSON();
        assertEquals(Map.of("name", "Bob"), json.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
