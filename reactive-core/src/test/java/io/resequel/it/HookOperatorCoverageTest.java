package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.UniqueConstraintException;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.Created;
import io.resequel.query.IncrementOptions;
import io.resequel.query.Page;
import io.resequel.query.UpsertOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Operator hooks around every model operation (issue 18): bulk writes, restore, upsert, findOrCreate,
 * findAndCountAll, increments, reload and aggregates each reach the operators of the type a Sequelize user would
 * look for; a bulk write is wrapped whole (its transaction included), so a timeout cuts and rolls it back, an error
 * mapped by an operator reaches the caller, and the operator sees the result after the COMMIT. Tables {@code hko_}.
 */
class HookOperatorCoverageTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** Every operator hook type, in declaration order. */
    static final List<HookType> OPERATIONS = Arrays.stream(HookType.values())
            .filter(h -> h.compareTo(HookType.FIND) >= 0).toList();

    static Model<Instance> items(Resequel db) {
        Model<Instance> items = db.define("HkoItem", m -> m
                .attribute("name", DataTypes.STRING, a -> a.unique(true))
                .attribute("tenant", DataTypes.STRING)
                .attribute("qty", DataTypes.INTEGER)
                .options(o -> o.tableName("hko_items").paranoid(true)));
        db.sync().block(WAIT);
        return items;
    }

    /** The operator types one call went through, outermost first, as recorded by {@code seen}. */
    static List<String> through(List<String> seen, Runnable call) {
        seen.clear();
        call.run();
        return List.copyOf(seen);
    }

    static long rows(TestDb t) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q("hko_items")).blockFirst(WAIT).get("n"))
                .longValue();
    }

    @DatabaseTest
    void everyOperationGoesThroughTheOperatorsOfItsType(TestDb t) {
        Model<Instance> items = items(t.db());
        List<String> seen = new CopyOnWriteArrayList<>();
        for (HookType type : OPERATIONS) {
            // the operator function runs once per call, when the call is subscribed: outermost first
            items.hooks().around(type, "seen", call -> {
                seen.add(type.name());
                return call;
            });
        }
        AtomicLong dbWide = new AtomicLong();
        t.db().hooks().around(HookType.BULK_UPDATE, "db", call -> call.doOnSubscribe(s -> dbWide.incrementAndGet()));

        assertEquals(List.of("BULK_CREATE"), through(seen, () -> items.bulkCreate(List.of(
                Map.of("name", "a", "qty", 1), Map.of("name", "b", "qty", 2))).blockLast(WAIT)));
        assertEquals(List.of("BULK_CREATE", "SAVE", "CREATE"), through(seen, () -> items.bulkCreate(
                List.of(Map.of("name", "c", "qty", 3)), BulkCreateOptions.builder().individualHooks().build())
                .blockLast(WAIT)), "individualHooks: each instance's save inside the bulk operation");
        assertEquals(List.of(), through(seen, () -> items.bulkCreate(List.of(Map.of("name", "d", "qty", 4)),
                BulkCreateOptions.builder().withoutHooks().build()).blockLast(WAIT)), "withoutHooks skips them");

        assertEquals(List.of("BULK_UPDATE"), through(seen, () -> items.update(Map.of("tenant", "x"),
                Where.eq("name", "a")).block(WAIT)));
        assertEquals(List.of("BULK_UPDATE"), through(seen, () -> items.update(Map.of("tenant", "y"),
                o -> o.where(Where.eq("name", "b"))).block(WAIT)));
        assertEquals(List.of(), through(seen, () -> items.update(Map.of("tenant", "z"),
                o -> o.where(Where.eq("name", "b")).withoutHooks()).block(WAIT)));
        assertEquals(List.of("BULK_UPDATE"), through(seen, () -> items.increment(Map.of("qty", 10),
                Where.eq("name", "a")).block(WAIT)), "a static increment is a bulk UPDATE");
        assertEquals(List.of("BULK_UPDATE"), through(seen, () -> items.decrement(List.of("qty"),
                IncrementOptions.by(5).where(Where.eq("name", "a"))).block(WAIT)));
        assertEquals(4, dbWide.get(), "the database-wide BULK_UPDATE operator saw the four calls that kept hooks");

        Instance a = items.findOne(q -> q.where(Where.eq("name", "a"))).block(WAIT);
        assertEquals(6, ((Number) a.get("qty")).intValue());
        assertEquals(List.of("UPDATE"), through(seen, () -> a.increment("qty", 1).block(WAIT)),
                "an instance increment updates the row without saving the instance");
        assertEquals(List.of("UPDATE"), through(seen, () -> a.decrement("qty", 2).block(WAIT)));
        assertEquals(List.of("FIND"), through(seen, () -> a.reload().block(WAIT)), "reload is a find");
        assertEquals(5, ((Number) a.get("qty")).intValue());

        assertEquals(List.of("DESTROY"), through(seen, () -> a.destroy().block(WAIT)));
        assertEquals(List.of("RESTORE"), through(seen, () -> a.restore().block(WAIT)));
        assertEquals(List.of("BULK_DESTROY"), through(seen, () -> items.destroy(Where.eq("name", "b")).block(WAIT)));
        assertEquals(List.of("BULK_RESTORE"), through(seen, () -> items.restore(Where.eq("name", "b")).block(WAIT)));
        assertEquals(List.of("BULK_DESTROY"), through(seen, () -> items.destroy(o -> o.where(Where.eq("name", "c"))
                .force()).block(WAIT)));
        assertEquals(List.of("BULK_RESTORE"), through(seen, () -> items.restore(o -> o.where(Where.eq("name", "c")))
                .block(WAIT)));

        assertEquals(List.of("UPSERT"), through(seen, () -> items.upsert(Map.of("name", "e", "qty", 7)).block(WAIT)));
        assertEquals(List.of(), through(seen, () -> items.upsert(Map.of("name", "f", "qty", 8),
                UpsertOptions.builder().withoutHooks().build()).block(WAIT)));

        assertEquals(List.of("FIND", "SAVE", "CREATE"), through(seen, () -> assertTrue(items.findOrCreate(
                Where.eq("name", "g"), Map.of("qty", 9)).block(WAIT).created())),
                "findOrCreate is a find, then a create (Sequelize fires find and create hooks)");
        assertEquals(List.of("FIND"), through(seen, () -> items.findOrCreate(Where.eq("name", "g"), Map.of())
                .block(WAIT)));
        Page<Instance>[] page = new Page[1];
        assertEquals(List.of("COUNT", "FIND"), through(seen, () -> page[0] = items.findAndCountAll(q -> q.limit(2))
                .block(WAIT)), "findAndCountAll is a count and a find");
        assertEquals(6, page[0].count());

        assertEquals(List.of("AGGREGATE"), through(seen, () -> assertEquals(9, ((Number) items.max("qty", null)
                .block(WAIT)).intValue())));
        assertEquals(List.of("AGGREGATE"), through(seen, () -> items.min("qty", null).block(WAIT)));
        assertEquals(List.of("AGGREGATE"), through(seen, () -> items.sum("qty", Where.eq("name", "a")).block(WAIT)));
        assertEquals(List.of("AGGREGATE"), through(seen, () -> items.countGrouped(q -> q.group("tenant"))
                .collectList().block(WAIT)));
        assertEquals(List.of("COUNT"), through(seen, () -> items.count().block(WAIT)));

        assertEquals(List.of("BULK_DESTROY"), through(seen, () -> items.truncate().block(WAIT)),
                "truncate is Sequelize's destroy({truncate: true})");
        assertEquals(0, rows(t));
        t.db().hooks().remove(HookType.BULK_UPDATE, "db");
    }

    @DatabaseTest
    void aCreateWithIncludesGoesThroughTheRootsSaveAndCreateOperators(TestDb t) {
        Model<Instance> items = items(t.db());
        Model<Instance> parts = t.db().define("HkoPart", m -> m.attribute("label", DataTypes.STRING)
                .options(o -> o.tableName("hko_parts")));
        items.hasMany(parts, a -> a.as("parts").foreignKey("itemId"));
        t.db().sync().block(WAIT);
        List<String> seen = new CopyOnWriteArrayList<>();
        for (HookType type : OPERATIONS) {
            items.hooks().around(type, "seen", call -> {
                seen.add(type.name());
                return call;
            });
        }
        Instance made = items.create(Map.of("name", "kit", "parts", List.of(Map.of("label", "p1"), Map.of("label",
                "p2"))), io.resequel.query.Include.of("parts")).block(WAIT);
        assertEquals(List.of("SAVE", "CREATE"), seen);
        assertEquals(2, ((List<?>) made.get("parts")).size());
        seen.clear();
        assertEquals(2, items.bulkCreate(List.of(Map.of("name", "k2", "parts", List.of(Map.of("label", "p3"))),
                Map.of("name", "k3")), io.resequel.query.Include.of("parts")).count().block(WAIT));
        assertEquals(List.of("BULK_CREATE"), seen);
    }

    private static Object label(Object part) {
        return ((Instance) part).get("label");
    }

    @DatabaseTest
    void aCreateWithIncludesRunsEachNestedRecordThroughItsOwnModelsOperators(TestDb t) {
        Model<Instance> items = items(t.db());
        Model<Instance> parts = t.db().define("HkoPart", m -> m.attribute("label", DataTypes.STRING, a -> a.unique(true))
                .options(o -> o.tableName("hko_parts")));
        items.hasMany(parts, a -> a.as("parts").foreignKey("itemId"));
        t.db().sync().block(WAIT);
        List<String> seen = new CopyOnWriteArrayList<>();
        parts.hooks().around(HookType.SAVE, "seen", call -> call.doOnNext(p -> seen.add("SAVE " + label(p))));
        parts.hooks().around(HookType.CREATE, "seen", call -> call.doOnNext(p -> seen.add("CREATE " + label(p))));
        parts.hooks().around(HookType.CREATE, "mapped", call -> call.onErrorMap(UniqueConstraintException.class,
                e -> new IllegalArgumentException("label taken", e)));
        items.create(Map.of("name", "kit", "parts", List.of(Map.of("label", "p1"), Map.of("label", "p2"))),
                io.resequel.query.Include.of("parts")).block(WAIT);
        assertEquals(List.of("CREATE p1", "SAVE p1", "CREATE p2", "SAVE p2"), seen);

        // a nested record's operator maps its error; the whole graph rolls back
        Throwable e = HookOperatorTest.error(items.create(Map.of("name", "kit2", "parts", List.of(
                Map.of("label", "p3"), Map.of("label", "p1"))), io.resequel.query.Include.of("parts")).flux());
        assertInstanceOf(IllegalArgumentException.class, e);
        assertEquals(0L, items.count(Where.eq("name", "kit2")).block(WAIT));
        assertEquals(0L, parts.count(Where.eq("label", "p3")).block(WAIT));
    }

    @DatabaseTest
    void aBulkWriteReachesItsOperatorOnlyAfterItsCommit(TestDb t) {
        Model<Instance> items = items(t.db());
        List<Long> visible = new CopyOnWriteArrayList<>();
        // For each instance the operator receives, the rows another connection sees at that moment.
        items.hooks().around(HookType.BULK_CREATE, "outside", call -> call.concatMap(i -> t.raw(
                "SELECT COUNT(*) AS n FROM " + t.q("hko_items")).next()
                .doOnNext(r -> visible.add(((Number) r.get("n")).longValue())).thenReturn(i)));
        List<Long> counted = new CopyOnWriteArrayList<>();
        items.hooks().around(HookType.BULK_UPDATE, "outside", call -> call.concatMap(n -> t.raw(
                "SELECT COUNT(*) AS n FROM " + t.q("hko_items") + " WHERE " + t.q("tenant") + " = 'moved'").next()
                .doOnNext(r -> counted.add(((Number) r.get("n")).longValue())).thenReturn(n)));
        // an event hook makes the bulk update take its own transaction (hooks run inside it)
        items.hooks().add(HookType.BEFORE_BULK_UPDATE, "event", e -> Mono.empty());

        assertEquals(3, items.bulkCreate(List.of(Map.of("name", "a"), Map.of("name", "b"), Map.of("name", "c")))
                .count().block(WAIT));
        assertEquals(List.of(3L, 3L, 3L), visible, "all three rows were committed before the first reached it");
        assertEquals(3L, items.update(Map.of("tenant", "moved"), Where.and()).block(WAIT));
        assertEquals(List.of(3L), counted);
    }

    /**
     * A bulk update that holds its connection for 5 s: a server-side sleep in its where (PostgreSQL, MySQL), or on
     * H2, which cannot sleep in SQL, a beforeBulkUpdate hook that waits inside the update's own transaction.
     */
    static Mono<Long> slowUpdate(TestDb t, Model<Instance> items) {
        if (t.is("h2")) {
            items.hooks().add(HookType.BEFORE_BULK_UPDATE, "slow", e -> Mono.delay(Duration.ofSeconds(5)).then());
            return items.update(Map.of("tenant", "cut"), Where.eq("name", "a"));
        }
        return items.update(Map.of("tenant", "cut"), Where.eq("name", "a").and(HookOperatorTest.sleepingWhere(t, 5)));
    }

    /** A bulkCreate whose own transaction waits 5 s before its INSERT (a server-side sleep; H2: a delay). */
    static Flux<Instance> slowBulkCreate(TestDb t, Resequel db, Model<Instance> items) {
        items.hooks().add(HookType.BEFORE_BULK_CREATE, "slow", e -> t.is("h2")
                ? Mono.delay(Duration.ofSeconds(5)).then()
                : db.query(t.is("postgres") ? "SELECT pg_sleep(5)" : "SELECT SLEEP(5)", o -> { }).then());
        return items.bulkCreate(List.of(Map.of("name", "x1"), Map.of("name", "x2")));
    }

    static long tookMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @DatabaseTest
    void aTimeoutOperatorCutsASlowBulkWriteAndReleasesItsConnection(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1)));
        Model<Instance> items = items(db);
        items.create(Map.of("name", "a", "tenant", "kept")).block(WAIT);
        items.hooks().around(HookType.BULK_UPDATE, "timeout", call -> call.timeout(Duration.ofMillis(300)));
        items.hooks().around(HookType.BULK_CREATE, "timeout", call -> call.timeout(Duration.ofMillis(300)));

        long start = System.nanoTime();
        Throwable e = HookOperatorTest.error(slowUpdate(t, items).flux());
        long took = tookMs(start);
        assertInstanceOf(TimeoutException.class, e);
        assertTrue(took >= 290 && took < 3000, "cut after " + took + " ms for a 300 ms timeout");
        HookOperatorTest.assertConnectionFree(db);
        assertEquals("kept", items.findOne(q -> q.where(Where.eq("name", "a"))).block(WAIT).get("tenant"),
                "the cut update changed nothing");

        start = System.nanoTime();
        e = HookOperatorTest.error(slowBulkCreate(t, db, items));
        took = tookMs(start);
        assertInstanceOf(TimeoutException.class, e);
        assertTrue(took >= 290 && took < 3000, "cut after " + took + " ms for a 300 ms timeout");
        HookOperatorTest.assertConnectionFree(db);
        assertEquals(1, rows(t), "the bulkCreate's transaction was rolled back: no row of it is left");

        items.hooks().remove(HookType.BEFORE_BULK_UPDATE, "slow");
        items.hooks().remove(HookType.BEFORE_BULK_CREATE, "slow");
        assertEquals(1L, items.update(Map.of("tenant", "quick"), Where.eq("name", "a")).block(WAIT),
                "a quick update passes the policy");
        db.query("DROP TABLE " + t.q("hko_items"), o -> { }).block(WAIT);
    }

    @DatabaseTest
    void cancellingABulkWriteCancelsThroughItsOperatorAndReleasesTheConnection(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1)));
        Model<Instance> items = items(db);
        items.create(Map.of("name", "a", "tenant", "kept")).block(WAIT);
        AtomicBoolean cancelled = new AtomicBoolean();
        items.hooks().around(HookType.BULK_UPDATE, "watch", call -> call.doOnCancel(() -> cancelled.set(true)));
        Disposable running = slowUpdate(t, items).subscribe(n -> { }, err -> { });
        Mono.delay(Duration.ofMillis(300)).block();
        running.dispose();
        assertTrue(cancelled.get(), "the caller's cancel passed through the operator");
        HookOperatorTest.assertConnectionFree(db);
        items.hooks().remove(HookType.BEFORE_BULK_UPDATE, "slow");
        assertEquals("kept", items.findOne(q -> q.where(Where.eq("name", "a"))).block(WAIT).get("tenant"));
        db.query("DROP TABLE " + t.q("hko_items"), o -> { }).block(WAIT);
    }

    /** A checked exception of the user's own, to show it arrives unwrapped. */
    static final class Duplicate extends Exception {
        Duplicate(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @DatabaseTest
    void errorsMappedOrRaisedByAnOperatorReachTheCaller(TestDb t) {
        Model<Instance> items = items(t.db());
        items.create(Map.of("name", "a", "qty", 1)).block(WAIT);
        items.hooks().around(HookType.BULK_CREATE, "map", call -> call.onErrorMap(UniqueConstraintException.class,
                e -> new Duplicate("already there: " + e.getMessage(), e)));
        Throwable e = HookOperatorTest.error(items.bulkCreate(List.of(Map.of("name", "b"), Map.of("name", "a"))));
        assertInstanceOf(Duplicate.class, e, "the operator mapped the database's error");
        assertInstanceOf(UniqueConstraintException.class, e.getCause());
        assertEquals(1, rows(t), "the bulkCreate's transaction rolled back: b is not there either");

        RuntimeException thrown = new IllegalStateException("read-only tenant");
        items.hooks().around(HookType.BULK_DESTROY, "guard", call -> {
            throw thrown;
        });
        assertSame(thrown, HookOperatorTest.error(items.destroy(Where.and()).flux()), "thrown while assembling");
        assertSame(thrown, HookOperatorTest.error(items.truncate().flux()));
        assertEquals(1, rows(t), "the destroy never ran");

        items.hooks().around(HookType.UPSERT, "deny", call -> call.concatWith(Mono.error(new IllegalStateException(
                "quota"))));
        e = HookOperatorTest.error(items.upsert(Map.of("name", "c", "qty", 3)).flux());
        assertEquals("quota", e.getMessage());
        assertEquals(2, rows(t), "outside a transaction the upsert was committed before its operator's result");
        e = HookOperatorTest.error(t.db().transaction(tx -> items.upsert(Map.of("name", "d", "qty", 4))).flux());
        assertEquals("quota", e.getMessage());
        assertEquals(2, rows(t), "inside a managed transaction the operator's error rolls the upsert back");

        items.hooks().around(HookType.AGGREGATE, "deny", call -> call.onErrorMap(err -> new IllegalStateException(
                "no such column", err)));
        e = HookOperatorTest.error(items.sum("nope", null).flux());
        assertEquals("no such column", e.getMessage(), "a failing aggregate's error mapped by its operator");
    }

    @DatabaseTest
    void anUpsertReadsItsRowBackFromTheWriterPastFindHooksAndOperators(TestDb t) {
        String reader = t.isolatedDatabase();
        items(t.connect(b -> b.url(reader))); // the same table, empty, standing in for a replica that lags
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(reader)));
        Model<Instance> items = items(db);
        items.hooks().afterFindStream("hide", (Flux<Instance> rows) -> rows.filter(r -> false));
        AtomicLong beforeFind = new AtomicLong();
        items.hooks().add(HookType.BEFORE_FIND, "count", e -> Mono.fromRunnable(beforeFind::incrementAndGet));

        Created<Instance> first = items.upsert(Map.of("name", "u", "qty", 1)).block(WAIT);
        assertEquals(1, ((Number) first.instance().get("qty")).intValue(), "read back: " + first);
        Created<Instance> second = items.upsert(Map.of("name", "u", "qty", 2)).block(WAIT);
        assertEquals(2, ((Number) second.instance().get("qty")).intValue(), "read back: " + second);
        assertEquals(first.instance().get("id"), second.instance().get("id"));
        assertEquals(0, beforeFind.get(), "the upsert's own look-ups are not the user's finds (Sequelize: no find hooks)");
        assertEquals(List.of(), items.findAll().collectList().block(WAIT), "the user's finds do pass the filter");
        assertEquals(1, beforeFind.get());
    }

    @DatabaseTest
    void readmeExample(TestDb t) {
        Resequel db = t.db();
        Model<Instance> users = db.define("HkoUser", m -> m
                .attribute("name", DataTypes.STRING, a -> a.unique(true))
                .attribute("tenant", DataTypes.STRING)
                .options(o -> o.tableName("hko_users")));
        db.sync().block(WAIT);
        List<String> traced = new CopyOnWriteArrayList<>();
        // tag::hooks-bulk[]
        AtomicLong created = new AtomicLong();
        users.hooks().around(HookType.BULK_UPDATE, "timeout", call -> call.timeout(Duration.ofSeconds(5)));
        users.hooks().around(HookType.BULK_CREATE, "metrics", call -> call.doOnNext(u -> created.incrementAndGet()));
        users.hooks().around(HookType.BULK_CREATE, "duplicates", call -> call.onErrorMap(
                UniqueConstraintException.class, e -> new IllegalArgumentException("name taken", e)));
        db.hooks().around(HookType.AGGREGATE, "trace", call -> call.doOnSubscribe(s -> traced.add("aggregate")));

        users.bulkCreate(List.of(Map.of("name", "Ada"), Map.of("name", "Bob"))).blockLast();   // committed, then counted
        Long moved = users.update(Map.of("tenant", "acme"), Where.and()).block();             // 2, within 5 s or cut
        Object last = users.max("name", null).block();                                         // "Bob", traced
        // users.bulkCreate(List.of(Map.of("name", "Ada"))) fails with IllegalArgumentException("name taken")
        // end::hooks-bulk[]
        assertEquals(2, created.get());
        assertEquals(2L, moved);
        assertEquals("Bob", last);
        assertEquals(List.of("aggregate"), traced);
        Throwable e = HookOperatorTest.error(users.bulkCreate(List.of(Map.of("name", "Ada"))));
        assertInstanceOf(IllegalArgumentException.class, e);
        assertEquals("name taken", e.getMessage());
        db.hooks().remove(HookType.AGGREGATE, "trace");
    }
}
