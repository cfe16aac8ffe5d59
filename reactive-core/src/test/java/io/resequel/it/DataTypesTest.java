package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every core data type round-trips exactly, and so does null. */
class DataTypesTest {

    static Model<Instance> define(TestDb t) {
        Model<Instance> m = t.db().define("Value", s -> s
                .attribute("str", DataTypes.STRING(20))
                .attribute("chr", DataTypes.CHAR(5))
                .attribute("txt", DataTypes.TEXT)
                .attribute("i", DataTypes.INTEGER)
                .attribute("big", DataTypes.BIGINT)
                .attribute("small", DataTypes.SMALLINT)
                .attribute("f", DataTypes.FLOAT)
                .attribute("d", DataTypes.DOUBLE)
                .attribute("dec", DataTypes.DECIMAL(20, 6))
                .attribute("bool", DataTypes.BOOLEAN)
                .attribute("at", DataTypes.DATE)
                .attribute("day", DataTypes.DATEONLY)
                .attribute("tm", DataTypes.TIME)
                .attribute("uid", DataTypes.UUID)
                .attribute("doc", DataTypes.JSON)
                .attribute("bin", DataTypes.BLOB)
                .attribute("kind", DataTypes.ENUM("small", "medium", "large"))
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        return m;
    }

    static byte[] allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @DatabaseTest
    void everyTypeRoundTrips(TestDb t) {
        Model<Instance> values = define(t);
        OffsetDateTime at = OffsetDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000, ZoneOffset.UTC);
        UUID uid = UUID.randomUUID();
        Map<String, Object> doc = Map.of("name", "Ada", "tags", List.of("a", "b"), "n", 42,
                "nested", Map.of("ok", true));
        Map<String, Object> in = new HashMap<>();
        in.put("str", "hello, world");
        in.put("chr", "abcde");
        in.put("txt", "x".repeat(10_000));
        in.put("i", Integer.MIN_VALUE);
        in.put("big", (1L << 53) + 1);
        in.put("small", (short) -32768);
        in.put("f", 1.5f);
        in.put("d", Math.PI);
        in.put("dec", new BigDecimal("12345678901234.123456"));
        in.put("bool", true);
        in.put("at", at);
        in.put("day", LocalDate.of(1999, 12, 31));
        in.put("tm", LocalTime.of(13, 45, 30));
        in.put("uid", uid);
        in.put("doc", doc);
        in.put("bin", allBytes());
        in.put("kind", "medium");
        Instance created = values.create(in).block();
        Instance v = values.findByPk(created.get("id")).block();

        assertEquals("hello, world", v.get("str"));
        assertEquals("abcde", v.get("chr"));
        assertEquals("x".repeat(10_000), v.get("txt"));
        assertEquals(Integer.MIN_VALUE, v.get("i"));
        assertEquals((1L << 53) + 1, v.get("big"));
        assertEquals((short) -32768, v.get("small"));
        assertEquals(1.5f, v.get("f"));
        assertEquals(Math.PI, v.get("d"));
        assertEquals(new BigDecimal("12345678901234.123456"), v.get("dec"));
        assertEquals(true, v.get("bool"));
        assertEquals(at, v.get("at"));
        assertEquals(LocalDate.of(1999, 12, 31), v.get("day"));
        assertEquals(LocalTime.of(13, 45, 30), v.get("tm"));
        assertEquals(uid, v.get("uid"));
        assertEquals(doc, v.get("doc"));
        assertArrayEquals(allBytes(), (byte[]) v.get("bin"));
        assertEquals("medium", v.get("kind"));

        // independently of the ORM: the BIGINT beyond 2^53 is stored exactly
        Object raw = t.raw("SELECT " + t.q("big") + " FROM " + t.q("Values")).blockFirst().get("big");
        assertEquals((1L << 53) + 1, ((Number) raw).longValue());
    }

    @DatabaseTest
    void extremesRoundTrip(TestDb t) {
        Model<Instance> values = define(t);
        Map<String, Object> in = new HashMap<>();
        in.put("big", Long.MAX_VALUE);
        in.put("i", Integer.MAX_VALUE);
        in.put("small", Short.MAX_VALUE);
        in.put("dec", new BigDecimal("-99999999999999.999999"));
        in.put("bool", false);
        in.put("doc", Arrays.asList(1, "two", false, null, Map.of("k", "v")));
        in.put("bin", new byte[0]);
        in.put("tm", LocalTime.MIDNIGHT);
        in.put("day", LocalDate.of(1970, 1, 1));
        in.put("at", OffsetDateTime.of(2020, 6, 1, 12, 0, 0, 1000, ZoneOffset.ofHoursMinutes(5, 30)));
        Object id = values.create(in).block().get("id");
        Instance v = values.findByPk(id).block();
        assertEquals(Long.MAX_VALUE, v.get("big"));
        assertEquals(Integer.MAX_VALUE, v.get("i"));
        assertEquals(Short.MAX_VALUE, v.get("small"));
        assertEquals(new BigDecimal("-99999999999999.999999"), v.get("dec"));
        assertEquals(false, v.get("bool"));
        assertEquals(Arrays.asList(1, "two", false, null, Map.of("k", "v")), v.get("doc"));
        assertArrayEquals(new byte[0], (byte[]) v.get("bin"));
        assertEquals(LocalTime.MIDNIGHT, v.get("tm"));
        assertEquals(LocalDate.of(1970, 1, 1), v.get("day"));
        OffsetDateTime at = (OffsetDateTime) v.get("at");
        assertTrue(at.isEqual(OffsetDateTime.of(2020, 6, 1, 6, 30, 0, 1000, ZoneOffset.UTC)), "same instant: " + at);
        assertEquals(ZoneOffset.UTC, at.getOffset(), "DATE reads in UTC");
    }

    @DatabaseTest
    void decimalKeepsItsScale(TestDb t) {
        Model<Instance> values = define(t);
        Object id = values.create(Map.of("dec", new BigDecimal("1.5"))).block().get("id");
        BigDecimal dec = (BigDecimal) values.findByPk(id).block().get("dec");
        assertEquals(0, dec.compareTo(new BigDecimal("1.5")));
        assertEquals(6, dec.scale(), "DECIMAL(20,6) reads with scale 6: " + dec);
    }

    @DatabaseTest
    void nullsRoundTrip(TestDb t) {
        Model<Instance> values = define(t);
        Object id = values.create(Map.of()).block().get("id");
        Instance v = values.findByPk(id).block();
        for (String a : List.of("str", "chr", "txt", "i", "big", "small", "f", "d", "dec", "bool", "at", "day", "tm",
                "uid", "doc", "bin", "kind")) {
            assertNull(v.get(a), a);
        }
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("Values")).blockFirst();
        assertNull(row.get("doc"), "JSON null is SQL NULL, not the JSON literal null");
        assertNull(row.get("str"));
    }
}
