package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.IsolationLevel;
import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionFinishedException;
import io.resequel.tx.TransactionOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Managed and unmanaged transactions, savepoints, callbacks, isolation, cancellation and concurrency. */
class TransactionTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static Model<Instance> accounts(TestDb t, Resequel db) {
        Model<Instance> m = db.define("Account", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("balance", DataTypes.INTEGER)
                .options(o -> o.timestamps(false)));
        if (db == t.db()) {
            db.sync().block(WAIT);
        }
        return m;
    }

    static long rows(TestDb t) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q("Accounts")).blockFirst(WAIT).get("n")).longValue();
    }

    static int balance(TestDb t, String name) {
        return ((Number) t.raw("SELECT " + t.q("balance") + " AS b FROM " + t.q("Accounts") + " WHERE "
                + t.q("name") + " = '" + name + "'").blockFirst(WAIT).get("b")).intValue();
    }

    @DatabaseTest
    void commitIsVisibleToASecondConnection(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        List<Object> out = t.db().transactionMany(tx -> a.create(Map.of("name", "ada", "balance", 10))
                .then(a.create(Map.of("name", "bob", "balance", 20)))
                .thenMany(a.findAll().map(i -> i.get("name")))).collectList().block(WAIT);
        assertEquals(2, out.size(), "the work sees its own writes");
        assertEquals(2, rows(t), "committed rows are read back over a separate plain R2DBC connection");
    }

    @DatabaseTest
    void outsideTransactionWritesSurviveTheRollback(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        StepVerifier.create(t.db().transaction(tx -> a.create(Map.of("name", "inside", "balance", 1))
                        .then(a.create(Map.of("name", "outside", "balance", 2), SaveOptions.DEFAULTS.outsideTransaction()))
                        .then(a.findAll(q -> q.outsideTransaction()).count())
                        .flatMap(seenOutside -> {
                            // The outside query cannot see the uncommitted "inside" row (READ COMMITTED or stricter).
                            assertEquals(1L, seenOutside);
                            return Mono.error(new IllegalStateException("roll back"));
                        })))
                .expectErrorMessage("roll back")
                .verify(WAIT);
        assertEquals(1, rows(t), "only the write made outside the transaction is left");
        assertEquals(2, balance(t, "outside"));
    }

    @DatabaseTest
    void anErrorInTheThirdOfFiveWritesLeavesNone(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        StepVerifier.create(t.db().transactionMany(tx -> Flux.range(1, 5).concatMap(i -> i == 3
                        ? Mono.error(new IllegalStateException("boom at write 3"))
                        : a.create(Map.of("name", "n" + i, "balance", i)))))
                // results reach the caller only after a commit: the two writes that succeeded are never emitted
                .expectErrorMessage("boom at write 3")
                .verify(WAIT);
        assertEquals(0, rows(t), "rolled back: none of the five writes is left");
    }

    @DatabaseTest
    void takeOneOfTheStreamingFormRollsBackAndReleases(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        Instance first = t.db().transactionStreaming(TransactionOptions.DEFAULTS, tx -> Flux.range(1, 5)
                        .concatMap(i -> a.create(Map.of("name", "n" + i, "balance", i))))
                .take(1).blockLast(WAIT);
        assertEquals("n1", first.get("name"));
        awaitNoAcquired(t.db());
        assertEquals(0, rows(t), "cancelling the streaming form rolled it back, as its name and javadoc say");
    }

    @DatabaseTest
    void whatTheCallerReceivesWasCommitted(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        // take(1), next() and Mono.from() cancel after the first element: it arrives after the COMMIT, so all stays
        Instance first = t.db().transactionMany(tx -> Flux.range(1, 5)
                        .concatMap(i -> a.create(Map.of("name", "n" + i, "balance", i))))
                .take(1).blockLast(WAIT);
        assertEquals("n1", first.get("name"));
        Instance viaNext = t.db().transactionMany(tx -> a.create(Map.of("name", "next", "balance", 6))).next()
                .block(WAIT);
        Instance viaMono = Mono.from(t.db().transaction(tx -> a.create(Map.of("name", "mono", "balance", 7))))
                .block(WAIT);
        awaitNoAcquired(t.db());
        assertEquals(7, rows(t), "every write whose result was received is committed");
        assertEquals(6, balance(t, "next"));
        assertEquals(7, balance(t, "mono"));
        assertEquals(viaMono.get("id"), a.findByPk(viaMono.get("id")).block(WAIT).get("id"));
        assertEquals(viaNext.get("id"), a.findByPk(viaNext.get("id")).block(WAIT).get("id"));
    }

    @DatabaseTest
    void unmanagedTransactionCommitsAndThenRefusesUse(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        Transaction tx = t.db().startTransaction().block(WAIT);
        a.create(Map.of("name", "ada", "balance", 1), SaveOptions.in(tx)).block(WAIT);
        assertEquals(1, a.findAll(q -> q.transaction(tx)).count().block(WAIT), "the transaction sees its row");
        assertEquals(0, rows(t), "uncommitted work is invisible to another connection");
        tx.commit().block(WAIT);
        assertEquals(1, rows(t));
        assertEquals(Transaction.State.COMMITTED, tx.state());
        TransactionFinishedException again = assertThrows(TransactionFinishedException.class,
                () -> tx.commit().block(WAIT));
        assertTrue(again.getMessage().contains("committed"), again.getMessage());
        assertThrows(TransactionFinishedException.class, () -> tx.rollback().block(WAIT));
        assertThrows(TransactionFinishedException.class,
                () -> a.findAll(q -> q.transaction(tx)).blockLast(WAIT), "a finished transaction runs no query");
    }

    @DatabaseTest
    void unmanagedRollback(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        Transaction tx = t.db().startTransaction().block(WAIT);
        a.create(Map.of("name", "ada", "balance", 1), SaveOptions.in(tx)).block(WAIT);
        tx.rollback().block(WAIT);
        assertEquals(0, rows(t));
        assertEquals(0, t.db().poolMetrics().acquired(), "rollback returned the connection");
    }

    @DatabaseTest
    void explicitTransactionWinsOverTheContext(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        Transaction other = t.db().startTransaction().block(WAIT);
        a.create(Map.of("name", "other", "balance", 1), SaveOptions.in(other)).block(WAIT);
        List<Long> seen = t.db().transactionMany(tx -> a.findAll(q -> q.transaction(other)).count()
                .concatWith(a.count())).collectList().block(WAIT);
        other.rollback().block(WAIT);
        assertEquals(List.of(1L, 0L), seen, "explicit transaction sees its row; the context's does not");
    }

    @DatabaseTest
    void savepointRollbackKeepsTheOuterWork(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        Resequel db = t.db();
        db.transaction(outer -> a.create(Map.of("name", "outer-1", "balance", 1))
                .then(db.transaction(inner -> a.create(Map.of("name", "inner", "balance", 2))
                                .then(Mono.error(new IllegalStateException("inner fails"))))
                        .onErrorResume(IllegalStateException.class, e -> Mono.empty())
                        .then())
                .then(a.create(Map.of("name", "outer-2", "balance", 3)))).block(WAIT);
        assertEquals(List.of("outer-1", "outer-2"), t.raw("SELECT " + t.q("name") + " AS n FROM " + t.q("Accounts")
                + " ORDER BY " + t.q("name")).map(r -> r.get("n")).collectList().block(WAIT));
    }

    @DatabaseTest
    void savepointCommitKeepsInnerWorkUntilTheOuterRollsBack(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        Resequel db = t.db();
        List<String> calls = new CopyOnWriteArrayList<>();
        StepVerifier.create(db.transaction(outer -> db.transaction(inner -> {
                    inner.afterCommit(() -> Mono.fromRunnable(() -> calls.add("inner after commit")));
                    return a.create(Map.of("name", "inner", "balance", 2));
                }).then(Mono.error(new IllegalStateException("outer fails")))))
                .expectErrorMessage("outer fails").verify(WAIT);
        assertEquals(0, rows(t));
        assertEquals(List.of(), calls, "afterCommit of a savepoint waits for the root's commit, which never came");
    }

    @DatabaseTest
    void afterCommitRunsOnlyAfterACommit(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        List<String> calls = new CopyOnWriteArrayList<>();
        t.db().transaction(tx -> {
            tx.afterCommit(() -> t.raw("SELECT COUNT(*) AS n FROM " + t.q("Accounts"))
                    .doOnNext(r -> calls.add("commit-1 rows=" + r.get("n"))));
            tx.afterCommit(() -> Mono.fromRunnable(() -> calls.add("commit-2")));
            tx.afterRollback(() -> Mono.fromRunnable(() -> calls.add("rollback")));
            return a.create(Map.of("name", "ada", "balance", 1));
        }).block(WAIT);
        assertEquals(List.of("commit-1 rows=1", "commit-2"), calls);
        calls.clear();
        StepVerifier.create(t.db().transaction(tx -> {
            tx.afterCommit(() -> Mono.fromRunnable(() -> calls.add("commit")));
            tx.afterRollback(() -> Mono.fromRunnable(() -> calls.add("rollback")));
            return a.create(Map.of("name", "bob", "balance", 1)).then(Mono.error(new IllegalStateException("x")));
        })).expectError(IllegalStateException.class).verify(WAIT);
        assertEquals(List.of("rollback"), calls);
    }

    @DatabaseTest
    void readCommittedSeesANonRepeatableRead(TestDb t) {
        assertEquals(List.of(1, 2), twoReads(t, IsolationLevel.READ_COMMITTED));
    }

    @DatabaseTest
    void repeatableReadDoesNot(TestDb t) {
        assertEquals(List.of(1, 1), twoReads(t, IsolationLevel.REPEATABLE_READ));
    }

    /** Reads a balance, lets another connection commit a change, reads it again in the same transaction. */
    private static List<Integer> twoReads(TestDb t, IsolationLevel level) {
        Model<Instance> a = accounts(t, t.db());
        a.create(Map.of("name", "ada", "balance", 1)).block(WAIT);
        Mono<Integer> read = a.findOne(q -> q.where(Where.eq("name", "ada"))).map(i -> (Integer) i.get("balance"));
        String bump = "UPDATE " + t.q("Accounts") + " SET " + t.q("balance") + " = 2";
        List<Integer> seen = t.db().transactionMany(TransactionOptions.builder().isolation(level).build(),
                tx -> read.concatWith(t.rawUpdate(bump).then(read))).collectList().block(WAIT);
        assertEquals(2, balance(t, "ada"));
        return seen;
    }

    @DatabaseTest
    void isolationLevelDoesNotLeakIntoThePool(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1)));
        Model<Instance> a = accounts(t, db);
        db.sync().block(WAIT);
        db.transactionMany(TransactionOptions.builder().isolation(IsolationLevel.SERIALIZABLE).build(),
                tx -> a.create(Map.of("name", "ada", "balance", 1))).blockLast(WAIT);
        // the one pooled connection is reused; a default transaction then behaves as READ COMMITTED or better
        assertEquals(List.of(1, 2), twoReadsOn(t, db, a));
    }

    private static List<Integer> twoReadsOn(TestDb t, Resequel db, Model<Instance> a) {
        Mono<Integer> read = a.findOne(q -> q.where(Where.eq("name", "ada"))).map(i -> (Integer) i.get("balance"));
        String bump = "UPDATE " + t.q("Accounts") + " SET " + t.q("balance") + " = 2";
        IsolationLevel rc = IsolationLevel.READ_COMMITTED;
        return db.transactionMany(TransactionOptions.builder().isolation(rc).build(),
                tx -> read.concatWith(t.rawUpdate(bump).then(read))).collectList().block(WAIT);
    }

    @DatabaseTest
    void readOnlyTransactionRefusesWrites(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        if (t.is("h2")) {
            return; // H2 has no read-only transactions; the option is ignored there
        }
        StepVerifier.create(t.db().transaction(TransactionOptions.builder().readOnly(true).build(),
                tx -> a.create(Map.of("name", "ada", "balance", 1))))
                .expectError(io.resequel.error.DatabaseException.class).verify(WAIT);
        assertEquals(0, rows(t));
    }

    @DatabaseTest
    void thousandConcurrentTransactionsOnAPoolOfEight(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(8).acquire(Duration.ofSeconds(60))));
        Model<Instance> a = accounts(t, db);
        accounts(t, t.db());
        Long done = Flux.range(0, 1000)
                .flatMap(i -> db.transaction(tx -> a.create(Map.of("name", "n" + i, "balance", i))
                        .then(a.count(Where.eq("name", "n" + i)))), 1000)
                .count().block(Duration.ofSeconds(180));
        assertEquals(1000L, done);
        assertEquals(1000, rows(t));
        awaitNoAcquired(db);
        assertTrue(db.poolMetrics().idle() <= 8, db.poolMetrics().toString());
    }

    static void awaitNoAcquired(Resequel db) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (db.poolMetrics().acquired() != 0 && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(20)).block();
        }
        assertEquals(0, db.poolMetrics().acquired(), "connections still acquired: " + db.poolMetrics());
    }

    static void assertCause(Class<? extends Throwable> type, Throwable e) {
        assertInstanceOf(type, e, String.valueOf(e));
    }
}
