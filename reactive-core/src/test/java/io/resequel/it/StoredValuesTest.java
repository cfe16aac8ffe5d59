package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issue 11, defect 10: a value its column would not keep exactly (rounded, truncated, clamped to ±infinity, turned
 * into '?') is refused with a {@link ValidationException} naming model and attribute before any SQL, on every write
 * path; nothing reaches the table.
 */
class StoredValuesTest {

    static Model<Instance> items(TestDb t) {
        Model<Instance> m = t.db().define("Item", s -> s
                .attribute("name", DataTypes.STRING(5))
                .attribute("code", DataTypes.CHAR(3))
                .attribute("note", DataTypes.TEXT)
                .attribute("price", DataTypes.DECIMAL(10, 2))
                .attribute("ratio", DataTypes.DOUBLE)
                .attribute("small", DataTypes.FLOAT)
                .attribute("at", DataTypes.DATE)
                .attribute("day", DataTypes.DATEONLY)
                .attribute("doc", DataTypes.JSON)
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        t.clearStatements();
        return m;
    }

    /** The one item of the refusal, after checking that no statement ran and no row exists. */
    private static ValidationItem refused(TestDb t, Supplier<Object> write) {
        t.clearStatements();
        Exception e = assertThrows(Exception.class, write::get);
        List<ValidationItem> items = assertInstanceOf(ValidationException.class, e, String.valueOf(e)).items();
        assertEquals(1, items.size(), items.toString());
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("INSERT") || s.startsWith("UPDATE")),
                "no write was sent: " + t.statements());
        return items.get(0);
    }

    private static long rows(TestDb t) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q("Items")).blockFirst().get("n")).longValue();
    }

    private static void assertItem(ValidationItem item, String attribute, String validator) {
        assertEquals("Item", item.model());
        assertEquals(attribute, item.attribute());
        assertEquals(validator, item.validator(), item.message());
        assertTrue(item.message().startsWith("Item." + attribute + " "), item.message());
    }

    private static Map<String, Object> one(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    @DatabaseTest
    void decimalsAreNeverRounded(TestDb t) {
        Model<Instance> m = items(t);
        ValidationItem scale = refused(t, () -> m.create(one("price", new BigDecimal("1.005"))).block());
        assertItem(scale, "price", "scale");
        assertTrue(scale.message().contains("DECIMAL(10,2)"), scale.message());
        assertItem(refused(t, () -> m.create(one("price", 1.005d)).block()), "price", "scale");
        assertItem(refused(t, () -> m.create(one("price", new BigDecimal("123456789.5"))).block()), "price",
                "precision");
        assertItem(refused(t, () -> m.create(one("price", Double.NaN)).block()), "price", "type");
        assertEquals(0, rows(t));
        // Trailing zeros lose nothing; the largest value that fits is kept as it is.
        m.create(one("price", new BigDecimal("1.500"))).block();
        m.create(one("price", new BigDecimal("-99999999.99"))).block();
        List<BigDecimal> read = m.findAll(q -> q.order(io.resequel.query.Order.asc("price")))
                .map(i -> (BigDecimal) i.get("price")).collectList().block();
        assertEquals(0, new BigDecimal("-99999999.99").compareTo(read.get(0)));
        assertEquals(0, new BigDecimal("1.5").compareTo(read.get(1)));
    }

    @DatabaseTest
    void textIsNeverTruncatedNorMangled(TestDb t) {
        Model<Instance> m = items(t);
        ValidationItem length = refused(t, () -> m.create(one("name", "abcdef")).block());
        assertItem(length, "name", "length");
        assertTrue(length.message().contains("6 characters") && length.message().contains("STRING(5)"),
                length.message());
        assertItem(refused(t, () -> m.create(one("code", "abcd")).block()), "code", "length");
        assertItem(refused(t, () -> m.create(one("note", "a\uD800b")).block()), "note", "surrogate");
        assertItem(refused(t, () -> m.create(one("name", "\uDC00")).block()), "name", "surrogate");
        assertItem(refused(t, () -> m.create(one("doc", Map.of("k", List.of("ok", "x\uDBFF")))).block()), "doc",
                "surrogate");
        assertEquals(0, rows(t));
        // In a WHERE a lone surrogate would be sent as '?' and match the rows named '?'.
        assertItem(refused(t, () -> m.findAll(q -> q.where("name", "\uDC00")).blockLast()), "name", "surrogate");
        // Length counts characters: five accented letters fit STRING(5).
        m.create(Map.of("name", "héllo", "code", "abc", "note", "pair \uD83D\uDE00 ok")).block();
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("Items")).blockFirst();
        assertEquals("héllo", row.get("name"));
        assertEquals("pair \uD83D\uDE00 ok", row.get("note"));
    }

    @DatabaseTest
    void nonFiniteNumbersOnlyWhereTheDatabaseKeepsThem(TestDb t) {
        Model<Instance> m = items(t);
        assertItem(refused(t, () -> m.create(one("doc", Map.of("x", Double.NaN))).block()), "doc", "finite");
        // A double too large for FLOAT would become an infinity in the float conversion.
        assertItem(refused(t, () -> m.create(one("small", 1e300)).block()), "small", "type");
        if (t.is("mysql")) {
            ValidationItem nan = refused(t, () -> m.create(one("ratio", Double.NaN)).block());
            assertItem(nan, "ratio", "finite");
            assertTrue(nan.message().contains("MySQL/MariaDB"), nan.message());
            assertItem(refused(t, () -> m.create(one("small", Float.NEGATIVE_INFINITY)).block()), "small", "finite");
            assertItem(refused(t, () -> m.findAll(q -> q.where("ratio", Double.POSITIVE_INFINITY)).blockLast()),
                    "ratio", "finite");
            assertEquals(0, rows(t));
            return;
        }
        m.create(Map.of("name", "nan", "ratio", Double.NaN, "small", Float.POSITIVE_INFINITY)).block();
        m.create(Map.of("name", "inf", "ratio", Double.NEGATIVE_INFINITY)).block();
        Instance nan = m.findOne(q -> q.where("name", "nan")).block();
        assertTrue(Double.isNaN((Double) nan.get("ratio")));
        assertEquals(Float.POSITIVE_INFINITY, nan.get("small"));
        assertEquals(Double.NEGATIVE_INFINITY, m.findOne(q -> q.where("name", "inf")).block().get("ratio"));
    }

    @DatabaseTest
    void datesOutsideTheDatabaseRangeAreRefused(TestDb t) {
        Model<Instance> m = items(t);
        OffsetDateTime far = OffsetDateTime.of(300_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime early = OffsetDateTime.of(999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);
        OffsetDateTime last = t.is("mysql") ? OffsetDateTime.parse("9999-12-31T23:59:59.999999Z")
                : t.is("postgres") ? OffsetDateTime.parse("+294276-12-31T23:59:59.999999Z") : far;
        if (t.is("h2")) {
            m.create(Map.of("name", "far", "at", far)).block();
            assertEquals(far, m.findOne(q -> q.where("name", "far")).block().get("at"));
        } else {
            ValidationItem range = refused(t, () -> m.create(one("at", far)).block());
            assertItem(range, "at", "range");
            assertTrue(range.message().contains(t.is("mysql") ? "MySQL/MariaDB" : "PostgreSQL"), range.message());
            assertItem(refused(t, () -> m.create(one("at", last.plusNanos(1000))).block()), "at", "range");
            assertEquals(0, rows(t));
        }
        if (t.is("mysql")) {
            assertItem(refused(t, () -> m.create(one("at", early)).block()), "at", "range");
            assertItem(refused(t, () -> m.create(one("day", LocalDate.of(999, 12, 31))).block()), "day", "range");
            assertItem(refused(t, () -> m.create(one("day", LocalDate.of(10_000, 1, 1))).block()), "day", "range");
            assertEquals(0, rows(t));
        } else {
            m.create(Map.of("name", "early", "at", early, "day", LocalDate.of(999, 12, 31))).block();
            Instance e = m.findOne(q -> q.where("name", "early")).block();
            assertEquals(early, e.get("at"));
            assertEquals(LocalDate.of(999, 12, 31), e.get("day"));
        }
        // The first and last instants each database holds are stored exactly (not as infinity, not clipped).
        m.create(Map.of("name", "last", "at", last)).block();
        assertEquals(last, m.findOne(q -> q.where("name", "last")).block().get("at"));
        if (!t.is("h2")) {
            OffsetDateTime first = OffsetDateTime.parse(t.is("mysql") ? "1000-01-01T00:00:00Z"
                    : "-4712-01-01T00:00:00Z");
            assertItem(refused(t, () -> m.create(one("at", first.minusNanos(1000))).block()), "at", "range");
            assertItem(refused(t, () -> m.create(one("day", first.toLocalDate().minusDays(1))).block()), "day",
                    "range");
            LocalDate lastDay = t.is("mysql") ? LocalDate.of(9999, 12, 31) : LocalDate.parse("+5874897-12-31");
            assertItem(refused(t, () -> m.create(one("day", lastDay.plusDays(1))).block()), "day", "range");
            m.create(Map.of("name", "first", "at", first, "day", first.toLocalDate())).block();
            m.create(Map.of("name", "end", "day", lastDay)).block();
            assertEquals(first, m.findOne(q -> q.where("name", "first")).block().get("at"));
            assertEquals(first.toLocalDate(), m.findOne(q -> q.where("name", "first")).block().get("day"));
            assertEquals(lastDay, m.findOne(q -> q.where("name", "end")).block().get("day"));
        }
        // A WHERE on an out-of-range date would compare with something else (infinity): refused too.
        if (!t.is("h2")) {
            assertItem(refused(t, () -> m.findAll(q -> q.where(Where.where("at", io.resequel.query.Op.LT,
                    last.plusYears(1)))).blockLast()), "at", "range");
        }
    }

    @DatabaseTest
    void everyWritePathIsChecked(TestDb t) {
        Model<Instance> m = items(t);
        Instance saved = m.create(Map.of("name", "ok", "price", new BigDecimal("2.50"))).block();
        // save() of a changed instance
        saved.set("price", new BigDecimal("2.555"));
        assertItem(refused(t, () -> saved.save().block()), "price", "scale");
        // Model.update (bulk), increment, bulkCreate without validation, upsert
        assertItem(refused(t, () -> m.update(Map.of("name", "toolong"), Where.eq("name", "ok")).block()), "name",
                "length");
        assertItem(refused(t, () -> m.increment(Map.of("price", new BigDecimal("0.001")), Where.eq("name", "ok"))
                .block()), "price", "scale");
        assertItem(refused(t, () -> m.bulkCreate(List.of(Map.of("name", "a"), Map.of("name", "b\uD800"),
                Map.of("name", "c"))).blockLast()), "name", "surrogate");
        assertItem(refused(t, () -> m.upsert(Map.of("id", 1, "name", "waytoolong")).block()), "name", "length");
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("Items")).blockFirst();
        assertEquals(1, rows(t), "only the first, valid row");
        assertEquals("ok", row.get("name"));
        assertEquals(0, new BigDecimal("2.50").compareTo(new BigDecimal(row.get("price").toString())));
        // validate() reports a misfit with the other validators, without SQL
        Instance built = m.build(Map.of("name", "sixsix"));
        ValidationException e = assertInstanceOf(ValidationException.class,
                assertThrows(Exception.class, () -> built.validate().block()));
        assertItem(e.items().get(0), "name", "length");
    }
}
