package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.DatabaseException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.ResequelException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.QueryResult;
import io.resequel.query.QueryType;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import io.resequel.query.QueryOptions;

/**
 * Sequelize v6.37.8 {@code test/integration/sequelize/query.test.js}, ported. Every replacement and bind becomes a
 * bind parameter here, so "escaping" tests check the value read back and that the SQL carries no value.
 */
class QueryParityTest {

    private static Model<Instance> user(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("username", DataTypes.STRING, a -> a.unique(true))
                .attribute("emailAddress", DataTypes.STRING, a -> a.field("email_address")));
        t.db().sync().block();
        return m;
    }

    private static String insert(TestDb t) {
        return "INSERT INTO " + t.q("Users") + " (" + t.q("username") + ", " + t.q("email_address") + ", "
                + t.q("createdAt") + ", " + t.q("updatedAt") + ") VALUES ('john', 'john@gmail.com', "
                + "TIMESTAMP '2012-01-01 10:10:10', TIMESTAMP '2012-01-01 10:10:10')";
    }

    private static List<Map<String, Object>> rows(TestDb t, String sql, Consumer<QueryOptions.Builder> options) {
        return t.db().select(sql, options).collectList().block();
    }

    /** Column labels differ in case across databases (H2 upper-cases unquoted aliases); compare ignoring it. */
    private static Map<String, Object> lower(Map<String, Object> row) {
        Map<String, Object> m = new HashMap<>();
        row.forEach((k, v) -> m.put(k.toLowerCase(java.util.Locale.ROOT), v instanceof Number n
                && !(v instanceof Double) ? n.intValue() : v));
        return m;
    }

    @DatabaseTest
    void executesAQueryTheInternalWayAndIfOnlyTheSqlIsPassed(TestDb t) {
        user(t);
        QueryResult r = t.db().query(insert(t), o -> { }).block();
        assertEquals(1L, r.affectedRows());
        t.db().query("DELETE FROM " + t.q("Users"), o -> o.type(QueryType.RAW)).block();
    }

    @DatabaseTest
    void executesAQueryIfAPlaceholderValueIsAnArray(TestDb t) {
        user(t);
        // Sequelize's "VALUES ?" with nested arrays: each inner list becomes one parenthesised row of binds.
        java.time.LocalDateTime at = java.time.LocalDateTime.of(2012, 1, 1, 10, 10, 10);
        t.db().query("INSERT INTO " + t.q("Users") + " (" + t.q("username") + ", " + t.q("email_address") + ", "
                + t.q("createdAt") + ", " + t.q("updatedAt") + ") VALUES ?", o -> o.replacements(List.of(
                List.of("john", "john@gmail.com", at, at), List.of("michael", "michael@gmail.com", at, at)))).block();
        List<Map<String, Object>> rows = rows(t, "SELECT * FROM " + t.q("Users") + " ORDER BY " + t.q("id"),
                o -> o.type(QueryType.SELECT));
        assertEquals(List.of("john", "michael"), rows.stream().map(r -> r.get("username")).toList());
    }

    @DatabaseTest
    void queryTypeRawGivesRowsAndCount(TestDb t) {
        user(t);
        t.db().query(insert(t), o -> o.type(QueryType.RAW)).block();
        QueryResult r = t.db().query("SELECT * FROM " + t.q("Users"), o -> o.type(QueryType.RAW)).block();
        assertEquals(1, r.rows().size());
        assertNotNull(r.shape());
    }

    @DatabaseTest
    void executesSelectQueriesWithAndWithoutDotNotationAndNest(TestDb t) {
        user(t);
        t.db().query(insert(t), o -> { }).block();
        assertTrue(rows(t, "select * from " + t.q("Users"), o -> { }).stream()
                .anyMatch(r -> "john".equals(r.get("username"))));
        String dotted = "select " + t.q("username") + " as " + t.q("user.username") + " from " + t.q("Users");
        assertEquals(List.of(Map.of("user.username", "john")), rows(t, dotted, o -> { }));
        assertEquals(List.of(Map.of("user", Map.of("username", "john"))), rows(t, dotted, o -> o.nest()));
        String deep = "select 1 as " + t.q("foo.bar.baz");
        assertEquals(List.of(Map.of("foo.bar.baz", 1)), rows(t, deep, o -> { }).stream().map(QueryParityTest::lower)
                .toList());
        assertEquals(1, ((Number) ((Map<?, ?>) ((Map<?, ?>) rows(t, deep, o -> o.nest()).get(0).get("foo"))
                .get("bar")).get("baz")).intValue());
    }

    @DatabaseTest
    void usesThePassedModelAndMapsFieldNamesToAttributes(TestDb t) {
        Model<Instance> m = user(t);
        t.db().query(insert(t), o -> { }).block();
        List<Instance> users = t.db().select("SELECT * FROM " + t.q("Users"), m, o -> { }).collectList().block();
        assertEquals("john@gmail.com", users.get(0).get("emailAddress"));
        assertFalse(users.get(0).isNewRecord());
    }

    @DatabaseTest
    void arbitrarilyMapsFieldNamesAndKeepsThoseMappedToTheSameName(TestDb t) {
        user(t);
        t.db().query(insert(t), o -> { }).block();
        Map<String, Object> r = rows(t, "SELECT * FROM " + t.q("Users"), o -> o.type(QueryType.SELECT)
                .fieldMap(Map.of("username", "userName", "email_address", "email"))).get(0);
        assertEquals("john", r.get("userName"));
        assertEquals("john@gmail.com", r.get("email"));
        Map<String, Object> same = rows(t, "SELECT * FROM " + t.q("Users"), o -> o.type(QueryType.SELECT)
                .fieldMap(Map.of("username", "username", "email_address", "email"))).get(0);
        assertEquals("john", same.get("username"));
    }

    @DatabaseTest
    void emitsTypedErrorsForGenericUniqueAndForeignKeyErrors(TestDb t) {
        Model<Instance> users = user(t);
        Model<Instance> visits = t.db().define("UserVisit", s -> s
                .attribute("userId", DataTypes.INTEGER, a -> a.field("user_id").references(users, "id"))
                .attribute("visitedAt", DataTypes.DATE, a -> a.field("visited_at")));
        t.db().sync().block();
        assertThrows(DatabaseException.class, () -> t.db().query("SELECT 1 FROM " + t.q("NotFoundTable"), o -> { })
                .block());
        assertThrows(DatabaseException.class, () -> t.db().query("select * from " + t.q("Users") + " where "
                + t.q("unknown_column") + " = 1", o -> { }).block());
        String dup = "INSERT INTO " + t.q("Users") + " (" + t.q("username") + ", " + t.q("createdAt") + ", "
                + t.q("updatedAt") + ") VALUES ('duplicate', TIMESTAMP '2012-01-01 10:10:10', "
                + "TIMESTAMP '2012-01-01 10:10:10')";
        t.db().query(dup, o -> { }).block();
        assertThrows(UniqueConstraintException.class, () -> t.db().query(dup, o -> { }).block());
        assertThrows(ForeignKeyConstraintException.class, () -> t.db().query("INSERT INTO " + t.q("UserVisits")
                + " (" + t.q("user_id") + ", " + t.q("createdAt") + ", " + t.q("updatedAt") + ") VALUES "
                + "(123456789, TIMESTAMP '2012-01-01 10:10:10', TIMESTAMP '2012-01-01 10:10:10')", o -> { })
                .block());
        assertEquals(0L, visits.count().block());
    }

    @DatabaseTest
    void rejectsMissingReplacementsAndBinds(TestDb t) {
        record Case(String sql, Consumer<QueryOptions.Builder> options, String says) { }
        List<Case> cases = List.of(
                new Case("select :one as foo, :two as bar, :three as baz",
                        o -> o.replacements(Map.of("one", 1, "two", 2)), ":three"),
                new Case("select :one as foo, :two as bar", o -> o.replacements(Map.of()), ":one"),
                new Case("select $one as foo, $two as bar, '$1' as baz", o -> o.bind(Map.of("one", 1)), "$two"),
                new Case("select $1 as foo, $2 as bar, '$foo' as baz", o -> o.bind(1), "$2"),
                new Case("select $1 as foo, $0 as bar", o -> o.bind(1, 2), "$0"),
                new Case("select $1 as foo, $01 as bar", o -> o.bind(1, 2), "$01"),
                new Case("select $1 as foo, $2 as bar, $3 as baz", o -> o.bind(1, 2), "$3"),
                new Case("select $one as foo, $two as bar, $three as baz",
                        o -> o.bind(Map.of("one", 1, "two", 2)), "$three"),
                new Case("select $one as foo, $two as bar", o -> o.bind(Map.of()), "$one"));
        for (Case c : cases) {
            ResequelException e = assertThrows(ResequelException.class, () -> t.db().query(c.sql(), c.options())
                    .block(), c.sql());
            assertTrue(e.getMessage().contains(c.says()), () -> c.sql() + ": " + e.getMessage());
        }
        // Both at once is a programming mistake the options builder refuses.
        assertThrows(IllegalArgumentException.class, () -> t.db().query("select $1 + ? as foo", o -> o.bind(1)
                .replacements(1)).block(), "replacements and bind cannot be set together");
    }

    @DatabaseTest
    void properlyAddsReplacementValuesAsBinds(TestDb t) {
        byte[] buffer = "t'e\"st".getBytes(StandardCharsets.UTF_8);
        t.clearStatements();
        Map<String, Object> r = rows(t, "select ? as " + t.q("number") + ", ? as " + t.q("string") + ", ? as "
                + t.q("buffer"), o -> o.type(QueryType.SELECT).replacements(1, "t'e\"st", buffer)).get(0);
        assertEquals(1, ((Number) r.get("number")).intValue());
        assertEquals("t'e\"st", r.get("string"));
        Object read = r.get("buffer");
        byte[] bytes = read instanceof java.nio.ByteBuffer b ? java.util.Arrays.copyOfRange(b.array(),
                b.arrayOffset() + b.position(), b.arrayOffset() + b.limit()) : (byte[]) read;
        assertArrayEquals(buffer, bytes, "raw rows hold the driver's value: byte[] or ByteBuffer");
        assertFalse(t.statements().get(0).contains("t'e"), t.statements().get(0));
    }

    @DatabaseTest
    void replacesAndBindsTokensAndNamedParameters(TestDb t) {
        Map<String, Object> fooBar = Map.of("foo", 1, "bar", 2);
        assertEquals(List.of(fooBar), rows(t, "select ? as foo, ? as bar", o -> o.replacements(1, 2)).stream()
                .map(QueryParityTest::lower).toList());
        assertEquals(List.of(fooBar), rows(t, "select :one as foo, :two as bar",
                o -> o.replacements(Map.of("one", 1, "two", 2))).stream().map(QueryParityTest::lower).toList());
        assertEquals(Map.of("foo", 1, "bar", 2, "baz", "00:00"), lower(rows(t, "select :one as foo, :two as bar, "
                + "'00:00' as baz", o -> o.replacements(Map.of("one", 1, "two", 2))).get(0)));
        assertEquals(Map.of("foo", 1, "bar", 2, "baz", 1), lower(rows(t, "select :one as foo, :two as bar, "
                + ":one as baz", o -> o.replacements(Map.of("one", 1, "two", 2))).get(0)));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("one", 1);
        withNull.put("two", null);
        Map<String, Object> r = lower(rows(t, "select :one as foo, CAST(:two AS INTEGER) as bar",
                o -> o.replacements(withNull)).get(0));
        assertEquals(1, r.get("foo"));
        assertTrue(r.containsKey("bar") && r.get("bar") == null);
        assertEquals(List.of(fooBar), rows(t, "select $1 as foo, $2 as bar", o -> o.bind(1, 2)).stream()
                .map(QueryParityTest::lower).toList());
        assertEquals(List.of(fooBar), rows(t, "select $one as foo, $two as bar",
                o -> o.bind(Map.of("one", 1, "two", 2))).stream().map(QueryParityTest::lower).toList());
        assertEquals(Map.of("foo", 1, "bar", 1, "baz", 2), lower(rows(t, "select $one as foo, $one as bar, "
                + "$two as baz", o -> o.bind(Map.of("one", 1, "two", 2))).get(0)));
        Map<String, Object> bindNull = lower(rows(t, "select $one as foo, CAST($two AS INTEGER) as bar",
                o -> o.bind(withNull)).get(0));
        assertTrue(bindNull.containsKey("bar") && bindNull.get("bar") == null);
    }

    @DatabaseTest
    void bindsHandleEscapedDollarsAndDollarsInsideWords(TestDb t) {
        // deviation: string literals are never rewritten, so '$$' stays '$$' (Sequelize unescapes it to '$').
        assertEquals(Map.of("foo", 1, "bar", "$$ / $$1"), lower(rows(t, "select $1 as foo, '$$ / $$1' as bar",
                o -> o.bind(1)).get(0)));
        assertEquals(Map.of("foo", 1, "bar", "$ / $one"), lower(rows(t, "select $one as foo, '$ / $one' as bar",
                o -> o.bind(Map.of("one", 1))).get(0)));
        assertEquals(Map.of("foo$bar", 1), lower(rows(t, "select $one as " + t.q("foo$bar"),
                o -> o.bind(Map.of("one", 1))).get(0)));
    }

    @DatabaseTest
    void handlesAsInConjunctionWithFunctions(TestDb t) {
        Map<String, Object> r = lower(rows(t, "SELECT CURRENT_TIMESTAMP AS t", o -> { }).get(0));
        assertNotNull(r.get("t"));
    }
}
