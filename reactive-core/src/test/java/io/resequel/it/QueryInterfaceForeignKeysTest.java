package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import io.resequel.schema.ForeignKeyReference;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;

/** Sequelize v6 {@code test/integration/query-interface/getForeignKeyReferencesForTable.test.js}. */
class QueryInterfaceForeignKeysTest {

    @DatabaseTest
    void existingForeignKeys(TestDb t) {
        Model<Instance> task = t.db().define("QiFkTask", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.tableName("qi_fk_Tasks")));
        Model<Instance> user = t.db().define("QiFkUser", m -> m.attribute("username", DataTypes.STRING)
                .options(o -> o.tableName("qi_fk_Users")));
        user.hasOne(task, o -> o.foreignKey("UserId"));
        QueryInterface qi = t.db().queryInterface();
        try {
            t.db().sync(user, SyncOptions.force()).block();
            t.db().sync(task, SyncOptions.force()).block();
            List<ForeignKeyReference> refs = qi.getForeignKeyReferencesForTable("qi_fk_Tasks").block();
            assertEquals(1, refs.size());
            assertEquals("UserId", refs.get(0).columnName());
            assertEquals("id", refs.get(0).referencedColumnName());
            assertEquals("qi_fk_Users", refs.get(0).referencedTableName());
            assertEquals("qi_fk_Tasks", refs.get(0).tableName());
        } finally {
            qi.dropTable("qi_fk_Tasks").block();
            qi.dropTable("qi_fk_Users").block();
        }
    }
}
