package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnsupportedOperatorException;
import io.resequel.error.ValidationException;
import io.resequel.error.UnsupportedTypeException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.Range;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.SyncOptions;
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

/** PostgreSQL ARRAY and RANGE types: round-trips and their operators; a typed error on the other databases. */
class ArrayRangeTest {

    private static final OffsetDateTime T1 = OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime T2 = OffsetDateTime.of(2024, 2, 1, 12, 30, 15, 250_000_000, ZoneOffset.UTC);

    static Model<Instance> define(TestDb t) {
        return t.db().define("Span", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("nums", DataTypes.ARRAY(DataTypes.INTEGER))
                .attribute("tags", DataTypes.ARRAY(DataTypes.STRING))
                .attribute("ints", DataTypes.RANGE(DataTypes.INTEGER))
                .attribute("bigs", DataTypes.RANGE(DataTypes.BIGINT))
                .attribute("decs", DataTypes.RANGE(DataTypes.DECIMAL))
                .attribute("times", DataTypes.RANGE(DataTypes.DATE))
                .attribute("days", DataTypes.RANGE(DataTypes.DATEONLY))
                .options(o -> o.timestamps(false)));
    }

    private static Map<String, Object> row(String name, List<Integer> nums, List<String> tags, Range<Integer> ints) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("nums", nums);
        m.put("tags", tags);
        m.put("ints", ints);
        return m;
    }

    /** a: {1,2,3} [1,5); b: {3,4} [10,20); c: nulls. */
    static Model<Instance> seeded(TestDb t) {
        Model<Instance> m = define(t);
        t.db().sync().block();
        m.bulkCreate(List.of(
                row("a", List.of(1, 2, 3), List.of("red", "green"), Range.closedOpen(1, 5)),
                row("b", List.of(3, 4), List.of("blue"), Range.closedOpen(10, 20)),
                row("c", null, null, null))).blockLast();
        return m;
    }

    static List<String> names(Model<Instance> m, Where where) {
        return m.findAll(q -> q.where(where).order(Order.asc("name"))).map(i -> (String) i.get("name"))
                .collectList().block();
    }

    @DatabaseTest
    void otherDatabasesRefuseTheTypes(TestDb t) {
        if (t.is("postgres")) {
            return;
        }
        // refused at define, before any SQL, naming the model and the first attribute of such a type
        Exception e = assertThrows(Exception.class, () -> define(t));
        UnsupportedTypeException u = assertInstanceOf(UnsupportedTypeException.class, e);
        assertEquals(t.kind(), u.dialect());
        assertEquals("Span", u.model());
        assertEquals("nums", u.attribute());
        assertTrue(u.type().startsWith("ARRAY(") || u.type().startsWith("RANGE("), u.getMessage());
        assertTrue(t.statements().stream().noneMatch(s -> s.contains("Spans")), t.statements().toString());
    }

    @DatabaseTest
    void otherDatabasesRefuseTheOperators(TestDb t) {
        if (t.is("postgres")) {
            return;
        }
        // RANGE columns are refused at define here; the operators are refused on a plain column just the same
        Model<Instance> m = t.db().define("Span", s -> s.attribute("name", DataTypes.STRING)
                .attribute("ints", DataTypes.INTEGER).options(o -> o.timestamps(false)));
        for (Op op : List.of(Op.CONTAINS, Op.OVERLAP, Op.ADJACENT, Op.STRICT_LEFT)) {
            Exception e = assertThrows(Exception.class, () -> names(m, Where.where("ints", op, Range.closed(1, 2))));
            UnsupportedOperatorException u = assertInstanceOf(UnsupportedOperatorException.class, e);
            assertEquals(op.name(), u.operator());
            assertEquals(t.kind(), u.dialect());
        }
    }

    @DatabaseTest
    void arraysRoundTrip(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        Model<Instance> m = seeded(t);
        assertTrue(t.statements().stream().anyMatch(s -> s.contains("INTEGER[]") && s.contains("VARCHAR(255)[]")),
                t.statements().toString());
        Instance a = m.findOne(q -> q.where(Where.eq("name", "a"))).block();
        assertEquals(List.of(1, 2, 3), a.get("nums"));
        assertEquals(List.of("red", "green"), a.get("tags"));
        Instance c = m.findOne(q -> q.where(Where.eq("name", "c"))).block();
        assertNull(c.get("nums"));
        // Java arrays are accepted and read back as lists; an empty array stays empty
        Instance d = m.create(Map.of("name", "d", "nums", new Integer[] {7}, "tags", new String[0])).block();
        Instance back = m.findByPk(d.get("id")).block();
        assertEquals(List.of(7), back.get("nums"));
        assertEquals(List.of(), back.get("tags"));
    }

    @DatabaseTest
    void rangesRoundTrip(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        Model<Instance> m = define(t);
        t.db().sync().block();
        assertTrue(t.statements().stream().anyMatch(s -> s.contains("int4range") && s.contains("int8range")
                && s.contains("numrange") && s.contains("tstzrange") && s.contains("daterange")));
        Map<String, Object> v = new HashMap<>();
        v.put("name", "x");
        v.put("ints", Range.closed(1, 5));
        v.put("bigs", Range.closedOpen(null, 1L << 40));
        v.put("decs", Range.openClosed(new BigDecimal("1.50"), new BigDecimal("2.25")));
        v.put("times", Range.closedOpen(T1, T2));
        v.put("days", Range.closed(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)));
        Instance x = m.create(v).block();
        Instance back = m.findByPk(x.get("id")).block();
        // discrete ranges come back normalised to [a,b)
        assertEquals(Range.closedOpen(1, 6), back.get("ints"));
        assertEquals(Range.closedOpen(null, 1L << 40), back.get("bigs"));
        assertEquals(Range.openClosed(new BigDecimal("1.50"), new BigDecimal("2.25")), back.get("decs"));
        assertEquals(Range.closedOpen(T1, T2), back.get("times"));
        assertEquals(Range.closedOpen(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1)), back.get("days"));

        Map<String, Object> w = new HashMap<>();
        w.put("name", "y");
        w.put("ints", Range.empty());
        w.put("bigs", Range.unbounded());
        w.put("decs", Range.closed(null, new BigDecimal("3")));
        w.put("times", Range.open(T1, null));
        w.put("days", null);
        Instance y = m.findByPk(m.create(w).block().get("id")).block();
        assertTrue(((Range<?>) y.get("ints")).isEmpty());
        assertEquals(Range.unbounded(), y.get("bigs"));
        assertEquals(Range.openClosed(null, new BigDecimal("3")), y.get("decs"), "an unbounded end is never inclusive");
        assertEquals(Range.open(T1, null), y.get("times"));
        assertNull(y.get("days"));
    }

    @DatabaseTest
    void arrayOperators(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        Model<Instance> m = seeded(t);
        t.clearStatements();
        assertEquals(List.of("a"), names(m, Where.where("nums", Op.CONTAINS, List.of(1, 3))));
        String sql = t.statements().get(0);
        assertTrue(sql.contains("\"nums\" @> CAST($1 AS INTEGER[])"), sql);
        assertEquals(List.of("a", "b"), names(m, Where.where("nums", Op.CONTAINS, 3)), "a single element");
        assertEquals(List.of(), names(m, Where.where("nums", Op.CONTAINS, List.of(1, 4))));
        assertEquals(List.of("b"), names(m, Where.where("nums", Op.CONTAINED, List.of(3, 4, 5))));
        assertEquals(List.of(), names(m, Where.where("nums", Op.CONTAINED, List.of(9))));
        assertEquals(List.of("a", "b"), names(m, Where.where("nums", Op.OVERLAP, List.of(3, 9))));
        assertEquals(List.of(), names(m, Where.where("nums", Op.OVERLAP, List.of(9))));
        assertEquals(List.of("a"), names(m, Where.where("tags", Op.CONTAINS, List.of("green"))));
        assertEquals(List.of("b"), names(m, Where.where("tags", Op.OVERLAP, new String[] {"blue", "x"})));
        assertEquals(List.of("b"), names(m, Where.eq("nums", List.of(3, 4))), "array equality");
        t.clearStatements();
        assertEquals(List.of("b"), names(m, Where.where("nums", Op.EQ, Where.any(List.of(List.of(3, 4), List.of(9))))),
                "an array equal to any of several arrays");
        assertTrue(t.statements().get(0).contains("(\"nums\" = $1 OR \"nums\" = $2)"), t.statements().get(0));
        assertEquals(List.of("a"), names(m, Where.where("nums", Op.NE, Where.all(List.of(List.of(7),
                List.of(3, 4))))));
        Exception e = assertThrows(Exception.class, () -> names(m, Where.where("nums", Op.ADJACENT, List.of(1))));
        assertEquals("ADJACENT", assertInstanceOf(UnsupportedOperatorException.class, e).operator());
    }

    @DatabaseTest
    void rangeOperators(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        Model<Instance> m = seeded(t); // a [1,5)  b [10,20)
        t.clearStatements();
        assertEquals(List.of("a"), names(m, Where.where("ints", Op.CONTAINS, 3)));
        assertTrue(t.statements().get(0).contains("\"ints\" @> CAST($1 AS INTEGER)"), t.statements().get(0));
        assertEquals(List.of(), names(m, Where.where("ints", Op.CONTAINS, 5)), "upper bound excluded");
        t.clearStatements();
        assertEquals(List.of("b"), names(m, Where.where("ints", Op.CONTAINS, Range.closed(12, 14))));
        assertTrue(t.statements().get(0).contains("\"ints\" @> CAST($1 AS int4range)"), t.statements().get(0));
        assertEquals(List.of(), names(m, Where.where("ints", Op.CONTAINS, Range.closed(4, 12))));
        assertEquals(List.of("a"), names(m, Where.where("ints", Op.CONTAINED, Range.closed(0, 9))));
        assertEquals(List.of(), names(m, Where.where("ints", Op.CONTAINED, Range.closed(2, 15))));
        assertEquals(List.of("a", "b"), names(m, Where.where("ints", Op.OVERLAP, Range.closed(4, 10))));
        assertEquals(List.of(), names(m, Where.where("ints", Op.OVERLAP, Range.closedOpen(5, 10))));
        assertEquals(List.of("a", "b"), names(m, Where.where("ints", Op.ADJACENT, Range.closedOpen(5, 10))));
        assertEquals(List.of(), names(m, Where.where("ints", Op.ADJACENT, Range.closedOpen(6, 9))));
        assertEquals(List.of("a"), names(m, Where.where("ints", Op.STRICT_LEFT, Range.closed(6, 8))));
        assertEquals(List.of(), names(m, Where.where("ints", Op.STRICT_LEFT, Range.closed(0, 2))));
        assertEquals(List.of("b"), names(m, Where.where("ints", Op.STRICT_RIGHT, Range.closed(6, 8))));
        assertEquals(List.of(), names(m, Where.where("ints", Op.STRICT_RIGHT, Range.closed(25, 30))));
        assertEquals(List.of("a"), names(m, Where.where("ints", Op.NO_EXTEND_RIGHT, Range.closed(0, 8))));
        assertEquals(List.of(), names(m, Where.where("ints", Op.NO_EXTEND_RIGHT, Range.closed(0, 2))));
        assertEquals(List.of("b"), names(m, Where.where("ints", Op.NO_EXTEND_LEFT, Range.closed(6, 8))));
        assertEquals(List.of(), names(m, Where.where("ints", Op.NO_EXTEND_LEFT, Range.closed(30, 40))));
        // element containment on a timestamp range binds the subtype
        m.update(Map.of("times", Range.closedOpen(T1, T2)), Where.eq("name", "a")).block();
        assertEquals(List.of("a"), names(m, Where.where("times", Op.CONTAINS, T1.plusDays(1))));
        assertEquals(List.of(), names(m, Where.where("times", Op.CONTAINS, T2)));
    }

    @DatabaseTest
    void rangeAndElementShapesAreCachedApart(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        Model<Instance> m = seeded(t);
        // Same where shape except the value's kind: a Range and an element render different casts.
        assertEquals(List.of("a"), names(m, Where.where("ints", Op.CONTAINS, 2)));
        assertEquals(List.of("a"), names(m, Where.where("ints", Op.CONTAINS, Range.closed(2, 3))));
        assertEquals(List.of("b"), names(m, Where.where("ints", Op.CONTAINS, 15)));
    }

    @DatabaseTest
    void alterSeesMatchingColumnsAndValuesAreChecked(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        Model<Instance> m = seeded(t);
        t.clearStatements();
        t.db().sync(SyncOptions.alter()).block();
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("ALTER")), t.statements().toString());
        assertEquals(List.of(1, 2, 3), m.findOne(q -> q.where(Where.eq("name", "a"))).block().get("nums"));
        t.clearStatements();
        Exception e = assertThrows(Exception.class, () -> names(m, Where.where("ints", Op.OVERLAP, "1-5")));
        assertInstanceOf(ValidationException.class, e);
        e = assertThrows(Exception.class, () -> m.create(Map.of("name", "z", "nums", List.of("one"))).block());
        assertInstanceOf(ValidationException.class, e);
        assertEquals(List.of(), t.statements(), "rejected before any SQL");
    }
}
