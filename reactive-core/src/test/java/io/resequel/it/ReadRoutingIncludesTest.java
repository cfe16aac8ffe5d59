package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.ReadYourWrites;
import io.resequel.tx.RoutingMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * Includes and separate loads follow their root's routing choice (issue 18): with a reader that is another database
 * holding other rows, what the root and its separate include return shows where each statement ran. The root goes to
 * the reader, or to the writer for {@code useMaster}, a transaction or a read-your-writes scope after a write; its
 * separate loads go with it, never split between the two. Tables {@code hko_}.
 */
class ReadRoutingIncludesTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** A list with one note, named after where it lives. */
    record Models(Model<Instance> lists, Model<Instance> notes) {
    }

    static Models define(Resequel db) {
        Model<Instance> lists = db.define("HkoList", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName("hko_lists")));
        Model<Instance> notes = db.define("HkoNote", s -> s.attribute("text", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName("hko_notes")));
        lists.hasMany(notes, a -> a.as("notes").foreignKey("listId"));
        db.sync().block(WAIT);
        return new Models(lists, notes);
    }

    static void seed(Models m, String where) {
        m.lists().create(Map.of("name", where + " list"))
                .flatMap(l -> m.notes().create(Map.of("text", "on " + where, "listId", l.get("id"))))
                .block(WAIT);
    }

    /** The root's name and its notes' texts, read with a separate include. */
    static List<String> read(Models m, Consumer<io.resequel.query.FindOptions.Builder> more) {
        return m.lists().findAll(q -> {
            q.include(Include.of(m.notes()).as("notes").separate(true)).order(Order.asc("id"));
            more.accept(q);
        }).concatMap(l -> Flux.concat(Flux.just((String) l.get("name")),
                Flux.fromIterable((List<?>) l.get("notes")).map(n -> (String) ((Instance) n).get("text"))))
                .collectList().block(WAIT);
    }

    static RoutingMetrics delta(RoutingMetrics before, Resequel db) {
        return ReadYourWritesTest.delta(before, db.routingMetrics());
    }

    @DatabaseTest
    void aSeparateIncludeIsReadWhereItsRootIs(TestDb t) {
        String reader = t.isolatedDatabase();
        seed(define(t.connect(b -> b.url(reader))), "reader");
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(reader)));
        Models m = define(db); // DDL on the writer
        seed(m, "writer");

        RoutingMetrics m0 = db.routingMetrics();
        assertEquals(List.of("reader list", "on reader"), read(m, q -> { }), "no scope: root and include on the reader");
        assertEquals(new RoutingMetrics(2, 0, 0, 0, 0, 0), delta(m0, db), "two statements, both on the reader");

        RoutingMetrics m1 = db.routingMetrics();
        assertEquals(List.of("writer list", "on writer"), read(m, q -> q.useMaster(true)),
                "useMaster on the root takes its separate include to the writer too");
        assertEquals(new RoutingMetrics(0, 2, 0, 0, 0, 0), delta(m1, db));

        RoutingMetrics m2 = db.routingMetrics();
        assertEquals(List.of("writer list", "on writer"), readInTransaction(db, m),
                "inside a transaction: root and include on the writer");
        assertEquals(0, delta(m2, db).replicaReads());

        RoutingMetrics m3 = db.routingMetrics();
        List<String> afterWrite = m.notes().create(Map.of("text", "fresh", "listId", 1))
                .thenMany(m.lists().findAll(q -> q.include(Include.of(m.notes()).as("notes").separate(true))
                        .where(Where.eq("id", 1))))
                .concatMap(l -> Flux.fromIterable((List<?>) l.get("notes")).map(n -> (String) ((Instance) n).get("text")))
                .contextWrite(ctx -> ReadYourWrites.window(ctx, Duration.ofMinutes(1)))
                .collectList().block(WAIT);
        assertTrue(afterWrite.contains("fresh") && afterWrite.contains("on writer"), "read your own write: " + afterWrite);
        RoutingMetrics d = delta(m3, db);
        assertEquals(new RoutingMetrics(0, 0, 2, 0, 0, 0), d, "root and separate load both sent to the writer: " + d);
    }

    static List<String> readInTransaction(Resequel db, Models m) {
        return db.transactionMany(tx -> m.lists().findAll(q -> q.include(Include.of(m.notes()).as("notes")
                        .separate(true)).order(Order.asc("id")))
                .concatMap(l -> Flux.concat(Flux.just((String) l.get("name")),
                        Flux.fromIterable((List<?>) l.get("notes")).map(n -> (String) ((Instance) n).get("text")))))
                .collectList().block(WAIT);
    }

    @DatabaseTest
    void onTheStandbyARootAndItsSeparateIncludeSeeTheWriteInLsnMode(TestDb t) throws Exception {
        String replica = ReadYourWritesTest.standby(t);
        define(t.db());
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(replica)));
        Models m = define(db);
        ReadYourWritesTest.awaitTable(m.lists());
        ReadYourWritesTest.awaitTable(m.notes());
        RoutingMetrics m0 = db.routingMetrics();
        int complete = 0;
        for (int i = 0; i < 50; i++) {
            String text = "note" + i;
            List<String> seen = m.lists().create(Map.of("name", "list" + i))
                    .flatMap(l -> m.notes().create(Map.of("text", text, "listId", l.get("id"))).thenReturn(l))
                    .flatMapMany(l -> m.lists().findAll(q -> q.where(Where.eq("id", l.get("id")))
                            .include(Include.of(m.notes()).as("notes").separate(true))))
                    .concatMap(l -> Flux.fromIterable((List<?>) l.get("notes")).map(n -> (String) ((Instance) n).get("text")))
                    .contextWrite(ctx -> ReadYourWrites.lsn(ctx, Duration.ofSeconds(10)))
                    .collectList().block(WAIT);
            complete += seen.equals(List.of(text)) ? 1 : 0;
        }
        RoutingMetrics d = delta(m0, db);
        assertEquals(50, complete, "every root came with the note written just before it: " + d);
        assertEquals(100, d.lsnChecks(), "root and separate load each checked the standby: " + d);
        assertEquals(100, d.replicaReads() + d.consistentReads(), d.toString());
        assertEquals(d.lsnBehind(), d.consistentReads(), "the writer served exactly the lagging reads: " + d);
        assertTrue(d.lastLagBytes() >= 0, d.toString());
        System.out.println("[ryw] standby, root + separate include in LSN mode: " + d);
    }
}
