package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.schema.ColumnDescription;
import io.resequel.schema.ForeignKeyReference;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * Sequelize v6 {@code test/unit/sql/enum.test.js}, {@code add-column.test.js}, {@code create-table.test.js},
 * {@code create-schema.test.js}, {@code remove-column.test.js} and {@code change-column.test.js}: each call is run
 * through {@code queryInterface()} or {@code sync}, the statements sent are asserted per database and the catalog
 * then shows what was asked ({@code describeTable}, {@code getForeignKeyReferencesForTable}, {@code listEnums}).
 * Tables and schemas are prefixed {@code sd_}.
 */
class SequelizeDdlSqlTest {

    private static List<String> ddl(TestDb t) {
        return t.statements().stream().filter(s -> s.startsWith("CREATE") || s.startsWith("ALTER")
                || s.startsWith("DROP") || s.startsWith("DO ")).toList();
    }

    private static String sql(TestDb t, String template) {
        char q = t.q("x").charAt(0);
        return template.replace('[', q).replace(']', q);
    }

    private static void inSchema(TestDb t, String schema, Runnable body) {
        QueryInterface root = t.db().queryInterface();
        root.createSchema(schema).block();
        try {
            body.run();
        } finally {
            root.dropSchema(schema).block();
        }
    }

    // ---- enum.test.js (PostgreSQL) ----------------------------------------------------------------------------

    /** pgEnumName / pgEnum: the type is named after table and column and made in the model's schema (#3171). */
    @DatabaseTest
    void enumTypesAreNamedAfterTableAndColumnInTheModelsSchema(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        inSchema(t, "sd_foo", () -> {
            t.db().define("user", s -> s.attribute("mood", DataTypes.ENUM("happy", "sad"))
                    .options(o -> o.tableName("sd_users").schema("sd_foo").timestamps(false)));
            t.db().define("publicUser", s -> s.attribute("mood", DataTypes.ENUM("happy", "sad"),
                            a -> a.field("theirMood"))
                    .options(o -> o.tableName("sd_users").timestamps(false)));
            t.clearStatements();
            t.db().sync().block();
            List<String> enums = ddl(t).stream().filter(s -> s.contains("CREATE TYPE")).toList();
            assertEquals(2, enums.size(), ddl(t).toString());
            assertTrue(enums.stream().anyMatch(s -> s.contains("CREATE TYPE \"sd_foo\".\"enum_sd_users_mood\" AS ENUM "
                    + "('happy', 'sad')")), enums.toString());
            assertTrue(enums.stream().anyMatch(s -> s.contains("\"enum_sd_users_theirMood\" AS ENUM ('happy', 'sad')")),
                    enums.toString());
            assertEquals(Map.of("enum_sd_users_mood", List.of("happy", "sad")),
                    t.db().queryInterface().withSchema("sd_foo").listEnums().block());
            assertEquals(List.of("happy", "sad"),
                    t.db().queryInterface().listEnums().block().get("enum_sd_users_theirMood"));
        });
    }

    /** pgEnumAdd: {@code ADD VALUE IF NOT EXISTS 'neutral' AFTER 'happy'} (the 9.4 form; ours needs 9.6+). */
    @DatabaseTest
    void enumAddValueAfter(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        QueryInterface qi = t.db().queryInterface();
        qi.createEnum("enum_sd_users_mood", "happy", "sad").block();
        t.clearStatements();
        qi.addEnumValueAfter("enum_sd_users_mood", "neutral", "happy").block();
        assertEquals(1, ddl(t).size(), ddl(t).toString());
        assertTrue(ddl(t).get(0).matches("ALTER TYPE (\"[^\"]+\"\\.)?\"enum_sd_users_mood\" ADD VALUE IF NOT EXISTS "
                + "'neutral' AFTER 'happy'"), ddl(t).get(0));
        assertEquals(List.of("happy", "neutral", "sad"), qi.listEnums().block().get("enum_sd_users_mood"));
    }

    // ---- add-column.test.js -----------------------------------------------------------------------------------

