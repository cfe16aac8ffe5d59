package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.ReferentialAction;
import io.resequel.schema.ColumnDescription;
import io.resequel.schema.ForeignKeyReference;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Sequelize v6 {@code test/integration/query-interface/changeColumn.test.js}. */
class QueryInterfaceChangeColumnTest {

    /** FLOAT is REAL on PostgreSQL and H2 (Sequelize maps it to DOUBLE PRECISION on PostgreSQL). */
    private static String floatType(TestDb t) {
        return t.is("mysql") ? "FLOAT" : "REAL";
    }

    private static QueryInterface currency(QueryInterface qi) {
        qi.dropTable("qi_cc_users").block();
        qi.createTable("qi_cc_users", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("currency", DataTypes.INTEGER)).block();
        qi.bulkInsert("qi_cc_users", List.of(Map.of("currency", 12))).block();
        return qi;
    }

    private static Number currencyValue(TestDb t, String schema) {
        return (Number) t.raw("SELECT " + t.q("currency") + " FROM " + (schema == null ? "" : t.q(schema) + ".")
                + t.q("qi_cc_users")).blockFirst().get("currency");
    }

    @DatabaseTest
    void supportsSchemas(TestDb t) {
        QueryInterface root = t.db().queryInterface();
        root.createSchema("qi_cc_archive").block();
        try {
            QueryInterface qi = currency(root.withSchema("qi_cc_archive"));
            qi.changeColumn("qi_cc_users", "currency", DataTypes.FLOAT).block();
            assertEquals(floatType(t), qi.describeTable("qi_cc_users").block().get("currency").type());
            assertEquals(12.0, currencyValue(t, "qi_cc_archive").doubleValue());
        } finally {
            root.dropSchema("qi_cc_archive").block();
        }
    }

    @DatabaseTest
    void changesColumnsAndKeepsTheData(TestDb t) {
        QueryInterface qi = currency(t.db().queryInterface());
        try {
            qi.changeColumn("qi_cc_users", "currency", DataTypes.FLOAT, a -> a.allowNull(true)).block();
            ColumnDescription c = qi.describeTable("qi_cc_users").block().get("currency");
            assertEquals(floatType(t), c.type());
            assertTrue(c.allowNull());
            assertEquals(12.0, currencyValue(t, null).doubleValue());
            qi.changeColumn("qi_cc_users", "currency", DataTypes.DECIMAL(10, 2), a -> a.allowNull(false)).block();
            c = qi.describeTable("qi_cc_users").block().get("currency");
            assertFalse(c.allowNull());
            assertEquals(0, new java.math.BigDecimal("12.00").compareTo(new java.math.BigDecimal(
                    currencyValue(t, null).toString())));
        } finally {
            qi.dropTable("qi_cc_users").block();
        }
    }

    private static void toEnum(TestDb t, QueryInterface qi) {
        qi.dropTable("qi_cc_people").block();
        try {
            qi.createTable("qi_cc_people", m -> m.attribute("firstName", DataTypes.STRING)).block();
            qi.bulkInsert("qi_cc_people", List.of(Map.of("firstName", "value2"))).block();
            qi.changeColumn("qi_cc_people", "firstName", DataTypes.ENUM("value1", "value2", "value3")).block();
            ColumnDescription c = qi.describeTable("qi_cc_people").block().get("firstName");
            if (!t.is("h2")) {
                assertEquals(List.of("value1", "value2", "value3"), c.values());
            }
            qi.bulkInsert("qi_cc_people", List.of(Map.of("firstName", "value3"))).block();
            assertEquals(2L, qi.bulkDelete("qi_cc_people", null).block());
        } finally {
            qi.dropTable("qi_cc_people").block();
        }
    }

    @DatabaseTest
    void worksWithEnums(TestDb t) {
        toEnum(t, t.db().queryInterface());
    }

