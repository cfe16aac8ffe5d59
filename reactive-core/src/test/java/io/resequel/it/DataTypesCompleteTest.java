package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnsupportedTypeException;
import io.resequel.error.ValidationException;
import io.resequel.model.DataType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data types beyond the core set (issue 14): unsigned and display-width integers, TINYINT/MEDIUMINT, TEXT and
 * BLOB sizes, DATE precision, STRING.BINARY, REAL, DOUBLE(p,s), CITEXT, INET/CIDR/MACADDR, TSVECTOR, HSTORE,
 * JSONB and the refused spatial types. Each type: create → read back → where → bulkCreate, on every database, or
 * an {@link UnsupportedTypeException} at define that names model and attribute where the database lacks it.
 */
class DataTypesCompleteTest {

    /** Defines {@code table} with one attribute {@code field} of the type and syncs it. */
    static Model<Instance> single(TestDb t, String table, DataType type) {
        Model<Instance> m = t.db().define(table, s -> s.attribute("field", type)
                .options(o -> o.tableName(table).timestamps(false)));
        t.db().sync().block();
        return m;
    }

    /**
     * create → findAll → where (when {@code comparable}) → bulkCreate of two more → all three read back.
     *
     * @param value    the value given
     * @param expected the value read back (the database's normal form, e.g. tsvector's quoted lexemes)
     */
    static void roundTrip(TestDb t, String table, DataType type, Object value, Object expected,
            boolean comparable) {
        Model<Instance> m = single(t, table, type);
        m.create(Map.of("field", value)).block();
        List<Instance> all = m.findAll().collectList().block();
        assertEquals(1, all.size());
        assertEquals(expected, all.get(0).get("field"), type + " on " + t.kind());
        if (comparable) {
            assertEquals(1L, m.count(Where.eq("field", value)).block(), "where " + type);
        }
        m.bulkCreate(List.of(Map.of("field", value), Map.of("field", value))).blockLast();
        List<Instance> three = m.findAll().collectList().block();
        assertEquals(3, three.size());
        for (Instance i : three) {
            assertEquals(expected, i.get("field"), "bulkCreate " + type);
        }
        if (comparable) {
            assertEquals(3L, m.count(Where.eq("field", value)).block());
        }
    }

    /** The define of a type the database lacks fails at once, naming model, attribute and dialect. */
    static void refusedAtDefine(TestDb t, String table, DataType type) {
        Exception e = assertThrows(Exception.class, () -> t.db().define(table, s -> s.attribute("field", type)
                .options(o -> o.tableName(table).timestamps(false))));
        UnsupportedTypeException u = assertInstanceOf(UnsupportedTypeException.class, e);
        assertEquals(table, u.model());
        assertEquals("field", u.attribute());
        assertEquals(t.kind(), u.dialect());
        assertEquals(type.toString(), u.type());
        assertTrue(u.getMessage().contains(table + ".field"), u.getMessage());
        assertTrue(t.statements().stream().noneMatch(s -> s.contains(table)), t.statements().toString());
    }

    /** Installs a PostgreSQL extension into the test's own schema (moving it there if another schema has it). */
    static void extension(TestDb t, String name) {
        List<Map<String, Object>> where = t.raw("SELECT n.nspname AS ns FROM pg_extension e JOIN pg_namespace n"
                + " ON n.oid = e.extnamespace WHERE e.extname = '" + name + "'").collectList().block();
        if (where.isEmpty()) {
            t.rawUpdate("CREATE EXTENSION IF NOT EXISTS " + name).block();
        } else {
            String schema = (String) t.raw("SELECT current_schema() AS s").blockFirst().get("s");
            if (!schema.equals(where.get(0).get("ns"))) {
                t.rawUpdate("ALTER EXTENSION " + name + " SET SCHEMA " + schema).block();
            }
        }
    }

    private static boolean ddl(TestDb t, String fragment) {
        return t.statements().stream().anyMatch(s -> s.startsWith("CREATE TABLE") && s.contains(fragment));
    }

    // ---- integers --------------------------------------------------------------------------------------------

