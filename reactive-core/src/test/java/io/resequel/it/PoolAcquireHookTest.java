package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resequel.Resequel;
import io.resequel.error.ResequelException;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** Sequelize's beforePoolAcquire / afterPoolAcquire: database-wide hooks around taking a pooled connection. */
class PoolAcquireHookTest {

    @DatabaseTest
    void hooksRunAroundEveryPoolAcquisitionButNotOnATransactionsConnection(TestDb t) {
        Resequel db = t.connect(b -> { });
        Model<Instance> m = db.define("Thing", s -> s.attribute("x", DataTypes.INTEGER));
        db.sync().block();
        List<String> fired = new CopyOnWriteArrayList<>();
        db.hooks().add(HookType.BEFORE_POOL_ACQUIRE, e -> Mono.fromRunnable(() -> fired.add("before")));
        db.hooks().add(HookType.AFTER_POOL_ACQUIRE, e -> Mono.fromRunnable(() -> fired.add("after "
                + (e.connection() != null))));
        m.create(Map.of("x", 1)).block();
        assertEquals(List.of("before", "after true"), fired);
        fired.clear();
        db.transaction(tx -> m.create(Map.of("x", 2)).then(m.count())).block();
        assertEquals(List.of("before", "after true"), fired, "one acquisition, at BEGIN");
        fired.clear();
        assertEquals(2L, m.count().block());
        assertEquals(List.of("before", "after true"), fired);
        // A released connection may reach the pool just after the result (the driver closes asynchronously).
        TransactionTest.awaitNoAcquired(db);
    }

    @DatabaseTest
    void aFailingHookFailsTheQueryAndLeavesNoConnectionLent(TestDb t) {
        Resequel db = t.connect(b -> { });
        ResequelException refused = new ResequelException("no connection for you");
        db.hooks().add(HookType.AFTER_POOL_ACQUIRE, e -> Mono.error(refused));
        assertSame(refused, assertThrows(ResequelException.class, () -> db.authenticate().block()));
        assertSame(refused, assertThrows(ResequelException.class, () -> db.transaction(tx -> Mono.just(1)).block()));
        TransactionTest.awaitNoAcquired(db); // the release after the last result is asynchronous
        db.hooks().remove(HookType.AFTER_POOL_ACQUIRE, (String) null);
        db.hooks().add(HookType.BEFORE_POOL_ACQUIRE, e -> Mono.error(refused));
        assertSame(refused, assertThrows(ResequelException.class, () -> db.authenticate().block()));
        TransactionTest.awaitNoAcquired(db); // the release after the last result is asynchronous
    }
}
