package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.hooks.HookOperator;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Operator hooks (issue 18): Reactor operators around every call of a model's finds and instance writes, per model
 * and database-wide, in registration order, removable by name, skipped with {@code hooks(false)}.
 */
class HookOperatorTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static Model<Instance> items(Resequel db) {
        Model<Instance> items = db.define("HoItem", m -> m
                .attribute("name", DataTypes.STRING)
                .attribute("tenant", DataTypes.STRING)
                .options(o -> o.tableName("ho_items")));
        db.sync().block(WAIT);
        return items;
    }

    static void seed(Model<Instance> items, int n) {
        Flux.range(1, n).concatMap(i -> items.create(Map.of("name", "n" + i, "tenant", i % 2 == 0 ? "a" : "b")))
                .then().block(WAIT);
    }

    /** The error a call ends with, without block()'s wrapping of checked exceptions. */
    static Throwable error(Flux<?> call) {
        return call.then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(WAIT);
    }

    /** A where that sleeps on the server for the row it is tested on (H2 has no sleep function). */
    static Where sleepingWhere(TestDb t, double seconds) {
        return t.is("postgres") ? Where.where(Expr.literal("(SELECT 1 FROM pg_sleep(" + seconds + "))"), Op.EQ, 1)
                : Where.where(Expr.literal("SLEEP(" + seconds + ")"), Op.EQ, 0);
    }

    /** The pool's only connection answers at once: the cut query does not still run on it. */
    static void assertConnectionFree(Resequel db) {
        long start = System.nanoTime();
        db.authenticate().block(WAIT);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 2500, "the next query waited " + tookMs + " ms behind the cut one");
        TransactionTest.awaitNoAcquired(db);
    }

    @DatabaseTest
    void aPerModelTimeoutPolicyCutsASlowFindAndReleasesItsConnection(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1)));
        Model<Instance> items = items(db);
        seed(items, 1);
        items.hooks().around(HookType.FIND, "timeout", rows -> rows.timeout(Duration.ofMillis(300)));
        Flux<Instance> slow;
        if (t.is("h2")) {
            // H2 cannot sleep in SQL: an inner operator holds the streaming result (and its connection) instead.
            items.hooks().around(HookType.FIND, "slow", rows -> rows.delayElements(Duration.ofSeconds(5)));
            slow = items.findAll();
        } else {
            slow = items.findAll(q -> q.where(sleepingWhere(t, 5)));
        }
        long start = System.nanoTime();
        Throwable e = error(slow);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(TimeoutException.class, e);
        assertTrue(tookMs >= 290 && tookMs < 3000, "cut after " + tookMs + " ms for a 300 ms timeout");
        assertConnectionFree(db);
        items.hooks().remove(HookType.FIND, "slow");
        assertEquals(1, items.findAll().count().block(WAIT), "a quick find passes the policy");
        assertEquals(1, items.count().block(WAIT), "COUNT is another operation: FIND operators leave it alone");
        db.query("DROP TABLE " + t.q("ho_items"), o -> { }).block(WAIT);
    }

    @DatabaseTest
    void aPerTenantFilterSeesTheWholeStreamInTheCallersContext(TestDb t) {
        Model<Instance> items = items(t.db());
        seed(items, 6);
        items.hooks().afterFindStream("tenant", (Flux<Instance> rows) -> rows.transformDeferredContextual(
                (f, ctx) -> ctx.hasKey("tenant") ? f.filter(r -> ctx.get("tenant").equals(r.get("tenant"))) : f));
        assertEquals(List.of("n2", "n4", "n6"), items.findAll(q -> q.order(Order.asc("id")))
                .map(r -> (String) r.get("name")).collectList().contextWrite(Context.of("tenant", "a")).block(WAIT));
        assertEquals("n1", items.findOne(q -> q.order(Order.asc("id"))).contextWrite(Context.of("tenant", "b")).block(WAIT)
                .get("name"));
        assertTrue(items.findByPk(1).contextWrite(Context.of("tenant", "a")).blockOptional(WAIT).isEmpty(),
                "row 1 belongs to tenant b");
        assertEquals(6, items.findAll().count().block(WAIT), "no tenant in the context: every row");
        assertEquals(6, items.findAll(q -> q.hooks(false)).count().contextWrite(Context.of("tenant", "a"))
                .block(WAIT), "hooks(false) skips operator hooks too");
    }

    @DatabaseTest
    void aMetricsTapCountsCallsPerModelAndDatabaseWide(TestDb t) {
        Model<Instance> items = items(t.db());
        AtomicInteger saves = new AtomicInteger();
        AtomicInteger creates = new AtomicInteger();
        AtomicInteger updates = new AtomicInteger();
        AtomicInteger destroys = new AtomicInteger();
        AtomicInteger finds = new AtomicInteger();
        AtomicInteger counts = new AtomicInteger();
        items.hooks().around(HookType.SAVE, "m", m -> m.doOnComplete(saves::incrementAndGet))
                .around(HookType.CREATE, "m", m -> m.doOnComplete(creates::incrementAndGet))
                .around(HookType.UPDATE, "m", m -> m.doOnComplete(updates::incrementAndGet))
                .around(HookType.DESTROY, "m", m -> m.doOnComplete(destroys::incrementAndGet))
                .around(HookType.COUNT, "m", m -> m.doOnComplete(counts::incrementAndGet));
        t.db().hooks().around(HookType.FIND, "trace", rows -> rows.doOnSubscribe(s -> finds.incrementAndGet()));
        Instance a = items.create(Map.of("name", "a")).block(WAIT);
        a.update(Map.of("name", "a2")).block(WAIT);
        a.set("name", "a3");
        a.save().block(WAIT);
        items.create(Map.of("name", "b"), new SaveOptions(null, false).withoutHooks()).block(WAIT);
        a.destroy().block(WAIT);
        items.findAll().collectList().block(WAIT);
        items.findOne(q -> q.where(Where.eq("name", "b"))).block(WAIT);
        items.findByPk(1).block(WAIT);
        items.count().block(WAIT);
        assertEquals(3, saves.get(), "create, update and save; the withoutHooks create is not counted");
        assertEquals(1, creates.get());
        assertEquals(2, updates.get());
        assertEquals(1, destroys.get());
        assertEquals(1, counts.get());
        assertEquals(3, finds.get(), "the database-wide operator wraps every find of the model");
        t.db().hooks().remove(HookType.FIND, "trace");
    }

    @DatabaseTest
    void operatorsApplyInRegistrationOrderFirstOutermostAndDatabaseWideInnermost(TestDb t) {
        Model<Instance> items = items(t.db());
        seed(items, 1);
        List<String> path = new CopyOnWriteArrayList<>();
        items.hooks().around(HookType.FIND, "first", rows -> rows.doOnNext(r -> path.add("first")));
        items.hooks().around(HookType.FIND, "second", rows -> rows.doOnNext(r -> path.add("second")));
        t.db().hooks().around(HookType.FIND, "db", rows -> rows.doOnNext(r -> path.add("db")));
        items.findAll().blockLast(WAIT);
        // A row travels from the innermost operator outwards.
        assertEquals(List.of("db", "second", "first"), path);
        t.db().hooks().remove(HookType.FIND, "db");
    }

    @DatabaseTest
    void operatorsAreRemovedByNameOrByReference(TestDb t) {
        Model<Instance> items = items(t.db());
        seed(items, 2);
        List<String> seen = new CopyOnWriteArrayList<>();
        HookOperator anonymous = rows -> rows.doOnComplete(() -> seen.add("anonymous"));
        items.hooks().around(HookType.FIND, "a", rows -> rows.doOnComplete(() -> seen.add("a")))
                .around(HookType.FIND, "b", rows -> rows.doOnComplete(() -> seen.add("b")))
                .around(HookType.FIND, anonymous);
        items.findAll().blockLast(WAIT);
        assertEquals(List.of("anonymous", "b", "a"), seen);
        assertTrue(items.hooks().remove(HookType.FIND, "a"));
        assertFalse(items.hooks().remove(HookType.FIND, "a"), "already gone");
        assertTrue(items.hooks().remove(HookType.FIND, anonymous));
        seen.clear();
        items.findAll().blockLast(WAIT);
        assertEquals(List.of("b"), seen, "removal applies to the next call");
        assertThrows(IllegalArgumentException.class,
                () -> items.hooks().around(HookType.BEFORE_CREATE, rows -> rows));
    }

    @DatabaseTest
    void cancellingTheCallerCancelsThroughTheOperators(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1)));
        Model<Instance> items = items(db);
        seed(items, 20);
        AtomicBoolean cancelled = new AtomicBoolean();
        items.hooks().around(HookType.FIND, "watch", rows -> rows.doOnCancel(() -> cancelled.set(true)).limitRate(2));
        assertEquals(3, items.findAll(q -> q.order(Order.asc("id"))).take(3).count().block(WAIT));
        assertTrue(cancelled.get(), "take(3) cancelled through the operator");
        assertConnectionFree(db);
        if (!t.is("h2")) {
            cancelled.set(false);
            Disposable running = items.findAll(q -> q.where(sleepingWhere(t, 5))).subscribe(r -> { }, e -> { });
            Mono.delay(Duration.ofMillis(300)).block();
            running.dispose();
            assertTrue(cancelled.get());
            assertConnectionFree(db);
        }
        db.query("DROP TABLE " + t.q("ho_items"), o -> { }).block(WAIT);
    }

    /** A checked exception of the user's own, to show it arrives unwrapped. */
    static final class Denied extends Exception {
        Denied(String message) {
            super(message);
        }
    }

    @DatabaseTest
    void anErrorRaisedInsideAnOperatorReachesTheCallerAsRaised(TestDb t) {
        Model<Instance> items = items(t.db());
        seed(items, 1);
        RuntimeException thrown = new IllegalStateException("no tenant");
        items.hooks().around(HookType.FIND, "guard", rows -> {
            throw thrown;
        });
        assertSame(thrown, error(items.findAll()), "thrown while assembling, per call");
        assertSame(thrown, error(items.findByPk(1).flux()));
        items.hooks().remove(HookType.FIND, "guard");
        items.hooks().around(HookType.CREATE, "deny", m -> m.concatWith(Mono.error(new Denied("quota"))));
        Throwable e = error(t.db().transaction(tx -> items.create(Map.of("name", "over"))).flux());
        assertInstanceOf(Denied.class, e);
        assertEquals("quota", e.getMessage());
        assertEquals(1, items.count().block(WAIT), "the managed transaction rolled the insert back");
    }

    /** The README's example (section "Hooks, paranoid, versions"), as written there. */
    @DatabaseTest
    void readmeExample(TestDb t) {
        Resequel db = t.db();
        Model<Instance> users = db.define("HoUser", m -> m
                .attribute("name", DataTypes.STRING)
                .attribute("tenant", DataTypes.STRING)
                .options(o -> o.tableName("ho_users")));
        db.sync().block(WAIT);
        AtomicInteger saves = new AtomicInteger();
        // the README shows a copy of this example (examples: ReadmeHooksTest)
        users.hooks().around(HookType.FIND, "timeout", rows -> rows.timeout(Duration.ofSeconds(2)));
        users.hooks().afterFindStream("tenant", (Flux<Instance> rows) -> rows.transformDeferredContextual(
                (found, ctx) -> found.filter(u -> u.get("tenant").equals(ctx.get("tenant")))));
        users.hooks().around(HookType.SAVE, "metrics", call -> call.doOnComplete(saves::incrementAndGet));
        db.hooks().around(HookType.FIND, "trace", rows -> rows.checkpoint("find"));

        List<Instance> mine = users.create(Map.of("name", "Ada", "tenant", "acme"))
                .then(users.create(Map.of("name", "Bob", "tenant", "initech")))
                .thenMany(users.findAll())
                .contextWrite(Context.of("tenant", "acme"))
                .collectList().block();
        users.hooks().remove(HookType.FIND, "tenant");
        assertEquals(1, mine.size());
        assertEquals("Ada", mine.get(0).get("name"));
        assertEquals(2, saves.get());
        assertEquals(2, users.findAll().count().block(WAIT));
        db.hooks().remove(HookType.FIND, "trace");
    }
}
