package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.resequel.Resequel;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read replication against a real PostgreSQL streaming replica (hot standby on 127.0.0.1:5433, started by
 * {@code shared/db/start-replica.sh}): a row written through the writer becomes readable through the reader once
 * replicated. Skipped where the replica cannot be started; with {@code CI=true} a replica that the script reports
 * as started but that cannot be reached fails the test.
 */
class StreamingReplicaTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration LAG = Duration.ofSeconds(20);

    @DatabaseTest
    void aWrittenRowBecomesReadableThroughTheReplica(TestDb t) throws Exception {
        Assumptions.assumeTrue(t.is("postgres"), "the streaming replica is PostgreSQL's");
        Assumptions.assumeTrue(t.url().contains("127.0.0.1:5432/"),
                "the replica script serves the local PostgreSQL on 127.0.0.1:5432, not " + t.url());
        String replica = t.url().replace("127.0.0.1:5432/", "127.0.0.1:5433/");
        startReplica();
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

        Resequel db = t.connect(b -> b.replication(t.url(), List.of(replica)));
        Model<Instance> notes = ReplicationTest.notes(db);
        notes.create(Map.of("text", "replicated")).block(WAIT);
        long deadline = System.nanoTime() + LAG.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            try {
                seen = notes.count(Where.eq("text", "replicated")).block(WAIT);
            } catch (RuntimeException e) {
                seen = 0; // the table itself may not have replicated yet
            }
            if (seen == 1) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(1, seen, "the row reached the reader within " + LAG.toSeconds() + " s");
        assertEquals(List.of("replicated", "own write"), db.transactionMany(tx -> notes.create(Map.of("text", "own write"))
                        .thenMany(notes.findAll(q -> q.order(io.resequel.query.Order.asc("id"))).map(i -> i.get("text"))))
                .collectList().block(WAIT), "a transaction reads its own writes (on the writer)");
    }

    static void startReplica() throws Exception {
        File script = locate();
        if (script == null) {
            Assumptions.abort("shared/db/start-replica.sh not found above " + System.getProperty("user.dir"));
        }
        Process p = new ProcessBuilder("bash", script.getPath()).redirectErrorStream(true).start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!done) {
            p.destroyForcibly();
            Assumptions.abort("start-replica.sh did not finish within 180 s: " + out);
        }
        if (p.exitValue() != 0) {
            Assumptions.abort("start-replica.sh could not start the replica (exit " + p.exitValue() + "): " + out);
        }
    }

    private static File locate() {
        for (File dir = new File(System.getProperty("user.dir")).getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            File f = new File(dir, "shared/db/start-replica.sh");
            if (f.isFile()) {
                return f;
            }
        }
        return null;
    }
}
