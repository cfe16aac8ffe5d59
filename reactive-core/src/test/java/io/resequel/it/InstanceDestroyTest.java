package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Port of Sequelize v6.37.8 {@code test/integration/instance/destroy.test.js}. */
class InstanceDestroyTest {

    private static Model<Instance> define(TestDb t, String name, boolean paranoid) {
        Model<Instance> m = t.db().define(name, s -> s.attribute("name", DataTypes.STRING)
                .attribute("bio", DataTypes.TEXT).options(o -> o.paranoid(paranoid)));
        t.db().sync().block();
        return m;
    }

    private static Model<Instance> paranoidUser(TestDb t, java.util.function.Consumer<io.resequel.model.ModelSpec> more,
            String deletedAt) {
        Model<Instance> m = t.db().define("ParanoidUser", s -> {
            s.attribute("username", DataTypes.STRING);
            more.accept(s);
            s.options(o -> o.paranoid(true).deletedAt(deletedAt));
        });
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void supportsTransactions(TestDb t) {
        Model<Instance> users = define(t, "User", false);
        Instance user = users.create(Map.of("name", "foo")).block();
        // the Reactor Context carries the transaction: destroy inside db.transaction uses it, count outside does not
        List<Long> counts = Flux.from(t.db().transaction(tx -> user.<Instance>destroy()
                        .then(Mono.zip(users.count(), users.count(q -> q.outsideTransaction())))
                        .map(c -> List.of(c.getT1(), c.getT2()))
                        .flatMap(c -> Mono.<List<Long>>error(new Rollback(c)))))
                .onErrorResume(Rollback.class, r -> Mono.just(r.counts)).blockLast();
        assertEquals(List.of(0L, 1L), counts);
        assertEquals(1L, users.count().block());
    }

    /** Rolls a test transaction back, carrying what was read inside it. */
    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<Long> counts;

        Rollback(List<Long> counts) {
            this.counts = counts;
        }
    }

    @DatabaseTest
    void doesNotSetDeletedAtAgainInSubsequentDestroys(TestDb t) {
        Model<Instance> m = define(t, "UserDestroy", true);
        Instance user = m.create(Map.of("name", "hallo", "bio", "welt")).block();
        user.destroy().block();
        user.reload(q -> q.paranoid(false)).block();
        Object deletedAt = user.get("deletedAt");
        user.destroy().block();
        user.reload(q -> q.paranoid(false)).block();
        assertEquals(deletedAt, user.get("deletedAt"));
    }

    @DatabaseTest
    void doesNotUpdateDeletedAtWithCustomDefaultInSubsequentDestroys(TestDb t) {
        OffsetDateTime epoch = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        Model<Instance> m = paranoidUser(t, s -> s.attribute("deletedAt", DataTypes.DATE,
                a -> a.defaultValue(epoch)), "deletedAt");
        Instance user = m.create(Map.of("username", "username")).block();
        Instance destroyed = user.<Instance>destroy().block();
        Object deletedAt = destroyed.get("deletedAt");
        assertNotNull(deletedAt);
        assertEquals(deletedAt, destroyed.<Instance>destroy().block().get("deletedAt"));
    }

    @DatabaseTest
    void deletesTheRowIfTheModelIsNotParanoid(TestDb t) {
        Model<Instance> m = define(t, "UserDestroy", false);
        Instance u = m.create(Map.of("name", "hallo", "bio", "welt")).block();
        assertEquals(1, m.findAll().collectList().block().size());
        u.destroy().block();
        assertEquals(0, m.findAll().collectList().block().size());
        assertEquals(0L, t.raw("SELECT COUNT(*) AS n FROM " + t.q("UserDestroys")).map(r -> ((Number) r.get("n"))
                .longValue()).blockFirst());
    }

    @DatabaseTest
    void allowsUpdatingASoftDeletedInstance(TestDb t) {
        Model<Instance> m = paranoidUser(t, s -> { }, "deletedAt");
        Instance user = m.create(Map.of("username", "username")).block().<Instance>destroy().block();
        Object deletedAt = user.get("deletedAt");
        assertNotNull(deletedAt);
        Instance saved = user.set("username", "foo").save().block();
        assertEquals("foo", saved.get("username"));
        assertEquals(deletedAt, saved.get("deletedAt"));
        Instance back = m.findOne(q -> q.paranoid(false).where("username", "foo")).block();
        assertNotNull(back.get("deletedAt"));
    }

    @DatabaseTest
    void supportsACustomDeletedAtAttribute(TestDb t) {
        Model<Instance> m = paranoidUser(t, s -> s.attribute("destroyTime", DataTypes.DATE), "destroyTime");
        Instance user = m.create(Map.of("username", "username")).block().<Instance>destroy().block();
        assertNotNull(user.get("destroyTime"));
        assertTrue(!m.definition().hasAttribute("deletedAt"));
        assertNotNull(m.findOne(q -> q.paranoid(false).where("username", "username")).block().get("destroyTime"));
    }

