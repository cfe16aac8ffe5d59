package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.LockWithoutTransactionException;
import io.resequel.error.TransactionConflictException;
import io.resequel.error.UnsupportedFeatureException;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Lock;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.sql.Feature;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Row locks on finders: rendering per database, blocking observed, SKIP LOCKED, NOWAIT, and misuse. */
class LockTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    private static List<Object> twoRows(Model<Instance> a) {
        return a.bulkCreate(List.of(Map.of("name", "a", "balance", 1), Map.of("name", "b", "balance", 2)))
                .map(i -> i.get("id")).collectList().block(WAIT);
    }

    @DatabaseTest
    void forUpdateBlocksASecondTransactionUntilTheFirstCommits(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        Object id = twoRows(a).get(0);
        Transaction first = t.db().startTransaction().block(WAIT);
        a.findAll(q -> q.where(Where.eq("id", id)).lock(Lock.UPDATE).transaction(first)).blockLast(WAIT);
        assertTrue(t.statements().stream().anyMatch(s -> s.endsWith(" FOR UPDATE")), t.statements().toString());

        List<String> events = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        Mono<Void> commitLater = Mono.delay(Duration.ofMillis(600))
                .then(Mono.fromRunnable(() -> events.add("first commits")))
                .then(first.commit());
        Mono<Void> second = t.db().transaction(tx -> a.findOne(q -> q.where(Where.eq("id", id)).lock(Lock.UPDATE))
                .doOnNext(i -> events.add("second holds the lock"))).then();
        // commitLater is subscribed first: on H2 the second's lock wait blocks the subscribing thread
        Mono.when(commitLater, second).block(WAIT);
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of("first commits", "second holds the lock"), events);
        assertTrue(waitedMs >= 500, "the second waited for the first: " + waitedMs + " ms");
    }

    @DatabaseTest
    void shareLockWithSkipLockedSkipsRowsHeldForUpdate(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        Object id = twoRows(a).get(0);
        if (!t.db().dialect().supports(Feature.LOCK_SHARE) || !t.db().dialect().supports(Feature.LOCK_SKIP_LOCKED)) {
            return; // H2: no FOR SHARE (lockLevelsRenderPerDatabase covers the typed error)
        }
        Transaction first = t.db().startTransaction().block(WAIT);
        a.findAll(q -> q.where(Where.eq("id", id)).lock(Lock.UPDATE).transaction(first)).blockLast(WAIT);
        try {
            // MariaDB takes LOCK IN SHARE MODE SKIP LOCKED, MySQL 8 FOR SHARE SKIP LOCKED: the dialect knows which
            // server it talks to from the first connection.
            List<Object> free = t.db().transactionMany(tx -> a.findAll(q -> q.lock(Lock.SHARE.skipLocked())
                    .order(Order.asc("id"))).map(i -> i.get("name"))).collectList().block(WAIT);
            assertEquals(List.of("b"), free);
        } finally {
            first.rollback().block(WAIT);
        }
    }

    @DatabaseTest
    void skipLockedAndNowait(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        Object id = twoRows(a).get(0);
        Transaction first = t.db().startTransaction().block(WAIT);
        a.findAll(q -> q.where(Where.eq("id", id)).lock(Lock.UPDATE).transaction(first)).blockLast(WAIT);
        try {
            if (t.db().dialect().supports(Feature.LOCK_SKIP_LOCKED)) {
                List<Object> free = t.db().transactionMany(tx -> a.findAll(q -> q.lock(Lock.UPDATE.skipLocked())
                        .order(Order.asc("id"))).map(i -> i.get("name"))).collectList().block(WAIT);
                assertEquals(List.of("b"), free, "the row the first transaction holds is skipped");
            }
            if (t.db().dialect().supports(Feature.LOCK_NOWAIT)) {
                StepVerifier.create(t.db().transactionMany(tx -> a.findAll(q -> q.where(Where.eq("id", id))
                                .lock(Lock.UPDATE.nowait()))))
                        .expectErrorSatisfies(e -> assertInstanceOf(TransactionConflictException.class, e,
                                String.valueOf(e)))
                        .verify(WAIT);
            }
        } finally {
            first.rollback().block(WAIT);
        }
    }

    @DatabaseTest
    void lockLevelsRenderPerDatabase(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        twoRows(a);
        for (Lock lock : List.of(Lock.SHARE, Lock.KEY_SHARE, Lock.NO_KEY_UPDATE)) {
            t.clearStatements();
            Mono<Long> found = t.db().transactionMany(tx -> a.findAll(q -> q.lock(lock)).count()).next();
            boolean supported = lock.level() == Lock.Level.SHARE
                    ? t.db().dialect().supports(Feature.LOCK_SHARE)
                    : t.db().dialect().supports(Feature.LOCK_KEY_LEVELS);
            if (supported) {
                assertEquals(2L, found.block(WAIT), lock.toString());
                String sql = t.statements().stream().filter(s -> s.startsWith("SELECT")).findFirst().orElseThrow();
                String expected = switch (lock.level()) {
                    case SHARE -> t.is("mysql") && sql.endsWith("LOCK IN SHARE MODE") ? "LOCK IN SHARE MODE" : "FOR SHARE";
                    case KEY_SHARE -> "FOR KEY SHARE";
                    default -> "FOR NO KEY UPDATE";
                };
                assertTrue(sql.endsWith(expected), sql);
            } else {
                UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                        () -> found.block(WAIT));
                assertTrue(e.getMessage().contains(t.db().dialect().name()), e.getMessage());
            }
        }
        if (t.db().dialect().supports(Feature.LOCK_OF)) {
            t.clearStatements();
            t.db().transactionMany(tx -> a.findAll(q -> q.lock(Lock.UPDATE.of(a.tableName())))).blockLast(WAIT);
            assertTrue(t.statements().stream().anyMatch(s -> s.endsWith("FOR UPDATE OF " + t.q("Accounts"))),
                    t.statements().toString());
        }
    }

    @DatabaseTest
    void aLockOutsideATransactionFails(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        t.clearStatements();
        LockWithoutTransactionException e = assertThrows(LockWithoutTransactionException.class,
                () -> a.findAll(q -> q.lock(Lock.UPDATE)).blockLast(WAIT));
        assertTrue(e.getMessage().contains("Account") && e.getMessage().contains("db.transaction"), e.getMessage());
        assertEquals(List.of(), t.statements(), "nothing was sent");
    }
}
