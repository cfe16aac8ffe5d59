package io.resequel.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.resequel.error.DatabaseException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.DataTypes;
import io.resequel.model.ModelDefinition;
import io.resequel.model.ModelSpec;
import io.resequel.model.PostgresTestModels;
import io.resequel.sql.Bind;
import io.resequel.sql.ColumnInfo;
import io.resequel.sql.Dialect;
import io.resequel.sql.Feature;
import io.resequel.sql.Sql;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The dialect against a real PostgreSQL (no mocks), through plain R2DBC: DDL from the dialect, values through its
 * codecs, catalog reads and error translation. Each run works in its own schema, dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresDialectTest {

    private static final String URL = System.getenv().getOrDefault("RESEQUEL_TEST_POSTGRES_URL",
            "r2dbc:postgresql://postgres@127.0.0.1:5432/test");

    private final PostgresDialect dialect = new PostgresDialect();
    private final String schema = "rsq_pg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private ConnectionFactory factory;
    private Connection connection;

    @BeforeAll
    void connect() {
        factory = ConnectionFactories.get(URL);
        connection = Mono.from(factory.create()).block();
        exec("CREATE SCHEMA " + dialect.quote(schema)).block();
    }

    @AfterAll
    void disconnect() {
        if (connection != null) {
            exec("DROP SCHEMA IF EXISTS " + dialect.quote(schema) + " CASCADE").block();
            Mono.from(connection.close()).block();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private ModelDefinition model(String name, Consumer<ModelSpec> attributes) {
        return PostgresTestModels.define(name, s -> {
            s.options(o -> o.schema(schema).timestamps(false).freezeTableName(true));
            attributes.accept(s);
        });
    }

    private Mono<Void> exec(String sql) {
        return Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then();
    }

    private Mono<Void> run(List<String> statements) {
        return Flux.fromIterable(statements).concatMap(this::exec).then();
    }

    private Statement bind(Statement st, int index, DataType type, Object value) {
        if (value == null) {
            return st.bindNull(index, dialect.nullType(type));
        }
        return st.bind(index, dialect.toDriver(type, value));
    }

    /** Inserts one row into the given columns, returning the generated id. */
    private Mono<Integer> insert(ModelDefinition m, Map<String, Object> values) {
        List<String> cols = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (String attr : values.keySet()) {
            cols.add(dialect.quote(m.fieldOf(attr)));
            params.add(dialect.placeholder(params.size()));
        }
        String sql = "INSERT INTO " + dialect.quote(schema) + "." + dialect.quote(m.tableName()) + " ("
                + String.join(", ", cols) + ") VALUES (" + String.join(", ", params) + ") RETURNING "
                + dialect.quote("id");
        return Mono.defer(() -> {
            Statement st = connection.createStatement(sql);
            int i = 0;
            for (Map.Entry<String, Object> e : values.entrySet()) {
                bind(st, i++, m.attribute(e.getKey()).type(), e.getValue());
            }
            return Flux.from(st.execute())
                    .flatMap(r -> r.map((row, meta) -> (Integer) dialect.read(row, 0, DataTypes.INTEGER)))
                    .single();
        }).onErrorMap(e -> dialect.translate(e, sql));
    }

    /** Reads every attribute of every row, ordered by id, through {@link Dialect#read}. */
    private Flux<List<Object>> selectAll(ModelDefinition m) {
        List<String> cols = new ArrayList<>();
        for (AttributeDefinition a : m.attributes()) {
            cols.add(dialect.quote(a.field()));
        }
        String sql = "SELECT " + String.join(", ", cols) + " FROM " + dialect.quote(schema) + "."
                + dialect.quote(m.tableName()) + " ORDER BY " + dialect.quote("id");
        return Flux.from(connection.createStatement(sql).execute()).flatMap(r -> r.map((row, meta) -> {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < m.attributes().size(); i++) {
                out.add(dialect.read(row, i, m.attributes().get(i).type()));
            }
            return out;
        }));
    }

    private Mono<List<ColumnInfo>> describe(ModelDefinition m) {
        Sql sql = dialect.describeTable(schema, m.tableName());
        return Mono.defer(() -> {
            Statement st = connection.createStatement(sql.text());
            for (int i = 0; i < sql.binds().size(); i++) {
                Bind b = sql.binds().get(i);
                bind(st, i, b.type(), b.value());
            }
            return Flux.from(st.execute())
                    .flatMap(r -> r.map((row, meta) -> new ColumnInfo(row.get(0, String.class),
                            row.get(1, String.class), "YES".equals(row.get(2, String.class)))))
                    .collectList();
        });
    }

    private boolean matches(ModelDefinition described, ModelDefinition expected) {
        List<ColumnInfo> columns = describe(described).block();
        assertEquals(expected.attributes().size(), columns.size(), () -> "columns " + columns);
        for (ColumnInfo c : columns) {
            if (!dialect.columnMatches(c, expected.byField(c.name()))) {
                return false;
            }
        }
        return true;
    }

    private Mono<Object> scalar(String sql) {
        return Flux.from(connection.createStatement(sql).execute())
                .flatMap(r -> r.map((row, meta) -> java.util.Optional.ofNullable(row.get(0))))
                .single().mapNotNull(o -> o.orElse(null));
    }

    // ---- tests --------------------------------------------------------------------------------------------

    private ModelDefinition everything(String table) {
        return model(table, s -> s
                .attribute("string", DataTypes.STRING)
                .attribute("string10", DataTypes.STRING(10))
                .attribute("char", DataTypes.CHAR(5))
                .attribute("text", DataTypes.TEXT)
                .attribute("integer", DataTypes.INTEGER)
                .attribute("bigint", DataTypes.BIGINT)
                .attribute("smallint", DataTypes.SMALLINT)
                .attribute("float", DataTypes.FLOAT)
                .attribute("double", DataTypes.DOUBLE)
                .attribute("decimal", DataTypes.DECIMAL(20, 6))
                .attribute("boolean", DataTypes.BOOLEAN)
                .attribute("date", DataTypes.DATE)
                .attribute("dateOnly", DataTypes.DATEONLY)
                .attribute("time", DataTypes.TIME)
                .attribute("uuid", DataTypes.UUID)
                .attribute("json", DataTypes.JSON)
                .attribute("blob", DataTypes.BLOB)
                .attribute("status", DataTypes.ENUM("active", "banned", "it's"), a -> a.comment("account state")));
    }

    @Test
    void serviceLoaderFindsTheDialectForTheDriver() {
        Dialect found = ServiceLoader.load(Dialect.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.accepts(ConnectionFactories.get(URL).getMetadata())).findFirst().orElseThrow();
        assertInstanceOf(PostgresDialect.class, found);
        assertEquals("postgres", found.name());
        // MySQL's index kinds, a deadlock ending the transaction (PostgreSQL only aborts it: a savepoint recovers),
        // MySQL's UPDATE/DELETE ... LIMIT and its key 0 meaning "next value", r2dbc-h2's split at semicolons
        java.util.Set<Feature> notHere = java.util.EnumSet.of(Feature.INDEX_LENGTH, Feature.INDEX_FULLTEXT,
                Feature.INDEX_SPATIAL, Feature.DEADLOCK_ENDS_TRANSACTION, Feature.DRIVER_SPLITS_AT_SEMICOLONS,
                Feature.WRITE_LIMIT, Feature.AUTO_INCREMENT_ON_ZERO);
        for (Feature f : Feature.values()) {
            assertEquals(!notHere.contains(f), found.supports(f), f::name);
        }
        assertEquals("$3", found.placeholder(2));
        assertEquals(32767, found.maxBindParameters());
    }

    @Test
    void everyTypeRoundTripsExactly() {
        ModelDefinition m = everything("everything");
        OffsetDateTime when = OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30));
        UUID uuid = UUID.randomUUID();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "Zoë \"quoted\"");
        json.put("n", 42);
        json.put("list", List.of(1, "two", true));
        json.put("nested", Map.of("deep", 1.5));
        json.put("none", null);
        byte[] bytes = {0, 1, 2, (byte) 0xFF, (byte) 0x80, 'x'};
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("string", "héllo 'quoted' \\ back");
        values.put("string10", "0123456789");
        values.put("char", "abc");
        values.put("text", "x".repeat(100_000));
        values.put("integer", Integer.MIN_VALUE);
        values.put("bigint", (1L << 53) + 1);
        values.put("smallint", (short) -32768);
        values.put("float", 1.1f);
        values.put("double", 0.1d + 0.2d);
        values.put("decimal", new BigDecimal("12345678901234.100000"));
        values.put("boolean", true);
        values.put("date", when);
        values.put("dateOnly", LocalDate.of(1999, 12, 31));
        values.put("time", LocalTime.of(13, 14, 15, 123_456_000));
        values.put("uuid", uuid);
        values.put("json", json);
        values.put("blob", bytes);
        values.put("status", "it's");
        Map<String, Object> nulls = new LinkedHashMap<>();
        for (String k : values.keySet()) {
            nulls.put(k, null);
        }

        StepVerifier.create(run(dialect.createTable(m))
                        .then(run(dialect.createTable(m)))
                        .then(insert(m, values))
                        .then(insert(m, nulls))
                        .thenMany(selectAll(m)))
                .assertNext(row -> {
                    assertEquals(1, row.get(0));
                    assertEquals("héllo 'quoted' \\ back", row.get(1));
                    assertEquals("0123456789", row.get(2));
                    assertEquals("abc  ", row.get(3), "CHAR pads to its length");
                    assertEquals("x".repeat(100_000), row.get(4));
                    assertEquals(Integer.MIN_VALUE, row.get(5));
                    assertEquals((1L << 53) + 1, row.get(6));
                    assertEquals((short) -32768, row.get(7));
                    assertEquals(1.1f, row.get(8));
                    assertEquals(0.1d + 0.2d, row.get(9));
                    assertEquals(new BigDecimal("12345678901234.100000"), row.get(10));
                    assertEquals(6, ((BigDecimal) row.get(10)).scale());
                    assertEquals(true, row.get(11));
                    assertEquals(when.withOffsetSameInstant(ZoneOffset.UTC), row.get(12));
                    assertEquals(ZoneOffset.UTC, ((OffsetDateTime) row.get(12)).getOffset());
                    assertEquals(LocalDate.of(1999, 12, 31), row.get(13));
                    assertEquals(LocalTime.of(13, 14, 15, 123_456_000), row.get(14));
                    assertEquals(uuid, row.get(15));
                    assertEquals(json, row.get(16));
                    assertArrayEquals(bytes, (byte[]) row.get(17));
                    assertEquals("it's", row.get(18));
                })
                .assertNext(row -> {
                    assertEquals(2, row.get(0));
                    for (int i = 1; i < row.size(); i++) {
                        assertNull(row.get(i), m.attributes().get(i).name());
                    }
                })
                .verifyComplete();

        // The comment and the per-table enum type exist under their conventional names.
        assertEquals("account state", scalar("SELECT col_description('" + schema + ".everything'::regclass, 19)")
                .block());
        assertEquals(1L, scalar("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE n.nspname = '" + schema + "' AND t.typname = 'enum_everything_status'").block());
        run(dialect.dropTable(m)).block();
        assertEquals(0L, scalar("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE n.nspname = '" + schema + "' AND t.typname = 'enum_everything_status'").block());
    }

    @Test
    void enumValuesBindInWhereAndUpdateAndOtherTimestampsAreAccepted() {
        ModelDefinition m = model("flags", s -> s
                .attribute("status", DataTypes.ENUM("on", "off"), a -> a.allowNull(false).defaultValue("off"))
                .attribute("at", DataTypes.DATE));
        DataType status = m.attribute("status").type();
        DataType date = DataTypes.DATE;
        Instant instant = Instant.parse("2020-01-02T03:04:05.678901Z");
        String table = dialect.quote(schema) + ".flags";
        StepVerifier.create(run(dialect.createTable(m))
                        .then(insert(m, Map.of("status", "on", "at", instant)))
                        .then(Mono.defer(() -> {
                            Statement st = connection.createStatement("UPDATE " + table + " SET \"status\" = $1 "
                                    + "WHERE \"status\" = $2 AND \"at\" = $3");
                            bind(st, 0, status, "off");
                            bind(st, 1, status, "on");
                            bind(st, 2, date, instant);
                            return Flux.from(st.execute()).flatMap(Result::getRowsUpdated).single();
                        })))
                .expectNext(1L)
                .verifyComplete();
        assertEquals("off", scalar("SELECT \"status\"::text FROM " + table).block());
        // A bad label is the database's error, typed as such, not a driver encoding failure.
        StepVerifier.create(insert(m, Map.of("status", "maybe")))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(DatabaseException.class, e);
                    assertEquals("22P02", ((DatabaseException) e).sqlState());
                })
                .verify();
    }

    @Test
    void describeTableMatchesRightAfterCreateAndNotAfterAChange() {
        ModelDefinition m = everything("described");
        run(dialect.createTable(m)).block();
        assertTrue(matches(m, m));

        // Type length, enum labels and nullability each make a difference.
        assertFalse(matches(m, model("described", s -> {
            everythingAttributes(s);
            s.attribute("string10", DataTypes.STRING(11));
        })));
        assertFalse(matches(m, model("described", s -> {
            everythingAttributes(s);
            s.attribute("status", DataTypes.ENUM("active", "banned"));
        })));
        assertFalse(matches(m, model("described", s -> {
            everythingAttributes(s);
            s.attribute("decimal", DataTypes.DECIMAL(20, 5));
        })));
        assertFalse(matches(m, model("described", s -> {
            everythingAttributes(s);
            s.attribute("text", DataTypes.TEXT, a -> a.allowNull(false));
        })));

        exec("ALTER TABLE " + dialect.quote(schema) + ".described ALTER COLUMN \"double\" TYPE REAL").block();
        assertFalse(matches(m, m));
        ModelDefinition fixed = model("described", s -> {
            everythingAttributes(s);
            s.attribute("double", DataTypes.FLOAT);
        });
        assertTrue(matches(m, fixed));
    }

    private static void everythingAttributes(ModelSpec s) {
        s.attribute("string", DataTypes.STRING)
                .attribute("string10", DataTypes.STRING(10))
                .attribute("char", DataTypes.CHAR(5))
                .attribute("text", DataTypes.TEXT)
                .attribute("integer", DataTypes.INTEGER)
                .attribute("bigint", DataTypes.BIGINT)
                .attribute("smallint", DataTypes.SMALLINT)
                .attribute("float", DataTypes.FLOAT)
                .attribute("double", DataTypes.DOUBLE)
                .attribute("decimal", DataTypes.DECIMAL(20, 6))
                .attribute("boolean", DataTypes.BOOLEAN)
                .attribute("date", DataTypes.DATE)
                .attribute("dateOnly", DataTypes.DATEONLY)
                .attribute("time", DataTypes.TIME)
                .attribute("uuid", DataTypes.UUID)
                .attribute("json", DataTypes.JSON)
                .attribute("blob", DataTypes.BLOB)
                .attribute("status", DataTypes.ENUM("active", "banned", "it's"));
    }

    @Test
    void changeColumnKeepsTheData() {
        ModelDefinition before = model("changing", s -> s
                .attribute("amount", DataTypes.STRING, a -> a.defaultValue("7"))
                .attribute("state", DataTypes.ENUM("a", "b"))
                .attribute("bigId", DataTypes.BIGINT));
        run(dialect.createTable(before)).block();
        insert(before, Map.of("amount", "42", "state", "b", "bigId", 5L)).block();
        insert(before, Map.of("state", "a")).block();

        ModelDefinition after = model("changing", s -> s
                .attribute("amount", DataTypes.INTEGER, a -> a.allowNull(false).defaultValue(3))
                .attribute("state", DataTypes.ENUM("c", "b", "a"), a -> a.allowNull(false))
                .attribute("bigId", DataTypes.STRING(20)));
        List<String> statements = new ArrayList<>();
        for (String attr : List.of("amount", "state", "bigId")) {
            statements.addAll(dialect.changeColumn(after, after.attribute(attr)));
        }
        run(statements).block();

        StepVerifier.create(selectAll(after))
                .expectNext(Arrays.asList(1, 42, "b", "5"))
                .expectNext(Arrays.asList(2, 7, "a", null))
                .verifyComplete();
        assertTrue(matches(after, after));
        assertFalse(matches(after, before));
        // The new defaults apply and the new label is usable under the conventional type name.
        exec("INSERT INTO " + dialect.quote(schema) + ".changing (\"state\") VALUES ('c')").block();
        assertEquals(3, scalar("SELECT \"amount\" FROM " + dialect.quote(schema) + ".changing WHERE \"id\" = 3")
                .block());
        assertEquals(schema + ".enum_changing_state",
                scalar("SELECT pg_typeof(\"state\")::text FROM " + dialect.quote(schema) + ".changing LIMIT 1")
                        .block());

        // ENUM back to STRING keeps the labels as text and drops the now unused type.
        ModelDefinition plain = model("changing", s -> s
                .attribute("amount", DataTypes.INTEGER, a -> a.allowNull(false).defaultValue(3))
                .attribute("state", DataTypes.STRING)
                .attribute("bigId", DataTypes.STRING(20)));
        run(dialect.changeColumn(plain, plain.attribute("state"))).block();
        StepVerifier.create(selectAll(plain).map(r -> r.get(2)))
                .expectNext("b", "a", "c")
                .verifyComplete();
        assertEquals(0L, scalar("SELECT count(*) FROM pg_type WHERE typname = 'enum_changing_state'").block());

        // A removed label still in use fails and leaves the column as it was (transactional DDL aside).
        ModelDefinition narrowed = model("changing", s -> s
                .attribute("amount", DataTypes.INTEGER, a -> a.allowNull(false).defaultValue(3))
                .attribute("state", DataTypes.ENUM("a", "b"))
                .attribute("bigId", DataTypes.STRING(20)));
        StepVerifier.create(run(dialect.changeColumn(narrowed, narrowed.attribute("state"))))
                .expectError()
                .verify();
        assertTrue(matches(plain, plain));
    }

    @Test
    void addColumnCreatesItsEnumType() {
        ModelDefinition before = model("adding", s -> s.attribute("name", DataTypes.STRING));
        ModelDefinition after = model("adding", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("kind", DataTypes.ENUM("x", "y"), a -> a.defaultValue("y").allowNull(false)
                        .comment("the kind")));
        run(dialect.createTable(before)).block();
        insert(before, Map.of("name", "n")).block();
        run(dialect.addColumn(after, after.attribute("kind"))).block();
        assertTrue(matches(after, after));
        StepVerifier.create(selectAll(after)).expectNext(Arrays.asList(1, "n", "y")).verifyComplete();
    }

    @Test
    void constantDefaultsAreWrittenIntoTheDdl() {
        byte[] bytes = {0, (byte) 0xAB, 'z'};
        ModelDefinition m = model("defaults", s -> s
                .attribute("name", DataTypes.STRING, a -> a.defaultValue("it's"))
                .attribute("count", DataTypes.BIGINT, a -> a.defaultValue(9_007_199_254_740_993L))
                .attribute("ratio", DataTypes.DECIMAL(5, 2), a -> a.defaultValue(new BigDecimal("1.25")))
                .attribute("flag", DataTypes.BOOLEAN, a -> a.defaultValue(true))
                .attribute("at", DataTypes.DATE, a -> a.defaultValue(OffsetDateTime.parse("2021-06-01T12:00:00.5+02:00")))
                .attribute("doc", DataTypes.JSON, a -> a.defaultValue(Map.of("k", List.of(1, 2))))
                .attribute("raw", DataTypes.BLOB, a -> a.defaultValue(bytes))
                .attribute("level", DataTypes.ENUM("LOW", "High"), a -> a.defaultValue("High")));
        run(dialect.createTable(m)).block();
        exec("INSERT INTO " + dialect.quote(schema) + ".defaults DEFAULT VALUES").block();
        StepVerifier.create(selectAll(m))
                .assertNext(row -> {
                    assertEquals("it's", row.get(1));
                    assertEquals(9_007_199_254_740_993L, row.get(2));
                    assertEquals(new BigDecimal("1.25"), row.get(3));
                    assertEquals(true, row.get(4));
                    assertEquals(OffsetDateTime.parse("2021-06-01T10:00:00.5Z"), row.get(5));
                    assertEquals(Map.of("k", List.of(1, 2)), row.get(6));
                    assertArrayEquals(bytes, (byte[]) row.get(7));
                    assertEquals("High", row.get(8));
                })
                .verifyComplete();
        assertTrue(matches(m, m));
        // Labels are case-sensitive; a described type lower-cased by the caller still matches.
        ColumnInfo level = describe(m).block().get(8);
        assertEquals("enum('LOW', 'High')", level.type());
        assertTrue(dialect.columnMatches(new ColumnInfo("level", level.type().toLowerCase(), true),
                m.attribute("level")));
        assertFalse(dialect.columnMatches(level, model("defaults", s -> s.attribute("level",
                DataTypes.ENUM("low", "high"))).attribute("level")));
    }

    @Test
    void constraintViolationsAreTyped() {
        ModelDefinition users = model("users", s -> s
                .attribute("email", DataTypes.STRING, a -> a.unique(true))
                .attribute("first", DataTypes.STRING, a -> a.unique("full name"))
                .attribute("Last Name", DataTypes.STRING, a -> a.unique("full name")));
        ModelDefinition tasks = model("tasks", s -> s
                .attribute("userId", DataTypes.INTEGER, a -> a.references("users", "id")));
        run(dialect.createTable(users)).then(run(dialect.createTable(tasks))).block();
        insert(users, Map.of("email", "a@x.io", "first", "Ada", "Last Name", "Lovelace")).block();

        StepVerifier.create(insert(users, Map.of("email", "a@x.io")))
                .expectErrorSatisfies(e -> {
                    UniqueConstraintException u = assertInstanceOf(UniqueConstraintException.class, e);
                    assertEquals(List.of("email"), u.fields());
                    assertEquals("users_email_unique", u.constraint());
                    assertEquals("23505", u.sqlState());
                    assertTrue(u.sql().startsWith("INSERT INTO"));
                })
                .verify();
        StepVerifier.create(insert(users, Map.of("email", "b@x.io", "first", "Ada", "Last Name", "Lovelace")))
                .expectErrorSatisfies(e -> {
                    UniqueConstraintException u = assertInstanceOf(UniqueConstraintException.class, e);
                    assertEquals(List.of("first", "Last Name"), u.fields());
                    assertEquals("full name", u.constraint());
                })
                .verify();
        StepVerifier.create(insert(tasks, Map.of("userId", 999)))
                .expectErrorSatisfies(e -> {
                    ForeignKeyConstraintException f = assertInstanceOf(ForeignKeyConstraintException.class, e);
                    assertEquals(List.of("userId"), f.fields());
                    assertTrue(f.constraint() != null && f.constraint().startsWith("tasks_userId"), f.constraint());
                    assertEquals("23503", f.sqlState());
                })
                .verify();
        insert(tasks, Map.of("userId", 1)).block();
        String delete = "DELETE FROM " + dialect.quote(schema) + ".users";
        StepVerifier.create(exec(delete).onErrorMap(e -> dialect.translate(e, delete)))
                .expectErrorSatisfies(e -> {
                    ForeignKeyConstraintException f = assertInstanceOf(ForeignKeyConstraintException.class, e);
                    assertEquals(List.of("id"), f.fields(), "the referenced key, as the server reports it");
                })
                .verify();
        String bad = "SELECT nope FROM " + dialect.quote(schema) + ".users";
        StepVerifier.create(exec(bad).onErrorMap(e -> dialect.translate(e, bad)))
                .expectErrorSatisfies(e -> {
                    DatabaseException d = assertInstanceOf(DatabaseException.class, e);
                    assertEquals("42703", d.sqlState());
                    assertEquals(bad, d.sql());
                })
                .verify();
    }
}
