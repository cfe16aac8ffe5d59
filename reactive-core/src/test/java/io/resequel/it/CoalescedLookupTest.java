package io.resequel.it;

import static io.resequel.it.TransactionTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.DatabaseException;
import io.resequel.exec.LookupCoalescing;
import io.resequel.exec.StatementListener;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.sql.Sql;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Coalesced primary-key lookups ({@code coalesceLookups}, issue 17's DataLoader item): concurrent {@code findByPk}
 * calls share {@code IN (...)} queries, each caller gets its own row or empty, nothing crosses a transaction, and a
 * cancelled caller neither cancels the others nor leaves a connection behind.
 */
class CoalescedLookupTest {

    /** The SELECTs of the lookup table, as sent. */
    private static final class Selects implements StatementListener {
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onStatement(Sql sql, Duration elapsed, Throwable error) {
            if (sql.text().startsWith("SELECT") && sql.text().contains("cl_items")) {
                texts.add(sql.text());
            }
        }
    }

    private static Resequel connect(TestDb t, Selects selects, LookupCoalescing limits, int poolMax) {
        return t.connect(b -> b.coalesceLookups(limits).listener(selects).pool(p -> p.max(poolMax)));
    }

    @DatabaseTest
    void readmeExample(TestDb t) {
        Resequel db = t.connect(b -> b
                // tag::coalesce[]
                .coalesceLookups() // or .coalesceLookups(new LookupCoalescing(64, 4)): keys per query, queries at once
                // end::coalesce[]
        );
        Model<Instance> users = items(db, 100, false);
        // tag::coalesce-use[]
        // 100 concurrent lookups: the first goes out alone, those arriving meanwhile share IN (...) queries
        List<Instance> found = Flux.range(1, 100).flatMap(id -> users.findByPk(id), 16).collectList().block();
        // end::coalesce-use[]
        assertEquals(100, found.size());
    }

    private static Model<Instance> items(Resequel db, int rows, boolean paranoid) {
        Model<Instance> m = db.define("ClItem", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("cl_items").paranoid(paranoid)));
        db.sync(io.resequel.query.SyncOptions.force()).block(WAIT);
        m.bulkCreate(IntStream.rangeClosed(1, rows).mapToObj(i -> Map.<String, Object>of("name", "item " + i))
                .toList()).blockLast(WAIT);
        return m;
    }

    private static List<Object> names(List<Optional<Instance>> found) {
        return found.stream().map(o -> o.map(i -> i.get("name")).orElse(null)).collect(Collectors.toList());
    }

    private static Mono<Optional<Instance>> lookup(Model<Instance> m, Object key) {
        return m.findByPk(key).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    @DatabaseTest
    void concurrentLookupsShareQueriesAndEachCallerGetsItsRow(TestDb t) {
        Selects selects = new Selects();
        Resequel db = connect(t, selects, new LookupCoalescing(64, 1), 1);
        Model<Instance> m = items(db, 60, false);
        selects.texts.clear();
        // The pool's one connection is held, so the first lookup's query waits and the others queue behind it
        // (without this, on a fast in-process H2 a lookup can finish before the next one arrives: then nothing waits).
        Transaction holder = db.startTransaction().block(WAIT);
        java.util.concurrent.CompletableFuture<List<Optional<Instance>>> pending = Flux.range(1, 60)
                .flatMapSequential(i -> lookup(m, i), 60).collectList().toFuture();
        Mono.delay(Duration.ofMillis(300)).block();
        holder.commit().block(WAIT);
        List<Optional<Instance>> found = Mono.fromFuture(pending).block(WAIT);
        assertEquals(IntStream.rangeClosed(1, 60).mapToObj(i -> "item " + i).toList(), names(found));
        assertTrue(selects.texts.size() < 60, selects.texts.size() + " queries: " + selects.texts);
        assertTrue(selects.texts.stream().anyMatch(s -> s.contains(" IN (")), selects.texts.toString());
        TransactionTest.awaitNoAcquired(db);
    }

    @DatabaseTest
    void missingKeysAreEmptyAndTheSameKeyTwiceGivesTwoInstances(TestDb t) {
        Selects selects = new Selects();
        Resequel db = connect(t, selects, new LookupCoalescing(64, 1), 4);
        Model<Instance> m = items(db, 3, false);
        List<Optional<Instance>> found = Flux.just(1, 1, 999, 2, 3L).flatMapSequential(k -> lookup(m, k), 8)
                .collectList().block(WAIT);
        assertEquals(java.util.Arrays.asList("item 1", "item 1", null, "item 2", "item 3"), names(found));
        assertNotSame(found.get(0).get(), found.get(1).get(), "each caller may change its instance alone");
        found.get(0).get().set("name", "changed");
        assertEquals("item 1", found.get(1).get().get("name"));
        assertEquals(false, found.get(0).get().isNewRecord());
    }

    @DatabaseTest
    void softDeletedRowsStayHidden(TestDb t) {
        Resequel db = connect(t, new Selects(), new LookupCoalescing(8, 1), 4);
        Model<Instance> m = items(db, 10, true);
        m.destroy(Where.in("id", List.of(2, 4))).block(WAIT);
        List<Optional<Instance>> found = Flux.range(1, 5).flatMapSequential(i -> lookup(m, i), 5)
                .collectList().block(WAIT);
        assertEquals(java.util.Arrays.asList("item 1", null, "item 3", null, "item 5"), names(found));
    }

    @DatabaseTest
    void insideATransactionEveryLookupRunsOnItsOwnAndSeesTheTransactionsWrites(TestDb t) {
        Selects selects = new Selects();
        Resequel db = connect(t, selects, new LookupCoalescing(64, 1), 4);
        Model<Instance> m = items(db, 5, false);
        selects.texts.clear();
        List<Optional<Instance>> found = db.transaction(tx -> m.create(Map.of("name", "uncommitted"))
                .thenMany(Flux.range(1, 6).flatMapSequential(i -> lookup(m, i), 6)).collectList()).block(WAIT);
        assertEquals(List.of("item 1", "item 2", "item 3", "item 4", "item 5", "uncommitted"),
                names(found));
        assertEquals(6, selects.texts.size(), "no lookup in a transaction shares a query: " + selects.texts);
        assertTrue(selects.texts.stream().noneMatch(s -> s.contains(" IN (")));
    }

    @DatabaseTest
    void aCancelledLookupLeavesTheOthersAndAllCancelledReleasesTheConnection(TestDb t) {
        Selects selects = new Selects();
        Resequel db = connect(t, selects, new LookupCoalescing(64, 1), 1);
        Model<Instance> m = items(db, 5, false);
        // the pool's one connection is held: the first lookup's query waits for it, the next ones wait behind it
        Transaction holder = db.startTransaction().block(WAIT);
        AtomicReference<Object> first = new AtomicReference<>();
        AtomicReference<Object> third = new AtomicReference<>();
        Disposable a = lookup(m, 1).subscribe(first::set);
        Disposable b = lookup(m, 2).subscribe(o -> { });
        Disposable c = lookup(m, 3).subscribe(third::set);
        b.dispose();
        holder.commit().block(WAIT);
        long until = System.nanoTime() + WAIT.toNanos();
        while ((first.get() == null || third.get() == null) && System.nanoTime() < until) {
            Mono.delay(Duration.ofMillis(10)).block();
        }
        assertEquals("item 1", ((Optional<?>) first.get()).map(i -> ((Instance) i).get("name")).orElse(null));
        assertEquals("item 3", ((Optional<?>) third.get()).map(i -> ((Instance) i).get("name")).orElse(null));
        assertTrue(a.isDisposed() && c.isDisposed());
        TransactionTest.awaitNoAcquired(db);

        // every lookup of the running query cancelled: the query is cancelled and its connection comes back
        Transaction again = db.startTransaction().block(WAIT);
        Disposable only = lookup(m, 4).subscribe(o -> { });
        only.dispose();
        again.commit().block(WAIT);
        TransactionTest.awaitNoAcquired(db);
        assertEquals("item 5", lookup(m, 5).block(WAIT).map(i -> i.get("name")).orElse(null),
                "the cancelled query freed its place: later lookups still run");
    }

    @DatabaseTest
    void aFailingQueryFailsEveryLookupWithTheTypedError(TestDb t) {
        Resequel db = connect(t, new Selects(), new LookupCoalescing(64, 1), 4);
        Model<Instance> m = items(db, 3, false);
        db.drop(m).block(WAIT);
        List<Throwable> errors = Flux.range(1, 5).flatMap(i -> m.findByPk(i).then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just), 5).collectList().block(WAIT);
        assertEquals(5, errors.size());
        errors.forEach(e -> assertTrue(e instanceof DatabaseException, e.toString()));
        TransactionTest.awaitNoAcquired(db);
    }

    @DatabaseTest
    void stringKeysAndOffByDefaultAreNotCoalesced(TestDb t) {
        Selects selects = new Selects();
        Resequel plain = t.connect(b -> b.listener(selects));
        Model<Instance> m = items(plain, 10, false);
        selects.texts.clear();
        Flux.range(1, 10).flatMap(i -> m.findByPk(i), 10).collectList().block(WAIT);
        assertEquals(10, selects.texts.size(), "coalescing is opt-in");
        assertThrows(IllegalArgumentException.class, () -> new LookupCoalescing(1, 1));
    }
}
