package io.resequel.testkit;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

/**
 * PostgreSQL through a real PgBouncer in transaction mode on 127.0.0.1:6432 ({@code .ci/pgbouncer.sh} starts it), for
 * the pooler-mode tests of the lambda-adapter module. Without PgBouncer installed the tests are skipped, unless
 * {@code CI=true}: then the script installs and starts it, and a failure fails the tests.
 *
 * <p>With the system property {@value #SUITE} the test kit's PostgreSQL databases are reached through PgBouncer. They
 * are whole databases, not schemas: the kit's schema goes to the server as a {@code search_path} startup parameter,
 * which PgBouncer cannot pass on. Creating a database costs about a second, so each run keeps a few and empties one
 * ({@code DROP SCHEMA public CASCADE}) for the next test; they are dropped when the JVM exits.
 */
public final class PgBouncer {

    /** System property: the kit's PostgreSQL tests go through PgBouncer. */
    public static final String SUITE = "resequel.test.pgbouncer";
    /** System property: the kit's Resequel instances are built in pooler mode. */
    public static final String POOLER_MODE = "resequel.test.poolerMode";
    /** PgBouncer's port. */
    public static final int PORT = 6432;

    private PgBouncer() {
    }

    /**
     * @return the R2DBC URL of the {@code test} database through PgBouncer, started if needed; the test is skipped
     *         (failed with {@code CI=true}) when PgBouncer is not available
     */
    public static String url() {
        try {
            directUrl();
            ensureRunning();
            return "r2dbc:postgresql://postgres@127.0.0.1:" + PORT + "/test";
        } catch (Databases.Unavailable e) {
            if (ci()) {
                Assertions.fail(e.getMessage() + " (CI=true: unavailable databases fail the build)");
            }
            throw new TestAbortedException(e.getMessage());
        }
    }

    /** @return the URL of PostgreSQL itself, where the databases are made */
    static String directUrl() {
        String url = System.getenv(Databases.POSTGRES_ENV);
        if (url == null || url.isBlank()) {
            throw new Databases.Unavailable("PgBouncer tests skipped: set " + Databases.POSTGRES_ENV
                    + " to the PostgreSQL server PgBouncer fronts (127.0.0.1:5432)");
        }
        return url;
    }

    private static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static synchronized void ensureRunning() {
        if (listening()) {
            return;
        }
        boolean installed = new File("/usr/sbin/pgbouncer").canExecute() || new File("/usr/bin/pgbouncer").canExecute();
        if (!installed && !ci()) {
            throw new Databases.Unavailable("PgBouncer tests skipped: pgbouncer is not installed"
                    + " (apt-get install pgbouncer, or run .ci/run)");
        }
        File script = script();
        try {
            Process p = new ProcessBuilder("bash", script.getPath()).redirectErrorStream(true).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Databases.Unavailable("PgBouncer did not start within 300 s (" + script + ")");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || !listening()) {
                throw new Databases.Unavailable("PgBouncer did not start (" + script + "): " + out);
            }
        } catch (IOException e) {
            throw new Databases.Unavailable("PgBouncer could not be started with " + script + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Databases.Unavailable("interrupted while starting PgBouncer");
        }
    }

    /** {@code .ci/pgbouncer.sh} of the checkout: the first one found from the working directory up. */
    private static File script() {
        for (File dir = new File(System.getProperty("user.dir")).getAbsoluteFile(); dir != null;
                dir = dir.getParentFile()) {
            File f = new File(dir, ".ci/pgbouncer.sh");
            if (f.isFile()) {
                return f;
            }
        }
        throw new Databases.Unavailable("PgBouncer tests: .ci/pgbouncer.sh not found above " + System.getProperty("user.dir"));
    }

    /** The kit's PostgreSQL server, reached through PgBouncer; one database per test, reused within the run. */
    static final class Server implements Databases.Server {
        private final String direct;
        private final String bouncer;
        private final Deque<String> free = new ConcurrentLinkedDeque<>();

        Server(String direct, String bouncer) {
            this.direct = direct;
            this.bouncer = bouncer;
        }

        @Override
        public Databases.Isolated createIsolated() {
            String name = free.poll();
            if (name == null) {
                String made = Databases.uniqueName().toLowerCase(java.util.Locale.ROOT) + "_pgb";
                Databases.admin(direct, "CREATE DATABASE " + made);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Databases.quietly(direct,
                        "DROP DATABASE IF EXISTS " + made + " WITH (FORCE)")));
                name = made;
            } else {
                Databases.admin(Databases.withDatabase(direct, name, null), "DROP SCHEMA public CASCADE",
                        "CREATE SCHEMA public");
            }
            String db = name;
            return new Databases.Simple(Databases.withDatabase(bouncer, db, "applicationName=" + db),
                    () -> free.add(db),
                    () -> Databases.adminRows(direct, "SELECT pid, state, query FROM pg_stat_activity WHERE datname = '"
                            + db + "' AND state LIKE 'idle in transaction%'"));
        }
    }

}
