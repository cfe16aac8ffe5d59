package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ResequelException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Order;
import io.resequel.query.SaveOptions;
import io.resequel.query.UpdateResult;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/** Port of Sequelize v6's test/integration/model.test.js sections "save" and "update". */
class SequelizeModelUpdateTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING).attribute("data", DataTypes.STRING)
                .attribute("intVal", DataTypes.INTEGER).attribute("theDate", DataTypes.DATE)
                .attribute("aBool", DataTypes.BOOLEAN));
        t.db().sync().block();
        return m;
    }

    private static List<Map<String, Object>> three() {
        return List.of(Map.of("username", "Peter", "secretValue", "42"), Map.of("username", "Paul", "secretValue", "42"),
                Map.of("username", "Bob", "secretValue", "43"));
    }

    private static List<Object> names(Model<Instance> m) {
        return m.findAll(q -> q.order(Order.asc("id"))).map(i -> i.get("username")).collectList().block();
    }

    /** #10589: attributes named like other attributes' columns. */
    private static Model<Instance> crossed(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s
                .attribute("id3", DataTypes.INTEGER, a -> a.field("id").primaryKey(true))
                .attribute("id", DataTypes.INTEGER, a -> a.field("id2").allowNull(false))
                .attribute("id2", DataTypes.INTEGER, a -> a.field("id3").allowNull(false)));
        t.db().sync().block();
        m.create(Map.of("id3", 94, "id", 87, "id2", 943)).block();
        return m;
    }

    @DatabaseTest
    void saveAndUpdateMapAttributesToTheirColumns(TestDb t) {
        Model<Instance> m = crossed(t);
        Instance user = m.findByPk(94).block();
        user.set("id2", 8877);
        user.save().block();
        assertEquals(8877, m.findByPk(94).block().get("id2"));
        m.findByPk(94).block().update(Map.of("id2", 9988)).block();
        Instance back = m.findByPk(94).block();
        assertEquals(9988, back.get("id2"));
        assertEquals(87, back.get("id"));
    }

    @DatabaseTest
    void bulkUpdateWithoutWhereIsRefusedBeforeSql(TestDb t) {
        Model<Instance> m = users(t);
        m.create(Map.of("username", "a")).block();
        t.clearStatements();
        ResequelException e = assertThrows(ResequelException.class,
                () -> m.update(Map.of("username", "b"), o -> { }).block());
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("where"), e.getMessage());
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        assertEquals(List.of("a"), names(m));
    }

    @DatabaseTest
    void bulkUpdateInATransaction(TestDb t) {
        Model<Instance> m = users(t);
        m.create(Map.of("username", "foo")).block();
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> t.db().transaction(tx -> m.update(Map.of("username", "bar"),
                Where.eq("username", "foo"))
                .then(m.findOne(q -> q.outsideTransaction())).zipWith(m.findOne(q -> { }))
                .doOnNext(p -> seen.set(List.of(p.getT1().get("username"), p.getT2().get("username"))))
                .then(Mono.error(new IllegalStateException("roll back")))).block());
        assertEquals(List.of("foo", "bar"), seen.get());
        assertEquals(List.of("foo"), names(m));
    }

    @DatabaseTest
    void instanceUpdateWithFieldsWritesOnlyThemAndUpdatedAt(TestDb t) {
        Model<Instance> m = t.db().define("fma_User1", s -> s.attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING).options(o -> o.paranoid(true)));
        t.db().sync().block();
        Instance user = m.create(Map.of("username", "Peter", "secretValue", "42")).block();
        t.clearStatements();
        user.update(Map.of("secretValue", "43", "username", "ignored"), SaveOptions.fields("secretValue")).block();
        String sql = t.statements().stream().filter(s -> s.toUpperCase(Locale.ROOT).startsWith("UPDATE")).findFirst()
                .get();
        String q = t.is("mysql") ? "`" : "\"";
        assertTrue(sql.matches("UPDATE\\s+" + q + "fma_User1s" + q + "\\s+SET\\s+" + q + "secretValue" + q
                + "\\s*=\\s*(\\$1|\\?),\\s*" + q + "updatedAt" + q + "\\s*=\\s*(\\$2|\\?)\\s+WHERE.*"), sql);
        Instance back = m.findByPk(user.get("id")).block();
        assertEquals("43", back.get("secretValue"));
        assertEquals("Peter", back.get("username"));
    }

    @DatabaseTest
    void updatesMatchingRowsCountsThemAndBumpsUpdatedAt(TestDb t) throws InterruptedException {
        Model<Instance> m = users(t);
        m.bulkCreate(three()).blockLast();
        List<Instance> before = m.findAll(q -> q.order(Order.asc("id"))).collectList().block();
        assertEquals(before.get(0).get("updatedAt"), before.get(2).get("updatedAt"), "one bulkCreate, one time");
        Thread.sleep(1100);
        t.clearStatements();
        assertEquals(2L, m.update(Map.of("username", "Bill"), Where.eq("secretValue", "42")).block());
        assertTrue(t.statements().get(0).toUpperCase(Locale.ROOT).startsWith("UPDATE"));
        assertEquals(0L, m.update(Map.of("username", "Bill"), Where.eq("secretValue", "44")).block());
        List<Instance> after = m.findAll(q -> q.order(Order.asc("id"))).collectList().block();
        assertEquals(List.of("Bill", "Bill", "Bob"), after.stream().map(i -> i.get("username")).toList());
        assertNotEquals(before.get(0).get("updatedAt"), after.get(0).get("updatedAt"));
        assertEquals(before.get(2).get("updatedAt"), after.get(2).get("updatedAt"));
    }

    @DatabaseTest
    void updatesWithCastAndFunctionOfAColumn(TestDb t) {
        Model<Instance> m = users(t);
        m.create(Map.of("username", "John")).block();
        m.update(Map.of("username", Expr.cast("1", "CHAR")), Where.eq("username", "John")).block();
        assertEquals("1", m.findOne(q -> { }).block().get("username"));
        m.update(Map.of("username", "John"), Where.and()).block();
        m.update(Map.of("username", Expr.fn("UPPER", Expr.col("username"))), Where.eq("username", "John")).block();
        assertEquals("JOHN", m.findOne(q -> { }).block().get("username"));
    }

    @DatabaseTest
    void virtualsAreNotStoredButTheirSettersRun(TestDb t) {
        Model<Instance> m = t.db().define("fma_UserWithVirtualSetters", s -> s.attribute("username", DataTypes.STRING)
                .attribute("illness_name", DataTypes.STRING).attribute("illness_pain", DataTypes.INTEGER)
                .virtual("virtual", a -> { })
                .virtual("illness", a -> a.set((i, v) -> {
                    Map<?, ?> value = (Map<?, ?>) v;
                    i.set("illness_name", value.get("name"));
                    i.set("illness_pain", value.get("pain"));
                })));
        t.db().sync().block();
        m.create(Map.of("username", "jan", "illness_name", "Headache", "illness_pain", 5)).block();
        m.update(Map.of("username", "kurt", "virtual", "test"), Where.eq("username", "jan")).block();
        Instance user = m.findOne(q -> { }).block();
        assertEquals("kurt", user.get("username"));
        assertNull(user.get("virtual"));
        m.update(Map.of("illness", Map.of("pain", 10, "name", "Backache")), Where.eq("username", "kurt")).block();
        assertEquals(10, m.findOne(q -> { }).block().get("illness_pain"));
        assertEquals("Backache", m.findOne(q -> { }).block().get("illness_name"));
    }

    @DatabaseTest
    void individualHooksSeeAndWriteTheirChanges(TestDb t) {
        Model<Instance> m = users(t);
        m.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> e.instance().set("intVal", 1)));
        Instance user = m.create(Map.of("username", "Peter")).block();
        UpdateResult<Instance> r = m.update(Map.of("data", "test"), o -> o.where(Where.eq("id", user.get("id")))
                .individualHooks()).block();
        assertEquals(1L, r.count());
        Instance back = m.findByPk(user.get("id")).block();
        assertEquals(1, back.get("intVal"));
        assertEquals("test", back.get("data"));
    }

    private static Model<Instance> paranoidUsers(TestDb t) {
        Model<Instance> m = t.db().define("fma_ParanoidUser", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.paranoid(true)));
        t.db().sync().block();
        m.create(Map.of("username", "foo")).block();
        m.destroy(Where.and()).block();
        return m;
    }

    @DatabaseTest
    void softDeletedRowsAreUpdatedOnlyWithParanoidFalse(TestDb t) {
        Model<Instance> m = paranoidUsers(t);
        assertEquals(0L, m.update(Map.of("username", "bar"), Where.eq("username", "foo")).block());
        assertEquals(1L, m.update(Map.of("username", "bar"), o -> o.where(Where.eq("username", "foo")).paranoid(false))
                .block().count());
        assertEquals("bar", m.findOne(q -> q.paranoid(false)).block().get("username"));
    }

    @DatabaseTest
    void individualHooksRunForSoftDeletedRowsWithParanoidFalse(TestDb t) {
        Model<Instance> m = paranoidUsers(t);
        List<Object> hooked = new java.util.concurrent.CopyOnWriteArrayList<>();
        m.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> hooked.add(e.instance().get("username"))));
        m.update(Map.of("username", "bar"), o -> o.where(Where.eq("username", "foo")).paranoid(false)
                .individualHooks()).block();
        assertEquals(List.of("bar"), hooked);
    }

    @DatabaseTest
    void returningGivesTheUpdatedRowsWhereTheDatabaseCan(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(three()).blockLast();
        if (!t.is("postgres")) {
            assertThrows(UnsupportedOperatorException.class, () -> m.update(Map.of("username", "Bill"),
                    o -> o.where(Where.eq("secretValue", "42")).returning()).block());
            return;
        }
        UpdateResult<Instance> r = m.update(Map.of("username", "Bill"), o -> o.where(Where.eq("secretValue", "42"))
                .returning()).block();
        assertEquals(2L, r.count());
        assertEquals(List.of("Bill", "Bill"), r.rows().stream().map(i -> i.get("username")).toList());
    }

    @DatabaseTest
    void limitUpdatesTheFirstRows(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "Peter", "secretValue", "42"),
                Map.of("username", "Peter", "secretValue", "42"))).blockLast();
        assertEquals(1L, m.update(Map.of("secretValue", "43"), o -> o.where(Where.eq("username", "Peter")).limit(1))
                .block().count());
        assertEquals(List.of("43", "42"), m.findAll(q -> q.order(Order.asc("id"))).map(i -> i.get("secretValue"))
                .collectList().block());
    }
}
