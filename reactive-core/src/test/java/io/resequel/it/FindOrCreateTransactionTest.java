package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.tx.TransactionOptions;
import io.resequel.Retries;
import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Created;
import io.resequel.query.Lock;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * findOrCreate inside transactions (issue 11, defect 9), and the findOrCreate / findCreateFind transaction cases of
 * Sequelize's {@code test/integration/model/create.test.js}. The INSERT runs in a savepoint, so a unique conflict
 * does not abort a PostgreSQL transaction before the find that follows it.
 */
class FindOrCreateTransactionTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    private static Model<Instance> users(Resequel db) {
        Model<Instance> m = db.define("User", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("uniqueName", DataTypes.STRING, a -> a.unique(true))
                .attribute("data", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        db.sync().block(WAIT);
        return m;
    }

    private static <T> Mono<T> in(Transaction tx, Mono<T> work) {
        return work.contextWrite(ctx -> TransactionContext.with(ctx, tx));
    }

    private static long count(TestDb t) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q("Users")).blockFirst(WAIT).get("n")).longValue();
    }

    /** Exactly one call created the row, and all calls answer that row. */
    private static void assertOneWinner(List<Created<Instance>> results) {
        assertEquals(1, results.stream().filter(Created::created).count(), results.toString());
        assertEquals(1, results.stream().map(c -> c.instance().get("id")).distinct().count(), results.toString());
    }

    @DatabaseTest
    void supportsTransactions(TestDb t) {
        Model<Instance> users = users(t.db());
        Transaction tx = t.db().startTransaction().block(WAIT);
        Created<Instance> c = in(tx, users.findOrCreate(Where.eq("username", "Username"),
                Map.of("data", "some data"))).block(WAIT);
        assertTrue(c.created());
        assertEquals(0, count(t), "not visible before the commit");
        tx.commit().block(WAIT);
        assertEquals(1, count(t));
    }

    @DatabaseTest
    void supportsMoreThanOneModelPerTransaction(TestDb t) {
        Model<Instance> users = users(t.db());
        Model<Instance> accounts = t.db().define("Account", s -> s.attribute("accountName", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        t.db().sync().block(WAIT);
        Transaction tx = t.db().startTransaction().block(WAIT);
        in(tx, users.findOrCreate(Where.eq("username", "Username"), Map.of("data", "some data"))).block(WAIT);
        in(tx, accounts.findOrCreate(Where.eq("accountName", "accountName"), Map.of())).block(WAIT);
        tx.commit().block(WAIT);
        assertEquals(1, accounts.count().block(WAIT));
    }

    @DatabaseTest
    void severalConcurrentCallsWorkWithATransaction(TestDb t) {
        Model<Instance> users = users(t.db());
        List<Created<Instance>> results = t.db().transactionMany(tx -> Flux.merge(
                users.findOrCreate(Where.eq("uniqueName", "winner"), Map.of()),
                users.findOrCreate(Where.eq("uniqueName", "winner"), Map.of()))).collectList().block(WAIT);
        assertEquals(2, results.size());
        assertOneWinner(results);
        assertEquals(1, count(t));
    }

    @DatabaseTest
    void findCreateFindWorksWithMultipleConcurrentCallsWithinATransaction(TestDb t) {
        Model<Instance> users = users(t.db());
        List<Created<Instance>> results = t.db().transactionMany(tx -> Flux.merge(
                users.findCreateFind(Where.eq("uniqueName", "winner"), Map.of()),
                users.findCreateFind(Where.eq("uniqueName", "winner"), Map.of()),
                users.findCreateFind(Where.eq("uniqueName", "winner"), Map.of()))).collectList().block(WAIT);
        assertEquals(3, results.size());
        assertOneWinner(results);
        assertEquals(1, count(t));
    }

    @DatabaseTest
    void concurrentCallersInSeparateTransactionsAgreeOnOneRow(TestDb t) {
        // The regression of defect 9: the losers' INSERT fails on the unique key once the winner commits; without a
        // savepoint PostgreSQL then refused their find with "current transaction is aborted".
        Model<Instance> users = users(t.db());
        Resequel db = t.db();
        List<Created<Instance>> results = Flux.range(0, 4)
                // InnoDB may pick one of the racing transactions as a deadlock victim (gap locks of the re-read
                // FOR UPDATE): it is rolled back whole, so it is re-run, as an application would
                .flatMap(i -> db.transaction(TransactionOptions.builder()
                        .retry(Retries.onConflict(5, java.time.Duration.ofMillis(10))).build(),
                        tx -> users.findOrCreate(Where.eq("uniqueName", "winner"), Map.of("data", "from " + i))), 4)
                .collectList().block(WAIT);
        assertEquals(4, results.size());
        assertOneWinner(results);
        assertEquals(1, count(t));
    }

    @DatabaseTest
    void loserOfAConflictKeepsItsTransactionUsable(TestDb t) {
        // Deterministic form of the race: B inserts while A's row is uncommitted, waits for A's commit, then loses.
        Model<Instance> users = users(t.db());
        Resequel db = t.db();
        Transaction a = db.startTransaction().block(WAIT);
        Transaction b = db.startTransaction().block(WAIT);
        assertTrue(in(a, users.findOrCreate(Where.eq("uniqueName", "winner"), Map.of("data", "a"))).block(WAIT)
                .created());
        Mono<Created<Instance>> loser = in(b, users.findOrCreate(Where.eq("uniqueName", "winner"), Map.of("data", "b")))
                // H2 runs the waiting INSERT on the subscribing thread: keep it off the thread that commits A.
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
        loser.subscribe(c -> { }, e -> { });
        Mono.delay(Duration.ofMillis(200)).then(a.commit()).block(WAIT);
        Created<Instance> lost = loser.block(WAIT);
        assertEquals("a", lost.instance().get("data"));
        assertTrue(!lost.created());
        // A locking read: under MySQL's REPEATABLE READ a plain one keeps B's snapshot from before A committed.
        assertEquals("a", in(b, users.findOne(q -> q.where("uniqueName", "winner").lock(Lock.UPDATE))).block(WAIT)
                .get("data"), "B's transaction still answers after the conflict");
        b.commit().block(WAIT);
        assertEquals(1, count(t));
    }

    @DatabaseTest
    void withoutAUniqueKeyTwoTransactionsBothCreate(TestDb t) {
        // What the README warns about: nothing makes the second caller wait, so each inserts its own row.
        Model<Instance> users = users(t.db());
        Resequel db = t.db();
        Transaction a = db.startTransaction().block(WAIT);
        Transaction b = db.startTransaction().block(WAIT);
        assertTrue(in(a, users.findOrCreate(Where.eq("username", "twin"), Map.of())).block(WAIT).created());
        assertTrue(in(b, users.findOrCreate(Where.eq("username", "twin"), Map.of())).block(WAIT).created());
        a.commit().block(WAIT);
        b.commit().block(WAIT);
        assertEquals(2, count(t), "no unique key on username: a duplicate");
    }
}
