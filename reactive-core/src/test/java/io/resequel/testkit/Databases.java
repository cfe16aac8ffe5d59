package io.resequel.testkit;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where each kind of database comes from, and how a fresh isolated database is made on it. */
final class Databases {

    static final String POSTGRES_ENV = "RESEQUEL_TEST_POSTGRES_URL";
    static final String MYSQL_ENV = "RESEQUEL_TEST_MYSQL_URL";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** Distinguishes runs (JVMs) sharing a server. */
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    private static final Map<String, Server> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, String> UNAVAILABLE = new ConcurrentHashMap<>();

    private Databases() {
    }

    static String uniqueName() {
        return "rsq_" + RUN + "_" + SEQ.incrementAndGet();
    }

    /**
     * @param kind h2, postgres or mysql
     * @return the server; aborts the test (skip) when it is not available, or fails it when {@code CI=true}
     */
    static Server server(String kind) {
        String why = UNAVAILABLE.get(kind);
        if (why == null) {
            Server s = SERVERS.get(kind);
            if (s != null) {
                return s;
            }
            synchronized (Databases.class) {
                s = SERVERS.get(kind);
                if (s != null) {
                    return s;
                }
                why = UNAVAILABLE.get(kind);
                if (why == null) {
                    try {
                        s = locate(kind);
                        SERVERS.put(kind, s);
                        return s;
                    } catch (Unavailable e) {
                        why = e.getMessage();
                        UNAVAILABLE.put(kind, why);
                        System.err.println("[resequel test kit] " + why);
                    }
                }
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why.replace(" tests skipped", " unavailable") + " (CI=true: unavailable databases fail the build)");
        }
        throw new TestAbortedException(why);
    }

    private static Server locate(String kind) {
        switch (kind) {
            case "h2":
                return new H2();
            case "postgres": {
                if (Boolean.getBoolean(PgBouncer.SUITE)) {
                    return new PgBouncer.Server(PgBouncer.directUrl(), PgBouncer.url());
                }
                String url = System.getenv(POSTGRES_ENV);
                if (url == null || url.isBlank()) {
                    url = Containers.available() ? Containers.postgres() : null;
                }
                if (url == null) {
                    throw new Unavailable("PostgreSQL tests skipped: set " + POSTGRES_ENV
                            + " (e.g. r2dbc:postgresql://postgres@127.0.0.1:5432/test) or make Docker available");
                }
                return new Postgres(url);
            }
            case "mysql": {
                String url = System.getenv(MYSQL_ENV);
                if (url == null || url.isBlank()) {
                    url = Containers.available() ? Containers.mariadb() : null;
                }
                if (url == null) {
                    throw new Unavailable("MySQL/MariaDB tests skipped: set " + MYSQL_ENV
                            + " (e.g. r2dbc:mysql://root@127.0.0.1:3306/test) or make Docker available");
                }
                return new MySql(url);
            }
            default:
                throw new IllegalArgumentException("unknown database kind '" + kind + "' in "
                        + ResequelExtension.DATABASES + "; use h2, postgres or mysql");
        }
    }

    /** A database server on which isolated databases are made. */
    interface Server {
        Isolated createIsolated();
    }

    /** One test's database. */
    interface Isolated {
        String url();

        void drop();

        /**
         * @return the server sessions of this database that sit idle inside an open transaction (one line each); such
         *         a session holds locks and a snapshot, and the pool would lend it out with someone else's
         *         transaction still open
         */
        List<String> idleInTransaction();
    }

    record Simple(String url, Runnable dropper, Supplier<List<String>> openTransactions)
            implements Isolated {
        @Override
        public void drop() {
            dropper.run();
        }

        @Override
        public List<String> idleInTransaction() {
            return openTransactions.get();
        }
    }

    /**
     * @param url an R2DBC URL
     * @param sql a query
     * @return its rows, each rendered as {@code column=value, ...}
     */
    static List<String> adminRows(String url, String sql) {
        return Flux.usingWhen(Mono.from(ConnectionFactories.get(url).create()),
                        (Connection c) -> Flux.from(c.createStatement(sql).execute())
                                .concatMap(r -> r.map((row, meta) -> {
                                    StringBuilder line = new StringBuilder();
                                    for (int i = 0; i < meta.getColumnMetadatas().size(); i++) {
                                        line.append(i == 0 ? "" : ", ").append(meta.getColumnMetadata(i).getName())
                                                .append('=').append(row.get(i));
                                    }
                                    return line.toString();
                                })),
                        Connection::close)
                .collectList()
                .block(ADMIN_TIMEOUT);
    }

