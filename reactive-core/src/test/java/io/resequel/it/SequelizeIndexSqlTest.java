package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnsupportedFeatureException;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.IndexField;
import io.resequel.query.Where;
import io.resequel.schema.IndexDescription;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;

/**
 * Sequelize v6 {@code test/unit/sql/index.test.js}: {@code addIndex} and {@code removeIndex} through
 * {@code queryInterface()}, the statement asserted per database and the index then read back with
 * {@code showIndex} (on PostgreSQL also its definition from {@code pg_indexes}). MySQL and MariaDB are sent
 * {@code CREATE INDEX ... ON table} where Sequelize writes {@code ALTER TABLE ... ADD INDEX}: the same index.
 * Tables are prefixed {@code sd_}.
 */
class SequelizeIndexSqlTest {

    private static QueryInterface table(TestDb t, String name) {
        QueryInterface qi = t.db().queryInterface();
        qi.createTable(name, m -> m
                .attribute("column1", DataTypes.STRING(100))
                .attribute("column2", DataTypes.STRING(100))
                .attribute("type", DataTypes.STRING(100))
                .attribute("event", t.is("postgres") ? DataTypes.JSONB : DataTypes.STRING(100))
                .attribute("ip", t.is("postgres") ? DataTypes.INET : DataTypes.STRING(100))).block();
        t.clearStatements();
        return qi;
    }

    private static String sql(TestDb t, String template) {
        char q = t.q("x").charAt(0);
        return template.replace('[', q).replace(']', q);
    }

    /**
     * The DDL sent, compared without {@code IF NOT EXISTS}: H2 and PostgreSQL create an index only if it is missing
     * (Sequelize does not), MySQL has no such clause; {@link #createIndexIsIdempotent} covers it.
     */
    private static List<String> ddl(TestDb t) {
        return t.statements().stream().filter(s -> s.startsWith("CREATE") || s.startsWith("DROP"))
                .map(s -> s.startsWith("CREATE") ? s.replace(" IF NOT EXISTS", "") : s).toList();
    }

    @DatabaseTest
    void createIndexIsIdempotent(TestDb t) {
        QueryInterface qi = table(t, "sd_table");
        qi.addIndex("sd_table", Index.on("column1")).block();
        assertEquals(!t.is("mysql"), t.statements().stream().anyMatch(s -> s.startsWith("CREATE INDEX IF NOT EXISTS")),
                t.statements().toString());
    }

    private static IndexDescription shown(QueryInterface qi, String table, String name) {
        return qi.showIndex(table).filter(i -> i.name().equals(name)).next().blockOptional()
                .orElseThrow(() -> new AssertionError(name + " not shown"));
    }

    private static String indexdef(TestDb t, String name) {
        return (String) t.raw("SELECT indexdef FROM pg_indexes WHERE indexname = '" + name + "'").blockFirst()
                .get("indexdef");
    }

    @DatabaseTest
    void naming(TestDb t) {
        QueryInterface qi = table(t, "sd_table");
        qi.addIndex("sd_table", Index.on("column1", "column2")).block();
        assertEquals(List.of(sql(t, "CREATE INDEX [sd_table_column1_column2] ON [sd_table] ([column1], [column2])")),
                ddl(t));
        assertEquals(List.of("column1", "column2"), shown(qi, "sd_table", "sd_table_column1_column2").fields());
    }

    /** The schema-qualified table: Sequelize names the index {@code schema_table_...}; ours keeps the table's. */
    @DatabaseTest
    void namingWithASchema(TestDb t) {
        QueryInterface root = t.db().queryInterface();
        root.createSchema("sd_schema").block();
        try {
            QueryInterface qi = root.withSchema("sd_schema");
            qi.createTable("table", m -> m.attribute("column1", DataTypes.INTEGER)
                    .attribute("column2", DataTypes.INTEGER)).block();
            t.clearStatements();
            qi.addIndex("table", Index.on("column1", "column2")).block();
            assertEquals(List.of(sql(t, "CREATE INDEX [table_column1_column2] ON [sd_schema].[table] ([column1], "
                    + "[column2])")), ddl(t));
            assertEquals(List.of("column1", "column2"), shown(qi, "table", "table_column1_column2").fields());
        } finally {
            root.dropSchema("sd_schema").block();
        }
    }