    @DatabaseTest
    void unsignedIntegersKeepTheirWholeRange(TestDb t) {
        Model<Instance> m = t.db().define("dty_unsigned", s -> s
                .attribute("tiny", DataTypes.TINYINT.UNSIGNED())
                .attribute("small", DataTypes.SMALLINT.UNSIGNED())
                .attribute("medium", DataTypes.MEDIUMINT.UNSIGNED())
                .attribute("normal", DataTypes.INTEGER.UNSIGNED())
                .attribute("big", DataTypes.BIGINT.UNSIGNED())
                .attribute("signedTiny", DataTypes.TINYINT)
                .attribute("signedMedium", DataTypes.MEDIUMINT)
                .options(o -> o.tableName("dty_unsigned").timestamps(false)));
        t.db().sync().block();
        if (t.is("mysql")) {
            assertTrue(ddl(t, "TINYINT UNSIGNED") && ddl(t, "MEDIUMINT UNSIGNED") && ddl(t, "BIGINT UNSIGNED")
                    && ddl(t, "INTEGER UNSIGNED"), t.statements().toString());
        } else {
            // the next wider signed type holds every unsigned value
            assertTrue(ddl(t, "NUMERIC(20,0)") && ddl(t, "\"normal\" BIGINT"), t.statements().toString());
        }
        BigInteger maxBig = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
        Map<String, Object> max = new HashMap<>();
        max.put("tiny", 255);
        max.put("small", 65_535);
        max.put("medium", 16_777_215);
        max.put("normal", 4_294_967_295L);
        max.put("big", maxBig);
        max.put("signedTiny", -128);
        max.put("signedMedium", -8_388_608);
        Instance created = m.create(max).block();
        assertEquals((short) 255, created.get("tiny"));
        Instance read = m.findAll().blockFirst();
        assertEquals((short) 255, read.get("tiny"));
        assertEquals(65_535, read.get("small"));
        assertEquals(16_777_215, read.get("medium"));
        assertEquals(4_294_967_295L, read.get("normal"));
        assertEquals(maxBig, read.get("big"));
        assertEquals((short) -128, read.get("signedTiny"));
        assertEquals(-8_388_608, read.get("signedMedium"));
        assertEquals(1L, m.count(Where.and(Where.eq("normal", 4_294_967_295L), Where.eq("big", maxBig))).block());
        m.bulkCreate(List.of(max, max)).blockLast();
        assertEquals(3L, m.count(Where.eq("big", maxBig.toString())).block());
        for (Instance i : m.findAll().collectList().block()) {
            assertEquals(maxBig, i.get("big"));
            assertEquals(4_294_967_295L, i.get("normal"));
        }
    }