    static void admin(String url, String... sql) {
        Flux.usingWhen(Mono.from(ConnectionFactories.get(url).create()),
                        (Connection c) -> Flux.fromArray(sql)
                                .concatMap(s -> Flux.from(c.createStatement(s).execute())
                                        .concatMap(Result::getRowsUpdated)),
                        Connection::close)
                .then()
                .block(ADMIN_TIMEOUT);
    }

    static void quietly(String url, String... sql) {
        try {
            admin(url, sql);
        } catch (RuntimeException e) {
            System.err.println("[resequel test kit] cleanup failed (" + String.join("; ", sql) + "): " + e);
        }
    }

    /**
     * @param url an R2DBC URL
     * @param database the database to use instead of the URL's
     * @param extraQuery a query option to add, or null
     * @return the URL pointing at that database
     */
    static String withDatabase(String url, String database, String extraQuery) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            throw new IllegalArgumentException("not an R2DBC URL: " + url);
        }
        int q = url.indexOf('?', scheme + 3);
        String head = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q + 1);
        int slash = head.indexOf('/', scheme + 3);
        String authority = slash < 0 ? head : head.substring(0, slash);
        String out = database == null ? head : authority + "/" + database;
        if (extraQuery != null) {
            query = query.isEmpty() ? extraQuery : query + "&" + extraQuery;
        }
        return query.isEmpty() ? out : out + "?" + query;
    }

    private static final class H2 implements Server {
        @Override
        public Isolated createIsolated() {
            // DB_CLOSE_DELAY=-1 keeps the memory database while no connection is open (between raw() calls);
            // SHUTDOWN frees it after the test.
            String url = "r2dbc:h2:mem:///t" + uniqueName() + "?options=DB_CLOSE_DELAY=-1";
            // H2 runs in this JVM: the ORM's sessions are the only ones, and CONTAINS_UNCOMMITTED tells which hold
            // an open transaction with writes (H2 lists no idle transaction without writes).
            return new Simple(url, () -> quietly(url, "SHUTDOWN"), () -> adminRows(url,
                    "SELECT SESSION_ID, EXECUTING_STATEMENT FROM INFORMATION_SCHEMA.SESSIONS"
                            + " WHERE CONTAINS_UNCOMMITTED AND SESSION_ID <> SESSION_ID()"));
        }
    }

    static final class Postgres implements Server {
        private final String url;

        Postgres(String url) {
            this.url = url;
        }

        @Override
        public Isolated createIsolated() {
            String schema = uniqueName().toLowerCase(Locale.ROOT);
            admin(url, "CREATE SCHEMA " + schema);
            // The application name marks the test's sessions in pg_stat_activity.
            return new Simple(withDatabase(url, null, "schema=" + schema + "&applicationName=" + schema),
                    () -> quietly(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"),
                    () -> adminRows(url, "SELECT pid, state, query FROM pg_stat_activity WHERE application_name = '"
                            + schema + "' AND state LIKE 'idle in transaction%'"));
        }
    }

    private static final class MySql implements Server {
        private final String url;

        MySql(String url) {
            this.url = url;
        }

        @Override
        public Isolated createIsolated() {
            String database = uniqueName().toLowerCase(Locale.ROOT);
            admin(url, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            return new Simple(withDatabase(url, database, null),
                    () -> quietly(url, "DROP DATABASE IF EXISTS " + database),
                    () -> openTransactions(database));
        }

        /**
         * INNODB_TRX is a cache that MariaDB sometimes leaves stale for seconds; SHOW ENGINE INNODB STATUS reads the
         * live transaction list, naming each active transaction's session ("MariaDB thread id N" / "MySQL thread id
         * N"). The test database's sessions come from the process list.
         */
        private List<String> openTransactions(String database) {
            List<String> sessions = adminRows(url, "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '"
                    + database + "'");
            if (sessions.isEmpty()) {
                return List.of();
            }
            String status = String.join("\n", adminRows(url, "SHOW ENGINE INNODB STATUS"));
            int list = status.indexOf("LIST OF TRANSACTIONS");
            List<String> open = new java.util.ArrayList<>();
            for (String block : (list < 0 ? "" : status.substring(list)).split("---TRANSACTION ")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:MariaDB|MySQL) thread id (\\d+)")
                        .matcher(block);
                if (block.contains("ACTIVE") && m.find() && sessions.contains("ID=" + m.group(1))) {
                    open.add("session " + m.group(1) + ": " + block.lines().findFirst().orElse(""));
                }
            }
            return open;
        }
    }

    /** A database that cannot be reached. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }
}