    /**
     * {@code type: 'FULLTEXT', concurrently: true}: MySQL/MariaDB write a FULLTEXT index, PostgreSQL a concurrent
     * one; where the database lacks the option the call is refused, typed, before any DDL (Sequelize drops it).
     */
    @DatabaseTest
    void typeAndUsing(TestDb t) {
        QueryInterface qi = table(t, "sd_User");
        Index fulltext = Index.on("column1").type("FULLTEXT").name("user_field_c");
        Index concurrently = Index.on("column1").concurrently(true).name("user_field_c");
        switch (t.kind()) {
            case "mysql" -> {
                qi.addIndex("sd_User", fulltext).block();
                assertEquals(List.of("CREATE FULLTEXT INDEX `user_field_c` ON `sd_User` (`column1`)"), ddl(t));
            }
            case "postgres" -> {
                qi.addIndex("sd_User", concurrently).block();
                assertEquals(List.of("CREATE INDEX CONCURRENTLY \"user_field_c\" ON \"sd_User\" (\"column1\")"),
                        ddl(t));
            }
            default -> {
                Exception e = assertThrows(Exception.class, () -> qi.addIndex("sd_User", fulltext).block());
                assertInstanceOf(UnsupportedFeatureException.class, e);
                assertTrue(ddl(t).isEmpty(), ddl(t).toString());
                return;
            }
        }
        assertEquals(List.of("column1"), shown(qi, "sd_User", "user_field_c").fields());
    }

    /** {@code ['fieldB', {attribute: 'fieldA', collate, order: 'DESC', length: 5}]}, unique, USING BTREE. */
    @DatabaseTest
    void uniqueUsingBtreeWithFieldOptions(TestDb t) {
        QueryInterface qi = table(t, "sd_User");
        t.clearStatements();
        switch (t.kind()) {
            case "mysql" -> {
                qi.addIndex("sd_User", Index.on(IndexField.of("column2"), IndexField.of("column1").length(5).desc())
                        .name("a_b_uniq").unique(true).using("BTREE")).block();
                assertEquals(List.of("CREATE UNIQUE INDEX `a_b_uniq` ON `sd_User` (`column2`, `column1`(5) DESC) "
                        + "USING BTREE"), ddl(t));
            }
            case "postgres" -> {
                qi.addIndex("sd_User", Index.on(IndexField.of("column2"), IndexField.of("column1").collate("C").desc())
                        .name("a_b_uniq").unique(true).using("BTREE")).block();
                assertEquals(List.of("CREATE UNIQUE INDEX \"a_b_uniq\" ON \"sd_User\" USING BTREE (\"column2\", "
                        + "\"column1\" COLLATE \"C\" DESC)"), ddl(t));
                assertTrue(indexdef(t, "a_b_uniq").endsWith("USING btree (column2, column1 COLLATE \"C\" DESC)"),
                        indexdef(t, "a_b_uniq"));
            }
            default -> {
                qi.addIndex("sd_User", Index.on(IndexField.of("column2"), IndexField.of("column1").desc())
                        .name("a_b_uniq").unique(true)).block();
                assertEquals(List.of("CREATE UNIQUE INDEX \"a_b_uniq\" ON \"sd_User\" (\"column2\", \"column1\" DESC)"),
                        ddl(t));
            }
        }
        IndexDescription d = shown(qi, "sd_User", "a_b_uniq");
        assertTrue(d.unique());
        assertEquals(List.of("column2", "column1"), d.fields());
    }

    @DatabaseTest
    void usingGin(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        QueryInterface qi = table(t, "sd_table");
        qi.addIndex("sd_table", Index.on("event").using("gin")).block();
        assertEquals(List.of("CREATE INDEX \"sd_table_event\" ON \"sd_table\" USING GIN (\"event\")"), ddl(t));
        assertTrue(indexdef(t, "sd_table_event").endsWith("USING gin (event)"), indexdef(t, "sd_table_event"));
    }

