package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * "Never blocks" holds on every database, the embedded H2 included: r2dbc-h2 runs H2's engine on the subscribing
 * thread, so the H2 dialect moves that work off it.
 */
class NonBlockingTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @DatabaseTest
    void twoTransactionsDrivenFromOneThreadWaitForEachOtherWithoutDeadlock(TestDb t) throws Exception {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        Object id = a.create(Map.of("name", "ada", "balance", 0)).block(WAIT).get("id");
        Transaction first = t.db().startTransaction().block(WAIT);
        Transaction second = t.db().startTransaction().block(WAIT);
        try {
            inTx(a.update(Map.of("balance", 1), Where.eq("id", id)), first).block(WAIT);
            // Subscribed from this thread: before the fix H2 ran the update here, blocked this thread in its lock
            // wait, and failed it on H2's lock timeout before the first transaction could commit.
            CompletableFuture<Long> waiting = inTx(a.update(Map.of("balance", 2), Where.eq("id", id)), second)
                    .toFuture();
            Mono.delay(Duration.ofMillis(200)).block(WAIT);
            assertFalse(waiting.isDone(), "the second update waits for the first transaction's row lock");
            first.commit().block(WAIT);
            assertEquals(1L, waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            second.commit().block(WAIT);
        } finally {
            first.rollback().onErrorResume(e -> Mono.empty()).block(WAIT);
            second.rollback().onErrorResume(e -> Mono.empty()).block(WAIT);
        }
        assertEquals(List.of(2), a.findAll().map(i -> ((Number) i.get("balance")).intValue()).collectList().block(WAIT));
    }

    @DatabaseTest
    void aLockWaitSubscribedOnANonBlockingThreadDoesNotBlockIt(TestDb t) throws Exception {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        Object id = a.create(Map.of("name", "ada", "balance", 3)).block(WAIT).get("id");
        List<Object> names = Mono.delay(Duration.ofMillis(1), Schedulers.parallel())
                .flatMapMany(x -> a.findAll(q -> q.where(Where.eq("balance", 3))))
                .map(i -> i.get("name")).collectList().block(WAIT);
        assertEquals(List.of("ada"), names);
        Transaction holder = t.db().startTransaction().block(WAIT);
        try {
            inTx(a.update(Map.of("balance", 4), Where.eq("id", id)), holder).block(WAIT);
            // Subscribed on a parallel() thread, the update waits for the holder's row lock: BlockHound (installed
            // by the test kit) fails the test if that wait blocks the parallel thread (H2 waits in Thread.sleep).
            CompletableFuture<Long> waiting = Mono.delay(Duration.ofMillis(1), Schedulers.parallel())
                    .flatMap(x -> t.db().transaction(tx -> a.update(Map.of("balance", 5), Where.eq("id", id))).single())
                    .toFuture();
            Mono.delay(Duration.ofMillis(200)).block(WAIT);
            assertFalse(waiting.isDone(), "the update waits for the holder's lock");
            holder.commit().block(WAIT);
            assertEquals(1L, waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            holder.rollback().onErrorResume(e -> Mono.empty()).block(WAIT);
        }
    }

    private static <T> Mono<T> inTx(Mono<T> work, Transaction tx) {
        return work.contextWrite(ctx -> TransactionContext.with(ctx, tx));
    }
}
