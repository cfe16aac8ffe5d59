package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnknownAttributeException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.FindOptions;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The where operators on every database: rows matched and SQL emitted. */
class OperatorsTest {

    static Model<Instance> people(TestDb t) {
        Model<Instance> m = t.db().define("Person", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER)
                .attribute("minAge", DataTypes.INTEGER)
                .attribute("city", DataTypes.STRING)
                .attribute("active", DataTypes.BOOLEAN)
                .attribute("meta", DataTypes.JSON));
        t.db().sync().block();
        m.bulkCreate(List.of(
                row("Ada", 36, 18, "London", true, Map.of("theme", Map.of("color", "red"), "level", 10)),
                row("Bob", 17, 18, "Paris", false, Map.of("theme", Map.of("color", "blue"), "level", 2)),
                row("Cy", 52, 60, "London", true, Map.of("theme", Map.of("color", "red"), "level", 7)),
                row("Di", 29, 18, "Rome", null, Map.of("level", 3)),
                row("Ed_1", 17, 16, null, false, null),
                row("50% off", 40, 18, "Lon%", true, null))).blockLast();
        return m;
    }

    private static Map<String, Object> row(String name, int age, int minAge, String city, Boolean active,
            Object meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("age", age);
        m.put("minAge", minAge);
        m.put("city", city);
        m.put("active", active);
        m.put("meta", meta);
        return m;
    }

    static List<String> names(Model<Instance> m, Where where) {
        return m.findAll(q -> q.where(where).order(Order.asc("name"))).map(i -> (String) i.get("name"))
                .collectList().block();
    }

    @DatabaseTest
    void comparisonsNullsAndBooleans(TestDb t) {
        Model<Instance> p = people(t);
        assertEquals(List.of("Ed_1"), names(p, Where.eq("city", null)));
        assertEquals(5, names(p, Where.where("city", Op.NOT, null)).size());
        assertEquals(List.of("50% off", "Ada", "Cy"), names(p, Where.where("active", Op.IS, true)));
        assertEquals(List.of("Bob", "Di", "Ed_1"), names(p, Where.where("active", Op.NOT, true)),
                "IS NOT TRUE includes NULL");
        assertEquals(List.of("Bob", "Ed_1"), names(p, Where.where("active", Op.IS, false)));
        assertEquals(List.of("50% off", "Ada", "Cy", "Di"), names(p, Where.between("age", 20, 52)));
        assertEquals(List.of("50% off", "Bob", "Cy", "Ed_1"), names(p, Where.where("age", Op.NOT_BETWEEN, List.of(20, 39))));
        assertEquals(List.of("Bob", "Ed_1"), names(p, Where.ne("age", 17).or(Where.eq("age", 40)).and(
                Where.not(Where.eq("age", 17))).or(Where.eq("age", 17)).and(Where.where("age", Op.LT, 18))));
        assertTrue(t.statements().stream().anyMatch(s -> s.contains(" IS NOT TRUE")), t.statements().toString());
    }

    @DatabaseTest
    void inWithEmptyListsFollowsSequelize(TestDb t) {
        Model<Instance> p = people(t);
        t.clearStatements();
        assertEquals(List.of(), names(p, Where.in("name", List.of())));
        assertTrue(t.statements().get(0).contains(" IN (NULL)"), t.statements().get(0));
        assertEquals(6, names(p, Where.notIn("name", List.of())).size());
        // IN () is never true, so its negation is not true either (as Sequelize's IN (NULL)).
        assertEquals(List.of(), names(p, Where.not(Where.in("name", List.of()))));
        assertEquals(List.of("Ada", "Cy"), names(p, Where.in("name", List.of("Ada", "Cy", "Zed"))));
        assertEquals(List.of("Ada", "Cy"), names(p, Where.notIn("name", List.of("Bob", "Di", "Ed_1", "50% off"))));
    }

    @DatabaseTest
    void likeFamilyEscapesWildcards(TestDb t) {
        Model<Instance> p = people(t);
        assertEquals(List.of("Ada"), names(p, Where.where("name", Op.LIKE, "A%")));
        assertEquals(List.of(), names(p, Where.where("name", Op.LIKE, "a%").and(Where.where("name", Op.NOT_ILIKE, "A%"))));
        t.clearStatements();
        assertEquals(List.of("Ada"), names(p, Where.where("name", Op.ILIKE, "a%")));
        String sql = t.statements().get(0);
        assertTrue(t.is("postgres") ? sql.contains(" ILIKE ") : sql.contains("LOWER("), sql);
        assertEquals(List.of("50% off", "Bob", "Cy", "Di", "Ed_1"), names(p, Where.where("name", Op.NOT_ILIKE, "a%")));
        assertEquals(List.of("50% off"), names(p, Where.where("name", Op.STARTS_WITH, "50%")));
        assertEquals(List.of("Ed_1"), names(p, Where.where("name", Op.ENDS_WITH, "_1")));
        assertEquals(List.of("50% off"), names(p, Where.where("name", Op.SUBSTRING, "% o")));
        assertEquals(List.of(), names(p, Where.where("name", Op.SUBSTRING, "a_")), "_ is literal");
        assertEquals(List.of("Ed_1"), names(p, Where.where("name", Op.SUBSTRING, "d_")));
        assertEquals(List.of("50% off"), names(p, Where.where("city", Op.STARTS_WITH, "Lon%")));
        t.clearStatements();
        names(p, Where.where("name", Op.STARTS_WITH, "x"));
        assertTrue(t.statements().get(0).contains("ESCAPE '!'"), t.statements().get(0));
    }

    @DatabaseTest
    void regularExpressions(TestDb t) {
        Model<Instance> p = people(t);
        assertEquals(List.of("Ada"), names(p, Where.where("name", Op.REGEXP, "^A.a$")));
        assertEquals(List.of(), names(p, Where.where("name", Op.REGEXP, "^a")), "REGEXP is case-sensitive");
        assertEquals(List.of("Ada"), names(p, Where.where("name", Op.IREGEXP, "^a")));
        assertEquals(5, names(p, Where.where("name", Op.NOT_REGEXP, "^A")).size());
        assertEquals(5, names(p, Where.where("name", Op.NOT_IREGEXP, "^a")).size());
    }

    @DatabaseTest
    void columnReferencesAndAnyAll(TestDb t) {
        Model<Instance> p = people(t);
        assertEquals(List.of("Bob", "Cy"), names(p, Where.where("age", Op.LT, Where.col("minAge"))));
        t.clearStatements();
        assertEquals(List.of("Bob", "Ed_1"), names(p, Where.where("age", Op.EQ, Where.any(List.of(17, 99)))));
        String sql = t.statements().get(0);
        assertTrue(t.is("postgres") ? sql.contains("= ANY (ARRAY[") : sql.contains(" OR "), sql);
        assertEquals(List.of("Cy"), names(p, Where.where("age", Op.GT, Where.all(List.of(17, 40)))));
        assertEquals(List.of(), names(p, Where.where("age", Op.GT, Where.any(List.of()))));
        assertEquals(6, names(p, Where.where("age", Op.GT, Where.all(List.of()))).size());
        assertEquals(List.of("Ada", "Bob"), names(p, Where.where("name", Op.LIKE, Where.any(List.of("A%", "B%")))));
    }

    @DatabaseTest
    void jsonPaths(TestDb t) {
        Model<Instance> p = people(t);
        if (t.is("h2")) {
            Exception e = assertThrows(Exception.class, () -> names(p, Where.eq("meta.theme.color", "red")));
            UnsupportedOperatorException u = assertInstanceOf(UnsupportedOperatorException.class, e);
            assertEquals("h2", u.dialect());
            return;
        }
        t.clearStatements();
        assertEquals(List.of("Ada", "Cy"), names(p, Where.eq("meta.theme.color", "red")));
        String sql = t.statements().get(0);
        assertTrue(t.is("postgres") ? sql.contains("#>>") : sql.contains("JSON_EXTRACT"), sql);
        assertEquals(List.of("Ada", "Cy"), names(p, Where.where("meta.level", Op.GT, 5)), "numeric comparison");
        assertEquals(List.of("Bob", "Di"), names(p, Where.where("meta.level", Op.IN, List.of(2, 3))));
        assertEquals(List.of("Ada", "Bob", "Cy"), names(p, Where.where("meta.theme.color", Op.NE, null)));
    }

    @DatabaseTest
    void containmentOperators(TestDb t) {
        Model<Instance> p = people(t);
        if (t.is("postgres")) {
            assertEquals(List.of("Ada", "Cy"), names(p, Where.where("meta", Op.CONTAINS,
                    Map.of("theme", Map.of("color", "red")))));
            Exception e = assertThrows(Exception.class, () -> names(p, Where.where("age", Op.OVERLAP, List.of(1))));
            assertTrue(assertInstanceOf(UnsupportedOperatorException.class, e).getMessage().contains("OVERLAP"));
        } else {
            Exception e = assertThrows(Exception.class, () -> names(p, Where.where("meta", Op.CONTAINS, Map.of())));
            UnsupportedOperatorException u = assertInstanceOf(UnsupportedOperatorException.class, e);
            assertEquals("CONTAINS", u.operator());
            assertEquals(t.kind(), u.dialect());
        }
    }

    @DatabaseTest
    void typedAttributesAndTypos(TestDb t) {
        Model<Instance> p = people(t);
        Exception e = assertThrows(Exception.class, () -> names(p, Where.eq("nmae", "Ada")));
        UnknownAttributeException u = assertInstanceOf(UnknownAttributeException.class, e);
        assertEquals("name", u.suggestion());
        Consumer<FindOptions.Builder> q = b -> b.where(Where.and(Where.where("age", Op.GTE, 18),
                Where.or(Where.eq("city", "London"), Where.not(Where.where("name", Op.STARTS_WITH, "D")))));
        assertEquals(List.of("50% off", "Ada", "Cy"), p.findAll(q).map(i -> (String) i.get("name")).sort()
                .collectList().block());
    }
}
