package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.InvalidNameException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Op;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ported from Sequelize v6.37.8 test/unit/sql/json.test.js and the JSON/JSONB parts of test/unit/sql/where.test.js.
 * Sequelize's nested where objects and {@code sequelize.json('a.b')} are paths here ({@code Where.eq("a.b", v)});
 * the path keys are bound (PostgreSQL {@code #>> CAST(ARRAY[?, ?] AS TEXT[])}, MySQL/MariaDB a bound
 * {@code $."a"."b"} path), so the SQL differs in form from Sequelize's inlined paths but reads the same value.
 * H2 has no JSON path functions: every path condition is an {@link UnsupportedOperatorException} before SQL.
 */
class SequelizeJsonSqlTest {

    private static List<Object> l(Object... values) {
        return Arrays.asList(values);
    }

    /** A model with JSON attributes named as in the Sequelize files, and three rows. */
    static WhereSql users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("data", DataTypes.JSON).attribute("profile", DataTypes.JSON)
                .attribute("property", DataTypes.JSON).attribute("another", DataTypes.JSON)
                .attribute("json", DataTypes.JSON)
                .attribute("metaData", DataTypes.JSON, a -> a.field("meta_data"))
                .options(o -> o.tableName("sw_json_users").timestamps(false)));
        t.db().sync().block();
        m.bulkCreate(List.of(
                row(1, Map.of("nested", Map.of("attribute", "value", "prop", "Some", "count", 1),
                        "name", Map.of("last", "Simpson"), "employment", "Nuclear", "price", 5,
                        "when", "2020-01-02T00:00:00Z"),
                        Map.of("id", "12346-78912", "name", "test"), List.of(List.of(4, 6), List.of(8)),
                        Map.of("value", "string"), Map.of(), Map.of("nested", Map.of("attribute", "value"))),
                row(2, Map.of("nested", Map.of("attribute", "other", "prop", "None", "count", 4),
                        "name", Map.of("last", "Flanders"), "employment", "None", "price", 7,
                        "when", "2019-01-01T00:00:00Z"),
                        Map.of("id", 1, "name", "x"), Map.of("value", 1), Map.of("value", "other"), Map.of("a", 1),
                        Map.of("nested", Map.of("attribute", "other"))),
                row(3, Map.of("name", "Product", "price", 5, "flag", Map.of("attribute", true)),
                        Map.of("id", List.of(List.of(0, 1), List.of(2, "1"))), Map.of("value", 1),
                        Map.of("value", "string"), null, null))).blockLast();
        return new WhereSql(t, m, "id");
    }

    private static Map<String, Object> row(int id, Object data, Object profile, Object property, Object another,
            Object json, Object metaData) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", id);
        r.put("data", data);
        r.put("profile", profile);
        r.put("property", property);
        r.put("another", another);
        r.put("json", json);
        r.put("metaData", metaData);
        return r;
    }

    /** The JSON path extraction on this database, for the expected text: column, then the keys. */
    private static String path(TestDb t, String column, String... keys) {
        if (t.is("postgres")) {
            return "(" + t.q(column) + " #>> CAST(ARRAY[" + String.join(", ", java.util.Collections.nCopies(keys.length,
                    "?")) + "] AS TEXT[]))";
        }
        String extract = "JSON_EXTRACT(" + t.q(column) + ", ?)";
        return "CASE WHEN JSON_TYPE(" + extract + ") = 'NULL' THEN NULL ELSE JSON_UNQUOTE(" + extract + ") END";
    }

    /** @return the path's numeric form (compared with a number) */
    private static String numeric(TestDb t, String column, String... keys) {
        if (t.is("postgres")) {
            return "CAST(" + path(t, column, keys) + " AS NUMERIC)";
        }
        String extract = "JSON_EXTRACT(" + t.q(column) + ", ?)";
        return "CASE WHEN JSON_TYPE(" + extract + ") = 'NULL' THEN NULL ELSE CAST(JSON_UNQUOTE(" + extract
                + ") AS DECIMAL(65,30)) END";
    }

    /** The binds of one path: PostgreSQL binds each key, MySQL the path text (twice, for the JSON null check). */
    private static List<Object> keys(TestDb t, String... keys) {
        if (t.is("postgres")) {
            return List.of((Object[]) keys);
        }
        StringBuilder p = new StringBuilder("$");
        for (String k : keys) {
            p.append(k.chars().allMatch(Character::isDigit) ? "[" + k + "]" : ".\"" + k + "\"");
        }
        return List.of(p.toString(), p.toString());
    }

    private static List<Object> concat(List<?>... parts) {
        List<Object> out = new java.util.ArrayList<>();
        for (List<?> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    /** @return false on H2, after checking that a path condition is refused there before any SQL */
    private static boolean paths(TestDb t, WhereSql s) {
        if (!t.is("h2")) {
            return true;
        }
        t.clearStatements();
        UnsupportedOperatorException e = assertInstanceOf(UnsupportedOperatorException.class,
                assertThrows(Exception.class, () -> s.rows(Where.eq("data.nested.attribute", "value"))));
        assertEquals("h2", e.dialect());
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        return false;
    }

    /** where.test.js describe('JSON'). */
    @DatabaseTest
    void whereJson(TestDb t) {
        WhereSql s = users(t);
        if (!paths(t, s)) {
            return;
        }
        // sequelize.json('profile.id', sequelize.cast('12346-78912', 'text')): the cast is the database's text type
        String text = t.is("postgres") ? "TEXT" : "CHAR";
        s.check(Where.eq("profile.id", Expr.cast("12346-78912", text)), path(t, "profile", "id") + " = CAST(? AS "
                + text + ")", concat(keys(t, "id"), l("12346-78912")), l(1));
        // sequelize.json({profile: {id: '12346-78912', name: 'test'}})
        s.check(Where.and(Where.eq("profile.id", "12346-78912"), Where.eq("profile.name", "test")),
                "(" + path(t, "profile", "id") + " = ? AND " + path(t, "profile", "name") + " = ?)",
                concat(keys(t, "id"), l("12346-78912"), keys(t, "name"), l("test")), l(1));
        // data: {nested: {attribute: 'value'}}, and 'data.nested.attribute': 'value'
        s.check(Where.eq("data.nested.attribute", "value"), path(t, "data", "nested", "attribute") + " = ?",
                concat(keys(t, "nested", "attribute"), l("value")), l(1));
        // data: {nested: {[Op.in]: [1, 2]}} and {[Op.between]: [1, 2]} (on a key every row holds as a number, since
        // PostgreSQL refuses to cast a non-numeric text)
        s.check(Where.where("data.price", Op.IN, List.of(5, 6)), numeric(t, "data", "price") + " IN (?, ?)",
                concat(keys(t, "price"), l(5, 6)), l(1, 3));
        s.check(Where.where("data.price", Op.BETWEEN, List.of(1, 5)), numeric(t, "data", "price")
                + " BETWEEN ? AND ?", concat(keys(t, "price"), l(1, 5)), l(1, 3));
        // data: {nested: {attribute: 'value', prop: {[Op.ne]: 'None'}}}
        s.check(Where.and(Where.eq("data.nested.attribute", "value"), Where.ne("data.nested.prop", "None")),
                "(" + path(t, "data", "nested", "attribute") + " = ? AND " + path(t, "data", "nested", "prop")
                        + " <> ?)", concat(keys(t, "nested", "attribute"), l("value"), keys(t, "nested", "prop"),
                        l("None")), l(1));
        // data: {name: {last: 'Simpson'}, employment: {[Op.ne]: 'None'}}
        s.check(Where.and(Where.eq("data.name.last", "Simpson"), Where.ne("data.employment", "None")),
                "(" + path(t, "data", "name", "last") + " = ? AND " + path(t, "data", "employment") + " <> ?)",
                concat(keys(t, "name", "last"), l("Simpson"), keys(t, "employment"), l("None")), l(1));
        // data: {price: 5, name: 'Product'}
        s.check(Where.and(Where.eq("data.price", 5), Where.eq("data.name", "Product")),
                "(" + numeric(t, "data", "price") + " = ? AND " + path(t, "data", "name") + " = ?)",
                concat(keys(t, "price"), l(5), keys(t, "name"), l("Product")), l(3));
        // 'data.nested.attribute': 4, and {[Op.in]: [3, 7]}, and data: {nested: {attribute: {[Op.gt]: 2}}}
        s.check(Where.eq("data.nested.count", 4), numeric(t, "data", "nested", "count") + " = ?",
                concat(keys(t, "nested", "count"), l(4)), l(2));
        s.check(Where.where("data.nested.count", Op.IN, List.of(3, 7)), numeric(t, "data", "nested", "count")
                + " IN (?, ?)", concat(keys(t, "nested", "count"), l(3, 7)), l());
        s.check(Where.where("data.nested.count", Op.GT, 2), numeric(t, "data", "nested", "count") + " > ?",
                concat(keys(t, "nested", "count"), l(2)), l(2));
        // data: {nested: {'attribute::integer': {[Op.gt]: 2}}}
        String integer = t.is("postgres") ? "INTEGER" : "SIGNED";
        s.check(Where.where("data.price::integer", Op.GT, 6), "CAST(" + path(t, "data", "price") + " AS " + integer
                + ") > ?", concat(keys(t, "price"), l(6)), l(2));
        // data: {nested: {attribute: {[Op.gt]: new Date()}}}: Sequelize casts to a timestamp for a Date; here the
        // cast is written, '::timestamptz'
        String timestamp = t.is("postgres") ? "TIMESTAMPTZ" : "DATETIME(6)";
        OffsetDateTime dt = OffsetDateTime.of(2019, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        s.check(Where.where("data.when::timestamptz", Op.GT, dt), "CAST(" + path(t, "data", "when") + " AS "
                + timestamp + ") > ?", null, l(1));
        // data: {nested: {attribute: true}}: compared as the JSON text 'true' (Sequelize's MariaDB/MySQL form)
        s.check(Where.eq("data.flag.attribute", true), path(t, "data", "flag", "attribute") + " = ?",
                concat(keys(t, "flag", "attribute"), l("true")), l(3));
        // 'metaData.nested.attribute': 'value' with field meta_data
        s.check(Where.eq("metaData.nested.attribute", "value"), path(t, "meta_data", "nested", "attribute")
                + " = ?", concat(keys(t, "nested", "attribute"), l("value")), l(1));
        s.done();
    }

    /** where.test.js describe('JSONB'): data: {[Op.contains]: {company: 'Magnafone'}} (PostgreSQL). */
    @DatabaseTest
    void whereJsonbContains(TestDb t) {
        WhereSql s = users(t);
        Where contains = Where.where("profile", Op.CONTAINS, Map.of("name", "test"));
        if (!t.is("postgres")) {
            assertEquals("CONTAINS", assertInstanceOf(UnsupportedOperatorException.class,
                    assertThrows(Exception.class, () -> s.rows(contains))).operator());
            return;
        }
        s.check(contains, "CAST([profile] AS JSONB) @> CAST(? AS JSONB)", l("{\"name\":\"test\"}"), l(1));
        s.done();
    }

    /** json.test.js describe('escape'): JSON values are stored as their JSON text. */
    @DatabaseTest
    void escape(TestDb t) {
        Model<Instance> m = t.db().define("Doc", s -> s.attribute("doc", DataTypes.JSON)
                .options(o -> o.tableName("sw_json_docs").timestamps(false)));
        t.db().sync().block();
        Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("some", "nested");
        nested.put("more", Map.of("nested", true));
        nested.put("answer", 42);
        List<Object> values = Arrays.asList("string", 0, 123, true, false, null, nested);
        List<String> expected = Arrays.asList("\"string\"", "0", "123", "true", "false", null,
                "{\"some\":\"nested\",\"more\":{\"nested\":true},\"answer\":42}");
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("id", i + 1);
            r.put("doc", values.get(i));
            m.create(r).block();
        }
        String cast = t.is("postgres") ? "TEXT" : t.is("h2") ? "VARCHAR" : "CHAR";
        List<Object> stored = t.raw("SELECT CAST(" + t.q("doc") + " AS " + cast + ") AS d FROM " + t.q("sw_json_docs")
                + " ORDER BY " + t.q("id")).map(r -> r.get("d") == null ? "null" : r.get("d")).collectList().block();
        for (int i = 0; i < values.size(); i++) {
            String got = stored.get(i).toString().replace(" ", "");
            if (values.get(i) instanceof Map) {
                // PostgreSQL's JSONB orders the keys its own way: the same members, in any order
                assertEquals(expected.get(i).length(), got.length(), got);
                for (String member : List.of("\"some\":\"nested\"", "\"more\":{\"nested\":true}", "\"answer\":42")) {
                    assertTrue(got.contains(member), member + " in " + got);
                }
                continue;
            }
            // a NULL attribute is SQL NULL, not the JSON text null
            assertEquals(expected.get(i) == null ? "null" : expected.get(i), got, "stored " + values.get(i));
        }
        for (int i = 0; i < values.size(); i++) {
            Object read = m.findByPk(i + 1).block().get("doc");
            // a map's key order is the database's (JSONB sorts them): compared in key order
            assertEquals(text(values.get(i)), text(read), "read back");
        }
    }

    private static String text(Object value) {
        return value instanceof Map<?, ?> map ? new java.util.TreeMap<>(map).toString() : String.valueOf(value);
    }

    /** json.test.js describe('path extraction'). */
    @DatabaseTest
    void pathExtraction(TestDb t) {
        WhereSql s = users(t);
        if (!paths(t, s)) {
            return;
        }
        // nested condition object {profile: {id: 1}} and dot notation json('profile.id') = '1': compared as text
        s.check(Where.eq("profile.id", "1"), path(t, "profile", "id") + " = ?", concat(keys(t, "id"), l("1")), l(2));
        // multiple condition object {property: {value: 1}, another: {value: 'string'}}
        s.check(Where.and(Where.eq("property.value", "1"), Where.eq("another.value", "string")),
                "(" + path(t, "property", "value") + " = ? AND " + path(t, "another", "value") + " = ?)",
                concat(keys(t, "value"), l("1"), keys(t, "value"), l("string")), l(3));
        // property array object {property: [[4, 6], [8]]}: the array indexes are path keys
        s.check(Where.and(Where.eq("property.0.0", "4"), Where.eq("property.0.1", "6"),
                Where.eq("property.1.0", "8")), "(" + path(t, "property", "0", "0") + " = ? AND "
                        + path(t, "property", "0", "1") + " = ? AND " + path(t, "property", "1", "0") + " = ?)",
                concat(keys(t, "0", "0"), l("4"), keys(t, "0", "1"), l("6"), keys(t, "1", "0"), l("8")), l(1));
        // item dot notation array json('profile.id.0.1') = '1'
        s.check(Where.eq("profile.id.0.1", "1"), path(t, "profile", "id", "0", "1") + " = ?",
                concat(keys(t, "id", "0", "1"), l("1")), l(3));
        // a column named "json"
        s.check(Where.eq("json.a", "1"), path(t, "json", "a") + " = ?", concat(keys(t, "a"), l("1")), l(2));
        // raw json query: the #>> operator written by hand (PostgreSQL)
        if (t.is("postgres")) {
            s.check(Where.where(Expr.literal("(" + t.q("data") + "#>>'{employment}')"), Op.EQ, "None"),
                    "(<data>#>>'{employment}') = ?", l("None"), l(2));
        }
        s.done();
    }

    /** json.test.js describe('cast type injection'): only Sequelize's cast types follow {@code ::}. */
    @DatabaseTest
    void castTypeInjection(TestDb t) {
        WhereSql s = users(t);
        for (String key : List.of("role::text) OR 1=1--", "role::text) AND 0 UNION SELECT * FROM secrets--",
                "role::text)", "role::text; DROP TABLE users", "role::text--", "role::", "role::foobar")) {
            t.clearStatements();
            InvalidNameException e = assertInstanceOf(InvalidNameException.class,
                    assertThrows(Exception.class, () -> s.rows(Where.eq("data." + key, "anything"))), key);
            assertTrue(e.getMessage().contains("cast type"), e.getMessage());
            assertTrue(t.statements().isEmpty(), t.statements().toString());
        }
        if (t.is("h2")) {
            return;
        }
        for (String key : List.of("id::integer", "name::text", "level::double precision")) {
            assertDoesNotThrow(() -> s.rows(Where.eq("data." + key, key.startsWith("name") ? "value" : 1)), key);
        }
        s.check(Where.eq("data.price::double precision", 5), "CAST(" + path(t, "data", "price") + " AS "
                + (t.is("postgres") ? "DOUBLE PRECISION" : "DECIMAL(65,30)") + ") = ?", null, l(1, 3));
        s.done();
    }
}
