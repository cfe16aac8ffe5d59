package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.IncrementOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/instance/increment.test.js} and {@code decrement.test.js}:
 * one method per {@code it}, prefixed by the file.
 */
class InstanceIncrementTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("aNumber", DataTypes.INTEGER)
                .attribute("bNumber", DataTypes.INTEGER)
                .attribute("cNumber", DataTypes.INTEGER, a -> a.field("CNumberColumn")));
        t.db().sync().block();
        m.create(Map.of("id", 1, "aNumber", 0, "bNumber", 0, "cNumber", 0)).block();
        return m;
    }

    private static int read(Model<Instance> users, String attribute) {
        return (Integer) users.findByPk(1).block().get(attribute);
    }

    private static Instance one(Model<Instance> users) {
        return users.findByPk(1).block();
    }

    // ---- increment ----------------------------------------------------------------------------------------

    @DatabaseTest
    void incrementSupportsTransactions(TestDb t) {
        Model<Instance> users = users(t);
        Transaction tx = t.db().startTransaction().block();
        one(users).increment(List.of("aNumber"), IncrementOptions.by(2).transaction(tx)).block();
        assertEquals(0, read(users, "aNumber"));
        assertEquals(2, users.findOne(q -> q.where("id", 1).transaction(tx)).block().get("aNumber"));
        tx.rollback().block();
    }

    @DatabaseTest
    void incrementSupportsReturning(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = one(users);
        user.increment(List.of("aNumber"), IncrementOptions.by(2)).block();
        // RETURNING exists on PostgreSQL only; elsewhere reload() shows the new value
        assertEquals(t.is("postgres") ? 2 : 0, user.get("aNumber"));
        Instance same = user.increment(List.of("bNumber"), IncrementOptions.by(2).returning(false)).block();
        assertEquals(0, same.get("bNumber"));
        assertEquals(2, read(users, "bNumber"));
    }

    @DatabaseTest
    void incrementSupportsWhereConditions(TestDb t) {
        Model<Instance> users = users(t);
        one(users).increment(List.of("aNumber"), IncrementOptions.by(2).where(Where.eq("bNumber", 1))).block();
        assertEquals(0, read(users, "aNumber"));
    }

    @DatabaseTest
    void incrementWithArray(TestDb t) {
        Model<Instance> users = users(t);
        one(users).increment(List.of("aNumber"), IncrementOptions.by(2)).block();
        assertEquals(2, read(users, "aNumber"));
    }

    @DatabaseTest
    void incrementWithSingleField(TestDb t) {
        Model<Instance> users = users(t);
        one(users).increment("aNumber", 2).block();
        assertEquals(2, read(users, "aNumber"));
    }

    @DatabaseTest
    void incrementWithSingleFieldAndNoValue(TestDb t) {
        Model<Instance> users = users(t);
        one(users).increment(List.of("aNumber"), IncrementOptions.DEFAULTS).block();
        assertEquals(1, read(users, "aNumber"));
    }

    @DatabaseTest
    void incrementWorksWithOtherConcurrentUpdates(TestDb t) {
        Model<Instance> users = users(t);
        Instance user1 = one(users);
        Instance user2 = one(users);
        user2.update(Map.of("aNumber", (Integer) user2.get("aNumber") + 1)).block();
        user1.increment(List.of("aNumber"), IncrementOptions.by(2)).block();
        assertEquals(3, read(users, "aNumber"));
    }

    @DatabaseTest
    void incrementWorksWithOtherConcurrentIncrements(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = one(users);
        Flux.merge(List.of(user.increment(List.of("aNumber"), IncrementOptions.by(2)),
                user.increment(List.of("aNumber"), IncrementOptions.by(2)),
                user.increment(List.of("aNumber"), IncrementOptions.by(2)))).blockLast();
        assertEquals(6, read(users, "aNumber"));
    }

    @DatabaseTest
    void incrementWithKeyValuePair(TestDb t) {
        Model<Instance> users = users(t);
        one(users).increment(Map.of("aNumber", 1, "bNumber", 2)).block();
        assertEquals(1, read(users, "aNumber"));
        assertEquals(2, read(users, "bNumber"));
    }

    @DatabaseTest
    void incrementOfAFieldWhoseColumnHasAnotherName(TestDb t) {
        Model<Instance> users = users(t);
        one(users).increment(List.of("cNumber"), IncrementOptions.DEFAULTS).block(); // single value and array
        assertEquals(1, read(users, "cNumber"));
        one(users).increment(Map.of("cNumber", 1)).block(); // key value
        assertEquals(2, read(users, "cNumber"));
    }

    private static Model<Instance> timestamped(TestDb t) {
        Model<Instance> m = t.db().define("IncrementUser", s -> s.attribute("aNumber", DataTypes.INTEGER));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void incrementWithTimestamps(TestDb t) throws Exception {
        Model<Instance> m = timestamped(t);
        Instance user = m.create(Map.of("aNumber", 1)).block();
        OffsetDateTime old = (OffsetDateTime) user.get("updatedAt");
        Thread.sleep(10);
        user.increment("aNumber", 1).block();
        Instance reloaded = user.<Instance>reload().block();
        assertTrue(((OffsetDateTime) reloaded.get("updatedAt")).isAfter(old));
    }

    @DatabaseTest
    void incrementWithTimestampsAndSilent(TestDb t) throws Exception {
        Model<Instance> m = timestamped(t);
        Instance user = m.create(Map.of("aNumber", 1)).block();
        Object old = user.get("updatedAt");
        Thread.sleep(10);
        user.increment(List.of("aNumber"), IncrementOptions.by(1).silent()).block();
        Instance back = m.findByPk(user.get("id")).block();
        assertEquals(old, back.get("updatedAt"));
        assertEquals(2, back.get("aNumber"));
    }

    // ---- decrement ----------------------------------------------------------------------------------------

    @DatabaseTest
    void decrementSupportsTransactions(TestDb t) {
        Model<Instance> users = users(t);
        Transaction tx = t.db().startTransaction().block();
        one(users).decrement(List.of("aNumber"), IncrementOptions.by(2).transaction(tx)).block();
        assertEquals(0, read(users, "aNumber"));
        assertEquals(-2, users.findOne(q -> q.where("id", 1).transaction(tx)).block().get("aNumber"));
        tx.rollback().block();
    }

    @DatabaseTest
    void decrementSupportsReturning(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = one(users);
        user.decrement(List.of("aNumber"), IncrementOptions.by(2)).block();
        assertEquals(t.is("postgres") ? -2 : 0, user.get("aNumber"));
        user.decrement(List.of("bNumber"), IncrementOptions.by(2).returning(false)).block();
        assertEquals(0, user.get("bNumber"));
        assertEquals(-2, read(users, "bNumber"));
    }

    @DatabaseTest
    void decrementWithArray(TestDb t) {
        Model<Instance> users = users(t);
        one(users).decrement(List.of("aNumber"), IncrementOptions.by(2)).block();
        assertEquals(-2, read(users, "aNumber"));
    }

    @DatabaseTest
    void decrementWithSingleField(TestDb t) {
        Model<Instance> users = users(t);
        one(users).decrement("aNumber", 2).block();
        assertEquals(-2, read(users, "aNumber"));
    }

    @DatabaseTest
    void decrementWithSingleFieldAndNoValue(TestDb t) {
        Model<Instance> users = users(t);
        one(users).decrement(List.of("aNumber"), IncrementOptions.DEFAULTS).block();
        assertEquals(-1, read(users, "aNumber"));
    }

    @DatabaseTest
    void decrementWorksWithOtherConcurrentUpdates(TestDb t) {
        Model<Instance> users = users(t);
        Instance user1 = one(users);
        Instance user2 = one(users);
        user2.update(Map.of("aNumber", (Integer) user2.get("aNumber") + 1)).block();
        user1.decrement(List.of("aNumber"), IncrementOptions.by(2)).block();
        assertEquals(-1, read(users, "aNumber"));
    }

    @DatabaseTest
    void decrementWorksWithOtherConcurrentDecrements(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = one(users);
        Flux.merge(List.of(user.decrement(List.of("aNumber"), IncrementOptions.by(2)),
                user.decrement(List.of("aNumber"), IncrementOptions.by(2)),
                user.decrement(List.of("aNumber"), IncrementOptions.by(2)))).blockLast();
        assertEquals(-6, read(users, "aNumber"));
    }

    @DatabaseTest
    void decrementWithKeyValuePair(TestDb t) {
        Model<Instance> users = users(t);
        one(users).decrement(Map.of("aNumber", 1, "bNumber", 2)).block();
        assertEquals(-1, read(users, "aNumber"));
        assertEquals(-2, read(users, "bNumber"));
    }

    @DatabaseTest
    void decrementWithNegativeValue(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = one(users);
        Flux.merge(List.of(user.decrement("aNumber", -2),
                user.decrement(List.of("aNumber", "bNumber"), IncrementOptions.by(-2)),
                user.decrement(Map.of("aNumber", -1, "bNumber", -2)))).blockLast();
        assertEquals(5, read(users, "aNumber"));
        assertEquals(4, read(users, "bNumber"));
    }

    @DatabaseTest
    void decrementWithTimestamps(TestDb t) throws Exception {
        Model<Instance> m = timestamped(t);
        Instance user = m.create(Map.of("aNumber", 1)).block();
        OffsetDateTime old = (OffsetDateTime) user.get("updatedAt");
        Thread.sleep(10);
        user.decrement("aNumber", 1).block();
        assertTrue(((OffsetDateTime) user.reload().block().get("updatedAt")).isAfter(old));
    }

    @DatabaseTest
    void decrementWithTimestampsAndSilent(TestDb t) throws Exception {
        Model<Instance> m = timestamped(t);
        Instance user = m.create(Map.of("aNumber", 1)).block();
        Object old = user.get("updatedAt");
        Thread.sleep(10);
        user.decrement(List.of("aNumber"), IncrementOptions.by(1).silent()).block();
        Instance back = m.findByPk(user.get("id")).block();
        assertEquals(old, back.get("updatedAt"));
        assertEquals(0, back.get("aNumber"));
    }
}
