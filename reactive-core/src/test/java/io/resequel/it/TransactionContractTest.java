package io.resequel.it;

import static io.resequel.it.TransactionTest.WAIT;
import static io.resequel.it.TransactionTest.accounts;
import static io.resequel.it.TransactionTest.awaitNoAcquired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.Result;
import io.resequel.Resequel;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SaveOptions;
import io.resequel.testkit.AllowDroppedSignals;
import io.resequel.testkit.Cut;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.error.CommitFailedException;
import io.resequel.error.PoolClosedException;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionFinishedException;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The transaction and cancellation contract (issue 11): what the caller is told was written is written, what was
 * rolled back leaves nothing, and a connection goes back to the pool only in a known state.
 */
class TransactionContractTest {

    private static long count(TestDb t, String prefix) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q("Accounts") + " WHERE " + t.q("name") + " LIKE '"
                + prefix + "%'").blockFirst(WAIT).get("n")).longValue();
    }

    /**
     * Defect 1: a managed transaction cancelled while its connection was being acquired or its BEGIN was in flight
     * went back to the pool with the transaction open; the next auto-commit write on it was acknowledged, invisible to
     * others and undone by the next ROLLBACK. With a pool of one, every round reuses that connection.
     */
    @DatabaseTest
    void cancelDuringAcquireOrBeginNeverPoolsAnOpenTransaction(TestDb t) {
        accounts(t, t.db());
        Resequel one = t.connect(o -> o.pool(p -> p.max(1)));
        Model<Instance> a = accounts(t, one);
        SplittableRandom random = new SplittableRandom(11);
        int rounds = 200;
        for (int i = 0; i < rounds; i++) {
            long cancelAfterNanos = random.nextLong(1_500_000);
            String name = "tx" + i;
            Cut.after(one.transaction(tx -> a.create(Map.of("name", name, "balance", 1))), cancelAfterNanos / 1000)
                    .onErrorResume(e -> Mono.empty())
                    .block(WAIT);
            a.create(Map.of("name", "ack" + i, "balance", 1)).block(WAIT);
        }
        // a ROLLBACK on the pooled connection would undo any acknowledged write left inside an open transaction
        assertThrows(IllegalStateException.class, () -> one.transaction(tx -> a.create(Map.of("name", "x",
                "balance", 0)).then(Mono.error(new IllegalStateException("roll back")))).block(WAIT));
        awaitNoAcquired(one);
        assertEquals(rounds, count(t, "ack"), "every acknowledged auto-commit write is visible to another session");
        assertEquals(0, count(t, "x"));
    }

    /** Defect 3: once a rollback has begun, no statement of the transaction reaches the database. */
    @DatabaseTest
    void noStatementReachesTheDatabaseAfterTheRollbackBegan(TestDb t) {
        accounts(t, t.db());
        String insert = "INSERT INTO " + t.q("Accounts") + " (" + t.q("name") + ", " + t.q("balance")
                + ") VALUES ('late', 1)";
        Transaction tx = t.db().startTransaction().block(WAIT);
        Publisher<? extends Result> prepared = tx.connection().createStatement(insert).execute();
        tx.rollback().block(WAIT);
        Throwable late = assertThrows(RuntimeException.class,
                () -> Flux.from(prepared).flatMap(Result::getRowsUpdated).blockLast(WAIT));
        assertInstanceOf(TransactionFinishedException.class, late);
        assertThrows(TransactionFinishedException.class,
                () -> Flux.from(tx.connection().createStatement(insert).execute()).blockLast(WAIT));
        assertEquals(0, count(t, "late"), "a statement subscribed after the ROLLBACK did not run in auto-commit");
        awaitNoAcquired(t.db());
    }

    /** A body that leaks a write past its failure: the write is refused, never run outside the transaction. */
    @DatabaseTest
    void aLeakedWriteOfAFailedBodyIsRefused(TestDb t) {
        Model<Instance> a = accounts(t, t.db());
        AtomicReference<Throwable> leaked = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> t.db().transaction(tx -> {
            // fire-and-forget: not cancelled with the body, runs after the ROLLBACK
            Mono.delay(Duration.ofMillis(100)).then(a.create(Map.of("name", "leak", "balance", 1), SaveOptions.in(tx)))
                    .subscribe(v -> { }, leaked::set);
            return a.create(Map.of("name", "body", "balance", 1))
                    .then(Mono.<Instance>error(new IllegalStateException("body fails")));
        }).block(WAIT));
        Mono.delay(Duration.ofMillis(400)).block(WAIT);
        assertInstanceOf(TransactionFinishedException.class, leaked.get());
        assertEquals(0, count(t, "leak"));
        assertEquals(0, count(t, "body"));
        awaitNoAcquired(t.db());
    }

    /**
     * Defect 5 (commit): the connection dies while the transaction is open; COMMIT fails with a typed error that says
     * the outcome is unknown, and the broken connection is not handed out again.
     */
    @AllowDroppedSignals("the server killed this connection: r2dbc-postgresql / r2dbc-mysql drop its last messages internally")
    @DatabaseTest
    void aCommitOnABrokenConnectionIsTypedAndTheConnectionDiscarded(TestDb t) {
        if (t.is("h2")) {
            return; // an in-process database has no connection to break
        }
        accounts(t, t.db());
        Resequel one = t.connect(o -> o.pool(p -> p.max(1)));
        Model<Instance> a = accounts(t, one);
        String pidSql = t.is("postgres") ? "SELECT pg_backend_pid() AS pid" : "SELECT CONNECTION_ID() AS pid";
        Throwable e = assertThrows(RuntimeException.class, () -> one.transaction(tx -> a.create(Map.of("name", "c",
                        "balance", 1))
                .then(one.query(pidSql, q -> { }))
                .flatMap(r -> {
                    Object pid = r.rows().get(0).get("pid");
                    String kill = t.is("postgres") ? "SELECT pg_terminate_backend(" + pid + ")" : "KILL " + pid;
                    return t.raw(kill).then().onErrorResume(x -> Mono.empty());
                })).block(WAIT));
        CommitFailedException commit = assertInstanceOf(CommitFailedException.class, e, e.toString());
        assertTrue(commit.outcomeUnknown(), commit.getMessage());
        assertEquals(0, count(t, "c"));
        // the pool of one must not hand out the dead connection
        assertEquals(1, a.create(Map.of("name", "after", "balance", 1)).then(Mono.just(1)).block(WAIT));
        assertEquals(1, count(t, "after"));
        awaitNoAcquired(one);
    }

    /** Defect 8: close waits for running transactions, rolls back those that overrun, then refuses new work. */
    @DatabaseTest
    void closeWaitsThenRollsBackWhatOverrunsThenRefusesWork(TestDb t) {
        accounts(t, t.db());
        Resequel db = t.connect(o -> { });
        Model<Instance> a = accounts(t, db);
        Mono<Instance> quick = db.transaction(tx -> a.create(Map.of("name", "quick1", "balance", 1))
                .then(Mono.delay(Duration.ofMillis(300)))
                .then(a.create(Map.of("name", "quick2", "balance", 1)))).cache();
        Mono<Instance> slow = db.transaction(tx -> a.create(Map.of("name", "slow1", "balance", 1))
                .then(Mono.delay(Duration.ofSeconds(30)))
                .then(a.create(Map.of("name", "slow2", "balance", 1)))).cache();
        quick.subscribe(v -> { }, e -> { });
        slow.subscribe(v -> { }, e -> { });
        Mono.delay(Duration.ofMillis(100)).block(WAIT);
        long started = System.nanoTime();
        db.close(Duration.ofSeconds(1)).block(WAIT);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs >= 250 && tookMs < 5_000, "close waited for the quick one, not the slow one: " + tookMs);
        assertEquals("quick2", quick.block(WAIT).get("name"), "the quick transaction finished and committed");
        PoolClosedException overran = assertThrows(PoolClosedException.class, () -> slow.block(WAIT));
        assertTrue(overran.rolledBack(), overran.getMessage());
        assertEquals(2, count(t, "quick"));
        assertEquals(0, count(t, "slow"), "the overrunning transaction was rolled back");
        assertThrows(PoolClosedException.class, () -> db.transaction(tx -> a.count()).block(WAIT));
        Throwable query = assertThrows(RuntimeException.class, () -> a.count().block(WAIT));
        assertFalse(query.getMessage() == null, "a query after close says why");
    }
}
