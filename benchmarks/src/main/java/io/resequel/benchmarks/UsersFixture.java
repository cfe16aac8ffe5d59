package io.resequel.benchmarks;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.ValidationDepth;
import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import io.resequel.sql.Dialect;
import io.resequel.tx.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The shared fixture of every workload: one database (the {@code database} parameter), a Resequel instance with a
 * 5-column {@code User} model, and a plain r2dbc-pool {@link ConnectionPool} with exactly the same settings
 * (16 connections, same URL and driver options) for the hand-written baseline.
 *
 * <p>URLs: H2 is in memory; PostgreSQL and MariaDB/MySQL default to local servers and can be overridden with the
 * environment variables {@code RESEQUEL_BENCH_POSTGRES_URL} and {@code RESEQUEL_BENCH_MYSQL_URL}
 * ({@code RESEQUEL_BENCH_H2_URL} for H2).
 *
 * <p>The table is {@value #TABLE} rather than {@code users} so that a run does not collide with the test suites
 * that share the same PostgreSQL/MariaDB databases.
 */
@State(Scope.Benchmark)
public abstract class UsersFixture {

    /** Rows read, looked up or inserted by one benchmark operation. */
    public static final int ROWS = 10_000;
    /** Pool size, and the number of lookups in flight in W2. */
    public static final int CONNECTIONS = 16;
    /** The benchmark table. */
    public static final String TABLE = "bench_users";
    /** Same cap as the ORM's {@code BulkWriter.MAX_ROWS_PER_STATEMENT}. */
    public static final int MAX_ROWS_PER_STATEMENT = 1000;

    /** Which database: {@code h2}, {@code postgres} or {@code mysql} (MariaDB). */
    @Param({"h2", "postgres", "mysql"})
    public String database;

    /** The ORM. */
    protected Resequel orm;
    /** The ORM's model of {@value #TABLE}. */
    protected Model<Instance> users;
    /** The baseline's pool. */
    protected ConnectionPool raw;
    /** {@code SELECT id, firstName, lastName, age, email FROM bench_users}, quoted for the database. */
    protected String selectAll;
    /** The same with {@code WHERE id = $1} / {@code ?}. */
    protected String selectByPk;
    /** The ten-thousand rows a bulk insert writes (and the seed data of W1/W2). */
    protected List<Map<String, Object>> records;

    /**
     * @param database {@code h2}, {@code postgres} or {@code mysql}
     * @return the R2DBC URL to benchmark against
     */
    public static String url(String database) {
        return switch (database) {
            case "h2" -> env("RESEQUEL_BENCH_H2_URL", "r2dbc:h2:mem:///resequel_bench");
            case "postgres" -> env("RESEQUEL_BENCH_POSTGRES_URL", "r2dbc:postgresql://postgres@127.0.0.1:5432/test");
            case "mysql" -> env("RESEQUEL_BENCH_MYSQL_URL", "r2dbc:mysql://root@127.0.0.1:3306/test");
            default -> throw new IllegalArgumentException("unknown database " + database);
        };
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Connects both sides, recreates the table, and lets the workload seed it. */
    @Setup(Level.Trial)
    public void open() {
        String url = url(database);
        PoolOptions pool = PoolOptions.builder().max(CONNECTIONS).min(CONNECTIONS).build();
        orm = Resequel.builder().url(url).pool(pool).build();
        users = defineUsers(orm);

        // The baseline: the same driver options (including what the dialect adds, e.g. H2's DB_CLOSE_DELAY) and
        // the same r2dbc-pool configuration as io.resequel.tx.PooledConnectionSource builds.
        Dialect dialect = orm.dialect();
        ConnectionFactoryOptions options = dialect.configure(ConnectionFactoryOptions.parse(url));
        raw = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
                .maxSize(pool.max())
                .initialSize(pool.min())
                .minIdle(pool.min())
                .maxIdleTime(pool.idle())
                .maxAcquireTime(pool.acquire())
                .backgroundEvictionInterval(pool.evict())
                .maxLifeTime(pool.maxLifetime())
                .validationDepth(ValidationDepth.LOCAL)
                .build());
        raw.warmup().block(Duration.ofSeconds(60));

        String columns = String.join(", ", q("id"), q("firstName"), q("lastName"), q("age"), q("email"));
        selectAll = "SELECT " + columns + " FROM " + q(TABLE);
        selectByPk = selectAll + " WHERE " + q("id") + " = " + dialect.placeholder(0);

        records = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("firstName", "First" + i);
            r.put("lastName", "Last" + i);
            r.put("age", 18 + i % 60);
            r.put("email", "user" + i + "@example.com");
            records.add(r);
        }
        orm.sync(users, SyncOptions.force()).block(Duration.ofMinutes(1));
        // Touch every ORM connection once so neither side pays for opening connections during measurement.
        Flux.range(0, CONNECTIONS).flatMap(i -> orm.authenticate(), CONNECTIONS).blockLast(Duration.ofMinutes(1));
        seed();
    }

    /** @param db a Resequel instance @return the {@value #TABLE} model defined on it */
    protected static Model<Instance> defineUsers(Resequel db) {
        return db.define("User", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("firstName", DataTypes.STRING)
                .attribute("lastName", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER)
                .attribute("email", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName(TABLE)));
    }

    /** @return the URL of the {@code database} parameter's database */
    protected String url() {
        return url(database);
    }

    /** Fills the table for the workload; the default leaves it empty. */
    protected void seed() {
    }

    /** Drops what the workload added (before the table is dropped and the pools are closed); default: nothing. */
    protected void cleanup() {
    }

    /** Inserts {@link #records} through the baseline pool (W1/W2 seed data). */
    protected void seedRows() {
        long n = rawInsert(false).map(Number::longValue).reduce(0L, Long::sum).block(Duration.ofMinutes(5));
        if (n != ROWS) {
            throw new IllegalStateException("seeded " + n + " rows, expected " + ROWS);
        }
    }

    /** Empties the table. */
    protected void truncate() {
        String sql = "TRUNCATE TABLE " + q(TABLE);
        onRaw(c -> Flux.from(c.createStatement(sql).execute()).concatMap(r -> r.getRowsUpdated())).blockLast();
    }

    /** Drops the table and closes both pools. */
    @TearDown(Level.Trial)
    public void close() {
        try {
            cleanup();
            orm.drop(users).block(Duration.ofMinutes(1));
        } finally {
            orm.close().block(Duration.ofMinutes(1));
            raw.disposeLater().block(Duration.ofMinutes(1));
        }
    }

    /** @param identifier a table or column name @return it quoted the way the ORM quotes it */
    protected String q(String identifier) {
        return orm.dialect().quote(identifier);
    }

    /**
     * Runs work on a pooled baseline connection, releasing it on complete, error and cancel (what every
     * hand-written R2DBC call site does).
     *
     * @param work the statements
     * @param <T>  element type
     * @return the work's elements
     */
    protected <T> Flux<T> onRaw(Function<Connection, Publisher<T>> work) {
        return Flux.usingWhen(raw.create(), work, Connection::close, (c, e) -> c.close(), Connection::close);
    }

    /** @return the baseline's row mapper: the five columns into a {@link UserRow} */
    protected static UserRow map(Row row, RowMetadata meta) {
        return new UserRow(row.get(0, Integer.class), row.get(1, String.class), row.get(2, String.class),
                row.get(3, Integer.class), row.get(4, String.class));
    }

    /** @return rows per multi-row INSERT, computed as the ORM's {@code BulkWriter} does (4 bound columns) */
    protected int rowsPerStatement() {
        return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, orm.dialect().maxBindParameters() / 4));
    }

    /**
     * The hand-written bulk insert: multi-row INSERTs of {@link #rowsPerStatement()} rows, one transaction.
     *
     * @param keys whether to ask the driver for the generated ids, as {@code bulkCreate} does
     * @return the generated ids (one per row or per statement, as the driver reports) or the update counts
     */
    protected Flux<Number> rawInsert(boolean keys) {
        int per = rowsPerStatement();
        Dialect dialect = orm.dialect();
        String head = "INSERT INTO " + q(TABLE) + " (" + String.join(", ", q("firstName"), q("lastName"), q("age"),
                q("email")) + ") VALUES ";
        return onRaw(c -> Mono.from(c.beginTransaction())
                .thenMany(Flux.range(0, (ROWS + per - 1) / per).concatMap(b -> {
                    int from = b * per;
                    int to = Math.min(ROWS, from + per);
                    StringBuilder sql = new StringBuilder(head.length() + (to - from) * 24).append(head);
                    int p = 0;
                    for (int i = from; i < to; i++) {
                        sql.append(i == from ? "(" : ", (");
                        for (int k = 0; k < 4; k++) {
                            sql.append(k == 0 ? "" : ", ").append(dialect.placeholder(p++));
                        }
                        sql.append(')');
                    }
                    io.r2dbc.spi.Statement st = c.createStatement(sql.toString());
                    p = 0;
                    for (int i = from; i < to; i++) {
                        Map<String, Object> r = records.get(i);
                        st.bind(p++, r.get("firstName"));
                        st.bind(p++, r.get("lastName"));
                        st.bind(p++, r.get("age"));
                        st.bind(p++, r.get("email"));
                    }
                    if (keys) {
                        st.returnGeneratedValues("id");
                        return Flux.from(st.execute()).concatMap(res -> res.map((row, m) -> (Number) row.get(0)));
                    }
                    return Flux.from(st.execute()).concatMap(res -> res.getRowsUpdated()).map(n -> (Number) n);
                }))
                .concatWith(Mono.from(c.commitTransaction()).then(Mono.empty()))
                .onErrorResume(e -> Mono.from(c.rollbackTransaction()).then(Mono.error(e))));
    }

    /**
     * The baseline's row type: what hand-written code maps a {@code users} row into.
     *
     * @param id        primary key
     * @param firstName first name
     * @param lastName  last name
     * @param age       age
     * @param email     e-mail
     */
    public record UserRow(Integer id, String firstName, String lastName, Integer age, String email) {
    }
}
