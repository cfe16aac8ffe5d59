package io.resequel.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.ConnectionFactories;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.ResequelException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataTypes;
import io.resequel.model.ModelDefinition;
import io.resequel.model.MySqlTestModels;
import io.resequel.sql.Bind;
import io.resequel.sql.ColumnInfo;
import io.resequel.sql.Dialect;
import io.resequel.sql.Feature;
import io.resequel.sql.SqlWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The dialect against the real local server: DDL, value round-trips, catalog, errors and generated keys. */
class MySqlDialectTest {

    private static MySqlTestDatabase db;
    private static MySqlDialect dialect;

    /** Every DataType kind, with awkward names and a comment that needs escaping. */
    private static final ModelDefinition EVERYTHING = MySqlTestModels.define("Everything", m -> m
            .attribute("str", DataTypes.STRING(100), a -> a.comment("it's a \\ comment — ü"))
            .attribute("chr", DataTypes.CHAR(5))
            .attribute("txt", DataTypes.TEXT)
            .attribute("num", DataTypes.INTEGER)
            .attribute("big", DataTypes.BIGINT)
            .attribute("small", DataTypes.SMALLINT)
            .attribute("flt", DataTypes.FLOAT)
            .attribute("dbl", DataTypes.DOUBLE)
            .attribute("dec", DataTypes.DECIMAL(20, 6))
            .attribute("bool", DataTypes.BOOLEAN)
            .attribute("at", DataTypes.DATE)
            .attribute("day", DataTypes.DATEONLY)
            .attribute("clock", DataTypes.TIME)
            .attribute("uid", DataTypes.UUID)
            .attribute("doc", DataTypes.JSON)
            .attribute("bytes", DataTypes.BLOB)
            .attribute("mood", DataTypes.ENUM("happy", "it's", "back\\slash", "ünï"))
            .attribute("def", DataTypes.STRING, a -> a.allowNull(false).defaultValue("it's \\ default"))
            .attribute("select", DataTypes.STRING(20), a -> a.field("odd`name"))
            .options(o -> o.timestamps(false).tableName("every`thing")));

    private static final ModelDefinition USERS = MySqlTestModels.define("User", m -> m
            .attribute("email", DataTypes.STRING, a -> a.unique(true))
            .attribute("first", DataTypes.STRING, a -> a.unique("users_name_pair"))
            .attribute("last", DataTypes.STRING, a -> a.unique("users_name_pair"))
            .options(o -> o.timestamps(false).tableName("users")));

    private static final ModelDefinition TASKS = MySqlTestModels.define("Task", m -> m
            .attribute("title", DataTypes.STRING)
            .attribute("ownerId", DataTypes.INTEGER, a -> a.references("users", "id"))
            .options(o -> o.timestamps(false).tableName("tasks")));

    @BeforeAll
    static void setUp() {
        db = new MySqlTestDatabase();
        dialect = MySqlDialect.forConnection(db.connection);
        db.execute(dialect.createTable(EVERYTHING));
        db.execute(dialect.createTable(USERS));
        db.execute(dialect.createTable(TASKS));
    }

    @AfterAll
    static void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    // ---- discovery --------------------------------------------------------------------------------------------

    @Test
    void serviceLoaderFindsTheDialectForTheDriver() {
        var metadata = ConnectionFactories.get(System.getenv()
                .getOrDefault("RESEQUEL_TEST_MYSQL_URL", "r2dbc:mysql://root@127.0.0.1:3306/test")).getMetadata();
        List<Dialect> accepting = ServiceLoader.load(Dialect.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.accepts(metadata)).toList();
        assertEquals(1, accepting.size(), "dialects accepting " + metadata.getName() + ": " + accepting);
        assertInstanceOf(MySqlDialect.class, accepting.get(0));
        assertEquals("mysql", accepting.get(0).name());
        assertFalse(((MySqlDialect) accepting.get(0)).isMariaDb(), "the ServiceLoader instance assumes MySQL");
    }

    @Test
    void detectsMariaDbFromTheConnection() {
        String version = db.connection.getMetadata().getDatabaseVersion();
        assertEquals(version.contains("MariaDB"), MySqlDialect.isMariaDb(db.connection.getMetadata()), version);
        assertEquals(version.contains("MariaDB"), dialect.isMariaDb());
    }

