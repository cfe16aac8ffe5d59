package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.schema.ColumnDescription;
import io.resequel.schema.IndexDescription;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Sequelize v6 {@code test/integration/query-interface/createTable.test.js}. */
class QueryInterfaceCreateTableTest {

    @DatabaseTest
    void autoIncrementPrimaryKey(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.dropTable("qi_ct_TableWithPK").block();
        try {
            qi.createTable("qi_ct_TableWithPK", m -> m.attribute("table_id", DataTypes.INTEGER,
                    a -> a.primaryKey(true).autoIncrement(true))).block();
            ColumnDescription id = qi.describeTable("qi_ct_TableWithPK").block().get("table_id");
            assertTrue(id.autoIncrement());
            assertTrue(id.primaryKey());
            // the sequence is no default (Sequelize shows nextval(...) on PostgreSQL)
            assertNull(id.defaultValue());
            qi.bulkInsert("qi_ct_TableWithPK", List.of(Map.of("table_id", 7))).block();
        } finally {
            qi.dropTable("qi_ct_TableWithPK").block();
        }
    }

    @DatabaseTest
    void uniqueKeys(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.dropTable("qi_ct_MyTable").block();
        try {
            qi.createTable("qi_ct_MyTable", m -> m
                    .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                    .attribute("name", DataTypes.STRING)
                    .attribute("email", DataTypes.STRING)
                    .options(o -> o.index(Index.on("name", "email").unique(true).name("myCustomIndex"))
                            .index(Index.on("name").unique(true).name("myOtherIndex")))).block();
            Map<String, IndexDescription> byName = new java.util.HashMap<>();
            qi.showIndex("qi_ct_MyTable").toIterable().forEach(i -> byName.put(i.name(), i));
            assertTrue(byName.get("myCustomIndex").unique());
            assertEquals(List.of("name", "email"), byName.get("myCustomIndex").fields());
            assertTrue(byName.get("myOtherIndex").unique());
            assertEquals(List.of("name"), byName.get("myOtherIndex").fields());
            assertTrue(byName.values().stream().anyMatch(IndexDescription::primary));
        } finally {
            qi.dropTable("qi_ct_MyTable").block();
        }
    }

    @DatabaseTest
    void worksWithSchemas(TestDb t) {
        QueryInterface root = t.db().queryInterface();
        root.createSchema("qi_ct_hero").block();
        try {
            QueryInterface qi = root.withSchema("qi_ct_hero");
            qi.createTable("User", m -> m.attribute("name", DataTypes.STRING)).block();
            assertEquals(List.of("User"), qi.showAllTables().collectList().block());
            assertTrue(qi.describeTable("User").block().containsKey("name"));
        } finally {
            root.dropSchema("qi_ct_hero").block();
        }
    }

    private static void enumTable(TestDb t, QueryInterface qi, String column, String comment) {
        qi.dropTable("qi_ct_SomeTable").block();
        try {
            qi.createTable("qi_ct_SomeTable", m -> m.attribute(column, DataTypes.ENUM("value1", "value2", "value3"),
                    a -> a.comment(comment))).block();
            ColumnDescription c = qi.describeTable("qi_ct_SomeTable").block().get(column);
            if (!t.is("h2")) {
                assertEquals(List.of("value1", "value2", "value3"), c.values());
                assertEquals("ENUM('value1','value2','value3')", c.type());
            }
            assertEquals(comment, c.comment());
            qi.bulkInsert("qi_ct_SomeTable", List.of(Map.of(column, "value2"))).block();
        } finally {
            qi.dropTable("qi_ct_SomeTable").block();
        }
    }

    @DatabaseTest
    void enums(TestDb t) {
        enumTable(t, t.db().queryInterface(), "someEnum", null);
    }

    @DatabaseTest
    void enumsWithAnotherColumnName(TestDb t) {
        enumTable(t, t.db().queryInterface(), "otherName", null);
    }

    @DatabaseTest
    void enumsInASchema(TestDb t) {
        QueryInterface root = t.db().queryInterface();
        root.createSchema("qi_ct_archive").block();
        try {
            enumTable(t, root.withSchema("qi_ct_archive"), "otherName", null);
        } finally {
            root.dropSchema("qi_ct_archive").block();
        }
    }

    @DatabaseTest
    void enumsWithAComment(TestDb t) {
        enumTable(t, t.db().queryInterface(), "someEnum", "special enum col");
    }
}