    @DatabaseTest
    void unsignedValuesOutOfRangeAreRefusedBeforeSql(TestDb t) {
        Model<Instance> m = t.db().define("dty_unsigned_range", s -> s
                .attribute("normal", DataTypes.INTEGER.UNSIGNED())
                .attribute("tiny", DataTypes.TINYINT.UNSIGNED())
                .attribute("big", DataTypes.BIGINT.UNSIGNED())
                .options(o -> o.tableName("dty_unsigned_range").timestamps(false)));
        t.db().sync().block();
        t.clearStatements();
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("normal", -1), Map.of("tiny", 256),
                Map.of("normal", 4_294_967_296L), Map.of("big", BigInteger.TWO.pow(64)), Map.of("big", -1))) {
            ValidationException e = assertThrows(ValidationException.class, () -> m.create(bad).block());
            String attribute = bad.keySet().iterator().next();
            assertEquals(attribute, e.items().get(0).attribute(), e.getMessage());
            assertTrue(e.getMessage().contains("dty_unsigned_range." + attribute + " must be a "), e.getMessage());
            assertTrue(e.getMessage().contains(" between 0 and "), e.getMessage());
        }
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("INSERT")), t.statements().toString());
    }

    @DatabaseTest
    void displayWidthsAndZerofill(TestDb t) {
        roundTrip(t, "dty_zerofill", DataTypes.INTEGER(11).ZEROFILL(), 42, 42L, true);
        if (t.is("mysql")) {
            assertTrue(ddl(t, "INTEGER(11) UNSIGNED ZEROFILL"), t.statements().toString());
        } else {
            assertTrue(ddl(t, "BIGINT") && !ddl(t, "ZEROFILL") && !ddl(t, "(11)"), "dropped, as in Sequelize");
        }
    }

    @DatabaseTest
    void smallWidthsRoundTrip(TestDb t) {
        roundTrip(t, "dty_tinyw", DataTypes.TINYINT(4), 127, (short) 127, true);
        if (t.is("mysql")) {
            assertTrue(ddl(t, "TINYINT(4)"), t.statements().toString());
        }
    }

    // ---- strings ---------------------------------------------------------------------------------------------

    @DatabaseTest
    void textSizes(TestDb t) {
        String text = "x".repeat(300) + " ünïcødé";
        roundTrip(t, "dty_text_tiny", DataTypes.TEXT("tiny"), "tiny ünïcødé", "tiny ünïcødé", !t.is("h2"));
        roundTrip(t, "dty_text_medium", DataTypes.TEXT("medium"), text, text, !t.is("h2"));
        roundTrip(t, "dty_text_long", DataTypes.TEXT("long"), text, text, !t.is("h2"));
        if (t.is("mysql")) {
            assertTrue(ddl(t, "TINYTEXT") && ddl(t, "MEDIUMTEXT") && ddl(t, "LONGTEXT"), t.statements().toString());
        }
    }

    @DatabaseTest
    void blobSizes(TestDb t) {
        Model<Instance> m = single(t, "dty_blob_medium", DataTypes.BLOB("medium"));
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        m.create(Map.of("field", bytes)).block();
        m.bulkCreate(List.of(Map.of("field", bytes))).blockLast();
        for (Instance i : m.findAll().collectList().block()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, (byte[]) i.get("field"));
        }
        if (t.is("mysql")) {
            assertTrue(ddl(t, "MEDIUMBLOB"), t.statements().toString());
        }
    }

    @DatabaseTest
    void binaryStringsCompareCaseSensitively(TestDb t) {
        Model<Instance> m = t.db().define("dty_binary", s -> s
                .attribute("code", DataTypes.STRING(20).BINARY())
                .attribute("tag", DataTypes.CHAR(3).BINARY())
                .options(o -> o.tableName("dty_binary").timestamps(false)));
        t.db().sync().block();
        if (t.is("mysql")) {
            assertTrue(ddl(t, "VARCHAR(20) BINARY") && ddl(t, "CHAR(3) BINARY"), t.statements().toString());
        }
        m.create(Map.of("code", "abc", "tag", "xyz")).block();
        m.bulkCreate(List.of(Map.of("code", "ABC", "tag", "XYZ"))).blockLast();
        assertEquals(1L, m.count(Where.eq("code", "abc")).block());
        assertEquals(1L, m.count(Where.eq("tag", "XYZ")).block());
        assertEquals("abc", m.findOne(q -> q.where(Where.eq("code", "abc"))).block().get("code"));
    }

    @DatabaseTest
    void citext(TestDb t) {
        if (t.is("mysql")) {
            refusedAtDefine(t, "dty_citext", DataTypes.CITEXT);
            return;
        }
        if (t.is("postgres")) {
            extension(t, "citext");
        }
        roundTrip(t, "dty_citext", DataTypes.CITEXT, "Hello", "Hello", true);
        Model<Instance> m = (Model<Instance>) t.db().model("dty_citext");
        assertEquals(3L, m.count(Where.eq("field", "hELLO")).block(), "compares ignoring case");
        assertTrue(ddl(t, t.is("h2") ? "VARCHAR_IGNORECASE" : "CITEXT"), t.statements().toString());
    }

    // ---- numbers and dates -----------------------------------------------------------------------------------

    @DatabaseTest
    void realAndDoubleWithPrecision(TestDb t) {
        roundTrip(t, "dty_real", DataTypes.REAL, 1.5f, 1.5f, true);
        roundTrip(t, "dty_double_ps", DataTypes.DOUBLE(10, 2), 12.25, 12.25, true);
        if (t.is("mysql")) {
            assertTrue(ddl(t, "REAL") && ddl(t, "DOUBLE PRECISION(10,2)"), t.statements().toString());
        }
    }

    @DatabaseTest
    void datePrecision(TestDb t) {
        OffsetDateTime micros = OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.UTC);
        OffsetDateTime millis = micros.withNano(123_000_000);
        roundTrip(t, "dty_date3", DataTypes.DATE(3), millis, millis, true);
        Model<Instance> m3 = (Model<Instance>) t.db().model("dty_date3");
        m3.create(Map.of("field", micros)).block();
        assertEquals(4L, m3.count(Where.eq("field", millis)).block(), "microseconds dropped by DATE(3)");
        OffsetDateTime seconds = micros.withNano(0);
        roundTrip(t, "dty_date0", DataTypes.DATE(0), seconds, seconds, true);
        assertTrue(ddl(t, t.is("mysql") ? "DATETIME(3)" : "TIMESTAMP(3) WITH TIME ZONE"), t.statements().toString());
    }

    // ---- PostgreSQL types ------------------------------------------------------------------------------------

    @DatabaseTest
    void networkTypes(TestDb t) {
        if (!t.is("postgres")) {
            refusedAtDefine(t, "dty_inet", DataTypes.INET);
            refusedAtDefine(t, "dty_cidr", DataTypes.CIDR);
            refusedAtDefine(t, "dty_macaddr", DataTypes.MACADDR);
            return;
        }
        roundTrip(t, "dty_inet", DataTypes.INET, "127.0.0.1", "127.0.0.1", true);
        roundTrip(t, "dty_inet6", DataTypes.INET, "10.1.0.0/16", "10.1.0.0/16", true);
        roundTrip(t, "dty_cidr", DataTypes.CIDR, "10.1.2.3/32", "10.1.2.3/32", true);
        roundTrip(t, "dty_macaddr", DataTypes.MACADDR, "01:23:45:67:89:ab", "01:23:45:67:89:ab", true);
    }

    @DatabaseTest
    void tsvector(TestDb t) {
        if (!t.is("postgres")) {
            refusedAtDefine(t, "dty_tsvector", DataTypes.TSVECTOR);
            return;
        }
        // PostgreSQL normalises the document: sorted, quoted lexemes
        roundTrip(t, "dty_tsvector", DataTypes.TSVECTOR, "swagger fat cat", "'cat' 'fat' 'swagger'", true);
    }

    @DatabaseTest
    void hstore(TestDb t) {
        if (!t.is("postgres")) {
            refusedAtDefine(t, "dty_hstore", DataTypes.HSTORE);
            return;
        }
        extension(t, "hstore");
        Map<String, String> value = new LinkedHashMap<>();
        value.put("test", "42");
        value.put("quote \"and\" back\\slash", "a => b, c");
        value.put("nothing", null);
        roundTrip(t, "dty_hstore", DataTypes.HSTORE, value, value, true);
        assertThrows(ValidationException.class, () -> ((Model<Instance>) t.db().model("dty_hstore"))
                .create(Map.of("field", Map.of("n", 1))).block(), "values must be strings");
    }

    @DatabaseTest
    void jsonb(TestDb t) {
        Map<String, Object> doc = Map.of("test", 42, "nested", Map.of("foo", "bar"));
        roundTrip(t, "dty_jsonb", DataTypes.JSONB, doc, doc, t.is("postgres"));
        if (t.is("postgres")) {
            assertTrue(ddl(t, "JSONB"), t.statements().toString());
        } else {
            assertTrue(!ddl(t, "JSONB"), "JSON elsewhere, as Sequelize maps it");
        }
    }

    @DatabaseTest
    void arrayOfEnum(TestDb t) {
        DataType type = DataTypes.ARRAY(DataTypes.ENUM("action", "class s", "qu\"ote"));
        if (!t.is("postgres")) {
            refusedAtDefine(t, "dty_enum_array", type);
            return;
        }
        List<String> value = java.util.Arrays.asList("class s", null, "qu\"ote", "action");
        roundTrip(t, "dty_enum_array", type, value, value, true);
        assertTrue(ddl(t, "\"enum_dty_enum_array_field\"[]"), t.statements().toString());
        Model<Instance> m = (Model<Instance>) t.db().model("dty_enum_array");
        assertThrows(ValidationException.class, () -> m.create(Map.of("field", List.of("nope"))).block());
        t.db().drop().block();
        assertEquals(0, t.raw("SELECT 1 AS one FROM pg_type WHERE typname = 'enum_dty_enum_array_field'")
                .collectList().block().size(), "the enum type is dropped with its table");
    }

    /** sync({alter}) reads the columns back and finds every new type as declared: no ALTER on a second run. */
    @DatabaseTest
    void alterSeesTheNewTypesUnchanged(TestDb t) {
        if (t.is("postgres")) {
            extension(t, "citext");
            extension(t, "hstore");
        }
        t.db().define("dty_alter", s -> {
            s.attribute("tiny", DataTypes.TINYINT.UNSIGNED())
                    .attribute("medium", DataTypes.MEDIUMINT)
                    .attribute("normal", DataTypes.INTEGER(11).UNSIGNED())
                    .attribute("big", DataTypes.BIGINT.UNSIGNED())
                    .attribute("zero", DataTypes.INTEGER(8).ZEROFILL())
                    .attribute("code", DataTypes.STRING(20).BINARY())
                    .attribute("body", DataTypes.TEXT("medium"))
                    .attribute("stamp", DataTypes.DATE(3))
                    .attribute("ratio", DataTypes.REAL)
                    .attribute("amount", DataTypes.DOUBLE(10, 2))
                    .attribute("doc", DataTypes.JSONB)
                    .options(o -> o.tableName("dty_alter").timestamps(false));
            if (!t.is("mysql")) {
                s.attribute("ci", DataTypes.CITEXT);
            }
            if (t.is("postgres")) {
                s.attribute("ip", DataTypes.INET).attribute("net", DataTypes.CIDR).attribute("mac", DataTypes.MACADDR)
                        .attribute("words", DataTypes.TSVECTOR).attribute("tags", DataTypes.HSTORE);
            }
        });
        t.db().sync(io.resequel.query.SyncOptions.alter()).block();
        t.clearStatements();
        t.db().sync(io.resequel.query.SyncOptions.alter()).block();
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("ALTER TABLE")), t.statements().toString());
    }

    @DatabaseTest
    void spatialTypesAreRefusedAtDefine(TestDb t) {
        // The local PostgreSQL has no PostGIS; Resequel does not support spatial types yet on any database.
        refusedAtDefine(t, "dty_geometry", DataTypes.GEOMETRY);
        refusedAtDefine(t, "dty_geography", DataTypes.GEOGRAPHY);
    }
}
