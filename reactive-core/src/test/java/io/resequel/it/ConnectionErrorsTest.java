package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.AccessDeniedException;
import io.resequel.error.ConnectionException;
import io.resequel.error.ConnectionLostException;
import io.resequel.error.ConnectionRefusedException;
import io.resequel.error.HostNotFoundException;
import io.resequel.error.PoolClosedException;
import io.resequel.error.ResequelException;
import io.resequel.sql.Sql;
import io.resequel.testkit.AllowDroppedSignals;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.net.URI;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Connection-level failures arrive as the typed {@link ConnectionException} family on every database: a closed
 * port, an unknown host, refused credentials, an unknown database, a backend killed in the middle of a query, and
 * any use of a closed Resequel.
 */
class ConnectionErrorsTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** @return the error {@code authenticate()} fails with on a Resequel built for {@code url} */
    private static ResequelException connectFailure(TestDb t, String url) {
        Resequel db = t.connect(b -> b.url(url).pool(p -> p.acquire(Duration.ofSeconds(20))));
        ResequelException e = assertThrows(ResequelException.class, () -> db.authenticate().block(WAIT));
        return e;
    }

    /**
     * @return the test database's URL with another user, host, port or database; H2 in memory has no host, so its
     *         network cases use H2's TCP client ({@code r2dbc:h2:tcp}), which the in-memory server never listens to
     */
    private static String variant(TestDb t, String user, String host, Integer port, String database) {
        if (t.is("h2")) {
            if (host != null || port != null) {
                String tcp = "tcp://" + (host != null ? host : "127.0.0.1") + ":" + (port != null ? port : 9092)
                        + "/mem:nosuch";
                return "r2dbc:h2:///?url=" + java.net.URLEncoder.encode(tcp, java.nio.charset.StandardCharsets.UTF_8);
            }
            String url = t.url();
            if (database != null) {
                return "r2dbc:h2:mem:///" + database + "?options=IFEXISTS=TRUE";
            }
            return url.replace("r2dbc:h2:mem:///", "r2dbc:h2:mem://" + user + ":wrong@/");
        }
        URI u = URI.create(t.url().substring("r2dbc:".length()));
        String path = database != null ? "/" + database : u.getRawPath();
        String query = u.getRawQuery() != null ? "?" + u.getRawQuery() : "";
        String auth = user != null ? user + ":wrong" : u.getRawUserInfo();
        return "r2dbc:" + u.getScheme() + "://" + (auth != null ? auth + "@" : "") + (host != null ? host : u.getHost())
                + ":" + (port != null ? port : u.getPort()) + path + query;
    }

    @DatabaseTest
    void aClosedPortIsConnectionRefused(TestDb t) {
        ResequelException e = connectFailure(t, variant(t, null, null, 1, null));
        assertInstanceOf(ConnectionRefusedException.class, e, chain(e));
        assertTrue(e.getMessage().startsWith("RSQ-140"), e.getMessage());
    }

    @DatabaseTest
    void anUnknownHostIsHostNotFound(TestDb t) {
        ResequelException e = connectFailure(t, variant(t, null, "nohost.invalid", null, null));
        assertInstanceOf(HostNotFoundException.class, e, chain(e));
    }

    @DatabaseTest
    void anUnknownUserIsAccessDenied(TestDb t) {
        // PostgreSQL's trust authentication accepts any password, but not a role that does not exist (28000);
        // an H2 memory database is created by its first connection, whose user becomes its owner
        t.db().authenticate().block(WAIT);
        ResequelException e = connectFailure(t, variant(t, "nosuchuser", null, null, null));
        assertInstanceOf(AccessDeniedException.class, e, chain(e));
        assertTrue(e.getMessage().startsWith("RSQ-142"), e.getMessage());
    }

    @DatabaseTest
    void anUnknownDatabaseIsAConnectionError(TestDb t) {
        ResequelException e = connectFailure(t, variant(t, null, null, null, "nosuchdb_rsq"));
        // no subclass fits (Sequelize's ConnectionError too): PostgreSQL 3D000, MySQL 1049, H2 90146
        assertEquals(ConnectionException.class, e.getClass(), chain(e));
        assertTrue(e.getMessage().startsWith("RSQ-145") && e.getMessage().contains("nosuchdb_rsq"), e.getMessage());
    }

    @DatabaseTest
    void aQueryAfterCloseIsPoolClosed(TestDb t) {
        Resequel db = t.connect(b -> { });
        db.authenticate().block(WAIT);
        db.close().block(WAIT);
        PoolClosedException e = assertThrows(PoolClosedException.class, () -> db.authenticate().block(WAIT));
        assertTrue(e.getMessage().startsWith("RSQ-131"), e.getMessage());
        assertThrows(PoolClosedException.class, () -> db.transaction(tx -> db.authenticate()).block(WAIT));
        assertThrows(PoolClosedException.class, () -> db.startTransaction().block(WAIT));
    }

    @AllowDroppedSignals("the server killed this connection: r2dbc-postgresql / r2dbc-mysql drop its last messages internally")
    @DatabaseTest
    void aBackendKilledMidQueryIsConnectionLost(TestDb t) {
        Resequel db = t.connect(b -> b.pool(p -> p.max(1)));
        String session = t.is("postgres") ? "SELECT pg_backend_pid()"
                : t.is("mysql") ? "SELECT CONNECTION_ID()" : "SELECT SESSION_ID()";
        String slow = t.is("postgres") ? "SELECT pg_sleep(10)" : t.is("mysql") ? "SELECT SLEEP(10)"
                : "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 2000000000)";
        Throwable e = assertThrows(Throwable.class, () -> db.transaction(tx ->
                db.executor().query(Sql.of(session), r -> ((Number) r.get(0)).longValue()).next()
                        .flatMap(id -> {
                            Mono<Object> query = db.executor().query(Sql.of(slow), r -> r.get(0)).next();
                            Mono<Long> kill = Mono.delay(Duration.ofMillis(300)).then(t.rawUpdate(
                                    t.is("postgres") ? "SELECT pg_terminate_backend(" + id + ")"
                                            : t.is("mysql") ? "KILL " + id : "CALL ABORT_SESSION(" + id + ")"));
                            // H2 runs in-process: a statement running when its session is aborted reports itself
                            // cancelled (57014, as on a statement timeout), so there the session dies between two
                            // statements of the transaction
                            return t.is("h2") ? kill.then(query) : Mono.when(query, kill);
                        })).block(WAIT));
        assertInstanceOf(ConnectionLostException.class, e, chain(e));
        db.authenticate().block(WAIT);
    }

    static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            b.append(" <- ").append(c.getClass().getName()).append(": ").append(c.getMessage());
            if (c instanceof io.r2dbc.spi.R2dbcException r) {
                b.append(" [").append(r.getSqlState()).append("/").append(r.getErrorCode()).append("]");
            }
        }
        return b.toString();
    }
}
