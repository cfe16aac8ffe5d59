package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.IsolationLevel;
import io.resequel.Retries;
import io.resequel.error.DeadlockException;
import io.resequel.error.SerializationFailureException;
import io.resequel.error.TransactionConflictException;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.TransactionOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Deadlocks and serialization failures as typed, retryable errors, and the retry option. */
class ConflictTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @DatabaseTest
    void aForcedDeadlockIsTypedAndRetryRecovers(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        List<Object> ids = a.bulkCreate(List.of(Map.of("name", "a", "balance", 0), Map.of("name", "b", "balance", 0)))
                .map(i -> i.get("id")).collectList().block(WAIT);
        Object idA = ids.get(0);
        Object idB = ids.get(1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        TransactionOptions retry = TransactionOptions.builder().retry(Retries.onConflict(5, Duration.ofMillis(50)))
                .build();
        // each transaction locks its first row, waits until the other has locked its own, then wants the other's
        // by primary key: InnoDB locks only the row it updates (a scan would lock every row and serialize instead)
        Mono<Void> ab = t.db().transaction(retry, tx -> bump(a, idA, attempts)
                .then(Mono.delay(Duration.ofMillis(400))).then(bump(a, idB, null))
                .doOnError(errors::add)).then();
        Mono<Void> ba = t.db().transaction(retry, tx -> bump(a, idB, attempts)
                .then(Mono.delay(Duration.ofMillis(400))).then(bump(a, idA, null))
                .doOnError(errors::add)).then();
        Flux.merge(ab, ba).then().block(WAIT);
        assertFalse(errors.isEmpty(), "the two transactions deadlocked");
        Throwable e = errors.get(0);
        assertInstanceOf(TransactionConflictException.class, e, String.valueOf(e));
        if (!t.is("h2")) { // H2 may report the cycle as a lock timeout instead
            assertInstanceOf(DeadlockException.class, e, String.valueOf(e));
        }
        TransactionConflictException conflict = (TransactionConflictException) e;
        assertTrue(conflict.isRetryable());
        assertTrue(conflict.sqlState() != null || conflict.vendorCode() != 0, "carries SQLSTATE or vendor code");
        assertTrue(attempts.get() >= 3, "the loser ran again: " + attempts.get() + " attempts");
        assertEquals(2, TransactionTest.balance(t, "a"), "both transactions committed their two increments");
        assertEquals(2, TransactionTest.balance(t, "b"));
    }

    private static Mono<Long> bump(Model<Instance> a, Object id, AtomicInteger attempts) {
        return Mono.defer(() -> {
            if (attempts != null) {
                attempts.incrementAndGet();
            }
            return a.increment(Map.of("balance", 1), Where.eq("id", id));
        });
    }

    @DatabaseTest
    void aSerializationFailureIsTypedAndRetryReRunsTheTransaction(TestDb t) {
        if (!t.is("postgres")) {
            return; // MySQL's REPEATABLE READ updates the latest row instead of failing; H2 reports another error
        }
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        a.create(Map.of("name", "a", "balance", 1)).block(WAIT);
        String bump = "UPDATE " + t.q("Accounts") + " SET " + t.q("balance") + " = 2";
        TransactionOptions rr = TransactionOptions.builder().isolation(IsolationLevel.REPEATABLE_READ).build();
        AtomicInteger attempts = new AtomicInteger();
        Flux<Long> work = t.db().transactionMany(rr, tx -> Mono.fromRunnable(attempts::incrementAndGet)
                .then(a.count())
                .then(t.rawUpdate(bump))
                .then(a.increment(Map.of("balance", 10), Where.eq("name", "a"))));
        StepVerifier.create(work).expectError(SerializationFailureException.class).verify(WAIT);
        assertEquals(2, TransactionTest.balance(t, "a"));

        attempts.set(0);
        t.db().transaction(rr.mutate().retry(Retries.onConflict(3, Duration.ofMillis(10))).build(),
                tx -> Mono.fromRunnable(attempts::incrementAndGet)
                        .then(a.count())
                        .then(Mono.defer(() -> attempts.get() == 1 ? t.rawUpdate(bump + " + 1") : Mono.just(0L)))
                        .then(a.increment(Map.of("balance", 10), Where.eq("name", "a")))).block(WAIT);
        assertEquals(2, attempts.get(), "failed once, then committed on the second run");
        assertEquals(13, TransactionTest.balance(t, "a"));
    }

    @DatabaseTest
    void retryLeavesOtherErrorsAlone(TestDb t) {
        TransactionTest.accounts(t, t.db());
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.create(t.db().transaction(
                        TransactionOptions.builder().retry(Retries.onConflict(3, Duration.ofMillis(1))).build(),
                        tx -> Mono.fromRunnable(attempts::incrementAndGet)
                                .then(Mono.error(new IllegalStateException("not a conflict")))))
                .expectErrorMessage("not a conflict").verify(WAIT);
        assertEquals(1, attempts.get());
    }
}
