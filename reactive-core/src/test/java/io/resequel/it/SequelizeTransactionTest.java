package io.resequel.it;

import static io.resequel.it.TransactionTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.IsolationLevel;
import io.resequel.Resequel;
import io.resequel.Retries;
import io.resequel.assoc.BelongsToMany;
import io.resequel.error.DeadlockException;
import io.resequel.error.LockWaitTimeoutException;
import io.resequel.error.TransactionConflictException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Lock;
import io.resequel.query.Order;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.sql.Feature;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionFinishedException;
import io.resequel.tx.TransactionOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;
import reactor.test.StepVerifier;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/transaction.test.js}: the transaction object, managed
 * ("auto-callback") transactions, use after the end, afterCommit, deadlocks, isolation levels and row locks. The
 * mapping of each {@code it(...)} is in {@code docs/sequelize-parity.md}.
 */
class SequelizeTransactionTest {

    private static final String SELECT = "SELECT 1+1 AS r";
    private static final TransactionOptions READ_COMMITTED =
            TransactionOptions.builder().isolation(IsolationLevel.READ_COMMITTED).build();

    /** Sequelize's {@code define('user', {username, awesome})}, synced. */
    static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("awesome", DataTypes.BOOLEAN)
                .options(o -> o.timestamps(false)));
        t.db().sync().block(WAIT);
        return m;
    }

    // ---- constructor ------------------------------------------------------------------------------------------

    @DatabaseTest
    void storesOptionsAndGeneratesAnIdentifier(TestDb t) {
        TransactionOptions options = READ_COMMITTED;
        Transaction first = t.db().startTransaction(options).block(WAIT);
        Transaction second = t.db().startTransaction().block(WAIT);
        Transaction nested = t.db().startTransaction(TransactionOptions.builder().parent(first).build()).block(WAIT);
        try {
            assertSame(options, first.options());
            assertSame(TransactionOptions.DEFAULTS, second.options());
            assertSame(first, nested.options().parent());
            assertNotNull(first.id());
            assertNotEquals(first.id(), second.id());
            assertTrue(nested.id().startsWith(first.id() + "_sp_"), nested.id());
        } finally {
            nested.rollback().then(first.rollback()).then(second.rollback()).block(WAIT);
        }
    }

    // ---- autoCallback (managed transactions) ------------------------------------------------------------------

    @DatabaseTest
    void supportsAutomaticallyCommitting(TestDb t) {
        AtomicReference<Transaction> seen = new AtomicReference<>();
        assertEquals(42, t.db().transaction(tx -> {
            seen.set(tx);
            return Mono.just(42);
        }).block(WAIT));
        assertEquals(Transaction.State.COMMITTED, seen.get().state());
        assertNull(t.db().transaction(tx -> Mono.empty()).block(WAIT), "an empty body commits too");
    }

    @DatabaseTest
    void supportsAutomaticallyRollingBackWithAThrownError(TestDb t) {
        AtomicReference<Transaction> seen = new AtomicReference<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.db().transaction(tx -> {
            seen.set(tx);
            throw new IllegalStateException("Yolo"); // thrown by the function itself, before any Mono
        }).block(WAIT));
        assertEquals("Yolo", e.getMessage());
        assertEquals(Transaction.State.ROLLED_BACK, seen.get().state());
    }

    @DatabaseTest
    void supportsAutomaticallyRollingBackWithARejection(TestDb t) {
        AtomicReference<Transaction> seen = new AtomicReference<>();
        StepVerifier.create(t.db().transaction(tx -> {
            seen.set(tx);
            return Mono.error(new IllegalStateException("Swag"));
        })).expectErrorMessage("Swag").verify(WAIT);
        assertEquals(Transaction.State.ROLLED_BACK, seen.get().state());
    }

    @DatabaseTest
    void runsAfterCommitHooksWhenAManagedTransactionCommits(TestDb t) {
        List<Transaction.State> calls = new CopyOnWriteArrayList<>();
        AtomicReference<Transaction> seen = new AtomicReference<>();
        Object sum = t.db().transaction(tx -> {
            seen.set(tx);
            // Sequelize passes the transaction to the hook; a Java callback closes over it
            tx.afterCommit(() -> Mono.fromRunnable(() -> calls.add(tx.state())));
            return t.db().query(SELECT, q -> q.transaction(tx)).map(r -> r.rows().get(0).values().iterator().next());
        }).block(WAIT);
        assertEquals(2L, ((Number) sum).longValue());
        assertEquals(List.of(Transaction.State.COMMITTED), calls, "called once, after the COMMIT");
    }

    @DatabaseTest
    void doesNotRunAfterCommitHooksWhenAManagedTransactionRollsBack(TestDb t) {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.create(t.db().transaction(tx -> {
            tx.afterCommit(() -> Mono.fromRunnable(calls::incrementAndGet));
            return Mono.error(new IllegalStateException("Rollback"));
        })).expectErrorMessage("Rollback").verify(WAIT);
        assertEquals(0, calls.get());
    }

    /**
     * Sequelize's managed call commits after the callback and so rejects with "cannot be committed because it has
     * been finished with state: rollback" when the callback rolled back itself. Ours did emit the body's value as if
     * committed; now the caller gets {@link TransactionFinishedException}. A body that committed itself still gives
     * its value (it was committed).
     */
    @DatabaseTest
    void aManagedBodyThatRolledBackItselfIsNotReportedAsCommitted(TestDb t) {
        Model<Instance> users = users(t);
        TransactionFinishedException e = assertThrows(TransactionFinishedException.class, () -> t.db().transaction(
                tx -> users.create(Map.of("username", "jan")).then(tx.rollback()).thenReturn("value")).block(WAIT));
        assertEquals(Transaction.State.ROLLED_BACK, e.state());
        assertTrue(e.getMessage().contains("cannot be committed"), e.getMessage());
        assertEquals("value", t.db().transaction(tx -> users.create(Map.of("username", "joe")).then(tx.commit())
                .thenReturn("value")).block(WAIT));
        assertEquals(List.of("joe"), users.findAll().map(i -> i.get("username")).collectList().block(WAIT));
    }

    /** #3689: PostgreSQL's SSI refuses the COMMIT of the first transaction; nothing tries to roll it back then. */
    @DatabaseTest
    void aSerializationFailureAtCommitIsNotRolledBackAgain(TestDb t) {
        if (!t.is("postgres")) {
            return; // Sequelize runs this on PostgreSQL only: the others detect the conflict with locks, not at COMMIT
        }
        Model<Instance> dots = t.db().define("dot", s -> s.attribute("color", DataTypes.STRING));
        t.db().sync().block(WAIT);
        List<Map<String, Object>> initial = new java.util.ArrayList<>();
        for (String c : "rggrgrgggrrrgrrrgr".split("")) {
            initial.add(Map.of("color", c.equals("r") ? "red" : "green"));
        }
        dots.bulkCreate(initial).blockLast(WAIT);
        TransactionOptions serializable = TransactionOptions.builder().isolation(IsolationLevel.SERIALIZABLE).build();
        AtomicReference<Transaction> firstTx = new AtomicReference<>();
        List<String> events = new CopyOnWriteArrayList<>();
        Mono<Void> first = t.db().transaction(serializable, tx -> {
            firstTx.set(tx);
            return dots.update(Map.of("color", "red"), Where.eq("color", "green"))
                    .then(Mono.delay(Duration.ofMillis(600)))
                    .then(Mono.fromRunnable(() -> events.add("first near commit")));
        }).then();
        Mono<Void> second = Mono.delay(Duration.ofMillis(200)).then(t.db().transaction(serializable, tx ->
                dots.update(Map.of("color", "green"), Where.eq("color", "red"))
                        .then(Mono.fromRunnable(() -> events.add("second near commit"))))).then();
        StepVerifier.create(Mono.when(first, second)).expectErrorSatisfies(e -> {
            TransactionConflictException conflict = assertInstanceOf(TransactionConflictException.class, e,
                    e.toString());
            assertTrue(conflict.getMessage().contains("could not serialize access"), conflict.getMessage());
            assertEquals(0, conflict.getSuppressed().length, "no ROLLBACK was attempted after the failed COMMIT");
        }).verify(WAIT);
        assertEquals(List.of("second near commit", "first near commit"), events);
        assertEquals(Transaction.State.COMMITTED, firstTx.get().state(), "Sequelize: finished = 'commit'");
        assertEquals(0L, dots.count(Where.eq("color", "red")).block(WAIT), "only the second transaction worked");
        assertEquals((long) initial.size(), dots.count(Where.eq("color", "green")).block(WAIT));
    }

    // ---- use after the end ------------------------------------------------------------------------------------

    @DatabaseTest
    void doesNotAllowQueriesAfterCommit(TestDb t) {
        Transaction tx = t.db().startTransaction().block(WAIT);
        t.db().query(SELECT, q -> q.transaction(tx)).block(WAIT);
        tx.commit().block(WAIT);
        assertRefused(tx, "committed", () -> t.db().query(SELECT, q -> q.transaction(tx)).block(WAIT));
    }

    @DatabaseTest
    void doesNotAllowQueriesImmediatelyAfterCommitCall(TestDb t) {
        Transaction tx = t.db().startTransaction().block(WAIT);
        t.db().query(SELECT, q -> q.transaction(tx)).block(WAIT);
        Throwable late = endAndQueryAtOnce(t, tx, Transaction::commit);
        assertRefused(tx, "committed", () -> {
            throw (RuntimeException) late;
        });
        assertEquals(Transaction.State.COMMITTED, tx.state());
    }

    @DatabaseTest
    void doesNotAllowQueriesAfterRollback(TestDb t) {
        Transaction tx = t.db().startTransaction().block(WAIT);
        t.db().query(SELECT, q -> q.transaction(tx)).block(WAIT);
        tx.rollback().block(WAIT);
        assertRefused(tx, "rolled back", () -> t.db().query(SELECT, q -> q.transaction(tx)).block(WAIT));
    }

    @DatabaseTest
    void doesNotAllowQueriesImmediatelyAfterRollbackCall(TestDb t) {
        Transaction tx = t.db().startTransaction().block(WAIT);
        Throwable late = endAndQueryAtOnce(t, tx, Transaction::rollback);
        assertRefused(tx, "rolled back", () -> {
            throw (RuntimeException) late;
        });
    }

    /**
     * Subscribes the end of {@code tx} and then, before it completes, a query on it (Sequelize's
     * {@code Promise.all([t.commit(), query])}): the end succeeds, the query is refused.
     */
    private static Throwable endAndQueryAtOnce(TestDb t, Transaction tx, Function<Transaction, Mono<Void>> end) {
        Mono<Throwable> query = t.db().query(SELECT, q -> q.transaction(tx)).then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just);
        return Mono.zip(end.apply(tx).thenReturn(true), query).block(WAIT).getT2();
    }

    private static void assertRefused(Transaction tx, String state, Executable query) {
        TransactionFinishedException e = assertThrows(TransactionFinishedException.class, query);
        assertInstanceOf(io.resequel.error.ResequelException.class, e, "one root for every error of the library");
        assertEquals(tx.id(), e.transactionId());
        assertTrue(e.getMessage().contains(tx.id()) && e.getMessage().contains("finished with state: " + state),
                e.getMessage());
        assertEquals(SELECT, e.sql(), "the refused statement is attached, as in Sequelize's error.sql");
    }

    @DatabaseTest
    void doesNotAllowCommitsAfterCommit(TestDb t) {
        assertSecondEndRefused(t, Transaction::commit, Transaction::commit, "cannot be committed", "committed");
    }

    @DatabaseTest
    void doesNotAllowCommitsAfterRollback(TestDb t) {
        assertSecondEndRefused(t, Transaction::rollback, Transaction::commit, "cannot be committed", "rolled back");
    }

    @DatabaseTest
    void doesNotAllowRollbacksAfterCommit(TestDb t) {
        assertSecondEndRefused(t, Transaction::commit, Transaction::rollback, "cannot be rolled back", "committed");
    }

    @DatabaseTest
    void doesNotAllowRollbacksAfterRollback(TestDb t) {
        assertSecondEndRefused(t, Transaction::rollback, Transaction::rollback, "cannot be rolled back",
                "rolled back");
    }

    private static void assertSecondEndRefused(TestDb t, Function<Transaction, Mono<Void>> first,
            Function<Transaction, Mono<Void>> second, String refused, String state) {
        Transaction tx = t.db().startTransaction().block(WAIT);
        first.apply(tx).block(WAIT);
        TransactionFinishedException e = assertThrows(TransactionFinishedException.class,
                () -> second.apply(tx).block(WAIT));
        assertTrue(e.getMessage().contains(refused) && e.getMessage().contains("finished with state: " + state),
                e.getMessage());
        assertNull(e.sql());
        assertEquals(0, t.db().poolMetrics().acquired(), "the refused second end held no connection");
    }

    // ---- afterCommit on unmanaged transactions ----------------------------------------------------------------

    @DatabaseTest
    void runsHooksWhenAnUnmanagedTransactionCommits(TestDb t) {
        List<Transaction.State> calls = new CopyOnWriteArrayList<>();
        Transaction tx = t.db().startTransaction().block(WAIT);
        tx.afterCommit(() -> Mono.fromRunnable(() -> calls.add(tx.state())));
        tx.commit().block(WAIT);
        assertEquals(List.of(Transaction.State.COMMITTED), calls, "awaited before commit() completed");
    }

    @DatabaseTest
    void doesNotRunHooksWhenAnUnmanagedTransactionRollsBack(TestDb t) {
        AtomicInteger calls = new AtomicInteger();
        Transaction tx = t.db().startTransaction().block(WAIT);
        tx.afterCommit(() -> Mono.fromRunnable(calls::incrementAndGet));
        tx.rollback().block(WAIT);
        assertEquals(0, calls.get());
    }

    /** Sequelize refuses null, undefined or an object ("fn must be a function"); Java's types leave only null. */
    @DatabaseTest
    void refusesANullAfterCommitCallback(TestDb t) {
        Transaction tx = t.db().startTransaction().block(WAIT);
        assertThrows(NullPointerException.class, () -> tx.afterCommit(null));
        assertThrows(NullPointerException.class, () -> tx.afterRollback(null));
        assertEquals(Transaction.State.ACTIVE, tx.state(), "the refusal left the transaction usable");
        tx.commit().block(WAIT);
    }

    // ---- transaction: null / undefined ------------------------------------------------------------------------

    /**
     * Sequelize: {@code sequelize.transaction({transaction: null})} starts a root transaction that every one of its
     * statements runs in. Ours: an unmanaged transaction is a root unless a parent is named, even when started
     * inside a managed one (whose transaction is in the Reactor Context), and runs on its own connection.
     */
    @DatabaseTest
    void startTransactionWithoutAParentIsARootEvenInsideAnother(TestDb t) {
        Model<Instance> users = users(t);
        AtomicReference<Transaction> inner = new AtomicReference<>();
        t.db().transaction(outer -> t.db().startTransaction(TransactionOptions.DEFAULTS).flatMap(tx -> {
            inner.set(tx);
            assertNull(tx.parent());
            assertNull(tx.savepoint());
            assertNotEquals(outer.id(), tx.id());
            return users.create(Map.of("username", "jan"), SaveOptions.in(tx)).then(tx.commit());
        })).block(WAIT);
        assertEquals(Transaction.State.COMMITTED, inner.get().state());
        assertEquals(1L, users.count().block(WAIT));
    }

    // ---- deadlock handling (describe.skip in Sequelize for MySQL/MariaDB; run here on every database) ----------

    /**
     * Two managed transactions lock row 1 and row 2 in opposite orders, catching every error of their statements (as
     * Sequelize's test does), then insert a marker row and finally fail to roll back. The deadlock victim's marker
     * must never be committed: MariaDB and H2 already rolled the victim back, so the marker insert must be
     * refused (Sequelize marks the transaction rolled back) rather than run in auto-commit mode.
     */
    @DatabaseTest
    void treatsADeadlockedTransactionAsRolledBack(TestDb t) {
        Model<Instance> tasks = tasks(t);
        Barrier barrier = new Barrier();
        List<Throwable> caught = new CopyOnWriteArrayList<>();
        Function<int[], Mono<Object>> update = fromTo -> t.db().transaction(tx -> crossLock(tasks, fromTo[0], fromTo[1], barrier)
                        .onErrorResume(e -> record(caught, e))
                        .then(tasks.create(Map.of("id", 10 + fromTo[0], "title", "marker")).then()
                                .onErrorResume(e -> record(caught, e)))
                        .then(Mono.error(new IllegalStateException("Rollback!"))))
                .onErrorResume(IllegalStateException.class, e -> Mono.empty())
                .subscribeOn(Schedulers.boundedElastic());
        Mono.when(update.apply(new int[] {1, 2}), update.apply(new int[] {2, 1})).block(WAIT);
        assertTrue(caught.stream().anyMatch(e -> e instanceof TransactionConflictException), caught.toString());
        assertEquals(2L, tasks.count().block(WAIT), "both transactions were fully rolled back: no marker row");
        TransactionTest.awaitNoAcquired(t.db());
        // the connections went back clean: a READ COMMITTED transaction on the pool behaves as such
        assertEquals(List.of(0L, 1L), readCommittedSeesNewRows(t, users(t)));
    }

    /**
     * A managed body that catches the deadlock and completes must not be reported as committed: MariaDB and H2
     * rolled it back, so the caller gets {@link TransactionFinishedException} (Sequelize: "cannot be
     * committed because it has been finished with state: rollback") instead of the body's value.
     */
    @DatabaseTest
    void aBodyThatSwallowsADeadlockIsNotReportedAsCommitted(TestDb t) {
        if (!t.db().dialect().supports(Feature.DEADLOCK_ENDS_TRANSACTION)) {
            return; // PostgreSQL keeps the transaction open (aborted): ROLLBACK TO SAVEPOINT could recover it
        }
        Model<Instance> tasks = tasks(t);
        Barrier barrier = new Barrier();
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        Function<int[], Mono<Void>> update = fromTo -> t.db().transaction(tx -> crossLock(tasks, fromTo[0], fromTo[1], barrier)
                        .thenReturn((Object) "committed")
                        .onErrorResume(DeadlockException.class, e -> Mono.just("swallowed")))
                .doOnNext(outcomes::add)
                .onErrorResume(e -> Mono.fromRunnable(() -> outcomes.add(e)))
                .then()
                .subscribeOn(Schedulers.boundedElastic());
        Mono.when(update.apply(new int[] {1, 2}), update.apply(new int[] {2, 1})).block(WAIT);
        assertTrue(outcomes.contains("committed"), outcomes.toString());
        assertTrue(outcomes.stream().noneMatch("swallowed"::equals), "a rolled-back body's value reached the caller");
        if (outcomes.stream().anyMatch(o -> o instanceof LockWaitTimeoutException)) {
            return; // H2 at times reports the cycle as a lock timeout, which fails the statement only: not swallowed
        }
        TransactionFinishedException e = (TransactionFinishedException) outcomes.stream()
                .filter(o -> o instanceof TransactionFinishedException).findFirst().orElseThrow(() ->
                        new AssertionError(outcomes.toString()));
        assertEquals(Transaction.State.ROLLED_BACK, e.state());
    }

    /**
     * Whatever the database does with a deadlock victim, a body that catches the deadlock and goes on writing never
     * commits half of its transaction: the rows written before and after the deadlock are committed together or not
     * at all.
     */
    @DatabaseTest
    void aCaughtDeadlockNeverCommitsHalfATransaction(TestDb t) {
        Model<Instance> tasks = tasks(t);
        Barrier barrier = new Barrier();
        Function<int[], Mono<Object>> update = fromTo -> t.db().transaction(tx -> tasks.create(Map.of("id",
                                20 + fromTo[0], "title", "before"))
                        .then(crossLock(tasks, fromTo[0], fromTo[1], barrier))
                        .onErrorResume(TransactionConflictException.class, e -> Mono.empty())
                        .then(tasks.create(Map.of("id", 30 + fromTo[0], "title", "after")).then()
                                .onErrorResume(e -> Mono.empty()))
                        .thenReturn((Object) "done"))
                .onErrorResume(e -> Mono.just(e))
                .subscribeOn(Schedulers.boundedElastic());
        Mono.when(update.apply(new int[] {1, 2}), update.apply(new int[] {2, 1})).block(WAIT);
        for (int from : new int[] {1, 2}) {
            long before = tasks.count(Where.eq("id", 20 + from)).block(WAIT);
            long after = tasks.count(Where.eq("id", 30 + from)).block(WAIT);
            assertEquals(before, after, "transaction " + from + " committed only half of its rows");
        }
    }

    private static Mono<Void> record(List<Throwable> caught, Throwable e) {
        caught.add(e);
        return Mono.empty();
    }

    /** The same deadlock with {@link Retries#onConflict}: the victim re-runs from BEGIN and both commit. */
    @DatabaseTest
    void retriesADeadlockedTransaction(TestDb t) {
        Model<Instance> tasks = tasks(t);
        Barrier barrier = new Barrier();
        AtomicInteger attempts = new AtomicInteger();
        TransactionOptions retry = TransactionOptions.builder()
                .retry(Retries.onConflict(3, Duration.ofMillis(20))).build();
        // the lock wait blocks the subscribing thread on H2: each transaction starts on its own thread
        Function<int[], Mono<Instance>> update = fromTo -> t.db().transaction(retry, tx -> Mono.fromRunnable(
                        attempts::incrementAndGet)
                        .then(crossLock(tasks, fromTo[0], fromTo[1], barrier))
                        .then(tasks.create(Map.of("id", 10 + fromTo[0], "title", "marker"))))
                .subscribeOn(Schedulers.boundedElastic());
        Mono.when(update.apply(new int[] {1, 2}), update.apply(new int[] {2, 1})).block(WAIT);
        assertEquals(3, attempts.get(), "one of the two ran twice");
        assertEquals(4L, tasks.count().block(WAIT), "both marker rows are committed");
    }

    private static Model<Instance> tasks(TestDb t) {
        Model<Instance> tasks = t.db().define("Task", s -> s
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("title", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        t.db().sync().block(WAIT);
        tasks.bulkCreate(List.of(Map.of("id", 1, "title", "a"), Map.of("id", 2, "title", "b"))).blockLast(WAIT);
        return tasks;
    }

    /**
     * Locks row {@code from}, waits until the other transaction holds its row too, then updates row {@code to}: a
     * deadlock every time, whatever the machine's load.
     */
    private static Mono<Void> crossLock(Model<Instance> tasks, int from, int to, Barrier bothLocked) {
        return tasks.findAll(q -> q.where(Where.eq("id", from)).lock(Lock.UPDATE)).then()
                .then(bothLocked.arrive())
                .then(tasks.update(Map.of("title", "by " + from), Where.eq("id", to))).then();
    }

    /** Opens once two parties arrived; later arrivals (a retried transaction) pass at once. */
    private static final class Barrier {
        private final AtomicInteger arrived = new AtomicInteger();
        private final Sinks.Empty<Void> open = Sinks.empty();

        Mono<Void> arrive() {
            return Mono.defer(() -> {
                if (arrived.incrementAndGet() == 2) {
                    open.tryEmitEmpty();
                }
                return open.asMono();
            });
        }
    }

    /**
     * Sequelize's second deadlock case: T1 holds a share lock, T2's UPDATE queues behind it, then T1 updates the
     * row too. InnoDB declares a deadlock and rolls T2 back; PostgreSQL lets T1 (the only locker) go on and runs
     * T2's update after T1's commit; H2 has no share lock.
     */
    @DatabaseTest
    void aShareLockUpgradeDeadlocksTheQueuedWriterOnMariaDb(TestDb t) {
        if (!t.db().dialect().supports(Feature.LOCK_SHARE)) {
            return;
        }
        Model<Instance> users = users(t);
        Object id = users.create(Map.of("username", "jan")).block(WAIT).get("id");
        Transaction t1 = t.db().startTransaction().block(WAIT);
        Transaction t2 = t.db().startTransaction(READ_COMMITTED).block(WAIT);
        List<String> order = new CopyOnWriteArrayList<>();
        Instance t1Jan = users.findByPk(id, q -> q.lock(Lock.SHARE).transaction(t1)).block(WAIT);
        Instance t2Jan = users.findByPk(id, q -> q.transaction(t2)).block(WAIT);
        Mono<String> viaT2 = Mono.fromRunnable(() -> order.add("update via T2"))
                .then(t2Jan.set("awesome", false).save(SaveOptions.in(t2)))
                .then(Mono.fromRunnable(() -> order.add("updated via T2")))
                .then(t2.commit()).thenReturn("T2 committed")
                .onErrorResume(e -> {
                    order.add("T2 failed");
                    // Sequelize: t2.finished === 'rollback' once the deadlock is reported, without a rollback call
                    return Mono.just("T2 failed with " + e.getClass().getSimpleName() + ", " + t2.state());
                });
        Mono<String> viaT1 = Mono.delay(Duration.ofMillis(100))
                .then(Mono.fromRunnable(() -> order.add("update via T1")))
                .then(t1Jan.set("awesome", true).save(SaveOptions.in(t1)))
                .then(Mono.fromRunnable(() -> order.add("updated via T1")))
                .then(Mono.delay(Duration.ofMillis(150)))
                .then(Mono.fromRunnable(() -> order.add("commit T1")))
                .then(t1.commit()).thenReturn("T1 committed");
        Tuple2<String, String> outcome = Mono.zip(viaT2, viaT1).block(WAIT);
        assertEquals("T1 committed", outcome.getT2());
        if (t.is("mysql")) {
            assertEquals("T2 failed with DeadlockException, ROLLED_BACK", outcome.getT1(), order.toString());
            assertEquals(List.of("update via T2", "update via T1"), order.subList(0, 2));
            assertTrue(order.containsAll(List.of("updated via T1", "T2 failed")), order.toString());
            assertEquals("commit T1", order.get(4));
            assertEquals(Boolean.TRUE, asBoolean(users.findByPk(id).block(WAIT).get("awesome")));
        } else {
            assertEquals("T2 committed", outcome.getT1(), order.toString());
            assertEquals(List.of("update via T2", "update via T1", "updated via T1", "commit T1", "updated via T2"),
                    order);
            assertEquals(Boolean.FALSE, asBoolean(users.findByPk(id).block(WAIT).get("awesome")));
        }
    }

    private static Boolean asBoolean(Object v) {
        return v instanceof Number n ? n.intValue() != 0 : (Boolean) v;
    }

    // ---- isolation levels -------------------------------------------------------------------------------------

    @DatabaseTest
    void readCommittedReadsTheMostRecentCommittedRows(TestDb t) {
        assertEquals(List.of(0L, 1L), readCommittedSeesNewRows(t, users(t)));
    }

    /** Counts users, creates one outside the transaction (Sequelize: no CLS, no transaction option), counts again. */
    private static List<Long> readCommittedSeesNewRows(TestDb t, Model<Instance> users) {
        return countsAroundAnOutsideInsert(t, users, READ_COMMITTED);
    }

    private static List<Long> countsAroundAnOutsideInsert(TestDb t, Model<Instance> users, TransactionOptions options) {
        return t.db().transactionMany(options, tx -> users.count()
                .concatWith(users.create(Map.of("username", "jan"), SaveOptions.DEFAULTS.outsideTransaction())
                        .then(users.count()))).collectList().block(WAIT);
    }

    @DatabaseTest
    void repeatableReadDoesNotReadNewlyCommittedRows(TestDb t) {
        Model<Instance> users = users(t);
        List<Long> counts = countsAroundAnOutsideInsert(t, users,
                TransactionOptions.builder().isolation(IsolationLevel.REPEATABLE_READ).build());
        assertEquals(List.of(0L, 0L), counts, "the snapshot of the first read holds");
        assertEquals(1L, users.count().block(WAIT));
    }

    @DatabaseTest
    void serializableReadBlocksUpdatesUntilCommit(TestDb t) {
        if (!t.is("mysql")) {
            // Sequelize excludes PostgreSQL: its SSI detects the conflict at COMMIT and takes no read locks; H2's
            // MVCC SERIALIZABLE takes none either
            return;
        }
        Model<Instance> users = users(t);
        users.create(Map.of("username", "jan")).block(WAIT);
        Transaction tx = t.db().startTransaction(TransactionOptions.builder()
                .isolation(IsolationLevel.SERIALIZABLE).build()).block(WAIT);
        users.findAll(q -> q.transaction(tx)).blockLast(WAIT);
        List<String> events = new CopyOnWriteArrayList<>();
        Mono<Void> commitLater = Mono.delay(Duration.ofMillis(500))
                .then(Mono.fromRunnable(() -> events.add("commit")))
                .then(tx.commit());
        Mono<Void> update = users.update(Map.of("username", "joe"), Where.eq("username", "jan"))
                .doOnNext(n -> events.add("updated " + n)).then()
                .subscribeOn(Schedulers.boundedElastic());
        Mono.when(commitLater, update).block(WAIT);
        assertEquals(List.of("commit", "updated 1"), events, "the update waited for the reader's commit");
    }

    // ---- row locking ------------------------------------------------------------------------------------------

    @DatabaseTest
    void supportsForUpdate(TestDb t) {
        Model<Instance> users = users(t);
        users.create(Map.of("username", "jan")).block(WAIT);
        Transaction t1 = t.db().startTransaction().block(WAIT);
        Instance t1Jan = users.findOne(q -> q.where(Where.eq("username", "jan")).lock(Lock.UPDATE).transaction(t1))
                .block(WAIT);
        Transaction t2 = t.db().startTransaction(READ_COMMITTED).block(WAIT);
        List<String> events = new CopyOnWriteArrayList<>();
        Mono<Void> viaT1 = t1Jan.set("awesome", true).save(SaveOptions.in(t1))
                .then(Mono.fromRunnable(() -> events.add("t1 updated")))
                .then(Mono.delay(Duration.ofMillis(400)))
                .then(t1.commit());
        Mono<Void> viaT2 = users.findOne(q -> q.where(Where.eq("username", "jan")).lock(Lock.UPDATE).transaction(t2))
                .doOnNext(jan -> events.add("t2 locked, awesome=" + jan.get("awesome")))
                .then(t2.commit())
                .subscribeOn(Schedulers.boundedElastic());
        Mono.when(viaT1, Mono.delay(Duration.ofMillis(50)).then(viaT2)).block(WAIT);
        assertEquals(List.of("t1 updated", "t2 locked, awesome=true"), events,
                "the second find waited for t1's commit and read its update");
    }

    @DatabaseTest
    void supportsForUpdateWithSkipLocked(TestDb t) {
        if (!t.db().dialect().supports(Feature.LOCK_SKIP_LOCKED)) {
            return;
        }
        Model<Instance> users = users(t);
        users.bulkCreate(List.of(Map.of("username", "jan"), Map.of("username", "joe"))).blockLast(WAIT);
        Transaction t1 = t.db().startTransaction().block(WAIT);
        Transaction t2 = t.db().startTransaction().block(WAIT);
        try {
            Object first = users.findAll(q -> q.limit(1).order(Order.asc("id")).lock(Lock.UPDATE).transaction(t1))
                    .blockFirst(WAIT).get("id");
            Object second = users.findAll(q -> q.limit(1).order(Order.asc("id")).lock(Lock.UPDATE.skipLocked())
                    .transaction(t2)).blockFirst(WAIT).get("id");
            assertNotEquals(first, second);
        } finally {
            Mono.when(t1.commit(), t2.commit()).block(WAIT);
        }
    }

    /**
     * Sequelize: PostgreSQL rejects {@code FOR UPDATE} on the nullable side of an outer join. Ours locks the root
     * rows there ({@code FOR UPDATE OF "User"}) so the same query works on every database; with findOne's LIMIT the
     * roots are selected and locked in a sub-query that has no join.
     */
    @DatabaseTest
    void locksWithOuterJoins(TestDb t) {
        UsersAndTasks m = usersAndTasks(t, "Users");
        t.clearStatements();
        Instance john = t.db().transaction(t1 -> m.users.findOne(q -> q.where(Where.eq("username", "John"))
                .include(Include.of(m.tasks)).lock(Lock.UPDATE))).block(WAIT);
        assertEquals(1, john.getMany("Tasks", Instance.class).size());
        List<Instance> all = t.db().transactionMany(t1 -> m.users.findAll(q -> q.include(Include.of(m.tasks))
                .lock(Lock.UPDATE))).collectList().block(WAIT);
        assertEquals(1, all.get(0).getMany("Tasks", Instance.class).size());
        String joined = t.statements().stream().filter(s -> s.contains("FOR UPDATE")).reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(joined.contains("LEFT OUTER JOIN"), joined);
        String expected = t.db().dialect().supports(Feature.LOCK_OF) ? "FOR UPDATE OF " + t.q("User") : "FOR UPDATE";
        assertTrue(joined.endsWith(expected), joined);
    }

    @DatabaseTest
    void supportsForUpdateOfTable(TestDb t) {
        if (!t.db().dialect().supports(Feature.LOCK_OF)) {
            return;
        }
        UsersAndTasks m = usersAndTasks(t, "Person");
        Resequel db = t.db();
        Instance saved = db.transaction(t1 -> m.users.findOne(q -> q.where(Where.eq("username", "John"))
                        .include(Include.of(m.tasks)).lock(Lock.UPDATE.of(m.users.tableName())))
                // Sequelize's nested sequelize.transaction(t2 => ...) is independent there (no CLS): here a new root
                .flatMap(john -> db.transactionManager().inNewTransaction(TransactionOptions.DEFAULTS,
                                t2 -> m.tasks.update(Map.of("active", true), Where.eq("active", false)))
                        .then(john.set("username", "Johnny").<Instance>save())))
                .block(WAIT);
        assertEquals("Johnny", saved.get("username"));
        assertEquals(2L, m.tasks.count(Where.eq("active", true)).block(WAIT), "the tasks were not locked");
    }

    private record UsersAndTasks(Model<Instance> users, Model<Instance> tasks) {
    }

    private static UsersAndTasks usersAndTasks(TestDb t, String userTable) {
        Model<Instance> users = t.db().define("User", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.tableName(userTable)));
        Model<Instance> tasks = t.db().define("Task", s -> s.attribute("title", DataTypes.STRING)
                .attribute("active", DataTypes.BOOLEAN));
        BelongsToMany<Instance, Instance> userTasks = users.belongsToMany(tasks, a -> a.through("UserTasks"));
        tasks.belongsToMany(users, a -> a.through("UserTasks"));
        t.db().sync().block(WAIT);
        Instance john = users.create(Map.of("username", "John")).block(WAIT);
        Instance task1 = tasks.create(Map.of("title", "Get rich", "active", false)).block(WAIT);
        tasks.create(Map.of("title", "Die trying", "active", false)).block(WAIT);
        userTasks.set(john, List.of(task1)).block(WAIT);
        return new UsersAndTasks(users, tasks);
    }

    @DatabaseTest
    void supportsForKeyShare(TestDb t) {
        if (!t.db().dialect().supports(Feature.LOCK_KEY_LEVELS)) {
            return; // PostgreSQL only (LockTest#lockLevelsRenderPerDatabase covers the typed refusal elsewhere)
        }
        Model<Instance> users = users(t);
        users.create(Map.of("username", "jan")).block(WAIT);
        Transaction t1 = t.db().startTransaction().block(WAIT);
        Instance t1Jan = users.findOne(q -> q.where(Where.eq("username", "jan")).lock(Lock.NO_KEY_UPDATE)
                .transaction(t1)).block(WAIT);
        Transaction t2 = t.db().startTransaction().block(WAIT);
        List<String> events = new CopyOnWriteArrayList<>();
        Mono<Void> viaT2 = users.findOne(q -> q.where(Where.eq("username", "jan")).lock(Lock.KEY_SHARE)
                        .transaction(t2))
                .then(Mono.fromRunnable(() -> events.add("t2 key-share locked")))
                .then(t2.commit());
        Mono<Void> viaT1 = t1Jan.set("awesome", true).save(SaveOptions.in(t1))
                .then(Mono.delay(Duration.ofMillis(300)))
                .then(Mono.fromRunnable(() -> events.add("t1 commits")))
                .then(t1.commit());
        Mono.when(viaT2, viaT1).block(WAIT);
        assertEquals(List.of("t2 key-share locked", "t1 commits"), events, "KEY SHARE does not wait for NO KEY UPDATE");
    }

    @DatabaseTest
    void supportsForShare(TestDb t) {
        if (!t.db().dialect().supports(Feature.LOCK_SHARE)) {
            return; // H2 has no shared row lock
        }
        Model<Instance> users = users(t);
        for (int i = 0; i < 2; i++) {
            Object id = users.create(Map.of("username", "jan")).block(WAIT).get("id");
            Transaction t1 = t.db().startTransaction().block(WAIT);
            users.findByPk(id, q -> q.lock(Lock.SHARE).transaction(t1)).block(WAIT);
            Transaction t2 = t.db().startTransaction(READ_COMMITTED).block(WAIT);
            Instance t2Jan = users.findByPk(id, q -> q.transaction(t2)).block(WAIT);
            assertNotNull(t2Jan, "T2 can read the share-locked row");
            List<String> order = new CopyOnWriteArrayList<>();
            Mono<Void> viaT2 = Mono.fromRunnable(() -> order.add("update via T2"))
                    .then(t2Jan.set("awesome", false).save(SaveOptions.in(t2)))
                    .then(Mono.fromRunnable(() -> order.add("updated via T2")))
                    .then(t2.commit());
            Mono<Void> viaT1 = Mono.delay(Duration.ofMillis(100))
                    .then(Mono.fromRunnable(() -> order.add("read via T1")))
                    .then(users.findAll(q -> q.transaction(t1)).then())
                    .then(Mono.delay(Duration.ofMillis(150)))
                    .then(Mono.fromRunnable(() -> order.add("commit T1")))
                    .then(t1.commit());
            Mono.when(viaT2, viaT1).block(WAIT);
            assertEquals(List.of("update via T2", "read via T1", "commit T1", "updated via T2"), order);
            assertEquals(Transaction.State.COMMITTED, t1.state());
            assertEquals(Transaction.State.COMMITTED, t2.state());
        }
    }
}
