package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.ReadYourWrites;
import io.resequel.tx.RoutingMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes under read replication. On every database the window mode is checked with the writer and the
 * reader on two URLs of the same database, the routing read from {@link Resequel#routingMetrics()}; on PostgreSQL
 * both modes run against the real hot standby on 127.0.0.1:5433 ({@code shared/db/start-replica.sh}).
 */
class ReadYourWritesTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static Model<Instance> notes(Resequel db) {
        return db.define("RywNote", s -> s.attribute("text", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName("ryw_notes")));
    }

    /** A Resequel whose writer and reader are the test's database, with the table made beforehand. */
    static Resequel sameDatabase(TestDb t, Duration sharedWindow) {
        notes(t.db());
        t.db().sync().block(WAIT);
        return t.connect(b -> {
            b.replication(t.url(), List.of(t.url()));
            if (sharedWindow != null) {
                b.readYourWrites(sharedWindow);
            }
        });
    }

    /** @return {@code after - before}, field by field */
    static RoutingMetrics delta(RoutingMetrics before, RoutingMetrics after) {
        return new RoutingMetrics(after.replicaReads() - before.replicaReads(),
                after.writerReads() - before.writerReads(), after.consistentReads() - before.consistentReads(),
                after.lsnChecks() - before.lsnChecks(), after.lsnBehind() - before.lsnBehind(), after.lastLagBytes());
    }

    @DatabaseTest
    void aWriteInAContextSendsItsReadsToTheWriterForTheWindow(TestDb t) throws Exception {
        Resequel db = sameDatabase(t, null);
        Model<Instance> notes = notes(db);

        RoutingMetrics m0 = db.routingMetrics();
        assertEquals(0L, notes.count().block(WAIT));
        assertEquals(new RoutingMetrics(1, 0, 0, 0, 0, 0), delta(m0, db.routingMetrics()), "no scope: the reader");

        RoutingMetrics m1 = db.routingMetrics();
        List<Object> seen = notes.create(Map.of("text", "mine"))
                .thenMany(notes.findAll().map(i -> i.get("text")))
                .contextWrite(ctx -> ReadYourWrites.window(ctx, Duration.ofMinutes(1)))
                .collectList().block(WAIT);
        assertEquals(List.of("mine"), seen);
        assertEquals(new RoutingMetrics(0, 0, 1, 0, 0, 0), delta(m1, db.routingMetrics()),
                "the read after the write went to the writer");

        RoutingMetrics m2 = db.routingMetrics();
        notes.findAll().contextWrite(ctx -> ReadYourWrites.window(ctx, Duration.ofMinutes(1))).blockLast(WAIT);
        notes.count().block(WAIT);
        assertEquals(2, delta(m2, db.routingMetrics()).replicaReads(),
                "a scope without a write, and reads outside the writing scope, use the reader");

        RoutingMetrics m3 = db.routingMetrics();
        notes.create(Map.of("text", "old"))
                .then(Mono.delay(Duration.ofSeconds(1)))
                .then(notes.count())
                .contextWrite(ctx -> ReadYourWrites.window(ctx, Duration.ofMillis(200)))
                .block(WAIT);
        assertEquals(new RoutingMetrics(1, 0, 0, 0, 0, 0), delta(m3, db.routingMetrics()),
                "past the window reads go back to the reader");
    }

    @DatabaseTest
    void includesAndSeparateLoadsFollowTheirRoot(TestDb t) {
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(t.url())));
        Model<Instance> l = db.define("RywList", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName("ryw_lists")));
        Model<Instance> n = notes(db);
        l.hasMany(n);
        db.sync().block(WAIT); // DDL runs on the writer

        RoutingMetrics m0 = db.routingMetrics();
        List<Instance> found = l.create(Map.of("name", "todo"))
                .flatMap(list -> n.create(Map.of("text", "a", "RywListId", list.get("id"))))
                .thenMany(l.findAll(q -> q.include(Include.of(n).separate(true))))
                .concatWith(l.findAll(q -> q.include(Include.of(n))))
                .contextWrite(ctx -> ReadYourWrites.window(ctx, Duration.ofMinutes(1)))
                .collectList().block(WAIT);
        assertEquals(2, found.size());
        for (Instance list : found) {
            assertEquals(1, ((List<?>) list.get("RywNotes")).size(), "the include saw the new note: " + list);
        }
        RoutingMetrics d = delta(m0, db.routingMetrics());
        assertEquals(0, d.replicaReads(), "no statement of the root or its includes went to the reader: " + d);
        assertEquals(3, d.consistentReads(), "root + separate load, then root with a JOINed include: " + d);
    }

    @DatabaseTest
    void theResequelWideWindowFollowsAnyWriteOfTheInstance(TestDb t) {
        Resequel db = sameDatabase(t, Duration.ofMinutes(1));
        Model<Instance> notes = notes(db);
        RoutingMetrics m0 = db.routingMetrics();
        notes.count().block(WAIT);
        assertEquals(1, delta(m0, db.routingMetrics()).replicaReads(), "before any write: the reader");
        notes.create(Map.of("text", "w")).block(WAIT);
        RoutingMetrics m1 = db.routingMetrics();
        assertEquals(1L, notes.count().block(WAIT));
        assertEquals(new RoutingMetrics(0, 0, 1, 0, 0, 0), delta(m1, db.routingMetrics()),
                "after a write by this Resequel, a read in another chain goes to the writer");
    }

    /** The README's example, run as written there. */
    @DatabaseTest
    void readmeExample(TestDb t) {
        Resequel db = sameDatabase(t, null);
        Model<Instance> notes = notes(db);
        Instance read = notes.create(Map.of("text", "hello"))
                .flatMap(saved -> notes.findByPk(saved.get("id")))   // served by the writer
                .contextWrite(ctx -> ReadYourWrites.window(ctx, Duration.ofSeconds(2)))
                .block(WAIT);
        assertEquals("hello", read.get("text"));
        assertEquals(1, db.routingMetrics().consistentReads());
    }

    // ---- the real PostgreSQL hot standby ----

    /** @return the standby's URL for this test's schema, or aborts (fails under CI when it should be there) */
    static String standby(TestDb t) throws Exception {
        Assumptions.assumeTrue(t.is("postgres"), "the hot standby on 5433 is PostgreSQL's; LSNs are PostgreSQL's");
        Assumptions.assumeTrue(t.url().contains("127.0.0.1:5432/"),
                "the replica script serves the local PostgreSQL on 127.0.0.1:5432, not " + t.url());
        String replica = t.url().replace("127.0.0.1:5432/", "127.0.0.1:5433/");
        StreamingReplicaTest.startReplica();
        try {
            Flux.usingWhen(Mono.from(ConnectionFactories.get(replica).create()),
                    c -> Flux.from(c.createStatement("SELECT 1").execute()).concatMap(r -> r.map((row, m) -> 1)),
                    Connection::close).blockLast(WAIT);
        } catch (RuntimeException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("start-replica.sh succeeded but the replica on 5433 is unreachable: " + e);
            }
            Assumptions.abort("replica on 5433 unreachable: " + e);
        }
        return replica;
    }

    /** Waits until the table made on the primary can be read on the standby. */
    static void awaitTable(Model<Instance> notes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                notes.count().block(WAIT);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    static int readBack(Model<Instance> notes, String prefix, int times, java.util.function.Function<reactor.util.context.Context, reactor.util.context.Context> scope) {
        int seen = 0;
        for (int i = 0; i < times; i++) {
            String text = prefix + i;
            Long n = notes.create(Map.of("text", text))
                    .then(notes.count(Where.eq("text", text)))
                    .contextWrite(scope)
                    .block(WAIT);
            seen += n.intValue();
        }
        return seen;
    }

    @DatabaseTest
    void onTheStandbyAWriteIsAlwaysReadBackInItsContext(TestDb t) throws Exception {
        String replica = standby(t);
        notes(t.db());
        t.db().sync().block(WAIT);
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(replica)));
        Model<Instance> notes = notes(db);
        awaitTable(notes);

        RoutingMetrics m0 = db.routingMetrics();
        assertEquals(200, readBack(notes, "lsn", 200, ctx -> ReadYourWrites.lsn(ctx, Duration.ofSeconds(10))),
                "LSN mode: every write read back at once");
        RoutingMetrics lsn = delta(m0, db.routingMetrics());
        assertEquals(200, lsn.lsnChecks(), "each read asked the standby for its replay position: " + lsn);
        assertEquals(200, lsn.replicaReads() + lsn.consistentReads(), lsn.toString());
        assertEquals(lsn.lsnBehind(), lsn.consistentReads(), "the writer served exactly the lagging reads: " + lsn);

        RoutingMetrics m1 = db.routingMetrics();
        assertEquals(200, readBack(notes, "win", 200, ctx -> ReadYourWrites.window(ctx, Duration.ofSeconds(10))),
                "window mode: every write read back at once");
        assertEquals(200, delta(m1, db.routingMetrics()).consistentReads());

        RoutingMetrics m2 = db.routingMetrics();
        int unscoped = readBack(notes, "none", 200, ctx -> ctx);
        RoutingMetrics none = delta(m2, db.routingMetrics());
        assertEquals(200, none.replicaReads(), "without the option every read goes to the standby: " + none);
        System.out.println("[ryw] standby: LSN mode " + lsn + "; without the option " + unscoped
                + "/200 reads right after the write saw it");
        // no "0 acquired" check here: a connection goes back to the pool just after its result is delivered; the
        // test kit checks that none is left acquired once the test ended
    }

    @DatabaseTest
    void theResequelWideLsnModeOnTheStandby(TestDb t) throws Exception {
        String replica = standby(t);
        notes(t.db());
        t.db().sync().block(WAIT);
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(replica))
                .readYourWritesByLsn(Duration.ofSeconds(10)));
        Model<Instance> notes = notes(db);
        awaitTable(notes);
        RoutingMetrics m0 = db.routingMetrics();
        int seen = 0;
        for (int i = 0; i < 50; i++) {
            notes.create(Map.of("text", "shared" + i)).block(WAIT);
            seen += notes.count(Where.eq("text", "shared" + i)).block(WAIT).intValue(); // another chain
        }
        assertEquals(50, seen);
        RoutingMetrics d = delta(m0, db.routingMetrics());
        assertEquals(50, d.lsnChecks(), d.toString());
        assertTrue(d.replicaReads() + d.consistentReads() == 50, d.toString());
    }
}
