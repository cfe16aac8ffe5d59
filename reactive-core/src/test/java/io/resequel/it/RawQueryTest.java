package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ResequelException;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.QueryResult;
import io.resequel.query.QueryType;
import io.resequel.query.Where;
import io.resequel.sql.Sql;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** db.query / db.select with replacements and binds, result shapes, model mapping, nest, toSql. */
class RawQueryTest {

    @DatabaseTest
    void replacementsBecomeBindsAndValuesStayLiteral(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        String people = t.q("People");
        String name = t.q("name");
        List<Map<String, Object>> rows = t.db().select("SELECT " + name + " FROM " + people + " WHERE " + name
                + " = :who OR " + name + " = ':who' -- :who in a comment\n ORDER BY " + name,
                o -> o.replacements(Map.of("who", "Ada"))).collectList().block();
        assertEquals(1, rows.size());
        assertEquals("Ada", rows.get(0).values().iterator().next());

        // A value that looks like placeholders is bound, never parsed.
        p.create(Map.of("name", "x :other ? $1", "age", 1)).block();
        t.clearStatements();
        List<Map<String, Object>> tricky = t.db().select("SELECT " + name + " FROM " + people + " WHERE " + name
                + " = :v AND " + name + " <> :other", o -> o.replacements(Map.of("v", "x :other ? $1", "other", "?")))
                .collectList().block();
        assertEquals(1, tricky.size());
        assertFalse(t.statements().get(0).contains("x :other"), t.statements().get(0));

        assertEquals(2, t.db().select("SELECT " + name + " FROM " + people + " WHERE " + name + " IN (?) AND "
                + t.q("age") + " > ?", o -> o.replacements(List.of("Ada", "Cy", "Bob"), 20)).collectList().block()
                .size());
        assertEquals(0, t.db().select("SELECT " + name + " FROM " + people + " WHERE " + name + " IN (:none)",
                o -> o.replacements(Map.of("none", List.of()))).collectList().block().size());
        Exception e = assertThrows(Exception.class, () -> t.db().select("SELECT 1 WHERE 1 = :missing",
                o -> o.replacements(Map.of())).blockFirst());
        assertTrue(e.getMessage().contains(":missing"), e.getMessage());
        assertTrue(e instanceof ResequelException);
    }

    @DatabaseTest
    void bindParametersAndResultShapes(TestDb t) {
        OperatorsTest.people(t);
        String people = t.q("People");
        List<Map<String, Object>> rows = t.db().select("SELECT " + t.q("name") + " FROM " + people + " WHERE "
                + t.q("age") + " = $1 AND " + t.q("city") + " = $city", o -> o.bind(Map.of("city", "London"))
                .type(QueryType.SELECT)).onErrorResume(x -> reactor.core.publisher.Flux.empty()).collectList()
                .block();
        assertEquals(List.of(), rows, "mixing $1 without a positional list fails");
        assertEquals(1, t.db().select("SELECT " + t.q("name") + " FROM " + people + " WHERE " + t.q("age")
                + " = $1 AND " + t.q("name") + " = $2", o -> o.bind(36, "Ada")).collectList().block().size());

        QueryResult select = t.db().query("SELECT " + t.q("name") + " FROM " + people + " WHERE " + t.q("age")
                + " > $min", o -> o.bind(Map.of("min", 30)).type(QueryType.SELECT)).block();
        assertEquals(3, ((List<?>) select.shape()).size());
        QueryResult update = t.db().query("UPDATE " + people + " SET " + t.q("age") + " = " + t.q("age")
                + " + 1 WHERE " + t.q("city") + " = :city", o -> o.replacements(Map.of("city", "London"))
                .type(QueryType.BULKUPDATE)).block();
        assertEquals(2L, update.shape());
        QueryResult delete = t.db().query("DELETE FROM " + people + " WHERE " + t.q("name") + " = ?",
                o -> o.replacements("Bob").type(QueryType.BULKDELETE)).block();
        assertEquals(1L, delete.shape());
        QueryResult raw = t.db().query("SELECT 1 AS " + t.q("one"), o -> { }).block();
        assertEquals(2, ((List<?>) raw.shape()).size());
    }

    @DatabaseTest
    void mapToModelNestPlainAndDryRun(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        List<Instance> found = t.db().select("SELECT *, 7 AS " + t.q("lucky") + " FROM " + t.q("People") + " WHERE "
                + t.q("age") + " > :age ORDER BY " + t.q("age"), p, o -> o.replacements(Map.of("age", 39)))
                .collectList().block();
        assertEquals(List.of("50% off", "Cy"), found.stream().map(i -> i.get("name")).toList());
        assertFalse(found.get(0).isNewRecord());
        assertEquals(7, ((Number) found.get(0).get("lucky")).intValue());

        Map<String, Object> nested = t.db().select("SELECT 1 AS " + t.q("a.b") + ", 2 AS " + t.q("a.c") + ", 3 AS "
                + t.q("d"), o -> o.nest().plain()).blockFirst();
        assertEquals(2, ((Map<?, ?>) nested.get("a")).size());
        assertEquals(1, ((Number) ((Map<?, ?>) nested.get("a")).get("b")).intValue());

        t.clearStatements();
        Sql sql = p.toSql(q -> q.where(Where.where("age", Op.GT, 30)).limit(3));
        assertTrue(sql.text().startsWith("SELECT "), sql.text());
        assertEquals(2, sql.binds().size());
        assertEquals(30, sql.binds().get(0).value());
        assertTrue(t.statements().isEmpty(), "a dry run sends nothing");
    }

    @DatabaseTest
    void fieldMapRenamesColumns(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        Map<String, Object> row = t.db().select("SELECT " + t.q("name") + " AS " + t.q("person_name") + ", "
                        + t.q("age") + " FROM " + t.q("People") + " WHERE " + t.q("name") + " = ?",
                o -> o.replacements("Cy").fieldMap(Map.of("person_name", "personName"))).blockFirst();
        assertEquals("Cy", row.get("personName"));
        assertFalse(row.containsKey("person_name"));
        assertTrue(row.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("age")));
    }
}
