package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.ReferentialAction;
import io.resequel.query.SyncOptions;
import io.resequel.schema.ColumnDescription;
import io.resequel.schema.MigrationScript;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code db.schema().plan(models, drop)}: what {@code sync({alter})} would run, written down instead of run, with
 * its inverse; the plan applied gives what {@code sync({force})} gives, its inverse the old tables.
 */
class MigrationPlanTest {

    private static void oldModels(Resequel db) {
        db.define("User", s -> s.attribute("name", DataTypes.STRING(50))
                .attribute("legacy", DataTypes.INTEGER)
                .options(o -> o.tableName("ev_plan_users").timestamps(false)));
    }

    private static void newModels(Resequel db) {
        db.define("User", s -> s.attribute("name", DataTypes.STRING(200), a -> a.allowNull(false))
                .attribute("email", DataTypes.STRING(100))
                .options(o -> o.tableName("ev_plan_users").timestamps(false).index(Index.on("email"))));
        db.define("Post", s -> s.attribute("title", DataTypes.STRING)
                .attribute("userId", DataTypes.INTEGER, a -> a.references("ev_plan_users", "id")
                        .onDelete(ReferentialAction.CASCADE))
                .options(o -> o.tableName("ev_plan_posts").timestamps(false)));
    }

    /** The tables as the query interface describes them: columns, and foreign keys without their names. */
    private static Map<String, List<String>> shapes(Resequel db) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String table : db.queryInterface().showAllTables().collectList().block()) {
            if (!table.startsWith("ev_plan")) {
                continue;
            }
            List<String> shape = new ArrayList<>();
            for (ColumnDescription c : db.queryInterface().describeTable(table).block().values()) {
                shape.add(c.toString());
            }
            db.queryInterface().getForeignKeyReferencesForTable(table).block().forEach(k -> shape.add(k.columnName()
                    + "->" + k.referencedTableName() + "." + k.referencedColumnName() + " " + k.onDelete()));
            db.queryInterface().showIndex(table).filter(i -> !i.primary() && i.name().startsWith("ev_plan"))
                    .map(i -> i.name() + i.fields()).sort().toIterable().forEach(shape::add);
            out.put(table, shape);
        }
        return out;
    }

    @DatabaseTest
    void planAppliedGivesWhatSyncForceGivesAndItsInverseTheOldTables(TestDb t) {
        Resequel v1 = t.connect(o -> { });
        oldModels(v1);
        v1.sync().block();
        Map<String, List<String>> before = shapes(v1);

        Resequel db = t.db();
        // tag::migration-plan[]
        newModels(db);   // the models as they are now; the tables are still the old ones
        MigrationScript script = db.schema().plan(new ArrayList<>(db.models()), true).block();
        // script.up(): CREATE TABLE ev_plan_posts ..., ALTER TABLE ev_plan_users DROP COLUMN legacy, ... ;
        // script.down(): the inverse, newest change first. Nothing ran: write them into a migration.
        // end::migration-plan[]
        t.clearStatements();
        assertEquals(before, shapes(db), "planning changes nothing");
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("ALTER") || s.startsWith("CREATE")
                || s.startsWith("DROP")), t.statements().toString());
        assertTrue(script.up().stream().anyMatch(s -> s.contains("legacy")), script.up().toString());
        assertTrue(script.down().get(0).startsWith("DROP TABLE"), "the new table goes first: " + script.down());

        db.executor().executeAll(script.up()).block();
        Map<String, List<String>> migrated = shapes(db);
        assertTrue(db.schema().plan(new ArrayList<>(db.models()), true).block().isEmpty(),
                "after the plan the tables match the models");
        db.executor().executeAll(script.down()).block();
        assertEquals(before, shapes(db), "the inverse gives the old tables back");

        db.sync(SyncOptions.force()).block();
        assertEquals(migrated, shapes(db), "what sync(force) makes");
    }

    /** A plan that keeps the columns the models lack (sync's {@code alter().drop(false)}). */
    @DatabaseTest
    void planWithoutDropKeepsColumns(TestDb t) {
        Resequel v1 = t.connect(o -> { });
        oldModels(v1);
        v1.sync().block();
        newModels(t.db());
        MigrationScript script = t.db().schema().plan(new ArrayList<>(t.db().models()), false).block();
        assertFalse(script.up().stream().anyMatch(s -> s.contains("legacy")), script.up().toString());
        assertFalse(script.isEmpty());
    }
}
