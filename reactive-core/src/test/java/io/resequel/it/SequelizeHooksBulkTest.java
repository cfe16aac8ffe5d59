package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.hooks.Hook;
import io.resequel.hooks.HookType;
import io.resequel.it.SequelizeHooksInstanceTest.Spies;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.UpdateResult;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/hooks/bulkOperation.test.js} and {@code hooks/hooks.test.js}
 * (tables {@code fi_*}).
 */
class SequelizeHooksBulkTest {

    private static final List<Map<String, Object>> CHEECH_AND_CHONG = List.of(
            Map.of("username", "Cheech", "mood", "sad"), Map.of("username", "Chong", "mood", "sad"));

    /** The individualHooks variant of the file's User. */
    static Model<Instance> counters(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("username", DataTypes.STRING, a -> a.defaultValue(""))
                .attribute("beforeHookTest", DataTypes.BOOLEAN, a -> a.defaultValue(false))
                .attribute("aNumber", DataTypes.INTEGER, a -> a.defaultValue(0))
                .options(o -> o.tableName("fi_hb_counters")));
        t.db().sync().block();
        return m;
    }

    private static final HookType[] DESTROYS = {HookType.BEFORE_BULK_DESTROY, HookType.AFTER_BULK_DESTROY,
        HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY};
    private static final HookType[] RESTORES = {HookType.BEFORE_BULK_RESTORE, HookType.AFTER_BULK_RESTORE,
        HookType.BEFORE_RESTORE, HookType.AFTER_RESTORE};

    private static List<Map<String, Object>> ones() {
        return List.of(Map.of("aNumber", 1), Map.of("aNumber", 1), Map.of("aNumber", 1));
    }

    // ---- #bulkCreate --------------------------------------------------------------------------------------

    @DatabaseTest
    void bulkCreateHooksAndTheirFailures(TestDb t) {
        Model<Instance> users = SequelizeHooksInstanceTest.users(t);
        Spies.trio(users.hooks(), HookType.BEFORE_BULK_CREATE, HookType.AFTER_BULK_CREATE,
                () -> users.bulkCreate(CHEECH_AND_CHONG));
        // a failing hook fails the call: nothing inserted before the hook, and the after-hook's failure rolls the
        // INSERT back too (Resequel runs bulk hooks and their write in one transaction; Sequelize keeps the rows)
        assertEquals(2L, users.count().block());
    }

    @DatabaseTest
    void bulkCreateWithIndividualHooks(TestDb t) {
        Model<Instance> users = counters(t);
        Spies s = new Spies();
        users.hooks().add(HookType.BEFORE_BULK_CREATE, s.spy("beforeBulk"));
        users.hooks().add(HookType.AFTER_BULK_CREATE, s.spy("afterBulk"));
        users.hooks().add(HookType.BEFORE_CREATE, e -> Mono.fromRunnable(() -> e.instance().set("beforeHookTest",
                true)));
        users.hooks().add(HookType.AFTER_CREATE, e -> Mono.fromRunnable(() -> e.instance().set("username",
                "User" + e.instance().get("id"))));
        List<Instance> records = users.bulkCreate(List.of(Map.of("aNumber", 5), Map.of("aNumber", 7),
                Map.of("aNumber", 3)), BulkCreateOptions.builder().fields("aNumber").individualHooks().build())
                .collectList().block();
        assertEquals(3, records.size());
        for (Instance r : records) {
            assertEquals("User" + r.get("id"), r.get("username"));
            assertEquals(Boolean.TRUE, r.get("beforeHookTest"));
        }
        assertEquals(List.of(1, 1), List.of(s.n("beforeBulk"), s.n("afterBulk")));

        users.hooks().clear();
        Spies f = new Spies();
        users.hooks().add(HookType.BEFORE_BULK_CREATE, f.spy("beforeBulk"));
        users.hooks().add(HookType.AFTER_BULK_CREATE, f.spy("afterBulk"));
        users.hooks().add(HookType.BEFORE_CREATE, e -> Mono.error(new IllegalStateException("You shall not pass!")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> users.bulkCreate(ones(),
                BulkCreateOptions.builder().fields("aNumber").individualHooks().build()).blockLast());
        assertEquals("You shall not pass!", e.getMessage());
        assertEquals(List.of(1, 0), List.of(f.n("beforeBulk"), f.n("afterBulk")));
    }

    // ---- #bulkUpdate --------------------------------------------------------------------------------------

    @DatabaseTest
    void bulkUpdateHooksAndTheirFailures(TestDb t) {
        Model<Instance> users = SequelizeHooksInstanceTest.users(t);
        users.bulkCreate(CHEECH_AND_CHONG).blockLast();
        Spies.trio(users.hooks(), HookType.BEFORE_BULK_UPDATE, HookType.AFTER_BULK_UPDATE,
                () -> users.update(Map.of("mood", "happy"), Where.eq("mood", "sad")));
        assertEquals(2L, users.count(Where.eq("mood", "happy")).block());
    }

    @DatabaseTest
    void bulkUpdateWithIndividualHooks(TestDb t) {
        Model<Instance> users = counters(t);
        Spies s = new Spies();
        users.hooks().add(HookType.BEFORE_BULK_UPDATE, s.spy("beforeBulk"));
        users.hooks().add(HookType.AFTER_BULK_UPDATE, s.spy("afterBulk"));
        users.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> {
            assertFalse(e.instance().changed().isEmpty());
            e.instance().set("beforeHookTest", true);
        }));
        users.hooks().add(HookType.AFTER_UPDATE, e -> Mono.fromRunnable(() -> e.instance().set("username",
                "User" + e.instance().get("id"))));
        users.bulkCreate(ones()).blockLast();
        UpdateResult<Instance> r = users.update(Map.of("aNumber", 10), o -> o.where(Where.eq("aNumber", 1))
                .individualHooks()).block();
        assertEquals(3, r.rows().size());
        for (Instance record : r.rows()) {
            assertEquals("User" + record.get("id"), record.get("username"));
            assertEquals(Boolean.TRUE, record.get("beforeHookTest"));
        }
        assertEquals(List.of(1, 1), List.of(s.n("beforeBulk"), s.n("afterBulk")));

        users.hooks().clear();
        users.destroy(o -> o.truncate()).block();
        users.bulkCreate(ones()).blockLast();
        Object first = users.findAll(q -> q.order(io.resequel.query.Order.asc("id"))).blockFirst().get("id");
        users.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> {
            assertFalse(e.instance().changed().isEmpty());
            if (e.instance().get("id").equals(first)) {
                e.instance().set("aNumber", (Integer) e.instance().get("aNumber") + 3);
            }
        }));
        UpdateResult<Instance> changed = users.update(Map.of("aNumber", 10), o -> o.where(Where.eq("aNumber", 1))
                .individualHooks()).block();
        for (Instance record : changed.rows()) {
            int expected = record.get("id").equals(first) ? 13 : 10;
            assertEquals(expected, record.get("aNumber"));
            assertEquals(expected, users.findByPk(record.get("id")).block().get("aNumber"));
        }

        users.hooks().clear();
        Spies f = new Spies();
        users.hooks().add(HookType.BEFORE_BULK_UPDATE, f.spy("beforeBulk"));
        users.hooks().add(HookType.AFTER_BULK_UPDATE, f.spy("afterBulk"));
        users.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.error(new IllegalStateException("You shall not pass!")));
        users.bulkCreate(ones(), BulkCreateOptions.builder().fields("aNumber").build()).blockLast();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> users.update(Map.of("aNumber", 10),
                o -> o.where(Where.eq("aNumber", 1)).individualHooks()).block());
        assertEquals("You shall not pass!", e.getMessage());
        assertEquals(List.of(1, 0), List.of(f.n("beforeBulk"), f.n("afterBulk")));
    }

    // ---- #bulkDestroy -------------------------------------------------------------------------------------

    @DatabaseTest
    void bulkDestroyHooksAndIndividualHooks(TestDb t) {
        Model<Instance> users = SequelizeHooksInstanceTest.users(t);
        Where cheech = Where.and(Where.eq("username", "Cheech"), Where.eq("mood", "sad"));
        Spies.trio(users.hooks(), HookType.BEFORE_BULK_DESTROY, HookType.AFTER_BULK_DESTROY,
                () -> users.destroy(cheech));

        Model<Instance> counters = counters(t);
        Spies s = new Spies().on(counters.hooks(), null, DESTROYS);
        counters.bulkCreate(ones()).blockLast();
        assertEquals(3L, counters.destroy(o -> o.where(Where.eq("aNumber", 1)).individualHooks()).block());
        assertEquals(List.of(1, 1, 3, 3), s.n(DESTROYS));

        counters.hooks().clear();
        Spies f = new Spies().on(counters.hooks(), HookType.BEFORE_DESTROY, DESTROYS);
        counters.bulkCreate(ones(), BulkCreateOptions.builder().fields("aNumber").build()).blockLast();
        assertThrows(IllegalStateException.class,
                () -> counters.destroy(o -> o.where(Where.eq("aNumber", 1)).individualHooks()).block());
        assertEquals(List.of(1, 0, 1, 0), f.n(DESTROYS));
        assertEquals(3L, counters.count().block(), "the hooks' transaction rolled back");
    }

    // ---- #bulkRestore -------------------------------------------------------------------------------------

    @DatabaseTest
    void bulkRestoreHooksAndIndividualHooks(TestDb t) {
        Model<Instance> paranoid = t.db().define("ParanoidUser", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("mood", DataTypes.ENUM("happy", "sad", "neutral"))
                .options(o -> o.paranoid(true).tableName("fi_hb_paranoid")));
        Model<Instance> counters = t.db().define("ParanoidCounter", s -> s
                .attribute("aNumber", DataTypes.INTEGER, a -> a.defaultValue(0))
                .options(o -> o.paranoid(true).tableName("fi_hb_paranoid_counters")));
        t.db().sync().block();
        paranoid.bulkCreate(List.of(Map.of("username", "adam", "mood", "happy"),
                Map.of("username", "joe", "mood", "sad"))).blockLast();
        paranoid.destroy(Where.and()).block();
        Where adam = Where.and(Where.eq("username", "adam"), Where.eq("mood", "happy"));
        Spies.trio(paranoid.hooks(), HookType.BEFORE_BULK_RESTORE, HookType.AFTER_BULK_RESTORE,
                () -> paranoid.restore(adam));

        Spies s = new Spies().on(counters.hooks(), null, RESTORES);
        counters.bulkCreate(ones()).blockLast();
        counters.destroy(Where.eq("aNumber", 1)).block();
        assertEquals(3L, counters.restore(o -> o.where(Where.eq("aNumber", 1)).individualHooks()).block());
        assertEquals(List.of(1, 1, 3, 3), s.n(RESTORES));
        assertEquals(3L, counters.count().block());

        counters.hooks().clear();
        Spies f = new Spies().on(counters.hooks(), HookType.BEFORE_RESTORE, RESTORES);
        counters.destroy(Where.eq("aNumber", 1)).block();
        assertThrows(IllegalStateException.class,
                () -> counters.restore(o -> o.where(Where.eq("aNumber", 1)).individualHooks()).block());
        assertEquals(List.of(1, 0, 1, 0), f.n(RESTORES));
        assertEquals(0L, counters.count().block(), "nothing was restored");
    }

    // ---- hooks.test.js ------------------------------------------------------------------------------------

    @DatabaseTest
    void defineHooksChangeTheOptionsAndSeeTheModel(TestDb t) {
        Resequel other = t.connect(b -> { });
        other.beforeDefine((name, spec) -> spec.attribute("type", DataTypes.STRING)
                .options(o -> o.name(name, "barrs")));
        AtomicReference<Model<?>> defined = new AtomicReference<>();
        other.afterDefine(defined::set);
        Model<Instance> foo = other.define("foo", s -> s.attribute("name", DataTypes.STRING));
        assertSame(foo, defined.get());
        assertEquals("barrs", foo.definition().pluralName());
        assertTrue(foo.definition().hasAttribute("type"));
    }

    @DatabaseTest
    void instanceHooksGetTheInstance(TestDb t) {
        Model<Instance> user = t.db().define("User", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.tableName("fi_hb_dao")));
        t.db().sync().block();
        Spies s = new Spies();
        for (HookType type : List.of(HookType.BEFORE_VALIDATE, HookType.AFTER_VALIDATE, HookType.BEFORE_CREATE,
                HookType.AFTER_CREATE, HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY, HookType.BEFORE_UPDATE,
                HookType.AFTER_UPDATE)) {
            Hook counting = s.spy(type.name());
            user.hooks().add(type, e -> {
                assertSame(user, e.instance().model());
                return counting.apply(e);
            });
        }
        Instance bob = user.create(Map.of("username", "bob")).block();
        bob.set("username", "bawb");
        bob.save(SaveOptions.fields("username")).block();
        bob.destroy().block();
        for (HookType type : List.of(HookType.BEFORE_CREATE, HookType.AFTER_CREATE, HookType.BEFORE_DESTROY,
                HookType.AFTER_DESTROY, HookType.BEFORE_UPDATE, HookType.AFTER_UPDATE)) {
            assertEquals(1, s.n(type.name()), type.name());
        }
        assertEquals(2, s.n("BEFORE_VALIDATE"));
        assertEquals(2, s.n("AFTER_VALIDATE"));
    }

    @DatabaseTest
    void syncHooksOfTheModelAndTheDatabase(TestDb t) {
        Model<Instance> users = SequelizeHooksInstanceTest.users(t);
        Spies s = syncSpies(t, users);
        t.db().sync(users, io.resequel.query.SyncOptions.DEFAULT).block();
        assertEquals(List.of(1, 1, 0, 0), List.of(s.n("before"), s.n("after"), s.n("beforeBulk"), s.n("afterBulk")));
        t.db().sync().block();
        assertEquals(List.of(2, 2, 1, 1), List.of(s.n("before"), s.n("after"), s.n("beforeBulk"), s.n("afterBulk")));

        users.hooks().clear();
        t.db().hooks().clear();
        Spies.trio(users.hooks(), HookType.BEFORE_SYNC, HookType.AFTER_SYNC,
                () -> t.db().sync(users, io.resequel.query.SyncOptions.DEFAULT));
        Spies.trio(t.db().hooks(), HookType.BEFORE_BULK_SYNC, HookType.AFTER_BULK_SYNC, () -> t.db().sync());
    }

    /** Spies on the model's sync hooks and the database's bulk-sync hooks. */
    private static Spies syncSpies(TestDb t, Model<Instance> users) {
        Spies s = new Spies();
        users.hooks().add(HookType.BEFORE_SYNC, s.spy("before"));
        users.hooks().add(HookType.AFTER_SYNC, s.spy("after"));
        t.db().hooks().add(HookType.BEFORE_BULK_SYNC, s.spy("beforeBulk"));
        t.db().hooks().add(HookType.AFTER_BULK_SYNC, s.spy("afterBulk"));
        return s;
    }

    @DatabaseTest
    void syncWithHooksFalseRunsNoSyncHook(TestDb t) {
        Model<Instance> users = SequelizeHooksInstanceTest.users(t);
        Spies s = syncSpies(t, users);
        io.resequel.query.SyncOptions noHooks = io.resequel.query.SyncOptions.force().hooks(false);
        t.db().sync(users, noHooks).block();
        t.db().sync(noHooks).block();
        assertEquals(List.of(0, 0, 0, 0), List.of(s.n("before"), s.n("after"), s.n("beforeBulk"), s.n("afterBulk")));
        // The sync still ran: the forced table is there and empty.
        assertEquals(0L, users.count().block());
        t.db().sync(users, io.resequel.query.SyncOptions.DEFAULT.hooks(true)).block();
        assertEquals(List.of(1, 1, 0, 0), List.of(s.n("before"), s.n("after"), s.n("beforeBulk"), s.n("afterBulk")));
    }

    @DatabaseTest
    void hooksAreRemovedByNameOrByReference(TestDb t) {
        Model<Instance> users = SequelizeHooksInstanceTest.users(t);
        Spies s = new Spies();
        users.hooks().add(HookType.BEFORE_CREATE, "sasuke", s.spy("sasuke"));
        users.hooks().add(HookType.BEFORE_CREATE, "naruto", s.spy("naruto"));
        users.create(Map.of("username", "makunouchi")).block();
        assertTrue(users.hooks().remove(HookType.BEFORE_CREATE, "sasuke"));
        users.create(Map.of("username", "sendo")).block();
        assertEquals(List.of(1, 2), List.of(s.n("sasuke"), s.n("naruto")));

        users.hooks().clear();
        Spies r = new Spies();
        Hook sasuke = r.spy("sasuke");
        Hook naruto = r.spy("naruto");
        users.hooks().add(HookType.BEFORE_SAVE, sasuke);
        users.hooks().add(HookType.BEFORE_SAVE, naruto);
        Instance u = users.create(Map.of("username", "makunouchi")).block();
        assertTrue(users.hooks().remove(HookType.BEFORE_SAVE, sasuke));
        u.update(Map.of("username", "sendo")).block();
        assertEquals(List.of(1, 2), List.of(r.n("sasuke"), r.n("naruto")));
    }

    @DatabaseTest
    void poolAcquireHooksRunAroundAuthenticate(TestDb t) {
        Resequel other = t.connect(b -> { });
        Spies s = new Spies();
        other.hooks().add(HookType.BEFORE_POOL_ACQUIRE, s.spy("before"));
        other.hooks().add(HookType.AFTER_POOL_ACQUIRE, s.spy("after"));
        other.authenticate().block();
        assertEquals(List.of(1, 1), List.of(s.n("before"), s.n("after")));
    }
}
