package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.IsolationLevel;
import io.resequel.Resequel;
import io.resequel.Retries;
import io.resequel.error.QueryTimeoutException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Lock;
import io.resequel.query.QueryResult;
import io.resequel.query.UpdateResult;
import io.resequel.query.Where;
import io.resequel.tx.ReadYourWrites;
import io.resequel.tx.TransactionOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The README's "Transactions, locks, replication, pool" and its subsections, run on each database. */
class ReadmeTransactionsTest {

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void transactions(String database) {
        Resequel db = ReadmeDb.connect(database, "transactions");
        try {
            Model<Instance> accounts = db.define("Account", m -> m.attribute("name", DataTypes.STRING)
                    .attribute("balance", DataTypes.INTEGER));
            db.sync().then(accounts.bulkCreate(List.of(Map.of("name", "ada", "balance", 100),
                    Map.of("name", "linus", "balance", 0))).then()).block(WAIT);
            // tag::transactions[]
            // The Mono form: the result reaches you only after COMMIT succeeded.
            Mono<Instance> moved = db.transaction(t -> accounts.findOne(q -> q.where("name", "ada").lock(Lock.UPDATE))
                    .flatMap(a -> a.decrement("balance", 10))
                    .then(accounts.increment(Map.of("balance", 10), Where.eq("name", "linus")))
                    .then(accounts.findOne(q -> q.where("name", "linus"))));

            Mono<Long> retried = db.transaction(TransactionOptions.builder()
                    .isolation(IsolationLevel.REPEATABLE_READ)
                    .retry(Retries.onConflict(3, Duration.ofMillis(20)))       // re-run on deadlock / serialization failure
                    .build(),
                t -> accounts.count());
            // end::transactions[]
            assertEquals(10, ((Number) moved.block(WAIT).get("balance")).intValue());
            assertEquals(90, ((Number) accounts.findOne(q -> q.where("name", "ada")).block(WAIT).get("balance"))
                    .intValue());
            assertEquals(2L, retried.block(WAIT));
        } finally {
            db.close().block(WAIT);
        }
    }

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void readYourWrites(String database) {
        String url = ReadmeDb.url(database, "read_your_writes");
        // the same database as writer and as "replica": the routing, not the lag, is what this checks
        Resequel db = Resequel.builder().replication(url, List.of(url)).build();
        try {
            Model<Instance> notes = db.define("Note", m -> m.attribute("text", DataTypes.STRING));
            db.sync().block(WAIT);
            // tag::read-your-writes[]
            Instance read = notes.create(Map.of("text", "hello"))
                    .flatMap(saved -> notes.findByPk(saved.get("id")))   // served by the writer
                    .contextWrite(ctx -> ReadYourWrites.window(ctx, Duration.ofSeconds(2)))
                    .block();
            // end::read-your-writes[]
            assertEquals("hello", read.get("text"));
            assertEquals(1, db.routingMetrics().consistentReads());
        } finally {
            db.close().block(WAIT);
        }
    }

    @ParameterizedTest(allowZeroInvocations = true) // no server URL set: nothing to run
    @MethodSource("io.resequel.examples.readme.ReadmeDb#postgres")
    void statementTimeouts(String database) {
        String url = ReadmeDb.url(database, "timeouts");
        // tag::timeouts[]
        Resequel db = Resequel.builder().url(url)
                .queryTimeout(Duration.ofSeconds(5))                              // every statement, unless it says otherwise
                .pool(p -> p.validateAfterIdle(Duration.ofSeconds(1)))            // the default
                .build();
        Model<Instance> users = db.define("User", m -> m.attribute("city", DataTypes.STRING)
                .attribute("active", DataTypes.BOOLEAN));
        Flux<Instance> paris = users.findAll(q -> q.where("city", "Paris").timeout(Duration.ofMillis(300)));
        Mono<QueryResult> slow = db.query("SELECT pg_sleep(5)", o -> o.timeout(Duration.ofSeconds(1)));
        Mono<UpdateResult<Instance>> rome = users.update(Map.of("active", false),
                o -> o.where(Where.eq("city", "Rome")).timeout(Duration.ofSeconds(2)));
        // end::timeouts[]
        try {
            db.sync().block(WAIT);
            users.create(Map.of("city", "Rome", "active", true)).block(WAIT);
            assertEquals(List.of(), paris.collectList().block(WAIT));
            assertEquals(1L, rome.block(WAIT).count());
            long start = System.nanoTime();
            QueryTimeoutException e = assertThrows(QueryTimeoutException.class, () -> slow.block(WAIT));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 4000, e.getMessage());
        } finally {
            db.close().block(WAIT);
        }
    }
}