    // ---- DDL --------------------------------------------------------------------------------------------------

    @Test
    void commentsAreInlineAndDefaultsAreEscaped() {
        List<String> ddl = dialect.createTable(EVERYTHING);
        assertEquals(1, ddl.size(), "no COMMENT ON statements: " + ddl);
        assertTrue(ddl.get(0).endsWith(" ENGINE=InnoDB"), ddl.get(0));
        assertTrue(ddl.get(0).contains("`id` INTEGER AUTO_INCREMENT NOT NULL"), ddl.get(0));
        List<String> comment = db.query(dialect, "SELECT column_comment FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = ? AND column_name = 'str'",
                MySqlTestDatabase.binds(EVERYTHING.tableName(), null), r -> r.get(0, String.class));
        assertEquals(List.of("it's a \\ comment — ü"), comment);
    }

    // ---- values -----------------------------------------------------------------------------------------------

    @Test
    void everyKindRoundTripsExactly() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", 1);
        doc.put("b", Arrays.asList(true, null, "x"));
        doc.put("c", Map.of("d", "é\"\\'"));
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        OffsetDateTime at = OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000, ZoneOffset.ofHours(5));
        UUID uid = UUID.randomUUID();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("str", "O'Reilly \\ \"quoted\" 😀 ünïcödé");
        values.put("chr", "ab'\\c");
        values.put("txt", "line1\nline2\t\\0 ' \" `");
        values.put("num", Integer.MIN_VALUE);
        values.put("big", (1L << 53) + 1);
        values.put("small", Short.MAX_VALUE);
        values.put("flt", 1.5f);
        values.put("dbl", 0.1 + 0.2);
        values.put("dec", new BigDecimal("12345678901234.500000"));
        values.put("bool", true);
        values.put("at", at);
        values.put("day", LocalDate.of(1999, 12, 31));
        values.put("clock", LocalTime.of(23, 59, 58, 999_999_000));
        values.put("uid", uid);
        values.put("doc", doc);
        values.put("bytes", bytes);
        values.put("mood", "back\\slash");
        values.put("def", "it's");
        values.put("select", "x");

        Map<String, Object> read = insertAndRead(values);

        values.forEach((name, expected) -> {
            Object actual = read.get(name);
            if (expected instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) actual, name);
            } else if (expected instanceof OffsetDateTime o) {
                assertEquals(o.withOffsetSameInstant(ZoneOffset.UTC), actual, name);
            } else {
                assertEquals(expected, actual, name);
            }
            if (actual != null) {
                assertInstanceOf(EVERYTHING.attribute(name).type().javaType(), actual, name);
            }
        });
        assertEquals(6, ((BigDecimal) read.get("dec")).scale());
        // DATETIME holds the UTC wall clock, whatever the session time zone.
        List<String> stored = db.query(dialect, "SELECT CAST(`at` AS CHAR) FROM " + dialect.quote(
                EVERYTHING.tableName()) + " WHERE `id` = ?", MySqlTestDatabase.binds(read.get("id"), DataTypes.INTEGER),
                r -> r.get(0, String.class));
        assertEquals(List.of("2024-02-29 18:59:59.123456"), stored);
    }

    @Test
    void booleanFalseAndEnumsWithQuotes() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("bool", false);
        values.put("mood", "it's");
        values.put("big", Long.MIN_VALUE);
        values.put("dec", new BigDecimal("-0.000001"));
        Map<String, Object> read = insertAndRead(values);
        assertEquals(false, read.get("bool"));
        assertEquals("it's", read.get("mood"));
        assertEquals(Long.MIN_VALUE, read.get("big"));
        assertEquals(new BigDecimal("-0.000001"), read.get("dec"));
        assertEquals("it's \\ default", read.get("def"), "the DDL default survives escaping");
    }

    @Test
    void nullsRoundTripForEveryKind() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (AttributeDefinition a : EVERYTHING.attributes()) {
            if (!a.primaryKey() && a.allowNull()) {
                values.put(a.name(), null);
            }
        }
        values.put("def", "x");
        Map<String, Object> read = insertAndRead(values);
        values.forEach((name, v) -> {
            if (v == null) {
                assertNull(read.get(name), name);
            }
        });
    }

    @Test
    void untypedBindsConvertTimestampsAndUuids() {
        OffsetDateTime at = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 1000, ZoneOffset.ofHours(-8));
        UUID uid = UUID.randomUUID();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("at", at);
        values.put("uid", uid);
        values.put("def", "untyped");
        insertAndRead(values);
        List<Long> found = db.query(dialect, "SELECT COUNT(*) FROM " + dialect.quote(EVERYTHING.tableName())
                        + " WHERE `at` = ? AND `uid` = ?", MySqlTestDatabase.binds(at, null, uid, null),
                r -> r.get(0, Long.class));
        assertEquals(List.of(1L), found);
    }

    /** Inserts one row of EVERYTHING through toDriver/bindNull and reads it back through read(). */
    private Map<String, Object> insertAndRead(Map<String, Object> values) {
        List<AttributeDefinition> attrs = values.keySet().stream().map(EVERYTHING::attribute).toList();
        String table = dialect.quote(EVERYTHING.tableName());
        String sql = "INSERT INTO " + table + " (" + attrs.stream().map(a -> dialect.quote(a.field()))
                .collect(Collectors.joining(", ")) + ") VALUES (" + attrs.stream().map(a -> "?")
                .collect(Collectors.joining(", ")) + ")";
        List<Bind> binds = new ArrayList<>();
        for (AttributeDefinition a : attrs) {
            binds.add(new Bind(values.get(a.name()), a.type()));
        }
        Long id = Flux.from(MySqlTestDatabase.bind(dialect, db.connection.createStatement(sql), binds)
                        .returnGeneratedValues("id").execute())
                .flatMap(r -> r.map((row, md) -> row.get(0, Long.class))).blockLast(MySqlTestDatabase.TIMEOUT);
        assertNotNull(id);
        List<AttributeDefinition> all = EVERYTHING.attributes();
        String select = "SELECT " + all.stream().map(a -> dialect.quote(a.field())).collect(Collectors.joining(", "))
                + " FROM " + table + " WHERE `id` = ?";
        List<Map<String, Object>> rows = db.query(dialect, select,
                MySqlTestDatabase.binds(id.intValue(), DataTypes.INTEGER), row -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < all.size(); i++) {
                        m.put(all.get(i).name(), dialect.read(row, i, all.get(i).type()));
                    }
                    return m;
                });
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void constantDefaultsAreAcceptedAndReadBack() {
        OffsetDateTime at = OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(2));
        ModelDefinition m = MySqlTestModels.define("Defaulted", s -> s
                .attribute("flag", DataTypes.BOOLEAN, a -> a.defaultValue(true))
                .attribute("at", DataTypes.DATE, a -> a.defaultValue(at))
                .attribute("doc", DataTypes.JSON, a -> a.defaultValue(Map.of("k", "it's")))
                .attribute("txt", DataTypes.TEXT, a -> a.defaultValue("back\\slash"))
                .attribute("dec", DataTypes.DECIMAL(5, 2), a -> a.defaultValue(new BigDecimal("1.50")))
                .attribute("kind", DataTypes.ENUM("a", "b'c"), a -> a.defaultValue("b'c"))
                .options(o -> o.timestamps(false).tableName("defaulted")));
        db.execute(dialect.createTable(m));
        db.execute("INSERT INTO `defaulted` () VALUES ()");
        List<AttributeDefinition> all = m.attributes();
        List<List<Object>> rows = db.query(dialect, "SELECT `flag`, `at`, `doc`, `txt`, `dec`, `kind` FROM `defaulted`",
                List.of(), r -> Arrays.asList(dialect.read(r, 0, DataTypes.BOOLEAN), dialect.read(r, 1, DataTypes.DATE),
                        dialect.read(r, 2, DataTypes.JSON), dialect.read(r, 3, DataTypes.TEXT),
                        dialect.read(r, 4, all.get(5).type()), dialect.read(r, 5, all.get(6).type())));
        assertEquals(List.of(Arrays.asList(true, at.withOffsetSameInstant(ZoneOffset.UTC), Map.of("k", "it's"),
                "back\\slash", new BigDecimal("1.50"), "b'c")), rows);
    }

    // ---- statements -------------------------------------------------------------------------------------------

    @Test
    void offsetWithoutLimitRuns() {
        db.execute("CREATE TABLE paged (n INTEGER)");
        db.execute("INSERT INTO paged VALUES (1), (2), (3), (4)");
        SqlWriter w = new SqlWriter(dialect).append("SELECT n FROM paged ORDER BY n");
        dialect.limitOffset(w, null, 2);
        assertEquals(List.of(3, 4), db.query(dialect, w.toSql(), r -> r.get(0, Integer.class)));
        SqlWriter w2 = new SqlWriter(dialect).append("SELECT n FROM paged ORDER BY n");
        dialect.limitOffset(w2, 1, 1);
        assertEquals(List.of(2), db.query(dialect, w2.toSql(), r -> r.get(0, Integer.class)));
    }

    @Test
    void multiRowInsertGeneratedKeysMatchTheFeature() {
        db.execute("CREATE TABLE gen (id INTEGER AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        db.execute("INSERT INTO gen (v) VALUES ('seed')");
        List<Long> ids = Flux.from(db.connection.createStatement("INSERT INTO gen (v) VALUES (?), (?), (?)")
                        .bind(0, "a").bind(1, "b").bind(2, "c").returnGeneratedValues("id").execute())
                .flatMap(r -> r.map((row, md) -> row.get(0, Long.class))).collectList()
                .block(MySqlTestDatabase.TIMEOUT);
        if (dialect.isMariaDb()) {
            // r2dbc-mysql uses INSERT ... RETURNING on MariaDB 10.5.1+: one row per inserted row.
            assertEquals(List.of(2L, 3L, 4L), ids);
        } else {
            // MySQL: one synthetic row from LAST_INSERT_ID(), the first generated id.
            assertEquals(List.of(2L), ids);
        }
        assertEquals(ids.size() == 3, dialect.supports(Feature.MULTI_ROW_GENERATED_KEYS));
        assertFalse(dialect.supports(Feature.RETURNING));
        assertFalse(dialect.supports(Feature.TRANSACTIONAL_DDL));
        assertTrue(dialect.supports(Feature.COMMENTS));
        assertFalse(new MySqlDialect().supports(Feature.MULTI_ROW_GENERATED_KEYS));
    }

    // ---- catalog ----------------------------------------------------------------------------------------------

    private List<ColumnInfo> describe(String table) {
        return db.query(dialect, dialect.describeTable(null, table), r -> new ColumnInfo(r.get(0, String.class),
                r.get(1, String.class).toLowerCase(Locale.ROOT), "YES".equals(r.get(2, String.class))));
    }

    private static ColumnInfo column(List<ColumnInfo> cols, String name) {
        return cols.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no column " + name + " in " + cols));
    }

    @Test
    void describedColumnsMatchEveryKindRightAfterCreate() {
        List<ColumnInfo> cols = describe(EVERYTHING.tableName());
        assertEquals(EVERYTHING.attributes().stream().map(AttributeDefinition::field).toList(),
                cols.stream().map(ColumnInfo::name).toList(), "column order");
        for (AttributeDefinition a : EVERYTHING.attributes()) {
            ColumnInfo c = column(cols, a.field());
            assertTrue(dialect.columnMatches(c, a), a + " vs " + c);
        }
        // the schema can also be named
        assertEquals(cols, db.query(dialect, dialect.describeTable(db.database, EVERYTHING.tableName()),
                r -> new ColumnInfo(r.get(0, String.class), r.get(1, String.class).toLowerCase(Locale.ROOT),
                        "YES".equals(r.get(2, String.class)))));
    }

    @Test
    void describedColumnsDoNotMatchOtherTypes() {
        List<ColumnInfo> cols = describe(EVERYTHING.tableName());
        ModelDefinition other = MySqlTestModels.define("Everything", m -> m
                .attribute("str", DataTypes.STRING(101))
                .attribute("chr", DataTypes.CHAR(6))
                .attribute("txt", DataTypes.JSON)
                .attribute("num", DataTypes.BIGINT)
                .attribute("big", DataTypes.INTEGER)
                .attribute("small", DataTypes.BOOLEAN)
                .attribute("flt", DataTypes.DOUBLE)
                .attribute("dbl", DataTypes.FLOAT)
                .attribute("dec", DataTypes.DECIMAL(20, 5))
                .attribute("bool", DataTypes.SMALLINT)
                .attribute("at", DataTypes.DATEONLY)
                .attribute("day", DataTypes.DATE)
                .attribute("clock", DataTypes.DATE)
                .attribute("uid", DataTypes.CHAR(35))
                .attribute("doc", DataTypes.TEXT)
                .attribute("bytes", DataTypes.TEXT)
                .attribute("mood", DataTypes.ENUM("happy", "it's", "back\\slash"))
                .attribute("def", DataTypes.STRING)
                .attribute("select", DataTypes.STRING(20), a -> a.field("odd`name").allowNull(false))
                .options(o -> o.timestamps(false)));
        for (AttributeDefinition a : other.attributes()) {
            if (a.primaryKey()) {
                continue;
            }
            ColumnInfo c = column(cols, a.field());
            assertFalse(dialect.columnMatches(c, a), a + " should not match " + c);
        }
    }

    @Test
    void changeColumnKeepsDataAndAlterIsDetected() {
        ModelDefinition before = MySqlTestModels.define("Note", m -> m
                .attribute("body", DataTypes.STRING(20))
                .attribute("price", DataTypes.DECIMAL(10, 2))
                .options(o -> o.timestamps(false).tableName("Notes")));
        db.execute(dialect.createTable(before));
        db.execute("INSERT INTO `Notes` (`body`, `price`) VALUES ('keep me', 12.34)");
        AttributeDefinition body = before.attribute("body");
        assertTrue(dialect.columnMatches(column(describe("Notes"), "body"), body));

        // a change made behind the model's back is noticed
        db.execute("ALTER TABLE `Notes` MODIFY COLUMN `body` VARCHAR(30)");
        assertFalse(dialect.columnMatches(column(describe("Notes"), "body"), body));
        db.execute("ALTER TABLE `Notes` MODIFY COLUMN `price` DECIMAL(12,2)");
        assertFalse(dialect.columnMatches(column(describe("Notes"), "price"), before.attribute("price")));

        ModelDefinition after = MySqlTestModels.define("Note", m -> m
                .attribute("body", DataTypes.TEXT, a -> a.allowNull(false).comment("now text"))
                .attribute("price", DataTypes.DECIMAL(12, 4))
                .options(o -> o.timestamps(false).tableName("Notes")));
        for (String name : List.of("body", "price")) {
            List<String> ddl = dialect.changeColumn(after, after.attribute(name));
            assertEquals(1, ddl.size());
            assertTrue(ddl.get(0).startsWith("ALTER TABLE `Notes` MODIFY COLUMN "), ddl.get(0));
            db.execute(ddl);
            assertTrue(dialect.columnMatches(column(describe("Notes"), name), after.attribute(name)), name);
        }
        List<List<Object>> rows = db.query(dialect, "SELECT `body`, `price` FROM `Notes`", List.of(),
                r -> List.of(dialect.read(r, 0, DataTypes.TEXT), dialect.read(r, 1, DataTypes.DECIMAL(12, 4))));
        assertEquals(List.of(List.of("keep me", new BigDecimal("12.3400"))), rows);

        AttributeDefinition extra = MySqlTestModels.define("Note", m -> m
                .attribute("extra", DataTypes.BOOLEAN, a -> a.allowNull(false).defaultValue(true))).attribute("extra");
        db.execute(dialect.addColumn(after, extra));
        assertTrue(dialect.columnMatches(column(describe("Notes"), "extra"), extra));
        assertEquals(List.of(true), db.query(dialect, "SELECT `extra` FROM `Notes`", List.of(),
                r -> dialect.read(r, 0, DataTypes.BOOLEAN)));
        db.execute(dialect.removeColumn(after, "extra"));
        assertEquals(List.of("id", "body", "price"), describe("Notes").stream().map(ColumnInfo::name).toList());
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    private ResequelException failure(String sql, List<Bind> binds) {
        Throwable[] seen = new Throwable[1];
        StepVerifier.create(db.update(dialect, sql, binds).onErrorMap(e -> dialect.translate(e, sql)))
                .expectErrorSatisfies(e -> seen[0] = e)
                .verify(MySqlTestDatabase.TIMEOUT);
        return (ResequelException) seen[0];
    }

    @Test
    void duplicateEntryIsAUniqueConstraintExceptionWithFields() {
        String insert = "INSERT INTO `users` (`email`, `first`, `last`) VALUES (?, ?, ?)";
        db.update(dialect, insert, MySqlTestDatabase.binds("a@x.io", DataTypes.STRING, "A", DataTypes.STRING,
                "B", DataTypes.STRING)).block(MySqlTestDatabase.TIMEOUT);

        ResequelException e = failure(insert, MySqlTestDatabase.binds("a@x.io", DataTypes.STRING,
                "C", DataTypes.STRING, "D", DataTypes.STRING));
        UniqueConstraintException u = assertInstanceOf(UniqueConstraintException.class, e);
        assertEquals("users_email_unique", u.constraint());
        assertEquals(List.of("email"), u.fields());
        assertEquals(insert, u.sql());
        assertEquals("23000", u.sqlState());

        // the composite key's columns come from the key this dialect created
        u = assertInstanceOf(UniqueConstraintException.class, failure(insert, MySqlTestDatabase.binds(
                "other@x.io", DataTypes.STRING, "A", DataTypes.STRING, "B", DataTypes.STRING)));
        assertEquals("users_name_pair", u.constraint());
        assertEquals(List.of("first", "last"), u.fields());

        // a fresh instance has not seen the DDL; the core's naming scheme still gives the column
        MySqlDialect fresh = new MySqlDialect();
        String update = "UPDATE `users` SET `email` = ? WHERE `email` <> ?";
        db.update(dialect, insert, MySqlTestDatabase.binds("b@x.io", DataTypes.STRING, "E", DataTypes.STRING,
                "F", DataTypes.STRING)).block(MySqlTestDatabase.TIMEOUT);
        Throwable raw = db.update(dialect, update, MySqlTestDatabase.binds("a@x.io", DataTypes.STRING,
                "a@x.io", DataTypes.STRING)).map(n -> (Throwable) null).onErrorResume(Mono::just)
                .block(MySqlTestDatabase.TIMEOUT);
        u = assertInstanceOf(UniqueConstraintException.class, fresh.translate(raw, update));
        assertEquals(List.of("email"), u.fields());

        // primary keys are not named in the message: fields stay empty rather than guessed
        db.execute("INSERT INTO `users` (`id`, `email`) VALUES (50, 'p@x.io')");
        u = assertInstanceOf(UniqueConstraintException.class, failure(
                "INSERT INTO `users` (`id`, `email`) VALUES (50, 'q@x.io')", List.of()));
        assertEquals("PRIMARY", u.constraint());
        assertEquals(List.of(), u.fields());
    }

    @Test
    void foreignKeyViolationsAreTypedWithFields() {
        db.update(dialect, "INSERT INTO `users` (`id`, `email`) VALUES (100, 'fk@x.io')", List.of())
                .block(MySqlTestDatabase.TIMEOUT);
        String insert = "INSERT INTO `tasks` (`title`, `ownerId`) VALUES (?, ?)";
        ForeignKeyConstraintException f = assertInstanceOf(ForeignKeyConstraintException.class,
                failure(insert, MySqlTestDatabase.binds("t", DataTypes.STRING, 999, DataTypes.INTEGER)));
        assertEquals(List.of("ownerId"), f.fields());
        assertNotNull(f.constraint());
        assertEquals(insert, f.sql());

        db.update(dialect, insert, MySqlTestDatabase.binds("t", DataTypes.STRING, 100, DataTypes.INTEGER))
                .block(MySqlTestDatabase.TIMEOUT);
        f = assertInstanceOf(ForeignKeyConstraintException.class,
                failure("DELETE FROM `users` WHERE `id` = ?", MySqlTestDatabase.binds(100, DataTypes.INTEGER)));
        assertEquals(List.of("ownerId"), f.fields());
    }

    @Test
    void otherErrorsAreDatabaseExceptions() {
        ResequelException e = failure("SELECT * FROM `no_such_table`", List.of());
        assertEquals(io.resequel.error.DatabaseException.class, e.getClass());
        assertTrue(e.getMessage().contains("1146"), e.getMessage());
    }

    @Test
    void dropTableDropsIfExists() {
        ModelDefinition temp = MySqlTestModels.define("Temp", m -> m.attribute("x", DataTypes.INTEGER)
                .options(o -> o.timestamps(false)));
        db.execute(dialect.createTable(temp));
        db.execute(dialect.createTable(temp)); // IF NOT EXISTS
        db.execute(dialect.dropTable(temp));
        db.execute(dialect.dropTable(temp)); // IF EXISTS
        assertEquals(List.of(), describe(temp.tableName()));
    }
}
