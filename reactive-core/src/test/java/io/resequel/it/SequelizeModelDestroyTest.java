package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.OptimisticLockException;
import io.resequel.error.ResequelException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Port of Sequelize v6's test/integration/model.test.js sections "destroy", "restore", "equals", "equalsOneOf" and
 * "paranoid is true and where is an array", and of test/integration/model/paranoid.test.js and
 * optimistic_locking.test.js.
 */
class SequelizeModelDestroyTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING).attribute("data", DataTypes.STRING)
                .attribute("intVal", DataTypes.INTEGER).attribute("theDate", DataTypes.DATE)
                .attribute("aBool", DataTypes.BOOLEAN));
        t.db().sync().block();
        return m;
    }

    private static Model<Instance> named(TestDb t, String name, boolean paranoid) {
        Model<Instance> m = t.db().define(name, s -> s.attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING).options(o -> o.paranoid(paranoid)));
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

    private static long rawCount(TestDb t, String table) {
        return DefineOptionsTest.count(t, table);
    }

    // ---- destroy --------------------------------------------------------------------------------------------

    @DatabaseTest
    void truncateMethodOptionAndItsCount(TestDb t) {
        Model<Instance> m = named(t, "fma_User", false);
        m.bulkCreate(List.of(Map.of("username", "user1"), Map.of("username", "user2"))).blockLast();
        m.truncate().block();
        assertEquals(0, rawCount(t, "fma_Users"));
        m.bulkCreate(List.of(Map.of("username", "user1"), Map.of("username", "user2"))).blockLast();
        Long affected = m.destroy(o -> o.truncate()).block();
        assertNotNull(affected, "a number, as Sequelize returns");
        assertEquals(0, rawCount(t, "fma_Users"));
    }

    @DatabaseTest
    void destroyWithoutWhereIsRefusedAndEmptyAndDeletesAll(TestDb t) {
        Model<Instance> m = named(t, "fma_User", false);
        m.bulkCreate(List.of(Map.of("username", "user1"), Map.of("username", "user2"))).blockLast();
        t.clearStatements();
        ResequelException e = assertThrows(ResequelException.class, () -> m.destroy(o -> { }).block());
        assertTrue(e.getMessage().contains("missing where or truncate"), e.getMessage());
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        assertEquals(2L, m.destroy(Where.and()).block());
        assertEquals(0, rawCount(t, "fma_Users"));
    }

    /** Sequelize refuses a where key whose value is {@code undefined}; Java has no undefined, and null means IS NULL. */
    @DatabaseTest
    void nullInAWhereMeansIsNull(TestDb t) {
        Model<Instance> m = named(t, "fma_User", false);
        m.bulkCreate(List.of(Map.of("username", "a"), Map.of("secretValue", "x"))).blockLast();
        assertEquals(1L, m.destroy(Where.eq("username", null)).block());
        assertEquals(List.of("a"), names(m));
    }

    @DatabaseTest
    void destroyInATransaction(TestDb t) {
        Model<Instance> m = named(t, "fma_User", false);
        m.create(Map.of("username", "foo")).block();
        AtomicReference<List<Long>> counts = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> t.db().transaction(tx -> m.destroy(Where.and())
                .then(m.count(q -> q.outsideTransaction())).zipWith(m.count())
                .doOnNext(c -> counts.set(List.of(c.getT1(), c.getT2())))
                .then(Mono.error(new IllegalStateException("roll back")))).block());
        assertEquals(List.of(1L, 0L), counts.get());
        assertEquals(1L, m.count().block());
    }

    @DatabaseTest
    void destroyMatchingAndAffectedRows(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(three()).blockLast();
        assertEquals(2L, m.destroy(Where.eq("secretValue", "42")).block());
        assertEquals(0L, m.destroy(Where.eq("secretValue", "44")).block());
        assertEquals(List.of("Bob"), names(m));
    }

    @DatabaseTest
    void destroyWithoutAPrimaryKey(TestDb t) {
        Model<Instance> log = t.db().define("fma_Log", s -> s.attribute("client_id", DataTypes.INTEGER)
                .attribute("content", DataTypes.TEXT).attribute("timestamp", DataTypes.DATE).removeAttribute("id"));
        t.db().sync().block();
        log.create(Map.of("client_id", 13, "content", "Error!", "timestamp", Instant.now())).block();
        assertEquals(1L, log.destroy(Where.eq("client_id", 13)).block());
        assertEquals(0L, log.count().block());
    }

    @DatabaseTest
    void destroyByAnAttributeWithAField(TestDb t) {
        Model<Instance> m = t.db().define("fma_UserProject", s -> s.attribute("userId", DataTypes.INTEGER,
                a -> a.field("user_id")));
        t.db().sync().block();
        m.create(Map.of("userId", 10)).block();
        assertEquals(1L, m.destroy(Where.eq("userId", 10)).block());
        assertEquals(0, rawCount(t, "fma_UserProjects"));
    }

    @DatabaseTest
    void paranoidDestroySetsDeletedAtToNow(TestDb t) {
        Model<Instance> m = named(t, "fma_ParanoidUser", true);
        m.bulkCreate(three()).blockLast();
        Instant before = Instant.now().minusSeconds(5);
        m.destroy(Where.eq("secretValue", "42")).block();
        Instant after = Instant.now().plusSeconds(5);
        assertEquals(List.of("Bob"), names(m));
        List<Map<String, Object>> deleted = t.raw("SELECT " + t.q("username") + " AS u, " + t.q("deletedAt")
                + " AS d FROM " + t.q("fma_ParanoidUsers") + " WHERE " + t.q("deletedAt") + " IS NOT NULL ORDER BY "
                + t.q("id")).collectList().block();
        assertEquals(List.of("Peter", "Paul"), deleted.stream().map(r -> r.get("u")).toList());
        for (Map<String, Object> r : deleted) {
            Instant at = r.get("d") instanceof OffsetDateTime o ? o.toInstant()
                    : r.get("d") instanceof java.time.LocalDateTime l ? l.toInstant(java.time.ZoneOffset.UTC)
                    : (Instant) r.get("d");
            assertTrue(at.isAfter(before) && at.isBefore(after), at + " not around now");
        }
    }

    @DatabaseTest
    void bulkDestroyKeepsAnEarlierDeletedAt(TestDb t) throws InterruptedException {
        Model<Instance> m = named(t, "fma_UserCol", true);
        m.bulkCreate(List.of(Map.of("username", "Toni", "secretValue", "42"),
                Map.of("username", "Tobi", "secretValue", "42"), Map.of("username", "Max", "secretValue", "42")))
                .blockLast();
        Instance user = m.findByPk(1).block();
        user.destroy().block();
        user.reload(q -> q.paranoid(false)).block();
        Object deletedAt = user.get("deletedAt");
        assertNotNull(deletedAt);
        Thread.sleep(1100);
        assertEquals(2L, m.destroy(Where.eq("secretValue", "42")).block());
        user.reload(q -> q.paranoid(false)).block();
        assertEquals(deletedAt, user.get("deletedAt"));
    }

    @DatabaseTest
    void paranoidRowsHiddenUnlessParanoidFalse(TestDb t) {
        Model<Instance> m = named(t, "fma_UserCol", true);
        m.bulkCreate(List.of(Map.of("username", "Toni"), Map.of("username", "Tobi"), Map.of("username", "Max")))
                .blockLast();
        m.findByPk(1).block().destroy().block();
        assertNull(m.findByPk(1).block());
        assertEquals(2L, m.count().block());
        assertEquals(2, m.findAll().collectList().block().size());
        assertNotNull(m.findOne(q -> q.where("id", 1).paranoid(false)).block());
        assertEquals(3L, m.count(q -> q.paranoid(false)).block());
    }

    @DatabaseTest
    void includeWithParanoidFalseShowsDeletedChildren(TestDb t) {
        Model<Instance> users = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.paranoid(true)));
        Model<Instance> pets = t.db().define("fma_Pet", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.paranoid(true)));
        users.hasMany(pets, o -> o.as("Pets").foreignKey("UserId"));
        pets.belongsTo(users, o -> o.foreignKey("UserId"));
        t.db().sync().block();
        Object userId = users.create(Map.of("username", "Joe")).block().get("id");
        pets.bulkCreate(List.of(Map.of("name", "Fido", "UserId", userId), Map.of("name", "Fifi", "UserId", userId)))
                .blockLast();
        pets.findByPk(1).block().destroy().block();
        Instance user = users.findOne(q -> q.where("id", userId).include("Pets")).block();
        assertEquals(1, user.getMany("Pets", Instance.class).size());
        Instance all = users.findOne(q -> q.where("id", userId).include(Include.of("Pets").paranoid(false))).block();
        assertEquals(2, all.getMany("Pets", Instance.class).size());
    }

    @DatabaseTest
    void forceDestroysParanoidRows(TestDb t) {
        Model<Instance> m = named(t, "fma_paranoiduser", true);
        m.bulkCreate(List.of(Map.of("username", "Bob"), Map.of("username", "Tobi"), Map.of("username", "Max"),
                Map.of("username", "Tony"))).blockLast();
        m.findOne(q -> q.where("username", "Bob")).block().destroy(true).block();
        assertNull(m.findOne(q -> q.where("username", "Bob")).block());
        m.findOne(q -> q.where("username", "Tobi")).block().destroy().block();
        String table = t.q("fma_paranoidusers");
        assertEquals("Tobi", t.raw("SELECT " + t.q("username") + " AS u FROM " + table + " WHERE " + t.q("username")
                + " = 'Tobi'").blockFirst().get("u"));
        m.destroy(Where.eq("username", "Tony")).block();
        assertEquals("Tony", t.raw("SELECT " + t.q("username") + " AS u FROM " + table + " WHERE " + t.q("username")
                + " = 'Tony'").blockFirst().get("u"));
        m.destroy(o -> o.where(Where.in("username", List.of("Tony", "Max"))).force()).block();
        List<Object> left = t.raw("SELECT " + t.q("username") + " AS u FROM " + table).map(r -> r.get("u"))
                .collectList().block();
        assertEquals(List.of("Tobi"), left);
    }

    @DatabaseTest
    void paranoidDestroyWithOnlyAnOr(TestDb t) {
        Model<Instance> m = named(t, "fma_User", true);
        m.bulkCreate(List.of(Map.of("username", "foo"), Map.of("username", "bar"))).blockLast();
        m.destroy(Where.or(Where.eq("username", "bar"), Where.eq("username", "baz"))).block();
        assertEquals(List.of("foo"), names(m));
    }

    // ---- restore --------------------------------------------------------------------------------------------

    @DatabaseTest
    void restoreOfANonParanoidModelFails(TestDb t) {
        Model<Instance> m = users(t);
        ResequelException e = assertThrows(ResequelException.class,
                () -> m.restore(Where.eq("secretValue", "42")).block());
        assertTrue(e.getMessage().contains("is not paranoid"), e.getMessage());
    }

    @DatabaseTest
    void restoreBringsBackDeletedRows(TestDb t) {
        Model<Instance> m = named(t, "fma_ParanoidUser", true);
        m.bulkCreate(List.of(Map.of("username", "Peter", "secretValue", "42"),
                Map.of("username", "Paul", "secretValue", "43"))).blockLast();
        m.destroy(Where.eq("secretValue", "42")).block();
        assertNull(m.findOne(q -> q.where("secretValue", "42")).block());
        assertEquals(1L, m.restore(Where.eq("secretValue", "42")).block());
        assertEquals("Peter", m.findOne(q -> q.where("secretValue", "42")).block().get("username"));
    }

    // ---- equals ---------------------------------------------------------------------------------------------

    @DatabaseTest
    void equalsBySingleAndCompositeKeys(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = users.create(Map.of("username", "hallo", "data", "welt")).block();
        assertTrue(user.equals(user));
        assertTrue(user.equals(users.findByPk(user.get("id")).block()));
        Model<Instance> keys = t.db().define("fma_userKeys", s -> s
                .attribute("foo", DataTypes.STRING, a -> a.primaryKey(true))
                .attribute("bar", DataTypes.STRING, a -> a.primaryKey(true))
                .attribute("name", DataTypes.STRING).attribute("bio", DataTypes.TEXT));
        t.db().sync().block();
        Instance u = keys.create(Map.of("foo", "1", "bar", "2", "name", "hallo", "bio", "welt")).block();
        Instance other = keys.create(Map.of("foo", "1", "bar", "3", "name", "hallo", "bio", "welt")).block();
        assertTrue(u.equals(u));
        assertFalse(u.equals(other));
        // equalsOneOf: List.contains uses equals
        assertTrue(List.of(other, u).contains(keys.findOne(q -> q.where("bar", "2")).block()));
        assertFalse(List.of(other, user).contains(u));
    }

    // ---- paranoid is true and where is an array ---------------------------------------------------------------

    private record StarWars(Model<Instance> users, Model<Instance> projects) {
    }

    private static StarWars starWars(TestDb t) {
        Model<Instance> users = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.paranoid(true)));
        Model<Instance> projects = t.db().define("fma_Project", s -> s.attribute("title", DataTypes.STRING)
                .options(o -> o.paranoid(true)));
        var userProjects = users.belongsToMany(projects, o -> o.through("fma_project_user").as("Projects"));
        projects.belongsToMany(users, o -> o.through("fma_project_user"));
        t.db().sync().block();
        List<Instance> u = users.bulkCreate(List.of(Map.of("username", "leia"), Map.of("username", "luke"),
                Map.of("username", "vader"))).collectList().block();
        List<Instance> p = projects.bulkCreate(List.of(Map.of("title", "republic"), Map.of("title", "empire")))
                .collectList().block();
        userProjects.set(u.get(0), List.of(p.get(0))).block();
        userProjects.set(u.get(1), List.of(p.get(0))).block();
        userProjects.set(u.get(2), List.of(p.get(1))).block();
        u.get(0).destroy().block();
        return new StarWars(users, projects);
    }

    @DatabaseTest
    void paranoidWithAndOfOrs(TestDb t) {
        StarWars m = starWars(t);
        List<Instance> res = m.users().findAll(q -> q.where(Where.and(
                Where.or(Where.eq("username", "vader"), Where.eq("username", "luke")),
                Where.in("id", List.of(1, 2, 3))))).collectList().block();
        assertEquals(2, res.size());
    }

    @DatabaseTest
    void paranoidWithLiteralWhereOnAnInclude(TestDb t) {
        StarWars m = starWars(t);
        String col = t.q("Projects") + "." + t.q("title");
        List<Instance> res = m.users().findAll(q -> q.where(Where.where(Expr.literal(col), Op.EQ, "republic"))
                .include("Projects")).collectList().block();
        assertEquals(List.of("luke"), res.stream().map(i -> i.get("username")).toList());
    }

    @DatabaseTest
    void paranoidFalseKeepsAGivenDeletedAtCondition(TestDb t) {
        StarWars m = starWars(t);
        String col = t.q("fma_User") + "." + t.q("deletedAt");
        List<Instance> leia = m.users().findAll(q -> q.paranoid(false)
                .where(Where.where(Expr.literal(col), Op.NE, null)).include("Projects")).collectList().block();
        assertEquals(List.of("leia"), leia.stream().map(i -> i.get("username")).toList());
        List<Instance> res = m.users().findAll(q -> q.paranoid(false).where(Where.and(
                Where.or(Where.eq("username", "leia"), Where.eq("username", "luke")),
                Where.and(Where.in("id", List.of(1, 2, 3)),
                        Where.or(Where.eq("deletedAt", null), Where.where("deletedAt", Op.GT, Instant.EPOCH))))))
                .collectList().block();
        assertEquals(2, res.size());
    }

    // ---- test/integration/model/paranoid.test.js --------------------------------------------------------------

    @DatabaseTest
    void softDeleteWithAndWithoutTimestamps(TestDb t) {
        for (boolean timestamps : new boolean[] {true, false}) {
            Model<Instance> account = t.db().define("fma_Account", s -> {
                s.attribute("ownerId", DataTypes.INTEGER, a -> a.allowNull(false).field("owner_id"))
                        .attribute("name", DataTypes.STRING);
                if (!timestamps) {
                    s.attribute("deletedAt", DataTypes.DATE, a -> a.field("deleted_at"))
                            .options(o -> o.createdAt(false).updatedAt(false));
                }
                s.options(o -> o.paranoid(true).deletedAt("deletedAt"));
            });
            t.db().sync(io.resequel.query.SyncOptions.force()).block();
            account.create(Map.of("ownerId", 12)).block();
            assertEquals(1L, account.count().block());
            assertEquals(1L, account.destroy(Where.eq("ownerId", 12)).block());
            assertEquals(0L, account.count().block());
            assertEquals(1L, account.count(q -> q.paranoid(false)).block());
            account.restore(Where.eq("ownerId", 12)).block();
            assertEquals(1L, account.count().block());
        }
    }

    @DatabaseTest
    void softDeleteWithAJsonCondition(TestDb t) {
        Model<Instance> m = t.db().define("fma_Model", s -> s.attribute("name", DataTypes.STRING)
                .attribute("data", DataTypes.JSON)
                .attribute("deletedAt", DataTypes.DATE, a -> a.field("deleted_at"))
                .options(o -> o.paranoid(true).deletedAt("deletedAt")));
        t.db().sync().block();
        m.bulkCreate(List.of(Map.of("name", "One", "data", Map.of("field", Map.of("deep", true))),
                Map.of("name", "Two", "data", Map.of("field", Map.of("deep", false))))).blockLast();
        if (t.is("h2")) {
            // H2 has no JSON path operator: a typed refusal, nothing deleted
            assertThrows(UnsupportedOperatorException.class,
                    () -> m.destroy(Where.eq("data.field.deep", true)).block());
            assertEquals(2L, m.count().block());
            return;
        }
        assertEquals(1L, m.destroy(Where.eq("data.field.deep", true)).block());
        assertEquals(List.of("Two"), m.findAll().map(i -> i.get("name")).collectList().block());
    }

    // ---- test/integration/model/optimistic_locking.test.js ----------------------------------------------------

    private static Model<Instance> accounts(TestDb t) {
        Model<Instance> m = t.db().define("fma_Account", s -> s.attribute("number", DataTypes.INTEGER)
                .options(o -> o.version(true)));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void versionIncrementsOnSaveAndUpdate(TestDb t) {
        Model<Instance> m = accounts(t);
        Instance account = m.create(Map.of("number", 1)).block();
        assertEquals(0, account.get("version"));
        account.set("number", 2);
        account = account.save().block();
        assertEquals(1, account.get("version"));
        account = account.update(Map.of("number", 3)).block();
        assertEquals(2, account.get("version"));
        account.set("number", 4);
        account = account.save().block();
        assertEquals(4, account.get("number"));
        assertEquals(3, account.get("version"));
        assertEquals(3, ((Number) t.raw("SELECT " + t.q("version") + " AS v FROM " + t.q("fma_Accounts")).blockFirst()
                .get("v")).intValue());
    }

    @DatabaseTest
    void staleInstanceIsNotSaved(TestDb t) {
        Model<Instance> m = accounts(t);
        Instance a = m.create(Map.of("number", 1)).block();
        Instance b = m.findByPk(a.get("id")).block();
        a.set("number", 2);
        a.save().block();
        b.set("number", 3);
        assertThrows(OptimisticLockException.class, () -> b.save().block());
        assertEquals(2, m.findByPk(a.get("id")).block().get("number"));
    }

    @DatabaseTest
    void incrementAndDecrementBumpTheVersion(TestDb t) {
        Model<Instance> m = accounts(t);
        Instance a = m.create(Map.of("number", 1)).block();
        a.increment("number", 1).block();
        assertEquals(1, a.reload().block().get("version"));
        a.decrement("number", 1).block();
        Instance reloaded = a.reload().block();
        assertEquals(2, reloaded.get("version"));
        assertEquals(1, reloaded.get("number"));
    }
}
