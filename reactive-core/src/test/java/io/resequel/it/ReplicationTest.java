package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read replication routing, proven with reader and writer URLs that point at different databases: what a query
 * sees tells where it ran.
 */
class ReplicationTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static Model<Instance> notes(Resequel db) {
        Model<Instance> m = db.define("Note", s -> s.attribute("text", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        db.sync().block(WAIT);
        return m;
    }

    /** A separate database standing in for a replica, holding one row of its own. */
    static String reader(TestDb t, String row) {
        String url = t.isolatedDatabase();
        Resequel direct = t.connect(b -> b.url(url));
        notes(direct).create(Map.of("text", row)).block(WAIT);
        return url;
    }

    static List<Object> texts(Model<Instance> m) {
        return m.findAll().map(i -> i.get("text")).collectList().block(WAIT);
    }

    @DatabaseTest
    void readsGoToTheReaderWritesAndTransactionsToTheWriter(TestDb t) {
        String r = reader(t, "on the reader");
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(r)));
        Model<Instance> notes = notes(db); // DDL runs on the writer
        notes.create(Map.of("text", "written")).block(WAIT);

        assertEquals(List.of("on the reader"), texts(notes), "a read outside a transaction ran on the reader");
        assertEquals(0L, notes.count(io.resequel.query.Where.eq("text", "written")).block(WAIT));
        assertEquals(List.of("written"), notes.findAll(q -> q.useMaster(true)).map(i -> i.get("text"))
                .collectList().block(WAIT), "useMaster reads the writer");
        assertEquals(List.of("written", "second"), db.transactionMany(tx -> notes.create(Map.of("text", "second"))
                        .thenMany(notes.findAll(q -> q.order(io.resequel.query.Order.asc("id"))).map(i -> i.get("text"))))
                .collectList().block(WAIT), "inside a transaction everything runs on the writer");
        assertEquals(2L, ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q("Notes")).blockFirst(WAIT).get("n"))
                .longValue(), "the writes are on the writer's database");
        TransactionTest.awaitNoAcquired(db); // the release after the last result is asynchronous
    }

    @DatabaseTest
    void readersTakeTurns(TestDb t) {
        String one = reader(t, "one");
        String two = reader(t, "two");
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(one, two)));
        Model<Instance> notes = notes(db);
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.addAll(texts(notes));
        }
        assertEquals(Set.of("one", "two"), new HashSet<>(seen));
        assertTrue(!seen.get(0).equals(seen.get(1)) && seen.get(0).equals(seen.get(2)), "round-robin: " + seen);
    }

    @DatabaseTest
    void anUnreachableReaderIsSkipped(TestDb t) {
        String good = reader(t, "good");
        String bad = t.is("postgres") ? "r2dbc:postgresql://postgres@127.0.0.1:1/test"
                : t.is("mysql") ? "r2dbc:mysql://root@127.0.0.1:1/test"
                : "r2dbc:h2:file:///tmp/resequel-no-such-dir/none?options=IFEXISTS=TRUE";
        Resequel db = t.connect(b -> b.replication(t.url(), List.of(bad, good)).readerHealthRetry(Duration.ofMinutes(1)));
        Model<Instance> notes = notes(db);
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of("good"), texts(notes), "read " + i);
        }
        TransactionTest.awaitNoAcquired(db); // the release after the last result is asynchronous
    }
}
