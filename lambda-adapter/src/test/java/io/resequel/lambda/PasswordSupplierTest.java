package io.resequel.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resequel.Resequel;
import io.resequel.error.AccessDeniedException;
import io.resequel.testkit.AllowDroppedSignals;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/** Credentials that expire: the password supplier is asked for every new physical connection, and only then. */
class PasswordSupplierTest {

    private static String withUser(String url, String user) {
        return url.replaceFirst("://[^@/]*@", "://" + user + "@");
    }

    /**
     * MariaDB only: the shared PostgreSQL here trusts every local connection (pg_hba {@code trust}), so it never checks
     * a password, and an in-memory H2 database is reached by one process only; the supplier's calls are checked on
     * all three by {@link #theSupplierIsAskedOncePerNewPhysicalConnection}.
     */
    @AllowDroppedSignals("a connection refused at login: r2dbc-mysql drops the closed socket's last signal")
    @DatabaseTest
    void aPasswordRotatedOnTheServerIsPickedUpByTheNextConnection(TestDb t) {
        assumeTrue(t.is("mysql"), "passwords are checked only by the MariaDB server here (PostgreSQL trusts 127.0.0.1)");
        String user = "lambda_u" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        String database = (String) t.raw("SELECT DATABASE() AS d").blockFirst(Sessions.WAIT).get("d");
        t.rawUpdate("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'first-secret-1'").block(Sessions.WAIT);
        try {
            t.rawUpdate("GRANT ALL ON `" + database + "`.* TO '" + user + "'@'%'").block(Sessions.WAIT);
            AtomicReference<String> current = new AtomicReference<>("first-secret-1");
            AtomicInteger asked = new AtomicInteger();
            Resequel db = t.connect(b -> b.url(withUser(t.url(), user)).pool(Sessions.lambdaPool())
                    .password(() -> Mono.fromSupplier(() -> {
                        asked.incrementAndGet();
                        return current.get();
                    })));
            Object first = Sessions.session(db, t).block(Sessions.WAIT);

            // the secret rotates on the server; the process still holds the old one
            t.rawUpdate("ALTER USER '" + user + "'@'%' IDENTIFIED BY 'second-secret-2'").block(Sessions.WAIT);
            assertEquals(first, Sessions.session(db, t).block(Sessions.WAIT), "an open connection stays open");
            db.drain(Duration.ofSeconds(5)).block(Sessions.WAIT);
            AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                    () -> Sessions.session(db, t).block(Sessions.WAIT));
            assertTrue(denied.getMessage().contains("denied"), denied.getMessage());

            // the supplier now answers the new secret: the next connection gets in
            current.set("second-secret-2");
            Object second = Sessions.session(db, t).block(Sessions.WAIT);
            assertNotEquals(first, second);
            assertTrue(asked.get() >= 3, "asked for the first connection, the refused ones and the last: " + asked);
        } finally {
            t.rawUpdate("DROP USER IF EXISTS '" + user + "'@'%'").block(Sessions.WAIT);
        }
    }

    @DatabaseTest
    void theSupplierIsAskedOncePerNewPhysicalConnection(TestDb t) {
        AtomicInteger asked = new AtomicInteger();
        Resequel db = t.connect(b -> b.pool(Sessions.lambdaPool()).password(() -> Mono.fromSupplier(() -> {
            asked.incrementAndGet();
            return "";
        })));
        // two connections at once
        Transaction a = db.startTransaction().block(Sessions.WAIT);
        Transaction b = db.startTransaction().block(Sessions.WAIT);
        a.commit().then(b.commit()).block(Sessions.WAIT);
        assertEquals(2, asked.get());
        // reused: no new connection, no new password
        for (int i = 0; i < 3; i++) {
            Sessions.session(db, t).block(Sessions.WAIT);
        }
        assertEquals(2, asked.get());
        // a drain (SnapStart) closes them: the next connections ask again
        db.drain(Duration.ofSeconds(5)).block(Sessions.WAIT);
        Sessions.session(db, t).block(Sessions.WAIT);
        assertEquals(3, asked.get());
    }

    @DatabaseTest
    void aFailingSupplierFailsTheAcquireTyped(TestDb t) {
        Resequel db = t.connect(b -> b.pool(Sessions.lambdaPool())
                .password(() -> Mono.error(new IllegalStateException("token service unreachable"))));
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> Sessions.session(db, t).block(Sessions.WAIT));
        assertTrue(e.getMessage().startsWith("RSQ-160") && e.getMessage().contains("token service unreachable"),
                e.getMessage());
        Resequel empty = t.connect(b -> b.pool(Sessions.lambdaPool()).password(Mono::empty));
        assertThrows(AccessDeniedException.class, () -> Sessions.session(empty, t).block(Sessions.WAIT));
    }
}
