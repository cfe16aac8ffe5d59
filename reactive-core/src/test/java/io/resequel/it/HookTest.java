package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.ValidationException;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.validation.V;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/** Hooks: firing order, changes reaching SQL, queries in the caller's transaction, failures rolling back. */
class HookTest {

    static Model<Instance> users(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m
                .attribute("name", DataTypes.STRING, a -> a.validate(V.len(1, 20)))
                .attribute("slug", DataTypes.STRING));
        t.db().sync().block();
        return users;
    }

    static List<String> record(Model<Instance> m, HookType... types) {
        List<String> fired = new CopyOnWriteArrayList<>();
        for (HookType type : types) {
            m.hooks().add(type, e -> Mono.fromRunnable(() -> fired.add(type.name())));
        }
        return fired;
    }

    @DatabaseTest
    void createFiresEveryHookInSequelizesOrderAndHookChangesReachTheInsert(TestDb t) {
        Model<Instance> users = users(t);
        List<String> fired = record(users, HookType.values());
        users.hooks().beforeCreate("slug", e -> Mono.fromRunnable(() ->
                e.instance().set("slug", ((String) e.instance().get("name")).toLowerCase())));
        Instance ada = users.create(Map.of("name", "Ada")).block();
        assertEquals(List.of("BEFORE_VALIDATE", "AFTER_VALIDATE", "BEFORE_CREATE", "BEFORE_SAVE", "AFTER_CREATE",
                "AFTER_SAVE"), fired);
        assertEquals("ada", t.raw("SELECT " + t.q("slug") + " FROM " + t.q("Users")).blockFirst().get("slug"));
        fired.clear();
        ada.update(Map.of("name", "Ada L")).block();
        assertEquals(List.of("BEFORE_VALIDATE", "AFTER_VALIDATE", "BEFORE_UPDATE", "BEFORE_SAVE", "AFTER_UPDATE",
                "AFTER_SAVE"), fired);
        fired.clear();
        ada.destroy().block();
        assertEquals(List.of("BEFORE_DESTROY", "AFTER_DESTROY"), fired);
    }

    @DatabaseTest
    void beforeUpdateChangeIsWrittenAndValidationFailedSeesTheError(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("name", "Bob")).block();
        users.hooks().beforeUpdate("stamp", e -> Mono.fromRunnable(() -> e.instance().set("slug", "edited")));
        AtomicReference<Throwable> failed = new AtomicReference<>();
        users.hooks().add(HookType.VALIDATION_FAILED, e -> Mono.fromRunnable(() -> failed.set(e.error())));
        u.update(Map.of("name", "Bobby")).block();
        assertEquals("edited", users.findByPk(u.get("id")).block().get("slug"));
        assertThrows(ValidationException.class, () -> users.create(Map.of("name", "")).block());
        assertTrue(failed.get() instanceof ValidationException);
    }

    @DatabaseTest
    void aHookQueriesInTheCallersTransactionAndAFailingHookRollsBack(TestDb t) {
        Model<Instance> users = users(t);
        Model<Instance> audit = t.db().define("Audit", m -> m.attribute("what", DataTypes.STRING));
        t.db().sync().block();
        AtomicReference<Transaction> seen = new AtomicReference<>();
        users.hooks().beforeCreate("audit", e -> {
            seen.set(e.transaction().orElse(null));
            return audit.create(Map.of("what", "create " + e.instance().get("name")));
        });
        t.db().transactionMany(tx -> users.create(Map.of("name", "Cy"))
                .then(Mono.<Instance>error(new IllegalStateException("abort")))).onErrorResume(e -> Mono.empty())
                .blockLast();
        assertTrue(seen.get() != null, "the hook sees the transaction in effect");
        assertEquals(0L, audit.count().block(), "the audit row written by the hook rolled back with the caller");
        assertEquals(0L, users.count().block());

        users.hooks().add(HookType.AFTER_CREATE, "veto", e -> Mono.error(new IllegalStateException("vetoed")));
        IllegalStateException vetoed = assertThrows(IllegalStateException.class,
                () -> t.db().transactionMany(tx -> users.create(Map.of("name", "Di"))).blockLast());
        assertEquals("vetoed", vetoed.getMessage());
        assertEquals(0L, users.count().block(), "a failing hook rolls the operation back");
        assertEquals(0L, audit.count().block());
        assertTrue(users.hooks().remove(HookType.AFTER_CREATE, "veto"));
        users.create(Map.of("name", "Ed")).block();
        assertEquals(1L, users.count().block());
        users.create(Map.of("name", "Fay"), SaveOptions.DEFAULTS.withoutHooks()).block();
        assertEquals(1L, audit.count().block(), "hooks: false skips the audit hook");
    }

    @DatabaseTest
    void globalHooksRunAfterTheModelsOwn(TestDb t) {
        Model<Instance> users = users(t);
        List<String> fired = new CopyOnWriteArrayList<>();
        t.db().hooks().add(HookType.BEFORE_CREATE, e -> Mono.fromRunnable(() -> fired.add("global " + e.model())));
        users.hooks().add(HookType.BEFORE_CREATE, e -> Mono.fromRunnable(() -> fired.add("local")));
        users.create(Map.of("name", "Gil")).block();
        assertEquals(List.of("local", "global User"), fired);
    }

    @DatabaseTest
    void bulkHooksAndIndividualHooks(TestDb t) {
        Model<Instance> users = users(t);
        List<String> fired = record(users, HookType.BEFORE_BULK_CREATE, HookType.AFTER_BULK_CREATE,
                HookType.BEFORE_CREATE, HookType.BEFORE_BULK_UPDATE, HookType.AFTER_BULK_UPDATE,
                HookType.BEFORE_UPDATE, HookType.BEFORE_BULK_DESTROY, HookType.AFTER_BULK_DESTROY,
                HookType.BEFORE_DESTROY);
        users.bulkCreate(List.of(Map.of("name", "a"), Map.of("name", "b"))).blockLast();
        assertEquals(List.of("BEFORE_BULK_CREATE", "AFTER_BULK_CREATE"), fired);
        fired.clear();
        users.bulkCreate(List.of(Map.of("name", "c"), Map.of("name", "d")),
                BulkCreateOptions.builder().individualHooks().build()).blockLast();
        assertEquals(List.of("BEFORE_BULK_CREATE", "BEFORE_CREATE", "BEFORE_CREATE", "AFTER_BULK_CREATE"), fired);
        fired.clear();
        users.hooks().add(HookType.BEFORE_BULK_UPDATE, e -> Mono.fromRunnable(() -> e.values().put("slug", "bulk")));
        assertEquals(4L, users.update(Map.of("name", "z"), Where.and()).block());
        assertEquals(List.of("BEFORE_BULK_UPDATE", "AFTER_BULK_UPDATE"), fired);
        assertEquals(4L, users.count(Where.eq("slug", "bulk")).block(), "values changed by the hook are written");
        fired.clear();
        assertEquals(2L, users.update(Map.of("name", "y"), o -> o.where(Where.in("id", List.of(1, 2)))
                .individualHooks()).map(r -> r.count()).block());
        assertEquals(List.of("BEFORE_BULK_UPDATE", "BEFORE_UPDATE", "BEFORE_UPDATE", "AFTER_BULK_UPDATE"), fired);
        fired.clear();
        assertEquals(2L, users.destroy(o -> o.where(Where.in("id", List.of(1, 2))).individualHooks()).block());
        assertEquals(List.of("BEFORE_BULK_DESTROY", "BEFORE_DESTROY", "BEFORE_DESTROY", "AFTER_BULK_DESTROY"), fired);
        fired.clear();
        users.hooks().add(HookType.BEFORE_BULK_DESTROY, e -> Mono.fromRunnable(() -> e.where(Where.eq("id", 3))));
        assertEquals(1L, users.destroy(Where.and()).block(), "the hook narrowed the where");
        assertEquals(1L, users.count().block());
    }

    @DatabaseTest
    void findAndCountHooksChangeOptionsAndAfterFindSeesEachRow(TestDb t) {
        Model<Instance> users = users(t);
        users.bulkCreate(List.of(Map.of("name", "a", "slug", "x"), Map.of("name", "b", "slug", "y"))).blockLast();
        users.hooks().beforeFind("onlyX", e -> Mono.fromRunnable(() -> e.find().where(Where.eq("slug", "x"))));
        List<String> after = new CopyOnWriteArrayList<>();
        users.hooks().add(HookType.AFTER_FIND, e -> Mono.fromRunnable(() -> after.add((String) e.instance().get("name"))));
        assertEquals(List.of("a"), users.findAll().map(u -> u.get("name")).collectList().block());
        assertEquals(List.of("a"), after);
        assertEquals(2, users.findAll(q -> q.hooks(false)).collectList().block().size());
        users.hooks().add(HookType.BEFORE_COUNT, e -> Mono.fromRunnable(() -> e.find().where(Where.eq("slug", "y"))));
        assertEquals(1L, users.count().block());
        assertEquals("none", users.findByPk(2).map(u -> (String) u.get("name")).defaultIfEmpty("none").block(),
                "findByPk runs the find hooks too (slug y is filtered out)");
    }

    @DatabaseTest
    void upsertSyncAndCascadeDestroyHooks(TestDb t) {
        Model<Instance> parents = t.db().define("Parent", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> kids = t.db().define("Kid", m -> m.attribute("name", DataTypes.STRING));
        parents.hasMany(kids, a -> a.onDelete(ReferentialAction.CASCADE).hooks(true));
        List<String> fired = record(kids, HookType.BEFORE_SYNC, HookType.AFTER_SYNC, HookType.BEFORE_DESTROY,
                HookType.AFTER_DESTROY, HookType.BEFORE_UPSERT, HookType.AFTER_UPSERT);
        List<String> bulk = new CopyOnWriteArrayList<>();
        t.db().hooks().add(HookType.BEFORE_BULK_SYNC, e -> Mono.fromRunnable(() -> bulk.add("before")));
        t.db().hooks().add(HookType.AFTER_BULK_SYNC, e -> Mono.fromRunnable(() -> bulk.add("after")));
        t.db().sync().block();
        assertEquals(List.of("BEFORE_SYNC", "AFTER_SYNC"), fired);
        assertEquals(List.of("before", "after"), bulk);
        fired.clear();
        Instance p = parents.create(Map.of("name", "P")).block();
        kids.bulkCreate(List.of(Map.of("name", "k1", "ParentId", p.get("id")),
                Map.of("name", "k2", "ParentId", p.get("id")))).blockLast();
        t.clearStatements();
        p.destroy().block();
        assertEquals(List.of("BEFORE_DESTROY", "AFTER_DESTROY", "BEFORE_DESTROY", "AFTER_DESTROY"), fired,
                "each child is destroyed with its hooks before the parent");
        assertEquals(0L, kids.count().block());
        assertTrue(t.statements().stream().filter(s -> s.startsWith("DELETE")).count() >= 3);
        fired.clear();
        kids.upsert(Map.of("id", 9, "name", "u")).block();
        assertEquals(List.of("BEFORE_UPSERT", "AFTER_UPSERT"), fired);
    }

    @DatabaseTest
    void connectDisconnectAndDefineHooks(TestDb t) {
        Resequel other = t.connect(b -> { });
        List<String> fired = new CopyOnWriteArrayList<>();
        other.hooks().add(HookType.AFTER_CONNECT, e -> Mono.fromRunnable(() -> fired.add("connect "
                + (e.connection() != null))));
        other.hooks().add(HookType.BEFORE_DISCONNECT, e -> Mono.fromRunnable(() -> fired.add("before close")));
        other.hooks().add(HookType.AFTER_DISCONNECT, e -> Mono.fromRunnable(() -> fired.add("after close")));
        other.beforeDefine((name, spec) -> spec.options(o -> o.timestamps(false)));
        List<String> defined = new CopyOnWriteArrayList<>();
        other.afterDefine(m -> defined.add(m.name()));
        Model<Instance> m = other.define("Thing", s -> s.attribute("x", DataTypes.INTEGER));
        assertEquals(List.of("Thing"), defined);
        assertFalse(m.definition().hasAttribute("createdAt"), "beforeDefine changed the options");
        other.authenticate().block();
        assertEquals("connect true", fired.get(0));
        other.close().block();
        assertEquals(List.of("before close", "after close"), fired.subList(fired.size() - 2, fired.size()));
    }

}