    private static QueryInterface users(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.createTable("sd_level", m -> m.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))).block();
        qi.createTable("sd_Users", m -> m.attribute("id", DataTypes.INTEGER,
                a -> a.primaryKey(true).autoIncrement(true))).block();
        t.clearStatements();
        return qi;
    }

    @DatabaseTest
    void addColumnFloatNotNull(TestDb t) {
        QueryInterface qi = users(t);
        qi.addColumn("sd_Users", "level_id", DataTypes.FLOAT, a -> a.allowNull(false)).block();
        String type = t.is("mysql") ? "FLOAT" : "REAL";
        assertEquals(List.of(sql(t, "ALTER TABLE [sd_Users] ADD COLUMN [level_id] " + type + " NOT NULL")), ddl(t));
        ColumnDescription c = qi.describeTable("sd_Users").block().get("level_id");
        assertFalse(c.allowNull());
    }

    @DatabaseTest
    void addColumnWithAForeignKey(TestDb t) {
        QueryInterface qi = users(t);
        qi.addColumn("sd_Users", "level_id", DataTypes.INTEGER, a -> a.references("sd_level", "id")
                .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.CASCADE)).block();
        assertTrue(ddl(t).get(0).startsWith(sql(t, "ALTER TABLE [sd_Users] ADD COLUMN [level_id] INTEGER")),
                ddl(t).toString());
        assertTrue(String.join(";", ddl(t)).contains(sql(t, "REFERENCES [sd_level] ([id]) ON DELETE CASCADE "
                + "ON UPDATE CASCADE")), ddl(t).toString());
        List<ForeignKeyReference> fks = qi.getForeignKeyReferencesForTable("sd_Users").block();
        assertEquals(1, fks.size(), fks.toString());
        assertEquals("level_id", fks.get(0).columnName());
        assertEquals("sd_level", fks.get(0).referencedTableName());
    }

    @DatabaseTest
    void addColumnWithAComment(TestDb t) {
        QueryInterface qi = users(t);
        qi.addColumn("sd_Users", "column_with_comment", DataTypes.STRING, a -> a.comment("This is a comment")).block();
        if (t.is("mysql")) {
            assertEquals(List.of("ALTER TABLE `sd_Users` ADD COLUMN `column_with_comment` VARCHAR(255) COMMENT "
                    + "'This is a comment'"), ddl(t));
        }
        assertEquals("This is a comment", qi.describeTable("sd_Users").block().get("column_with_comment").comment());
    }

    @DatabaseTest
    void addColumnBooleanDefault(TestDb t) {
        QueryInterface qi = users(t);
        qi.addColumn("sd_Users", "bool_col", DataTypes.BOOLEAN, a -> a.allowNull(false).defaultValue(true)).block();
        String type = t.is("mysql") ? "TINYINT(1)" : "BOOLEAN";
        assertEquals(List.of(sql(t, "ALTER TABLE [sd_Users] ADD COLUMN [bool_col] " + type + " NOT NULL DEFAULT true")),
                ddl(t).stream().map(s -> s.replace("TRUE", "true").replace("DEFAULT 1", "DEFAULT true")).toList());
        ColumnDescription c = qi.describeTable("sd_Users").block().get("bool_col");
        assertFalse(c.allowNull());
        assertTrue(List.of("true", "TRUE", "1").contains(c.defaultValue()), c.defaultValue());
    }

    @DatabaseTest
    void addColumnEnumDefault(TestDb t) {
        QueryInterface qi = users(t);
        qi.addColumn("sd_Users", "enum_col", DataTypes.ENUM("happy", "sad"),
                a -> a.allowNull(false).defaultValue("happy")).block();
        List<String> ddl = ddl(t);
        switch (t.kind()) {
            case "mysql" -> assertEquals(List.of("ALTER TABLE `sd_Users` ADD COLUMN `enum_col` ENUM('happy','sad') "
                    + "NOT NULL DEFAULT 'happy'"), ddl);
            case "postgres" -> assertTrue(ddl.get(ddl.size() - 1).endsWith("\"enum_sd_Users_enum_col\" NOT NULL "
                    + "DEFAULT 'happy'"), ddl.toString());
            default -> { }
        }
        ColumnDescription c = qi.describeTable("sd_Users").block().get("enum_col");
        assertEquals("happy", c.defaultValue());
        if (!t.is("h2")) {
            assertEquals(List.of("happy", "sad"), c.values());
        }
    }

    /** The schema of the QueryInterface (Sequelize: of the Sequelize options) qualifies the table. */
    @DatabaseTest
    void addColumnDefaultsTheSchema(TestDb t) {
        inSchema(t, "sd_custom", () -> {
            QueryInterface qi = t.db().queryInterface().withSchema("sd_custom");
            qi.createTable("Users", m -> m.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))).block();
            t.clearStatements();
            qi.addColumn("Users", "level_id", DataTypes.FLOAT, a -> a.allowNull(false)).block();
            String type = t.is("mysql") ? "FLOAT" : "REAL";
            assertEquals(List.of(sql(t, "ALTER TABLE [sd_custom].[Users] ADD COLUMN [level_id] " + type
                    + " NOT NULL")), ddl(t));
            assertTrue(qi.describeTable("Users").block().containsKey("level_id"));
        });
    }

    // ---- create-table.test.js ---------------------------------------------------------------------------------

    /** References enum in the right schema (#3171). */
    @DatabaseTest
    void createTableWithAnEnumInASchema(TestDb t) {
        inSchema(t, "sd_foo", () -> {
            t.db().define("user", s -> s.attribute("mood", DataTypes.ENUM("happy", "sad"))
                    .options(o -> o.tableName("users").schema("sd_foo").timestamps(false)));
            t.clearStatements();
            t.db().sync().block();
            String create = ddl(t).stream().filter(s -> s.startsWith("CREATE TABLE")).findFirst().orElseThrow();
            String expected = switch (t.kind()) {
                case "postgres" -> "\"mood\" \"sd_foo\".\"enum_users_mood\"";
                case "mysql" -> "`mood` ENUM('happy','sad')";
                default -> "\"mood\" CHARACTER VARYING(5) CONSTRAINT";
            };
            assertTrue(create.contains(sql(t, "CREATE TABLE IF NOT EXISTS [sd_foo].[users]")), create);
            assertTrue(create.contains(expected), create);
            ColumnDescription mood = t.db().queryInterface().withSchema("sd_foo").describeTable("users").block()
                    .get("mood");
            if (!t.is("h2")) {
                assertEquals(List.of("happy", "sad"), mood.values());
            }
        });
    }

    /** References the right schema when adding a foreign key (#9029). */
    @DatabaseTest
    void createTableReferencesTheRightSchema(TestDb t) {
        inSchema(t, "sd_bar", () -> {
            Model<Instance> user = t.db().define("user", s -> s.options(o -> o.tableName("users").schema("sd_bar")
                    .timestamps(false)));
            t.db().define("project", s -> s.attribute("user_id", DataTypes.INTEGER, a -> a.references(user, "id")
                            .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.NO_ACTION))
                    .options(o -> o.tableName("projects").schema("sd_bar").timestamps(false)));
            t.clearStatements();
            t.db().sync().block();
            String all = String.join(";", ddl(t));
            assertTrue(all.contains(sql(t, "REFERENCES [sd_bar].[users] ([id]) ON DELETE NO ACTION ON UPDATE CASCADE")),
                    all);
            List<ForeignKeyReference> fks = t.db().queryInterface().withSchema("sd_bar")
                    .getForeignKeyReferencesForTable("projects").block();
            assertEquals(1, fks.size(), fks.toString());
            assertEquals("users", fks.get(0).referencedTableName());
        });
    }

    /** References on the primary key (#9461). */
    @DatabaseTest
    void createTableWithAReferenceOnThePrimaryKey(TestDb t) {
        Model<Instance> file = t.db().define("file", s -> s.options(o -> o.tableName("sd_files").timestamps(false)));
        t.db().define("image", s -> s.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true)
                        .references(file, "id"))
                .options(o -> o.tableName("sd_images").timestamps(false)));
        t.clearStatements();
        t.db().sync().block();
        String create = ddl(t).stream().filter(s -> s.contains("sd_images")).findFirst().orElseThrow();
        assertTrue(create.contains(sql(t, "REFERENCES [sd_files] ([id])")), create);
        List<ForeignKeyReference> fks = t.db().queryInterface().getForeignKeyReferencesForTable("sd_images").block();
        assertEquals("id", fks.get(0).columnName());
        assertEquals("sd_files", fks.get(0).referencedTableName());
        assertTrue(t.db().queryInterface().describeTable("sd_images").block().get("id").primaryKey());
    }

    // ---- create-schema.test.js --------------------------------------------------------------------------------

    @DatabaseTest
    void createAndDropSchema(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        t.clearStatements();
        qi.createSchema("sd_foo").block();
        qi.createSchema("sd_foo").block();
        assertTrue(qi.showAllSchemas().collectList().block().contains("sd_foo"));
        qi.dropSchema("sd_foo").block();
        qi.dropSchema("sd_foo").block();
        assertFalse(qi.showAllSchemas().collectList().block().contains("sd_foo"));
        List<String> ddl = ddl(t);
        // A MySQL schema is a database.
        String kind = t.is("mysql") ? "DATABASE" : "SCHEMA";
        assertTrue(ddl.get(0).startsWith(sql(t, "CREATE " + kind + " IF NOT EXISTS [sd_foo]")), ddl.toString());
        assertTrue(ddl.stream().anyMatch(s -> s.startsWith(sql(t, "DROP " + kind + " IF EXISTS [sd_foo]"))),
                ddl.toString());
        if (t.is("postgres")) {
            assertTrue(ddl.contains("DROP SCHEMA IF EXISTS \"sd_foo\" CASCADE"), ddl.toString());
        }
    }

    // ---- remove-column.test.js --------------------------------------------------------------------------------

    @DatabaseTest
    void removeColumnWithASchema(TestDb t) {
        inSchema(t, "sd_archive", () -> {
            QueryInterface qi = t.db().queryInterface().withSchema("sd_archive");
            qi.createTable("user", m -> m.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))
                    .attribute("email", DataTypes.STRING)).block();
            t.clearStatements();
            qi.removeColumn("user", "email").block();
            assertEquals(List.of(sql(t, "ALTER TABLE [sd_archive].[user] DROP COLUMN [email]")), ddl(t));
            assertFalse(qi.describeTable("user").block().containsKey("email"));
        });
    }

    @DatabaseTest
    void removeColumnWithoutASchema(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.createTable("sd_user", m -> m.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("email", DataTypes.STRING)).block();
        t.clearStatements();
        qi.removeColumn("sd_user", "email").block();
        assertEquals(List.of(sql(t, "ALTER TABLE [sd_user] DROP COLUMN [email]")), ddl(t));
        assertFalse(qi.describeTable("sd_user").block().containsKey("email"));
    }

    // ---- change-column.test.js --------------------------------------------------------------------------------

    private static QueryInterface levelUsers(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.createTable("sd_level", m -> m.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))).block();
        qi.createTable("sd_users", m -> m.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("level_id", DataTypes.INTEGER)).block();
        t.clearStatements();
        return qi;
    }

    @DatabaseTest
    void changeColumnToFloatNotNull(TestDb t) {
        QueryInterface qi = levelUsers(t);
        qi.changeColumn("sd_users", "level_id", DataTypes.FLOAT, a -> a.allowNull(false)).block();
        List<String> ddl = ddl(t);
        if (t.is("mysql")) {
            assertEquals(List.of("ALTER TABLE `sd_users` MODIFY COLUMN `level_id` FLOAT NOT NULL"), ddl);
        } else {
            String all = String.join(";", ddl);
            assertTrue(all.startsWith(sql(t, "ALTER TABLE [sd_users] ")) && all.contains(sql(t,
                    "ALTER COLUMN [level_id] SET NOT NULL")), ddl.toString());
        }
        ColumnDescription c = qi.describeTable("sd_users").block().get("level_id");
        assertFalse(c.allowNull());
        assertNull(c.defaultValue());
        assertTrue(SequelizeDataTypesSqlTest.sameType(t, t.is("mysql") ? "FLOAT" : "REAL", c.type()), c.type());
    }

    @DatabaseTest
    void changeColumnAddsAForeignKey(TestDb t) {
        QueryInterface qi = levelUsers(t);
        qi.changeColumn("sd_users", "level_id", DataTypes.INTEGER, a -> a.references("sd_level", "id")
                .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.CASCADE)).block();
        assertTrue(String.join(";", ddl(t)).contains(sql(t, "FOREIGN KEY ([level_id]) REFERENCES [sd_level] ([id]) "
                + "ON DELETE CASCADE ON UPDATE CASCADE")), ddl(t).toString());
        List<ForeignKeyReference> fks = qi.getForeignKeyReferencesForTable("sd_users").block();
        assertEquals(1, fks.size(), fks.toString());
        assertEquals("sd_level", fks.get(0).referencedTableName());
    }
}
