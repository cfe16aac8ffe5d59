package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.DatabaseException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.error.UnknownAttributeException;
import io.resequel.error.UnsupportedFeatureException;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.IndexField;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelSpec;
import io.resequel.query.SyncOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.test.StepVerifier;

/**
 * Model indexes created by {@code sync}: every option a database supports is read back from its catalog after the
 * sync; every option it lacks fails the sync with {@link UnsupportedFeatureException} before any DDL runs.
 */
class IndexTest {

    // ---- catalog readers --------------------------------------------------------------------------------------

    /** PostgreSQL: the index's definition as the server prints it, or {@code null}. */
    static String indexdef(TestDb t, String index) {
        Map<String, Object> row = t.raw("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                + "AND indexname = '" + index + "'").blockFirst();
        return row == null ? null : (String) row.get("indexdef");
    }

    /**
     * One row per index column, in order: {@code column}, {@code unique}, {@code desc}, and on MySQL {@code type}
     * (INDEX_TYPE) and {@code subPart} (SUB_PART).
     */
    static List<Map<String, Object>> indexColumns(TestDb t, String table, String index) {
        String sql = switch (t.kind()) {
            case "postgres" -> "SELECT a.attname AS col, ix.indisunique AS uniq, "
                    + "(ix.indoption[k.n - 1] & 1) = 1 AS descending "
                    + "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid "
                    + "JOIN pg_namespace ns ON ns.oid = i.relnamespace AND ns.nspname = current_schema() "
                    + "CROSS JOIN LATERAL generate_series(1, ix.indnkeyatts) AS k(n) "
                    + "JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k.n - 1] "
                    + "WHERE i.relname = '" + index + "' ORDER BY k.n";
            case "mysql" -> "SELECT COLUMN_NAME AS col, NON_UNIQUE AS nonunique, COLLATION AS coll, "
                    + "INDEX_TYPE AS itype, SUB_PART AS subpart FROM information_schema.statistics "
                    + "WHERE table_schema = DATABASE() AND table_name = '" + table + "' AND index_name = '" + index
                    + "' ORDER BY SEQ_IN_INDEX";
            default -> "SELECT COLUMN_NAME AS col, IS_UNIQUE AS uniq, ORDERING_SPECIFICATION AS ord "
                    + "FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = '"
                    + table + "' AND INDEX_NAME = '" + index + "' ORDER BY ORDINAL_POSITION";
        };
        return t.raw(sql).map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("column", r.get("col"));
            switch (t.kind()) {
                case "postgres" -> {
                    m.put("unique", r.get("uniq"));
                    m.put("desc", r.get("descending"));
                }
                case "mysql" -> {
                    m.put("unique", ((Number) r.get("nonunique")).intValue() == 0);
                    m.put("desc", "D".equals(r.get("coll")));
                    m.put("type", r.get("itype"));
                    m.put("subPart", r.get("subpart") == null ? null : ((Number) r.get("subpart")).intValue());
                }
                default -> {
                    m.put("unique", r.get("uniq"));
                    m.put("desc", "DESC".equals(r.get("ord")));
                }
            }
            return m;
        }).collectList().block();
    }

    static List<Object> column(List<Map<String, Object>> rows, String key) {
        return rows.stream().map(r -> r.get(key)).toList();
    }

    private static Model<Instance> posts(Resequel db, Consumer<io.resequel.model.ModelOptions> options) {
        return db.define("Post", (ModelSpec m) -> m
                .attribute("author", DataTypes.STRING(100))
                .attribute("status", DataTypes.STRING(20))
                .attribute("title", DataTypes.STRING(200))
                .attribute("email", DataTypes.STRING(100))
                .options(options));
    }

    // ---- every database ---------------------------------------------------------------------------------------

    @DatabaseTest
    void defaultNameIsTableAndColumnsUnderscored(TestDb t) {
        posts(t.db(), o -> o.index(Index.on("author", "status"))).definition();
        assertEquals("posts_author_status", t.db().model("Post").definition().indexes().get(0).name());
        t.db().sync().block();
        List<Map<String, Object>> cols = indexColumns(t, "Posts", "posts_author_status");
        assertEquals(List.of("author", "status"), column(cols, "column"), cols.toString());
        assertEquals(List.of(false, false), column(cols, "unique"));
    }

    @DatabaseTest
    void underscoredColumnsAndGivenName(TestDb t) {
        Model<Instance> m = t.db().define("BlogEntry", s -> s
                .attribute("authorId", DataTypes.INTEGER)
                .attribute("publishedAt", DataTypes.DATE)
                .options(o -> o.underscored(true)
                        .index(Index.on("authorId", "publishedAt"))
                        .index(Index.on("publishedAt").name("Entries By Date"))));
        assertEquals("blog_entries_author_id_published_at", m.definition().indexes().get(0).name());
        t.db().sync().block();
        assertEquals(List.of("author_id", "published_at"),
                column(indexColumns(t, "BlogEntries", "blog_entries_author_id_published_at"), "column"));
        assertEquals(List.of("published_at"), column(indexColumns(t, "BlogEntries", "Entries By Date"), "column"));
    }

    @DatabaseTest
    void uniqueIndexRejectsDuplicates(TestDb t) {
        Model<Instance> m = posts(t.db(), o -> o
                .index(Index.on("email").unique(true))
                .index(Index.on("author", "title").type("UNIQUE").name("one_title_per_author")));
        t.db().sync().block();
        assertEquals(List.of(true), column(indexColumns(t, "Posts", "posts_email"), "unique"));
        assertEquals(List.of(true, true), column(indexColumns(t, "Posts", "one_title_per_author"), "unique"));
        m.create(Map.of("email", "a@x", "author", "ada", "title", "t")).block();
        StepVerifier.create(m.create(Map.of("email", "a@x", "author", "bob", "title", "t")))
                .expectErrorSatisfies(e -> {
                    UniqueConstraintException u = assertInstanceOf(UniqueConstraintException.class, e);
                    assertTrue(u.getMessage() != null);
                })
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(m.create(Map.of("email", "b@x", "author", "ada", "title", "t")))
                .expectError(UniqueConstraintException.class).verify(Duration.ofSeconds(10));
        m.create(Map.of("email", "c@x", "author", "ada", "title", "other")).block();
    }

    @DatabaseTest
    void descendingAndAscendingOrder(TestDb t) {
        posts(t.db(), o -> o.index(Index.on(IndexField.of("author").asc(), IndexField.of("title").desc())));
        t.db().sync().block();
        List<Map<String, Object>> cols = indexColumns(t, "Posts", "posts_author_title");
        assertEquals(List.of("author", "title"), column(cols, "column"));
        assertEquals(List.of(false, true), column(cols, "desc"), cols.toString());
    }

    @DatabaseTest
    void syncTwiceAndLaterIndexesOnAnExistingTable(TestDb t) {
        Model<Instance> v1 = posts(t.db(), o -> o.index(Index.on("author")));
        t.db().sync().block();
        v1.create(Map.of("author", "ada")).block();
        t.clearStatements();
        t.db().sync().block();
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("CREATE INDEX")), t.statements().toString());

        // a second definition with one more index: default sync keeps the table and adds only what is missing
        Resequel other = t.connect(b -> { });
        posts(other, o -> o.index(Index.on("author")).index(Index.on("status")));
        other.sync().block();
        assertEquals(List.of("status"), column(indexColumns(t, "Posts", "posts_status"), "column"));
        assertEquals(1L, v1.count().block(), "the table was kept");

        Resequel third = t.connect(b -> { });
        posts(third, o -> o.index(Index.on("author")).index(Index.on("status")).index(Index.on("title", "author")));
        third.sync(SyncOptions.alter()).block();
        assertEquals(List.of("title", "author"), column(indexColumns(t, "Posts", "posts_title_author"), "column"));
        third.sync(SyncOptions.alter()).block();
        third.sync(SyncOptions.force()).block();
        assertEquals(List.of("author"), column(indexColumns(t, "Posts", "posts_author"), "column"));
        assertEquals(0L, v1.count().block(), "force recreated the table");
    }

    @DatabaseTest
    void dropIndexStatementsDropIt(TestDb t) {
        Model<Instance> m = posts(t.db(), o -> o.index(Index.on("author")));
        t.db().sync().block();
        assertEquals(1, indexColumns(t, "Posts", "posts_author").size());
        for (String sql : t.db().dialect().dropIndex(m.definition(), m.definition().indexes().get(0))) {
            t.rawUpdate(sql).block();
        }
        assertEquals(0, indexColumns(t, "Posts", "posts_author").size());
        t.db().sync().block();
        assertEquals(1, indexColumns(t, "Posts", "posts_author").size(), "sync puts a dropped index back");
    }

    @DatabaseTest
    void typedModelsDeclareIndexesAsConstants(TestDb t) {
        Model<Tagged> m = t.db().define(Tagged.class);
        assertEquals("tagged_label", m.definition().indexes().get(0).name());
        t.db().sync().block();
        assertEquals(List.of(true), column(indexColumns(t, "tagged", "tagged_label"), "unique"));
    }

    @io.resequel.model.Table(name = "tagged", timestamps = false)
    public static class Tagged extends Instance {
        public static final io.resequel.model.Attribute<Tagged, String> LABEL =
                io.resequel.model.Attribute.of("label", String.class);
        public static final Index BY_LABEL = Index.on("label").unique(true);
    }

    @DatabaseTest
    void unknownAttributesFailAtDefinition(TestDb t) {
        UnknownAttributeException e = assertThrows(UnknownAttributeException.class,
                () -> posts(t.db(), o -> o.index(Index.on("auther"))));
        assertTrue(e.getMessage().contains("author"), e.getMessage());
        assertThrows(UnknownAttributeException.class,
                () -> posts(t.connect(b -> { }), o -> o.index(Index.on("author").where(Where.eq("stat", "x")))));
        assertThrows(IllegalArgumentException.class, () -> Index.on("a").using("GIN; DROP TABLE x"));
        assertThrows(IllegalArgumentException.class, () -> Index.on("a").type("BITMAP"));
        assertThrows(IllegalArgumentException.class, () -> IndexField.of("a").operator("x ops"));
    }

    /** Options each database lacks fail the sync (through onError) before any DDL runs, naming option and dialect. */
    @DatabaseTest
    void unsupportedOptionsAreRefusedAtSync(TestDb t) {
        Map<String, Index> refused = new LinkedHashMap<>();
        Index base = Index.on("title");
        Index length = Index.on(IndexField.of("title").length(10));
        Index collate = Index.on(IndexField.of("title").collate("C"));
        Index operator = Index.on(IndexField.of("title").operator("text_pattern_ops"));
        Index where = base.where(Where.eq("status", "public"));
        Index concurrently = base.concurrently(true);
        switch (t.kind()) {
            case "postgres" -> {
                refused.put("length", length);
                refused.put("FULLTEXT", base.type("FULLTEXT"));
                refused.put("SPATIAL", base.type("SPATIAL"));
                refused.put("parser", base.parser("ngram"));
                refused.put("USING RTREE", base.using("RTREE"));
            }
            case "mysql" -> {
                refused.put("collate", collate);
                refused.put("operator", operator);
                refused.put("where", where);
                refused.put("concurrently", concurrently);
                refused.put("USING GIN", base.using("GIN"));
                refused.put("parser without type FULLTEXT", base.parser("ngram"));
            }
            default -> {
                refused.put("length", length);
                refused.put("collate", collate);
                refused.put("operator", operator);
                refused.put("where", where);
                refused.put("concurrently", concurrently);
                refused.put("USING BTREE", base.using("BTREE"));
                refused.put("FULLTEXT", base.type("FULLTEXT"));
                refused.put("SPATIAL", base.type("SPATIAL"));
                refused.put("parser", base.parser("ngram"));
            }
        }
        refused.forEach((option, index) -> {
            Resequel db = t.connect(b -> { });
            posts(db, o -> o.index(index));
            StepVerifier.create(db.sync())
                    .expectErrorSatisfies(e -> {
                        assertInstanceOf(UnsupportedFeatureException.class, e, option);
                        assertTrue(e.getMessage().contains(option) && e.getMessage().contains(" " + t.kind()),
                                option + ": " + e.getMessage());
                    })
                    .verify(Duration.ofSeconds(10));
            assertFalse(SyncTest.tableExists(t, "Posts"), option + " refused before CREATE TABLE");
        });
    }

    // ---- PostgreSQL -------------------------------------------------------------------------------------------

    @DatabaseTest
    void postgresMethodsCollationOperatorClassAndOrder(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        t.db().define("Doc", s -> s
                .attribute("title", DataTypes.STRING(200))
                .attribute("body", DataTypes.TEXT)
                .attribute("tags", DataTypes.ARRAY(DataTypes.INTEGER))
                .attribute("span", DataTypes.RANGE(DataTypes.INTEGER))
                .options(o -> o
                        .index(Index.on("tags").using("GIN"))
                        .index(Index.on("span").using("gist"))
                        .index(Index.on("title").using("HASH"))
                        .index(Index.on("createdAt").using("BRIN"))
                        .index(Index.on("body").using("SPGIST"))
                        .index(Index.on("title", "body").using("BTREE").name("docs_btree"))
                        .index(Index.on(IndexField.of("title").collate("C").operator("text_pattern_ops").desc())
                                .name("docs_title_pattern"))
                        .index(Index.on("title", "body").operator("text_pattern_ops").name("docs_both_pattern"))));
        t.db().sync().block();
        assertTrue(indexdef(t, "docs_tags").endsWith("USING gin (tags)"), indexdef(t, "docs_tags"));
        assertTrue(indexdef(t, "docs_span").endsWith("USING gist (span)"), indexdef(t, "docs_span"));
        assertTrue(indexdef(t, "docs_title").endsWith("USING hash (title)"), indexdef(t, "docs_title"));
        assertTrue(indexdef(t, "docs_created_at").endsWith("USING brin (\"createdAt\")"),
                indexdef(t, "docs_created_at"));
        assertTrue(indexdef(t, "docs_body").endsWith("USING spgist (body)"), indexdef(t, "docs_body"));
        assertTrue(indexdef(t, "docs_btree").endsWith("USING btree (title, body)"), indexdef(t, "docs_btree"));
        assertTrue(indexdef(t, "docs_title_pattern").endsWith("USING btree (title COLLATE \"C\" text_pattern_ops DESC)"),
                indexdef(t, "docs_title_pattern"));
        assertTrue(indexdef(t, "docs_both_pattern").endsWith("(title text_pattern_ops, body text_pattern_ops)"),
                indexdef(t, "docs_both_pattern"));
    }

    @DatabaseTest
    void postgresPartialUniqueIndexAllowsDuplicatesOutsideItsWhere(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        Model<Instance> m = posts(t.db(), o -> o
                .index(Index.on("author", "title").unique(true).name("public_title_by_author")
                        .where(Where.eq("status", "public")))
                .index(Index.on("title").name("odd_titles")
                        .where(Where.or(Where.eq("title", "it's; DROP TABLE \"Posts\"; --"),
                                Where.where("author", io.resequel.query.Op.STARTS_WITH, "50%_"),
                                Where.in("status", List.of("a", "b")), Where.eq("email", null)))));
        t.db().sync().block();
        String def = indexdef(t, "public_title_by_author");
        assertTrue(def.startsWith("CREATE UNIQUE INDEX") && def.endsWith("WHERE ((status)::text = 'public'::text)"),
                def);
        String odd = indexdef(t, "odd_titles");
        assertTrue(odd.contains("'it''s; DROP TABLE \"Posts\"; --'"), odd);
        assertTrue(odd.contains("'50!%!_%'") && odd.contains("email IS NULL"), odd);
        assertTrue(t.statements().stream().filter(s -> s.contains("odd_titles"))
                .noneMatch(s -> s.contains("$1")), "values are literals, not placeholders");

        m.create(Map.of("author", "ada", "title", "t", "status", "draft")).block();
        m.create(Map.of("author", "ada", "title", "t", "status", "draft")).block();
        m.create(Map.of("author", "ada", "title", "t", "status", "public")).block();
        StepVerifier.create(m.create(Map.of("author", "ada", "title", "t", "status", "public")))
                .expectError(UniqueConstraintException.class).verify(Duration.ofSeconds(10));
        assertEquals(3L, m.count().block());
    }

    @DatabaseTest
    void postgresConcurrently(TestDb t) {
        if (!t.is("postgres")) {
            return;
        }
        posts(t.db(), o -> o.index(Index.on("author").concurrently(true)).index(Index.on("status")));
        t.db().sync().block();
        List<String> creates = t.statements().stream().filter(s -> s.startsWith("CREATE")).toList();
        assertTrue(creates.get(creates.size() - 1).startsWith("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"posts_author\""),
                creates.toString());
        assertEquals(Boolean.TRUE, t.raw("SELECT indisvalid AS v FROM pg_index WHERE indexrelid = "
                + "(current_schema() || '.posts_author')::regclass").blockFirst().get("v"));
        t.db().sync().block();
    }

    // ---- MySQL / MariaDB --------------------------------------------------------------------------------------

    @DatabaseTest
    void mysqlPrefixLengthFulltextAndMethods(TestDb t) {
        if (!t.is("mysql")) {
            return;
        }
        t.db().define("Doc", s -> s
                .attribute("title", DataTypes.STRING(200))
                .attribute("body", DataTypes.TEXT)
                .options(o -> o
                        .index(Index.on(IndexField.of("title").length(10), IndexField.of("body").length(20).desc())
                                .name("docs_prefix"))
                        .index(Index.on("title", "body").type("FULLTEXT"))
                        .index(Index.on("title").using("BTREE"))
                        .index(Index.on("title").using("HASH").name("docs_title_hash"))));
        t.db().sync().block();
        List<Map<String, Object>> prefix = indexColumns(t, "Docs", "docs_prefix");
        assertEquals(List.of(10, 20), column(prefix, "subPart"), prefix.toString());
        assertEquals(List.of(false, true), column(prefix, "desc"), prefix.toString());
        assertEquals(List.of("FULLTEXT", "FULLTEXT"), column(indexColumns(t, "Docs", "docs_title_body"), "type"));
        assertEquals(List.of("BTREE"), column(indexColumns(t, "Docs", "docs_title"), "type"));
        // InnoDB keeps HASH indexes as B-trees; the statement asked for HASH
        assertEquals(List.of("title"), column(indexColumns(t, "Docs", "docs_title_hash"), "column"));
        assertTrue(t.statements().stream().anyMatch(s -> s.equals(
                "CREATE INDEX `docs_title_hash` ON `Docs` (`title`) USING HASH")), t.statements().toString());
        t.db().sync().block();
    }

    @DatabaseTest
    void mysqlSpatialIndex(TestDb t) {
        if (!t.is("mysql")) {
            return;
        }
        // no geometry data type yet: the table exists already, sync adds the index
        t.rawUpdate("CREATE TABLE `Places` (`id` INTEGER AUTO_INCREMENT PRIMARY KEY, `location` POINT NOT NULL)"
                + " ENGINE=InnoDB").block();
        t.db().define("Place", s -> s.attribute("location", DataTypes.STRING, a -> a.allowNull(false))
                .options(o -> o.timestamps(false).index(Index.on("location").type("SPATIAL"))));
        t.db().sync().block();
        assertEquals(List.of("SPATIAL"), column(indexColumns(t, "Places", "places_location"), "type"));
    }

    @DatabaseTest
    void mysqlFulltextParser(TestDb t) {
        if (!t.is("mysql")) {
            return;
        }
        t.db().define("Doc", s -> s.attribute("body", DataTypes.TEXT)
                .options(o -> o.index(Index.on("body").type("FULLTEXT").parser("ngram"))));
        String version = (String) t.raw("SELECT VERSION() AS v").blockFirst().get("v");
        if (version.contains("MariaDB")) {
            // MariaDB ships no ngram parser: the server refuses the statement the dialect rendered
            StepVerifier.create(t.db().sync())
                    .expectErrorSatisfies(e -> assertInstanceOf(DatabaseException.class, e))
                    .verify(Duration.ofSeconds(10));
        } else {
            t.db().sync().block();
            String create = (String) t.raw("SHOW CREATE TABLE `Docs`").blockFirst().get("Create Table");
            assertTrue(create.contains("ngram"), create);
        }
        assertTrue(t.statements().stream().anyMatch(s -> s.equals(
                "CREATE FULLTEXT INDEX `docs_body` ON `Docs` (`body`) WITH PARSER ngram")), t.statements().toString());
    }
}
