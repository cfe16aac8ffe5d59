package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnknownTableException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import io.resequel.schema.ColumnDescription;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Sequelize v6 {@code test/integration/query-interface/describeTable.test.js}. */
class QueryInterfaceDescribeTableTest {

    @DatabaseTest
    void readsTheMetadataOfATableInASchema(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.createSchema("qi_dt_meta").block();
        Model<Instance> t1 = t.db().define("QiDtTable1", m -> m.attribute("username1", DataTypes.STRING)
                .options(o -> o.tableName("qi_dt_my_tables")));
        Model<Instance> t2 = t.db().define("QiDtTable2", m -> m.attribute("username2", DataTypes.STRING)
                .options(o -> o.tableName("qi_dt_my_tables").schema("qi_dt_meta")));
        try {
            t.db().sync(t1, SyncOptions.force()).block();
            t.db().sync(t2, SyncOptions.force()).block();
            Map<String, ColumnDescription> other = qi.withSchema("qi_dt_meta").describeTable("qi_dt_my_tables").block();
            assertTrue(other.containsKey("username2"));
            assertFalse(other.containsKey("username1"));
            assertTrue(qi.describeTable("qi_dt_my_tables").block().containsKey("username1"));
        } finally {
            qi.dropTable("qi_dt_my_tables").block();
            qi.dropSchema("qi_dt_meta").block();
        }
    }

    @DatabaseTest
    void rejectsAMissingTable(TestDb t) {
        UnknownTableException e = assertThrows(UnknownTableException.class,
                () -> t.db().queryInterface().describeTable("_some_random_missing_table").block());
        assertEquals("_some_random_missing_table", e.table());
        assertTrue(e.getMessage().contains("no table '_some_random_missing_table'"), e.getMessage());
        UnknownTableException inSchema = assertThrows(UnknownTableException.class,
                () -> t.db().queryInterface().withSchema("qi_dt_nowhere").describeTable("x").block());
        assertEquals("qi_dt_nowhere", inSchema.schema());
    }

    @DatabaseTest
    void readsTheMetadataOfATable(TestDb t) {
        Model<Instance> users = t.db().define("QiDtUsers", m -> m
                .attribute("username", DataTypes.STRING)
                .attribute("city", DataTypes.STRING, a -> a.defaultValue(null).comment("Users City"))
                .attribute("isAdmin", DataTypes.BOOLEAN)
                .attribute("enumVals", DataTypes.ENUM("hello", "world"))
                .attribute("score", DataTypes.INTEGER, a -> a.allowNull(false).defaultValue(7))
                .attribute("motto", DataTypes.STRING, a -> a.defaultValue("it's fine"))
                .options(o -> o.tableName("qi_dt__Users")));
        QueryInterface qi = t.db().queryInterface();
        try {
            t.db().sync(users, SyncOptions.force()).block();
            Map<String, ColumnDescription> d = qi.describeTable("qi_dt__Users").block();
            assertEquals(List.of("id", "username", "city", "isAdmin", "enumVals", "score", "motto", "createdAt",
                    "updatedAt"), List.copyOf(d.keySet()));
            ColumnDescription id = d.get("id");
            assertTrue(id.primaryKey());
            assertTrue(id.autoIncrement());
            assertFalse(id.allowNull());
            ColumnDescription username = d.get("username");
            assertEquals(switch (t.kind()) {
                case "postgres", "h2" -> "CHARACTER VARYING(255)";
                default -> "VARCHAR(255)";
            }, username.type());
            assertTrue(username.allowNull());
            assertNull(username.defaultValue());
            assertNull(username.comment());
            assertFalse(username.primaryKey());
            assertEquals("Users City", d.get("city").comment());
            assertNull(d.get("city").defaultValue());
            ColumnDescription isAdmin = d.get("isAdmin");
            assertEquals(t.is("mysql") ? "TINYINT(1)" : "BOOLEAN", isAdmin.type());
            assertTrue(isAdmin.allowNull());
            assertNull(isAdmin.defaultValue());
            if (!t.is("h2")) {
                assertEquals("ENUM('hello','world')", d.get("enumVals").type());
                assertEquals(List.of("hello", "world"), d.get("enumVals").values());
            }
            assertFalse(d.get("score").allowNull());
            assertEquals("7", d.get("score").defaultValue());
            assertEquals("it's fine", d.get("motto").defaultValue());
        } finally {
            qi.dropTable("qi_dt__Users").block();
        }
    }

    @DatabaseTest
    void primaryKeyColumns(TestDb t) {
        Model<Instance> country = t.db().define("QiDtCountry", m -> m
                .attribute("code", DataTypes.STRING, a -> a.primaryKey(true))
                .attribute("name", DataTypes.STRING, a -> a.allowNull(false))
                .options(o -> o.tableName("qi_dt__Country")));
        Model<Instance> alumni = t.db().define("QiDtAlumni", m -> m
                .attribute("year", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("num", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("username", DataTypes.STRING, a -> a.allowNull(false).unique(true))
                .attribute("dob", DataTypes.DATEONLY, a -> a.allowNull(false))
                .attribute("dod", DataTypes.DATEONLY)
                .attribute("city", DataTypes.STRING, a -> a.allowNull(false))
                .attribute("ctrycod", DataTypes.STRING, a -> a.allowNull(false).references("qi_dt__Country", "code"))
                .options(o -> o.tableName("qi_dt__Alumni")));
        QueryInterface qi = t.db().queryInterface();
        try {
            t.db().sync(country, SyncOptions.force()).block();
            Map<String, ColumnDescription> c = qi.describeTable("qi_dt__Country").block();
            assertTrue(c.get("code").primaryKey());
            assertFalse(c.get("name").primaryKey());
            t.db().sync(alumni, SyncOptions.force()).block();
            Map<String, ColumnDescription> a = qi.describeTable("qi_dt__Alumni").block();
            assertTrue(a.get("year").primaryKey());
            assertTrue(a.get("num").primaryKey());
            for (String col : List.of("username", "dob", "dod", "ctrycod", "city")) {
                assertFalse(a.get(col).primaryKey(), col);
            }
        } finally {
            qi.dropTable("qi_dt__Alumni").block();
            qi.dropTable("qi_dt__Country").block();
        }
    }

    @DatabaseTest
    void aDotInTheTableName(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.dropTable("qi_dt_my.user").block();
        try {
            qi.createTable("qi_dt_my.user", m -> m.attribute("name", DataTypes.STRING)).block();
            assertTrue(qi.describeTable("qi_dt_my.user").block().containsKey("name"));
        } finally {
            qi.dropTable("qi_dt_my.user").block();
        }
    }
}
