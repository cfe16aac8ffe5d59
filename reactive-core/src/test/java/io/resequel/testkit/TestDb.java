package io.resequel.testkit;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Result;
import io.resequel.Resequel;
import io.resequel.ResequelOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One test's database: a {@link Resequel} connected to a fresh isolated database, the SQL it ran, and plain R2DBC
 * access to the same database for reading rows back independently of the ORM.
 */
public final class TestDb {

    private final String kind;
    private final String url;
    private final Databases.Isolated isolated;
    private final Resequel db;
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final List<Resequel> others = new CopyOnWriteArrayList<>();
    private final ConnectionFactory rawFactory;
    private final List<Databases.Isolated> extras = new CopyOnWriteArrayList<>();

    TestDb(String kind, Databases.Isolated isolated) {
        this.kind = kind;
        this.isolated = isolated;
        this.url = isolated.url();
        this.rawFactory = ConnectionFactories.get(url);
        this.db = builder().build();
    }

    private ResequelOptions.Builder builder() {
        ResequelOptions.Builder b = Resequel.builder().url(url)
                .listener((sql, elapsed, error) -> statements.add(sql.text()));
        // the PgBouncer suite (lambda-adapter) runs feature tests with pooler-safe connections
        return Boolean.getBoolean(PgBouncer.POOLER_MODE) ? b.pool(p -> p.poolerMode(true)) : b;
    }

    /** @return the Resequel under test, connected to this test's database */
    public Resequel db() {
        return db;
    }

    /** @return {@code h2}, {@code postgres} or {@code mysql} */
    public String kind() {
        return kind;
    }

    /** @return whether this is the given kind */
    public boolean is(String k) {
        return kind.equals(k);
    }

    /** @return the R2DBC URL of this test's database */
    public String url() {
        return url;
    }

    /** @return the SQL texts run so far (by {@link #db()} and by instances from {@link #connect}), in order */
    public List<String> statements() {
        return Collections.unmodifiableList(new ArrayList<>(statements));
    }

    /**
     * @return the server sessions of this test's database sitting idle inside an open transaction, one line each
     *         (PostgreSQL: {@code pg_stat_activity}; MariaDB: {@code information_schema.INNODB_TRX}; H2: sessions
     *         holding uncommitted writes). The kit fails a test that leaves any.
     */
    public List<String> idleInTransaction() {
        return isolated.idleInTransaction();
    }

    /** Forgets the statements captured so far. */
    public void clearStatements() {
        statements.clear();
    }

    /**
     * @param ident an identifier
     * @return it quoted for this database, for raw SQL
     */
    public String q(String ident) {
        return kind.equals("mysql") ? "`" + ident + "`" : "\"" + ident + "\"";
    }

    /**
     * Runs a query with plain R2DBC on a new, non-pooled connection to this test's database.
     *
     * @param sql the query
     * @return one map per row, column label → driver value; lookups ignore the case of the label
     */
    public Flux<Map<String, Object>> raw(String sql) {
        return Flux.usingWhen(Mono.from(rawFactory.create()),
                c -> Flux.from(c.createStatement(sql).execute())
                        .concatMap(r -> r.map((row, meta) -> {
                            Map<String, Object> m = new RowMap();
                            List<? extends ColumnMetadata> cols = meta.getColumnMetadatas();
                            for (int i = 0; i < cols.size(); i++) {
                                m.put(cols.get(i).getName(), row.get(i));
                            }
                            return m;
                        })),
                Connection::close);
    }

    /**
     * Runs a statement with plain R2DBC on a new, non-pooled connection to this test's database.
     *
     * @param sql the statement
     * @return rows updated
     */
    public Mono<Long> rawUpdate(String sql) {
        return Flux.usingWhen(Mono.from(rawFactory.create()),
                        c -> Flux.from(c.createStatement(sql).execute()).concatMap(Result::getRowsUpdated),
                        Connection::close)
                .reduce(0L, Long::sum);
    }

    /**
     * @param options edits of the builder (already holding this database's URL and the statement capture)
     * @return a second Resequel on the same database, closed by the test kit after the test
     */
    public Resequel connect(Consumer<ResequelOptions.Builder> options) {
        ResequelOptions.Builder b = builder();
        options.accept(b);
        Resequel r = b.build();
        others.add(r);
        return r;
    }

    /**
     * Makes one more isolated database on the same server (another in-memory H2 database, PostgreSQL schema or
     * MySQL database), dropped after the test: for tests that need two databases, such as read replication.
     *
     * @return its R2DBC URL
     */
    public String isolatedDatabase() {
        Databases.Isolated extra = Databases.server(kind).createIsolated();
        extras.add(extra);
        return extra.url();
    }

    void dropExtras() {
        for (Databases.Isolated e : extras) {
            e.drop();
        }
        extras.clear();
    }

    /** @return every Resequel this test used */
    List<Resequel> all() {
        List<Resequel> all = new ArrayList<>();
        all.add(db);
        all.addAll(others);
        return all;
    }

    void closeAll(Duration timeout) {
        RuntimeException first = null;
        for (Resequel r : all()) {
            try {
                r.close().block(timeout);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "TestDb[" + kind + "]";
    }

    /** A row whose lookups ignore the case of the column label (H2 upper-cases unquoted aliases). */
    private static final class RowMap extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object get(Object key) {
            if (super.containsKey(key) || !(key instanceof String s)) {
                return super.get(key);
            }
            for (Map.Entry<String, Object> e : entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) {
                    return e.getValue();
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            if (super.containsKey(key)) {
                return true;
            }
            return key instanceof String s && keySet().stream().anyMatch(k -> k.equalsIgnoreCase(s));
        }
    }
}
