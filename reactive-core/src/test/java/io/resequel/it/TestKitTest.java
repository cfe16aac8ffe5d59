package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SaveOptions;
import io.resequel.testkit.AllowDroppedSignals;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.DroppedSignals;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.test.StepVerifier;

/** The kit itself: isolation, statement capture, raw access, second instances. */
class TestKitTest {

    @DatabaseTest
    void isolatedDatabaseIsEmptyAndUsedByTheOrm(TestDb t) {
        Model<Instance> things = t.db().define("Thing", m -> m.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        things.create(Map.of("name", "a")).block();
        List<Map<String, Object>> rows = t.raw("SELECT " + t.q("name") + " FROM " + t.q("Things")).collectList().block();
        assertEquals(1, rows.size());
        assertEquals("a", rows.get(0).get("name"));
        if (t.is("postgres")) {
            Object schema = t.raw("SELECT current_schema() AS s").blockFirst().get("s");
            assertTrue(String.valueOf(schema).startsWith("rsq_"), "search_path set by ?schema=: " + schema);
            Object fromOrm = t.db().executor().query(io.resequel.sql.Sql.of("SELECT current_schema()"), r -> r.get(0))
                    .blockFirst();
            assertEquals(schema, fromOrm);
        }
    }

    @DatabaseTest
    void capturesStatementsInOrder(TestDb t) {
        Model<Instance> things = t.db().define("Thing", m -> m.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        t.clearStatements();
        StepVerifier.create(things.create(Map.of("name", "x")).then(things.count())).expectNext(1L).verifyComplete();
        List<String> sql = t.statements();
        assertEquals(2, sql.size(), sql.toString());
        assertTrue(sql.get(0).startsWith("INSERT"), sql.toString());
        assertTrue(sql.get(1).startsWith("SELECT"), sql.toString());
    }

    @DatabaseTest
    void secondInstanceSeesTheSameDatabase(TestDb t) {
        Model<Instance> things = t.db().define("Thing", m -> m.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        things.create(Map.of("name", "x")).block();
        Resequel other = t.connect(b -> b.pool(p -> p.max(1)));
        Model<Instance> same = other.define("Thing", m -> m.attribute("name", DataTypes.STRING));
        StepVerifier.create(same.count()).expectNext(1L).verifyComplete();
        assertEquals(1L, t.rawUpdate("DELETE FROM " + t.q("Things")).block());
        StepVerifier.create(same.count()).expectNext(0L).verifyComplete();
    }

    @DatabaseTest
    @AllowDroppedSignals("checks that the kit records a dropped error")
    void recordsADroppedError(TestDb t) {
        IllegalStateException lost = new IllegalStateException("nobody listens");
        Operators.onErrorDropped(lost, Context.empty());
        List<String> dropped = DroppedSignals.sinceTestStart();
        assertEquals(1, dropped.size(), dropped.toString());
        assertTrue(dropped.get(0).contains("nobody listens"), dropped.get(0));
    }

    @DatabaseTest
    void seesASessionIdleInATransaction(TestDb t) {
        Model<Instance> things = t.db().define("Thing", m -> m.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        assertEquals(0, idleInTransactionSettled(t, 0).size());
        Transaction tx = t.db().startTransaction().block();
        try {
            things.create(Map.of("name", "pending"), SaveOptions.in(tx)).block();
            List<String> open = idleInTransactionSettled(t, 1);
            assertEquals(1, open.size(), "the unmanaged transaction's session: " + open + diagnose(t));
        } finally {
            tx.rollback().block();
        }
        assertEquals(List.of(), idleInTransactionSettled(t, 0));
    }

    /** @return what the server shows, for a failure message */
    private static String diagnose(TestDb t) {
        String sessions = t.is("mysql") ? "SELECT p.ID, p.DB, p.COMMAND, x.trx_state FROM information_schema.PROCESSLIST p"
                + " LEFT JOIN information_schema.INNODB_TRX x ON x.trx_mysql_thread_id = p.ID"
                : t.is("postgres") ? "SELECT pid, application_name, state FROM pg_stat_activity" : "SELECT 1";
        return "; rows visible outside: " + t.raw("SELECT COUNT(*) AS n FROM " + t.q("Things")).blockFirst().get("n")
                + "; sessions: " + t.raw(sessions).collectList().block();
    }

    /** MariaDB refreshes INNODB_TRX at most every 100 ms: poll a little for the expected count. */
    private static List<String> idleInTransactionSettled(TestDb t, int expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> open = t.idleInTransaction();
        while (open.size() != expected && System.nanoTime() < deadline) {
            Mono.delay(java.time.Duration.ofMillis(50)).block();
            open = t.idleInTransaction();
        }
        return open;
    }
}