    @DatabaseTest
    void where(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        QueryInterface qi = table(t, "sd_table");
        qi.addIndex("sd_table", Index.on("type").where(Where.eq("type", "public")).name("sd_w1")).block();
        qi.addIndex("sd_table", Index.on("type").where(Where.or(Where.eq("type", "group"),
                Where.eq("type", "private"))).name("sd_w2")).block();
        qi.addIndex("sd_table", Index.on("type").where(Where.ne("type", null)).name("sd_w3")).block();
        assertEquals(List.of(
                "CREATE INDEX \"sd_w1\" ON \"sd_table\" (\"type\") WHERE \"type\" = 'public'",
                "CREATE INDEX \"sd_w2\" ON \"sd_table\" (\"type\") WHERE (\"type\" = 'group' OR \"type\" = 'private')",
                "CREATE INDEX \"sd_w3\" ON \"sd_table\" (\"type\") WHERE \"type\" IS NOT NULL"), ddl(t));
        assertTrue(indexdef(t, "sd_w3").endsWith("WHERE (type IS NOT NULL)"), indexdef(t, "sd_w3"));
    }

    @DatabaseTest
    void operator(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        QueryInterface qi = table(t, "sd_table");
        qi.addIndex("sd_table", Index.on("event").using("gin").operator("jsonb_path_ops")).block();
        qi.addIndex("sd_table", Index.on("column1", "column2").using("btree").operator("text_pattern_ops")
                .name("sd_multi")).block();
        assertEquals(List.of(
                "CREATE INDEX \"sd_table_event\" ON \"sd_table\" USING GIN (\"event\" jsonb_path_ops)",
                "CREATE INDEX \"sd_multi\" ON \"sd_table\" USING BTREE (\"column1\" text_pattern_ops, \"column2\" "
                        + "text_pattern_ops)"), ddl(t));
        assertTrue(indexdef(t, "sd_table_event").endsWith("USING gin (event jsonb_path_ops)"),
                indexdef(t, "sd_table_event"));
    }

    @DatabaseTest
    void operatorInFields(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        QueryInterface qi = table(t, "sd_table");
        qi.addIndex("sd_table", Index.on(IndexField.of("ip").operator("inet_ops")).using("gist")).block();
        // Sequelize's order case uses GiST, which PostgreSQL refuses with ASC/DESC: B-tree here.
        qi.addIndex("sd_table", Index.on(IndexField.of("column1").operator("text_pattern_ops").desc()).using("btree")
                .name("sd_desc")).block();
        qi.addIndex("sd_table", Index.on(IndexField.of("column1").operator("text_pattern_ops").desc(),
                IndexField.of("column2")).using("btree")).block();
        qi.addIndex("sd_table", Index.on(IndexField.of("column1").operator("text_pattern_ops"),
                IndexField.of("type"), IndexField.of("column2").operator("varchar_pattern_ops")).using("btree"))
                .block();
        assertEquals(List.of(
                "CREATE INDEX \"sd_table_ip\" ON \"sd_table\" USING GIST (\"ip\" inet_ops)",
                "CREATE INDEX \"sd_desc\" ON \"sd_table\" USING BTREE (\"column1\" text_pattern_ops DESC)",
                "CREATE INDEX \"sd_table_column1_column2\" ON \"sd_table\" USING BTREE (\"column1\" text_pattern_ops "
                        + "DESC, \"column2\")",
                "CREATE INDEX \"sd_table_column1_type_column2\" ON \"sd_table\" USING BTREE (\"column1\" "
                        + "text_pattern_ops, \"type\", \"column2\" varchar_pattern_ops)"), ddl(t));
        assertTrue(indexdef(t, "sd_table_column1_type_column2").endsWith(
                "USING btree (column1 text_pattern_ops, type, column2 varchar_pattern_ops)"),
                indexdef(t, "sd_table_column1_type_column2"));
    }

    /** {@code removeIndexQuery('table', ['column1', 'column2'])}: the index named after the columns is dropped. */
    @DatabaseTest
    void removeIndexNaming(TestDb t) {
        QueryInterface qi = table(t, "sd_table");
        qi.addIndex("sd_table", Index.on("column1", "column2")).block();
        t.clearStatements();
        qi.removeIndex("sd_table", List.of("column1", "column2")).block();
        String expected = t.is("mysql") ? "DROP INDEX `sd_table_column1_column2` ON `sd_table`"
                : "DROP INDEX IF EXISTS " + t.q("sd_table_column1_column2");
        assertEquals(List.of(expected), ddl(t));
        assertFalse(qi.showIndex("sd_table").any(i -> i.name().equals("sd_table_column1_column2")).block());
    }
}