    @DatabaseTest
    void supportsACustomDeletedAtColumn(TestDb t) {
        Model<Instance> m = paranoidUser(t, s -> s.attribute("deletedAt", DataTypes.DATE,
                a -> a.field("deleted_at")), "deletedAt");
        Instance user = m.create(Map.of("username", "username")).block().<Instance>destroy().block();
        assertNotNull(user.get("deletedAt"));
        assertNotNull(m.findOne(q -> q.paranoid(false).where("username", "username")).block().get("deletedAt"));
        assertNotNull(t.raw("SELECT " + t.q("deleted_at") + " FROM " + t.q("ParanoidUsers")).blockFirst()
                .get("deleted_at"));
    }

    @DatabaseTest
    void supportsACustomDeletedAtAttributeAndColumn(TestDb t) {
        Model<Instance> m = paranoidUser(t, s -> s.attribute("destroyTime", DataTypes.DATE,
                a -> a.field("destroy_time")), "destroyTime");
        Instance user = m.create(Map.of("username", "username")).block().<Instance>destroy().block();
        assertNotNull(user.get("destroyTime"));
        assertNotNull(m.findOne(q -> q.paranoid(false).where("username", "username")).block().get("destroyTime"));
        assertNotNull(t.raw("SELECT " + t.q("destroy_time") + " FROM " + t.q("ParanoidUsers")).blockFirst()
                .get("destroy_time"));
    }

    @DatabaseTest
    void persistsOtherChangesWhenSoftDeleting(TestDb t) {
        Model<Instance> m = paranoidUser(t, s -> { }, "deletedAt");
        Instance user = m.create(Map.of("username", "username")).block();
        user.set("username", "foo");
        Instance destroyed = user.<Instance>destroy().block();
        assertEquals("foo", destroyed.get("username"));
        Object deletedAt = destroyed.get("deletedAt");
        Instance again = m.findOne(q -> q.paranoid(false).where("username", "foo")).block();
        assertEquals(deletedAt, again.get("deletedAt"));
        again.set("username", "bar");
        assertEquals(deletedAt, again.<Instance>destroy().block().get("deletedAt"));
        Instance bar = m.findOne(q -> q.paranoid(false).where("username", "bar")).block();
        assertEquals(deletedAt, bar.get("deletedAt"));
    }

    @DatabaseTest
    void logsTheDeleteStatement(TestDb t) {
        Model<Instance> m = define(t, "UserDelete", false);
        Instance u = m.create(Map.of("name", "hallo", "bio", "welt")).block();
        t.clearStatements();
        u.destroy().block();
        assertEquals(1, t.statements().size());
        assertTrue(t.statements().get(0).toUpperCase().startsWith("DELETE"), t.statements().toString());
    }

    @DatabaseTest
    void logsTheUpdateStatementOfASoftDelete(TestDb t) {
        Model<Instance> m = define(t, "UserDelete", true);
        Instance u = m.create(Map.of("name", "hallo", "bio", "welt")).block();
        t.clearStatements();
        u.destroy().block();
        assertEquals(1, t.statements().size());
        assertTrue(t.statements().get(0).toUpperCase().startsWith("UPDATE"), t.statements().toString());
    }

    @DatabaseTest
    void doesNotCallSaveHooksWhenSoftDeleting(TestDb t) {
        Model<Instance> m = paranoidUser(t, s -> { }, "deletedAt");
        AtomicInteger saves = new AtomicInteger();
        m.hooks().add(HookType.BEFORE_SAVE, e -> Mono.fromRunnable(saves::incrementAndGet));
        m.hooks().add(HookType.AFTER_SAVE, e -> Mono.fromRunnable(saves::incrementAndGet));
        Instance user = m.create(Map.of("username", "username")).block();
        saves.set(0);
        Instance destroyed = user.<Instance>destroy().block();
        assertEquals(0, saves.get());
        destroyed.destroy().block();
        assertEquals(0, saves.get());
    }

    @DatabaseTest
    void deletesARowOfATableWithACompositeKey(TestDb t) {
        Model<Instance> m = t.db().define("MultiPrimary", s -> s
                .attribute("bilibili", DataTypes.CHAR(2), a -> a.primaryKey(true))
                .attribute("guruguru", DataTypes.CHAR(2), a -> a.primaryKey(true)));
        t.db().sync().block();
        m.create(Map.of("bilibili", "bl", "guruguru", "gu")).block();
        Instance m2 = m.create(Map.of("bilibili", "bl", "guruguru", "ru")).block();
        assertEquals(2, m.findAll().collectList().block().size());
        t.clearStatements();
        m2.destroy().block();
        assertTrue(t.statements().get(0).toUpperCase().startsWith("DELETE"));
        List<Instance> left = m.findAll().collectList().block();
        assertEquals(1, left.size());
        assertEquals("bl", left.get(0).get("bilibili"));
        assertEquals("gu", left.get(0).get("guruguru"));
    }

    @DatabaseTest
    void destroyEmitsTheInstanceAndAFailedDestroyNothing(TestDb t) {
        Model<Instance> m = define(t, "User", false);
        Instance u = m.create(Map.of("name", "x")).block();
        assertSame(u, u.destroy().block());
        assertNull(m.findByPk(u.get("id")).block());
        assertThrows(io.resequel.error.InstanceException.class, () -> u.reload().block());
    }
}
