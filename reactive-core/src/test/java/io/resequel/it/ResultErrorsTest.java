package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.DatabaseException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * An error the database reports inside a statement's result (PostgreSQL's simple protocol, MariaDB) reaches the
 * caller as a typed error on every path that reads results: raw queries, selects, writes and DDL.
 */
class ResultErrorsTest {

    private static void fails(Class<? extends Throwable> type, Executable call) {
        Throwable e = assertThrows(Throwable.class, call);
        assertTrue(type.isInstance(e), () -> "expected " + type.getSimpleName() + " but got " + e);
    }

    private static void things(TestDb t) {
        t.rawUpdate("CREATE TABLE " + t.q("Things") + " (" + t.q("id") + " INT PRIMARY KEY, " + t.q("name")
                + " VARCHAR(20))").block();
    }

    @DatabaseTest
    void rawQueryReportsUnknownTableInvalidSqlAndDuplicateKey(TestDb t) {
        things(t);
        String insert = "INSERT INTO " + t.q("Things") + " (" + t.q("id") + ", " + t.q("name") + ") VALUES (1, 'a')";
        t.db().query(insert, o -> { }).block();
        fails(DatabaseException.class, () -> t.db().query("SELECT * FROM " + t.q("Nowhere"), o -> { }).block());
        fails(DatabaseException.class, () -> t.db().query("SELEC 1 FROM", o -> { }).block());
        fails(UniqueConstraintException.class, () -> t.db().query(insert, o -> { }).block());
        // The same with binds (PostgreSQL's extended protocol) and through the streaming select.
        fails(UniqueConstraintException.class, () -> t.db().query("INSERT INTO " + t.q("Things") + " (" + t.q("id")
                + ") VALUES (?)", o -> o.replacements(1)).block());
        fails(DatabaseException.class, () -> t.db().select("SELECT * FROM " + t.q("Nowhere"), o -> { })
                .collectList().block());
        // Several statements in one call: the failing second one is not hidden behind the first one's rows.
        if (!t.is("h2")) {
            fails(DatabaseException.class, () -> t.db().query("SELECT 1; SELECT * FROM " + t.q("Nowhere"),
                    o -> { }).block());
        }
        assertEquals(1L, BulkTest.count(t, "Things"), "nothing else was written");
        // The failed statements left their pooled connections usable.
        for (int i = 0; i < 12; i++) {
            assertEquals(1, t.db().query("SELECT * FROM " + t.q("Things"), o -> { }).block().rows().size());
        }
    }

    @DatabaseTest
    void modelReadsWritesAndDdlReportErrorsOfAMissingTable(TestDb t) {
        Model<Instance> ghost = t.db().define("Ghost", s -> s
                .attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        fails(DatabaseException.class, () -> ghost.findAll().collectList().block());
        fails(DatabaseException.class, () -> ghost.count().block());
        fails(DatabaseException.class, () -> ghost.create(Map.of("name", "a")).block());
        fails(DatabaseException.class, () -> ghost.bulkCreate(List.of(Map.of("name", "a"), Map.of("name", "b")))
                .collectList().block());
        fails(DatabaseException.class, () -> ghost.update(Map.of("name", "b"), Where.and()).block());
        fails(DatabaseException.class, () -> ghost.destroy(Where.and()).block());
        fails(DatabaseException.class, () -> t.db().executor()
                .executeAll(List.of("DROP TABLE " + t.q("Nowhere"))).block());
        fails(DatabaseException.class, () -> t.db().executor()
                .update(io.resequel.sql.Sql.of("DELETE FROM " + t.q("Nowhere"))).block());
    }

    @DatabaseTest
    void noticesAndWarningsAreNotErrors(TestDb t) {
        // PostgreSQL answers with a NOTICE and MariaDB with a warning: neither is a failure.
        t.db().query("DROP TABLE IF EXISTS " + t.q("Nowhere"), o -> { }).block();
        t.db().executor().executeAll(List.of("DROP TABLE IF EXISTS " + t.q("Nowhere"))).block();
    }
}
