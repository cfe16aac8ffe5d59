package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Sequelize v6 {@code test/integration/query-interface/removeColumn.test.js}, without and with a schema. */
class QueryInterfaceRemoveColumnTest {

    private static final String SCHEMA = "qi_rc_archive";

    /** Runs the scenario on a fresh {@code users} table, first in the current schema, then in another one. */
    private static void onBoth(TestDb t, Consumer<QueryInterface> scenario) {
        QueryInterface root = t.db().queryInterface();
        run(t, root, null, scenario);
        root.createSchema(SCHEMA).block();
        try {
            run(t, root.withSchema(SCHEMA), SCHEMA, scenario);
        } finally {
            root.dropSchema(SCHEMA).block();
        }
    }

    private static void run(TestDb t, QueryInterface qi, String schema, Consumer<QueryInterface> scenario) {
        String table = "qi_rc_users";
        qi.dropTable(table).block();
        qi.createTable(table, m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("firstName", DataTypes.STRING, a -> a.defaultValue("Someone"))
                .attribute("lastName", DataTypes.STRING)
                .attribute("manager", DataTypes.INTEGER, a -> a.references(table, "id"))
                .attribute("email", DataTypes.STRING, a -> a.unique(true))).block();
        qi.bulkInsert(table, List.of(Map.of("id", 1, "lastName", "Root", "email", "r@x"),
                Map.of("id", 2, "lastName", "Leaf", "email", "l@x", "manager", 1))).block();
        try {
            scenario.accept(qi);
            // the rows stay
            long rows = t.raw("SELECT COUNT(*) AS n FROM " + (schema == null ? "" : t.q(schema) + ".") + t.q(table))
                    .map(r -> ((Number) r.get("n")).longValue()).blockFirst();
            assertTrue(rows >= 2, "rows: " + rows);
        } finally {
            qi.dropTable(table).block();
        }
    }

    private static void removes(QueryInterface qi, String column) {
        qi.removeColumn("qi_rc_users", column).block();
        var table = qi.describeTable("qi_rc_users").block();
        assertFalse(table.containsKey(column), table.keySet().toString());
        assertTrue(table.size() >= 3);
    }

    @DatabaseTest
    void removeAColumnWithADefaultValue(TestDb t) {
        onBoth(t, qi -> removes(qi, "firstName"));
    }

    @DatabaseTest
    void removeAColumnWithoutDefaultValue(TestDb t) {
        onBoth(t, qi -> removes(qi, "lastName"));
    }

    @DatabaseTest
    void removeAColumnWithAForeignKey(TestDb t) {
        onBoth(t, qi -> {
            removes(qi, "manager");
            assertEquals(List.of(), qi.getForeignKeyReferencesForTable("qi_rc_users").block());
        });
    }

    @DatabaseTest
    void removeThePrimaryKeyColumn(TestDb t) {
        onBoth(t, qi -> {
            removes(qi, "manager");
            removes(qi, "id");
            assertFalse(qi.describeTable("qi_rc_users").block().values().stream().anyMatch(c -> c.primaryKey()));
        });
    }

    @DatabaseTest
    void removeAColumnWithAUniqueConstraint(TestDb t) {
        onBoth(t, qi -> {
            removes(qi, "email");
            // the unique key went with the column: two rows may now agree on every remaining column
            qi.bulkInsert("qi_rc_users", List.of(Map.of("id", 3), Map.of("id", 4))).block();
        });
    }
}
