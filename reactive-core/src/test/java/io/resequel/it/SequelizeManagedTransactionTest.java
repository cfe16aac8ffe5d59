package io.resequel.it;

import static io.resequel.it.TransactionTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resequel.Resequel;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SaveOptions;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.CommitFailedException;
import io.resequel.tx.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/sequelize.transaction.test.js}: {@code sequelize.transaction()}
 * and its commit and rollback, broken connections, long-running transactions and a unique-key race. The mapping of
 * each {@code it(...)} is in {@code docs/sequelize-parity.md}.
 */
class SequelizeManagedTransactionTest {

    private static Model<Instance> named(Resequel db, String model, boolean unique) {
        Model<Instance> m = db.define(model, s -> s
                .attribute("name", DataTypes.STRING, a -> a.unique(unique))
                .options(o -> o.timestamps(false)));
        db.sync().block(WAIT);
        return m;
    }

    // ---- Transaction#commit / #rollback -----------------------------------------------------------------------

    @DatabaseTest
    void commitCompletesOnceTheTransactionHasBeenCommitted(TestDb t) {
        Model<Instance> users = named(t.db(), "User", false);
        Transaction tx = t.db().startTransaction().block(WAIT);
        users.create(Map.of("name", "foo"), SaveOptions.in(tx)).block(WAIT);
        assertNull(tx.commit().block(WAIT), "commit() completes empty (Sequelize: resolves to undefined)");
        assertEquals(Transaction.State.COMMITTED, tx.state());
        assertEquals(1L, users.count().block(WAIT), "committed by the time commit() completed");
    }

    @DatabaseTest
    void rollbackCompletesOnceTheTransactionHasBeenRolledBack(TestDb t) {
        Model<Instance> users = named(t.db(), "User", false);
        Transaction tx = t.db().startTransaction().block(WAIT);
        users.create(Map.of("name", "foo"), SaveOptions.in(tx)).block(WAIT);
        assertNull(tx.rollback().block(WAIT));
        assertEquals(Transaction.State.ROLLED_BACK, tx.state());
        assertEquals(0L, users.count().block(WAIT));
    }

    /**
     * Sequelize stubs {@code commitTransaction} to reject; here the server ends the connection under the open
     * transaction, so the COMMIT really fails. The broken connection is destroyed, not pooled again.
     */
    @DatabaseTest
    void doesNotPolluteThePoolWithBrokenConnectionsIfCommitFails(TestDb t) {
        if (t.is("h2")) {
            return; // an in-process database has no connection to break
        }
        Throwable e = endOnABrokenConnection(t, Transaction::commit);
        CommitFailedException failed = assertInstanceOf(CommitFailedException.class, e, String.valueOf(e));
        assertEquals(true, failed.outcomeUnknown());
    }

    @DatabaseTest
    void doesNotPolluteThePoolWithBrokenConnectionsIfRollbackFails(TestDb t) {
        if (t.is("h2")) {
            return; // an in-process database has no connection to break
        }
        assertInstanceOf(RuntimeException.class, endOnABrokenConnection(t, Transaction::rollback));
    }

    /**
     * Begins a transaction on a pool of one, has the server kill its connection, then ends it with {@code end}.
     *
     * @return the error of {@code end}; the pool has then dropped the connection and the next query gets a new one
     */
    private static Throwable endOnABrokenConnection(TestDb t, Function<Transaction, Mono<Void>> end) {
        Resequel one = t.connect(o -> o.pool(p -> p.max(1)));
        Object before = backendId(t, one, null);
        Transaction tx = one.startTransaction().block(WAIT);
        Object pid = backendId(t, one, tx);
        assertEquals(before, pid, "the pool of one lent its only connection to the transaction");
        String kill = t.is("postgres") ? "SELECT pg_terminate_backend(" + pid + ")" : "KILL " + pid;
        t.raw(kill).then().onErrorResume(x -> Mono.empty()).block(WAIT);
        Throwable e = assertThrows(RuntimeException.class, () -> end.apply(tx).block(WAIT));
        assertEquals(0, one.poolMetrics().acquired(), one.poolMetrics().toString());
        assertEquals(0, one.poolMetrics().idle(), "the broken connection was destroyed: " + one.poolMetrics());
        assertNotEquals(pid, backendId(t, one, null), "the next query runs on a new connection");
        return e;
    }