    @DatabaseTest
    void worksWithEnumsInSchemas(TestDb t) {
        QueryInterface root = t.db().queryInterface();
        root.createSchema("qi_cc_archive2").block();
        try {
            toEnum(t, root.withSchema("qi_cc_archive2"));
        } finally {
            root.dropSchema("qi_cc_archive2").block();
        }
    }

    private static QueryInterface levels(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.dropTable("qi_cc_fusers").block();
        qi.dropTable("qi_cc_level").block();
        qi.createTable("qi_cc_fusers", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("level_id", DataTypes.INTEGER, a -> a.allowNull(false))).block();
        qi.createTable("qi_cc_level", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))).block();
        return qi;
    }

    private static void dropLevels(QueryInterface qi) {
        qi.dropTable("qi_cc_fusers").block();
        qi.dropTable("qi_cc_level").block();
    }

    private static void toForeignKey(QueryInterface qi) {
        qi.changeColumn("qi_cc_fusers", "level_id", DataTypes.INTEGER, a -> a.references("qi_cc_level", "id")
                .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.CASCADE)).block();
    }

    @DatabaseTest
    void changeAColumnToAForeignKey(TestDb t) {
        QueryInterface qi = levels(t);
        try {
            assertEquals(List.of(), qi.getForeignKeyReferencesForTable("qi_cc_fusers").block());
            toForeignKey(qi);
            List<ForeignKeyReference> fks = qi.getForeignKeyReferencesForTable("qi_cc_fusers").block();
            assertEquals(1, fks.size());
            assertEquals("level_id", fks.get(0).columnName());
            assertEquals("CASCADE", fks.get(0).onDelete());
        } finally {
            dropLevels(qi);
        }
    }

    @DatabaseTest
    void changeAPropertyWithoutAffectingTheOthers(TestDb t) {
        QueryInterface qi = levels(t);
        try {
            ColumnDescription first = qi.describeTable("qi_cc_fusers").block().get("level_id");
            toForeignKey(qi);
            List<ForeignKeyReference> before = qi.getForeignKeyReferencesForTable("qi_cc_fusers").block();
            qi.changeColumn("qi_cc_fusers", "level_id", DataTypes.INTEGER, a -> a.allowNull(true)).block();
            List<ForeignKeyReference> after = qi.getForeignKeyReferencesForTable("qi_cc_fusers").block();
            assertEquals(before.size(), after.size());
            assertEquals("level_id", after.get(0).columnName());
            ColumnDescription now = qi.describeTable("qi_cc_fusers").block().get("level_id");
            assertFalse(first.allowNull());
            assertTrue(now.allowNull());
        } finally {
            dropLevels(qi);
        }
    }

    @DatabaseTest
    void changeTheCommentOfAColumn(TestDb t) {
        QueryInterface qi = levels(t);
        try {
            assertNull(qi.describeTable("qi_cc_fusers").block().get("level_id").comment());
            qi.changeColumn("qi_cc_fusers", "level_id", DataTypes.INTEGER, a -> a.comment("FooBar")).block();
            assertEquals("FooBar", qi.describeTable("qi_cc_fusers").block().get("level_id").comment());
        } finally {
            dropLevels(qi);
        }
    }

    /** Beyond the Sequelize file: what changeColumn does not restate (comment, a literal default) stays. */
    @DatabaseTest
    void unstatedCommentAndDefaultAreKept(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.dropTable("qi_cc_kept").block();
        try {
            qi.createTable("qi_cc_kept", m -> m.attribute("name", DataTypes.STRING(20),
                    a -> a.comment("the name").defaultValue("anon"))).block();
            qi.changeColumn("qi_cc_kept", "name", DataTypes.STRING(200)).block();
            ColumnDescription c = qi.describeTable("qi_cc_kept").block().get("name");
            assertTrue(c.type().endsWith("(200)"), c.type());
            assertEquals("the name", c.comment());
            assertEquals("anon", c.defaultValue());
            assertTrue(c.allowNull());
        } finally {
            qi.dropTable("qi_cc_kept").block();
        }
    }
}
