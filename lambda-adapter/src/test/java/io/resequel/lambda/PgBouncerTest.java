package io.resequel.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.ResequelException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.testkit.PgBouncer;
import io.resequel.tx.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two processes (two Resequel instances, one connection each) behind a real PgBouncer in transaction mode, which
 * gives each transaction whichever server session is free. Without pooler mode r2dbc-postgresql's named prepared
 * statements meet on one server session and collide; in pooler mode the same work succeeds. PgBouncer 1.18 (Debian
 * 12) keeps no prepared statements for its clients, as RDS Proxy pins instead; newer PgBouncers can with
 * {@code max_prepared_statements}, which is not relied on.
 */
class PgBouncerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<Resequel> opened = new ArrayList<>();
    private String table;
    private String url;

    @BeforeEach
    void table() {
        url = PgBouncer.url();
        table = "lambda_pgb_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }

    @AfterEach
    void drop() {
        try {
            if (!opened.isEmpty()) {
                opened.get(0).query("DROP TABLE IF EXISTS " + table, o -> { }).block(WAIT);
            }
        } finally {
            opened.forEach(r -> r.close().block(WAIT));
        }
    }

    private Model<Instance> process(boolean poolerMode) {
        Consumer<PoolOptions.Builder> pool = p -> p.max(1).poolerMode(poolerMode);
        Resequel db = Resequel.builder().url(url).pool(pool).build();
        opened.add(db);
        return db.define("LambdaPgb", m -> m.attribute("title", DataTypes.STRING).options(o -> o.tableName(table)));
    }

    /** Alternates statements of two processes; answers the errors met. */
    private static List<Throwable> alternate(Model<Instance> a, Model<Instance> b) {
        List<Throwable> errors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (Model<Instance> m : List.of(a, b)) {
                String title = "t" + i + (m == a ? "a" : "b");
                try {
                    m.create(Map.of("title", title)).block(WAIT);
                    assertEquals(1L, m.count(Where.eq("title", title)).block(WAIT));
                } catch (RuntimeException e) {
                    errors.add(e);
                }
            }
        }
        return errors;
    }

    @Test
    void withoutPoolerModeNamedPreparedStatementsCollideOnTheSharedSession() {
        Model<Instance> a = process(false);
        Model<Instance> b = process(false);
        opened.get(0).sync().block(WAIT);
        List<Throwable> errors = alternate(a, b);
        assertTrue(!errors.isEmpty(), "the failure users would hit behind a transaction-mode pooler");
        for (Throwable e : errors) {
            assertTrue(e instanceof ResequelException, "typed: " + e);
            assertTrue(String.valueOf(e.getMessage()).contains("prepared statement"), e.getMessage());
        }
    }

    @Test
    void inPoolerModeTheSameWorkSucceeds() {
        Model<Instance> a = process(true);
        Model<Instance> b = process(true);
        opened.get(0).sync().block(WAIT);
        assertEquals(List.of(), alternate(a, b));
        assertEquals(24L, a.count().block(WAIT) * 2);
    }

    @Test
    void theLambdaDefaultsArePoolerSafeAndTransactionsWork() {
        Resequel db = LambdaDefaults.builder().url(url).build();
        opened.add(db);
        assertTrue(db.options().toString().contains("poolerMode=true"));
        Model<Instance> m = db.define("LambdaPgb", s -> s.attribute("title", DataTypes.STRING)
                .options(o -> o.tableName(table)));
        Model<Instance> other = process(true);
        db.sync().block(WAIT);
        for (int i = 0; i < 5; i++) {
            String title = "tx" + i;
            db.transaction(tx -> m.create(Map.of("title", title)).then(m.count(Where.eq("title", title))))
                    .block(WAIT);
            other.create(Map.of("title", "o" + i)).block(WAIT);
        }
        assertEquals(10L, m.count().block(WAIT));
    }
}