    private static Object backendId(TestDb t, Resequel db, Transaction tx) {
        String sql = t.is("postgres") ? "SELECT pg_backend_pid() AS pid" : "SELECT CONNECTION_ID() AS pid";
        return db.query(sql, q -> {
            if (tx != null) {
                q.transaction(tx);
            }
        }).map(r -> r.rows().get(0).values().iterator().next()).block(WAIT);
    }

    // ---- long running transactions ----------------------------------------------------------------------------

    /**
     * Sequelize sleeps 2 s in SQL twice inside an unmanaged transaction while a write outside it commits. H2 has no
     * sleep function: the wait is then between the statements.
     */
    @DatabaseTest
    void worksForLongRunningTransactions(TestDb t) {
        Model<Instance> users = named(t.db(), "User", false);
        Transaction tx = t.db().startTransaction().block(WAIT);
        sleep(t, tx);
        users.create(Map.of("name", "foo")).block(WAIT); // outside the transaction, on another pooled connection
        sleep(t, tx);
        tx.commit().block(WAIT);
        List<Instance> all = users.findAll().collectList().block(WAIT);
        assertEquals(1, all.size());
        assertEquals("foo", all.get(0).get("name"));
    }

    private static void sleep(TestDb t, Transaction tx) {
        String sql = t.is("postgres") ? "SELECT pg_sleep(0.3)" : t.is("mysql") ? "SELECT SLEEP(0.3)" : null;
        if (sql == null) {
            Mono.delay(Duration.ofMillis(300)).then(t.db().query("SELECT 1", q -> q.transaction(tx))).block(WAIT);
        } else {
            t.db().query(sql, q -> q.transaction(tx)).block(WAIT);
        }
    }

    @DatabaseTest
    void complexLongRunningExampleWorksWithPromiseSyntax(TestDb t) {
        Model<Instance> test = named(t.db(), "Test", false);
        Transaction tx = t.db().startTransaction().block(WAIT);
        assertInstanceOf(Transaction.class, tx);
        test.create(Map.of("name", "Peter"), SaveOptions.in(tx)).block(WAIT);
        Mono.delay(Duration.ofMillis(300)).then(tx.commit()).block(WAIT);
        assertEquals(1L, test.count().block(WAIT));
    }

    // ---- concurrency: having tables with uniqueness constraints -----------------------------------------------

    /**
     * T1 inserts 'omnom' and commits 100 ms later; T2's insert of the same name waits for T1 (PostgreSQL, MariaDB)
     * and then fails with a {@link UniqueConstraintException}; T2 is rolled back and T1's row stays.
     */
    @DatabaseTest
    void triggersTheErrorForTheSecondTransaction(TestDb t) {
        Model<Instance> m = named(t.db(), "Model", true);
        Transaction t1 = t.db().startTransaction().block(WAIT);
        Transaction t2 = t.db().startTransaction().block(WAIT);
        m.create(Map.of("name", "omnom"), SaveOptions.in(t1)).block(WAIT);
        List<Object> events = new CopyOnWriteArrayList<>();
        Mono<Void> second = m.create(Map.of("name", "omnom"), SaveOptions.in(t2))
                .doOnNext(i -> events.add("t2 inserted"))
                .then()
                .onErrorResume(e -> {
                    events.add(e);
                    return t2.rollback();
                })
                .subscribeOn(Schedulers.boundedElastic()); // H2 waits on the subscribing thread
        Mono<Void> first = Mono.delay(Duration.ofMillis(100)).then(t1.commit());
        Mono.when(first, second).block(WAIT);
        assertEquals(1, events.size(), events.toString());
        Throwable e = (Throwable) events.get(0);
        assertInstanceOf(UniqueConstraintException.class, e, String.valueOf(e));
        assertEquals(Transaction.State.ROLLED_BACK, t2.state());
        assertEquals(1L, m.count().block(WAIT));
    }
}
