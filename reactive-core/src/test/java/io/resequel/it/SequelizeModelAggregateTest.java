package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Port of Sequelize v6's test/integration/model.test.js sections "count", "min", "max", "sum", "blob", "Unique",
 * the UUID foreign key and "bulkCreate", and of test/integration/model/sum.test.js and notExist.test.js.
 */
class SequelizeModelAggregateTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING).attribute("data", DataTypes.STRING)
                .attribute("intVal", DataTypes.INTEGER).attribute("theDate", DataTypes.DATE)
                .attribute("aBool", DataTypes.BOOLEAN));
        t.db().sync().block();
        return m;
    }

    private static double number(Object v) {
        return ((Number) v).doubleValue();
    }

    // ---- count ----------------------------------------------------------------------------------------------

    @DatabaseTest
    void countInsideAndOutsideATransaction(TestDb t) {
        Model<Instance> m = users(t);
        AtomicReference<List<Long>> counts = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> t.db().transaction(tx -> m.create(Map.of("username", "foo"))
                .then(m.count(q -> q.outsideTransaction())).zipWith(m.count())
                .doOnNext(c -> counts.set(List.of(c.getT1(), c.getT2())))
                .then(Mono.error(new IllegalStateException("roll back")))).block());
        assertEquals(List.of(0L, 1L), counts.get());
    }

    @DatabaseTest
    void countAllFilteredAndLogged(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "user1"), Map.of("username", "user2"), Map.of("username", "foo")))
                .blockLast();
        t.clearStatements();
        assertEquals(3L, m.count().block());
        assertTrue(t.statements().get(0).toUpperCase(Locale.ROOT).contains("SELECT"));
        assertEquals(2L, m.count(Where.where("username", Op.LIKE, "%us%")).block());
    }

    @DatabaseTest
    void countGroupedReturnsOneRowPerGroup(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "user1", "data", "A"), Map.of("username", "user2", "data", "A"),
                Map.of("username", "user3", "data", "B"))).blockLast();
        Map<Object, Object> byData = new HashMap<>();
        m.countGrouped(q -> q.attributes("data").group("data"))
                .doOnNext(r -> byData.put(r.get("data"), ((Number) r.get("count")).longValue())).blockLast();
        assertEquals(Map.of("A", 2L, "B", 1L), byData);
    }

    /** Sequelize's count drops limit, offset and order before aggregating: the count is of every matching row. */
    @DatabaseTest
    void countIgnoresLimitOffsetAndOrder(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "user1"), Map.of("username", "user1"), Map.of("username", "x")))
                .blockLast();
        t.clearStatements();
        assertEquals(2L, m.count(q -> q.where("username", "user1").limit(1).offset(10)
                .order(Order.asc("username"))).block());
        String sql = t.statements().get(0).toUpperCase(Locale.ROOT);
        assertFalse(sql.contains("LIMIT") || sql.contains("OFFSET") || sql.contains("ORDER BY"), sql);
    }

    /**
     * Deviation: with an include, Resequel counts distinct roots whether or not {@code distinct()} is given (the
     * number of instances findAll returns); Sequelize counts joined rows unless {@code distinct: true}.
     */
    @DatabaseTest
    void countWithAnIncludeCountsRoots(TestDb t) {
        Model<Instance> posts = t.db().define("fma_Post", s -> { });
        Model<Instance> comments = t.db().define("fma_PostComment", s -> { });
        posts.hasMany(comments, o -> o.foreignKey("PostId"));
        t.db().sync().block();
        Object id = posts.create(Map.of()).block().get("id");
        comments.bulkCreate(List.of(Map.of("PostId", id), Map.of("PostId", id))).blockLast();
        String as = posts.associations().get(0).as();
        assertEquals(1L, posts.count(q -> q.include(Include.of(as).required(false))).block());
        assertEquals(1L, posts.count(q -> q.include(Include.of(as).required(false)).distinct()).block());
        assertEquals(2L, comments.count(q -> q.attributes("PostId")).block());
        assertEquals(1L, comments.count(q -> q.attributes("PostId").distinct()).block());
    }

    // ---- min / max ------------------------------------------------------------------------------------------

    @DatabaseTest
    void minAndMaxInATransaction(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s.attribute("age", DataTypes.INTEGER));
        t.db().sync().block();
        AtomicReference<List<Object>> inside = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> t.db().transaction(tx -> m.bulkCreate(List.of(
                Map.of("age", 2), Map.of("age", 5), Map.of("age", 3))).then(m.min("age", null))
                .zipWith(m.max("age", null)).doOnNext(v -> inside.set(List.of(v.getT1(), v.getT2())))
                .then(Mono.error(new IllegalStateException("roll back")))).block());
        assertEquals(List.of(2, 5), inside.get().stream().map(v -> ((Number) v).intValue()).toList());
        assertNull(m.min("age", null).block());
        assertNull(m.max("age", null).block());
    }

    @DatabaseTest
    void minAndMaxOfNumbersDecimalsStringsDatesAndKeywords(TestDb t) {
        Model<Instance> ages = t.db().define("fma_UserWithAge", s -> s.attribute("age", DataTypes.INTEGER)
                .attribute("order", DataTypes.INTEGER));
        Model<Instance> decs = t.db().define("fma_UserWithDec", s -> s.attribute("value", DataTypes.DECIMAL(10, 3)));
        Model<Instance> users = users(t);
        ages.bulkCreate(List.of(Map.of("age", 3, "order", 3), Map.of("age", 2, "order", 5))).blockLast();
        decs.bulkCreate(List.of(Map.of("value", 5.5), Map.of("value", 3.5))).blockLast();
        Instant d1 = OffsetDateTime.parse("2000-02-01T00:00:00Z").toInstant();
        Instant d2 = OffsetDateTime.parse("1990-02-01T00:00:00Z").toInstant();
        users.bulkCreate(List.of(Map.of("username", "bbb", "theDate", d1), Map.of("username", "yyy", "theDate", d2)))
                .blockLast();
        t.clearStatements();
        assertEquals(2, ((Number) ages.min("age", null).block()).intValue());
        assertEquals(3, ((Number) ages.max("age", null).block()).intValue());
        assertTrue(t.statements().get(0).toUpperCase(Locale.ROOT).contains("SELECT"));
        assertEquals(0, new BigDecimal("3.5").compareTo((BigDecimal) decs.min("value", null).block()));
        assertEquals(0, new BigDecimal("5.5").compareTo((BigDecimal) decs.max("value", null).block()));
        assertEquals("bbb", users.min("username", null).block());
        assertEquals("yyy", users.max("username", null).block());
        assertEquals(d2, instant(users.min("theDate", null).block()));
        assertEquals(d1, instant(users.max("theDate", null).block()));
        assertEquals(3, ((Number) ages.min("order", null).block()).intValue());
        assertEquals(5, ((Number) ages.max("order", null).block()).intValue());
    }

    private static Instant instant(Object v) {
        return v instanceof OffsetDateTime o ? o.toInstant() : (Instant) v;
    }

    // ---- sum ------------------------------------------------------------------------------------------------

    @DatabaseTest
    void sumSimpleKeywordDecimalWhereAndFields(TestDb t) {
        Model<Instance> ages = t.db().define("fma_UserWithAge", s -> s.attribute("age", DataTypes.INTEGER)
                .attribute("order", DataTypes.INTEGER).attribute("gender", DataTypes.ENUM("male", "female")));
        Model<Instance> decs = t.db().define("fma_UserWithDec", s -> s.attribute("value", DataTypes.DECIMAL(10, 3)));
        Model<Instance> fields = t.db().define("fma_UserWithFields", s -> s
                .attribute("age", DataTypes.INTEGER, a -> a.field("user_age"))
                .attribute("order", DataTypes.INTEGER)
                .attribute("gender", DataTypes.ENUM("male", "female"), a -> a.field("male_female")));
        t.db().sync().block();
        ages.bulkCreate(List.of(Map.of("age", 2, "order", 3, "gender", "male"),
                Map.of("age", 3, "order", 5, "gender", "female"))).blockLast();
        decs.bulkCreate(List.of(Map.of("value", 3.5), Map.of("value", 5.25))).blockLast();
        fields.bulkCreate(List.of(Map.of("age", 2, "gender", "male"), Map.of("age", 3, "gender", "female")))
                .blockLast();
        t.clearStatements();
        assertEquals(5.0, number(ages.sum("age", null).block()));
        assertTrue(t.statements().get(0).toUpperCase(Locale.ROOT).contains("SELECT"));
        assertEquals(8.0, number(ages.sum("order", null).block()));
        assertEquals(8.75, number(decs.sum("value", null).block()));
        assertEquals(2.0, number(ages.sum("age", Where.eq("gender", "male")).block()));
        assertEquals(2.0, number(fields.sum("age", Where.eq("gender", "male")).block()));
    }

    /** test/integration/model/sum.test.js: no rows → null (empty), a zero sum → 0. */
    @DatabaseTest
    void sumOfNoRowsIsEmptyAndOfZeroIsZero(TestDb t) {
        Model<Instance> pay = t.db().define("fma_Payment", s -> s.attribute("amount", DataTypes.DECIMAL)
                .attribute("mood", DataTypes.ENUM("happy", "sad", "neutral")));
        t.db().sync().block();
        pay.bulkCreate(List.of(Map.of("amount", 5, "mood", "neutral"), Map.of("amount", -5, "mood", "neutral"),
                Map.of("amount", 10, "mood", "happy"), Map.of("amount", 90, "mood", "happy"))).blockLast();
        assertNull(pay.sum("amount", Where.eq("mood", "sad")).block());
        assertEquals(0.0, number(pay.sum("amount", Where.eq("mood", "neutral")).block()));
        assertEquals(100.0, number(pay.sum("amount", Where.eq("mood", "happy")).block()));
    }

    /** test/integration/model/notExist.test.js: aggregates of groups that exist, and empty for one that does not. */
    @DatabaseTest
    void aggregatesOfExistingAndMissingGroups(TestDb t) {
        Model<Instance> orders = t.db().define("fma_Order", s -> s
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("sequence", DataTypes.INTEGER).attribute("amount", DataTypes.DECIMAL)
                .attribute("type", DataTypes.STRING));
        t.db().sync().block();
        int[][] rows = {{1, 3}, {2, 4}, {3, 5}, {4, 1}};
        for (int[] r : rows) {
            orders.create(Map.of("sequence", r[0], "amount", r[1], "type", "A")).block();
        }
        orders.bulkCreate(List.of(Map.of("sequence", 1, "amount", 2, "type", "B"),
                Map.of("sequence", 2, "amount", 6, "type", "B"), Map.of("sequence", 0, "amount", 0, "type", "C")))
                .blockLast();
        Map<String, double[]> expected = Map.of("A", new double[] {10, 4, 1, 13, 5, 1},
                "B", new double[] {3, 2, 1, 8, 6, 2}, "C", new double[] {0, 0, 0, 0, 0, 0});
        expected.forEach((type, e) -> {
            Where w = Where.eq("type", type);
            assertArrayEquals(e, new double[] {number(orders.sum("sequence", w).block()),
                    number(orders.max("sequence", w).block()), number(orders.min("sequence", w).block()),
                    number(orders.sum("amount", w).block()), number(orders.max("amount", w).block()),
                    number(orders.min("amount", w).block())}, type);
        });
        Where d = Where.eq("type", "D");
        assertNull(orders.sum("sequence", d).block());
        assertNull(orders.max("sequence", d).block());
        assertNull(orders.min("sequence", d).block());
        assertNull(orders.sum("amount", d).block());
        assertNull(orders.max("amount", d).block());
        assertNull(orders.min("amount", d).block());
    }

    // ---- blob -----------------------------------------------------------------------------------------------

    @DatabaseTest
    void blobsTakeAndReturnBytes(TestDb t) {
        Model<Instance> m = t.db().define("fma_blobUser", s -> s.attribute("data", DataTypes.BLOB));
        t.db().sync().block();
        byte[] bytes = "Sequelize".getBytes(StandardCharsets.UTF_8);
        Instance u = m.create(Map.of("data", bytes)).block();
        Object read = m.findByPk(u.get("id")).block().get("data");
        assertInstanceOf(byte[].class, read);
        assertArrayEquals(bytes, (byte[]) read);
        Instance empty = m.create(Map.of()).block();
        assertNull(m.findByPk(empty.get("id")).block().get("data"));
    }

    @DatabaseTest
    void aStringForABlobIsStoredAsItsBytes(TestDb t) {
        Model<Instance> m = t.db().define("fma_blobUser", s -> s.attribute("data", DataTypes.BLOB));
        t.db().sync().block();
        Instance u = m.create(Map.of("data", "Sequelize")).block();
        Object read = m.findByPk(u.get("id")).block().get("data");
        assertInstanceOf(byte[].class, read);
        assertEquals("Sequelize", new String((byte[]) read, StandardCharsets.UTF_8));
    }

    // ---- Unique ---------------------------------------------------------------------------------------------

    @DatabaseTest
    void uniqueTrueFalseAndUnset(TestDb t) {
        for (Boolean unique : new Boolean[] {true, false, null}) {
            t.db().define("fma_unique", s -> s.attribute("str", DataTypes.STRING, a -> {
                if (unique != null) {
                    a.unique(unique);
                }
            }));
            t.clearStatements();
            t.db().sync(io.resequel.query.SyncOptions.force()).block();
            String create = t.statements().stream().filter(s -> s.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE"))
                    .findFirst().get();
            assertEquals(Boolean.TRUE.equals(unique), create.toUpperCase(Locale.ROOT).matches("(?s).*\\bUNIQUE\\b.*"),
                    create);
        }
    }

    @DatabaseTest
    void aKeyNamedUuidAsForeignKey(TestDb t) {
        Model<Instance> projects = t.db().define("fma_project", s -> s.attribute("UserId", DataTypes.STRING,
                a -> a.references("fma_Users", "UUID")));
        Model<Instance> users = t.db().define("fma_Users", s -> s.attribute("UUID", DataTypes.STRING,
                a -> a.primaryKey(true).unique(true).allowNull(false)
                        .validate(io.resequel.validation.V.notEmpty()))
                .options(o -> o.freezeTableName(true)));
        t.db().sync(io.resequel.query.SyncOptions.force()).block();
        users.create(Map.of("UUID", "u-1")).block();
        projects.create(Map.of("UserId", "u-1")).block();
        assertThrows(io.resequel.error.ForeignKeyConstraintException.class,
                () -> projects.create(Map.of("UserId", "nobody")).block());
    }

    // ---- bulkCreate -----------------------------------------------------------------------------------------

    @DatabaseTest
    void bulkCreateWithValidateAndIndividualHooksReportsEveryRecord(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING,
                a -> a.allowNull(false).validate(io.resequel.validation.V.notEmpty())));
        t.db().sync().block();
        List<Map<String, Object>> data = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("username", null);
            data.add(r);
        }
        io.resequel.error.BulkValidationException e = assertThrows(io.resequel.error.BulkValidationException.class,
                () -> m.bulkCreate(data, BulkCreateOptions.builder().validate().individualHooks().build())
                        .blockLast());
        assertEquals(3, e.failures().size());
        assertEquals(0L, m.count().block());
    }

    @DatabaseTest
    void readingARenamedFieldSkipsTheSetter(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING, a -> a
                .allowNull(false).field("data")
                .get(i -> {
                    String v = (String) i.getDataValue("username");
                    return v.substring(0, v.length() - 1);
                })
                .set((i, v) -> {
                    if (((String) v).contains("!")) {
                        throw new IllegalArgumentException("val should not include a \"!\"");
                    }
                    i.setDataValue("username", v + "!");
                })));
        t.db().sync().block();
        m.bulkCreate(List.of(Map.of("username", "jon"))).blockLast();
        assertEquals("jon", m.findAll().blockFirst().get("username"));
        assertEquals("jon!", t.raw("SELECT " + t.q("data") + " AS d FROM " + t.q("fma_Users")).blockFirst().get("d"));
    }
}
