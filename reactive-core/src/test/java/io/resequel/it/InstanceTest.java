package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.resequel.error.InstanceException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SaveOptions;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** build, create, save, get/set, changes, update, reload, destroy, increment, toJSON, equality. */
class InstanceTest {

    static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("firstName", DataTypes.STRING)
                .attribute("lastName", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER)
                .attribute("n", DataTypes.INTEGER, a -> a.defaultValue(0))
                .attribute("score", DataTypes.BIGINT, a -> a.defaultValue(0L))
                .attribute("balance", DataTypes.DECIMAL(12, 2), a -> a.defaultValue(BigDecimal.ZERO)));
        t.db().sync().block();
        t.clearStatements();
        return m;
    }

    static Map<String, Object> row(TestDb t, Object id) {
        return t.raw("SELECT * FROM " + t.q("Users") + " WHERE " + t.q("id") + " = " + id).blockFirst();
    }

    @DatabaseTest
    void buildIsUnsavedAndRunsNoSql(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.build(Map.of("firstName", "Ada"));
        assertTrue(u.isNewRecord());
        assertNull(u.get("id"));
        assertEquals("Ada", u.get("firstName"));
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        assertEquals(0L, users.count().block());
        u.save().block();
        assertFalse(u.isNewRecord());
        assertEquals("Ada", row(t, u.get("id")).get("firstName"));
    }

    @DatabaseTest
    void createReturnsGeneratedKey(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada", "age", 36)).block();
        assertFalse(u.isNewRecord());
        assertTrue(u.get("id") instanceof Integer, "id: " + u.get("id"));
        assertEquals(36, ((Number) row(t, u.get("id")).get("age")).intValue());
        assertTrue(u.changed().isEmpty());
    }

    @DatabaseTest
    void saveOfUnchangedInstanceRunsNoSql(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada")).block();
        t.clearStatements();
        u.save().block();
        u.set("firstName", "Ada"); // same value: not a change
        u.save().block();
        u.update(Map.of("firstName", "Ada")).block();
        assertEquals(List.of(), t.statements());
        Instance found = users.findByPk(u.get("id")).block();
        t.clearStatements();
        found.save().block();
        assertEquals(List.of(), t.statements());
    }

    @DatabaseTest
    void saveUpdatesOnlyChangedFields(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.build(Map.of("firstName", "Ada", "lastName", "Lovelace"));
        u.save().block();
        assertEquals(1, t.statements().size());
        assertTrue(t.statements().get(0).startsWith("INSERT"), t.statements().toString());
        t.clearStatements();
        u.set("age", 37);
        assertEquals(Set.of("age"), u.changed());
        u.save().block();
        assertEquals(1, t.statements().size(), t.statements().toString());
        String update = t.statements().get(0);
        assertTrue(update.startsWith("UPDATE"), update);
        assertTrue(update.contains(t.q("age")), update);
        assertTrue(update.contains(t.q("updatedAt")), update);
        assertFalse(update.contains(t.q("firstName")), update);
        assertFalse(update.contains(t.q("lastName")), update);
        assertEquals(37, ((Number) row(t, u.get("id")).get("age")).intValue());
        assertTrue(u.changed().isEmpty());
    }

    @DatabaseTest
    void saveWithFieldsWritesOnlyThose(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada", "lastName", "L")).block();
        t.clearStatements();
        u.set("firstName", "Grace").set("lastName", "Hopper");
        u.save(SaveOptions.fields("lastName")).block();
        String update = t.statements().get(0);
        assertFalse(update.contains(t.q("firstName")), update);
        Map<String, Object> row = row(t, u.get("id"));
        assertEquals("Ada", row.get("firstName"));
        assertEquals("Hopper", row.get("lastName"));
    }

    @DatabaseTest
    void saveWithFieldsKeepsOtherChangesPending(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada", "lastName", "L")).block();
        u.set("firstName", "Grace").set("lastName", "Hopper");
        u.save(SaveOptions.fields("lastName")).block();
        assertTrue(u.changed("firstName"), "firstName was not saved, so it is still changed: " + u.changed());
        assertEquals("Ada", u.previous("firstName"));
        u.save().block();
        assertEquals("Grace", row(t, u.get("id")).get("firstName"));
    }

    @DatabaseTest
    void saveWithFieldsOnInsert(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.build(Map.of("firstName", "Ada", "lastName", "L"));
        u.save(SaveOptions.fields("firstName")).block();
        Map<String, Object> row = row(t, u.get("id"));
        assertEquals("Ada", row.get("firstName"));
        assertNull(row.get("lastName"));
    }

    @DatabaseTest
    void getSetChangedPrevious(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada", "age", 36)).block();
        assertFalse(u.changed("age"));
        u.set("age", 37);
        assertTrue(u.changed("age"));
        assertEquals(37, u.get("age"));
        assertEquals(36, u.previous("age"));
        u.set(Map.of("firstName", "Grace", "lastName", "Hopper"));
        assertEquals(Set.of("age", "firstName", "lastName"), u.changed());
        u.changed("lastName", false);
        assertEquals(Set.of("age", "firstName"), u.changed());
        assertEquals(Integer.valueOf(36), u.get("age", Integer.class) - 1);
    }

    @DatabaseTest
    void updateSetsAndSavesOnlyGivenChanges(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada", "age", 36)).block();
        u.set("lastName", "pending");
        t.clearStatements();
        u.update(Map.of("age", 40, "firstName", "Ada")).block();
        assertEquals(1, t.statements().size());
        String update = t.statements().get(0);
        assertTrue(update.contains(t.q("age")) && !update.contains(t.q("firstName"))
                && !update.contains(t.q("lastName")), update);
        Map<String, Object> row = row(t, u.get("id"));
        assertEquals(40, ((Number) row.get("age")).intValue());
        assertNull(row.get("lastName"));
    }

    @DatabaseTest
    void reloadOverwritesAndClearsChanges(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada", "age", 36)).block();
        t.rawUpdate("UPDATE " + t.q("Users") + " SET " + t.q("age") + " = 99").block();
        u.set("firstName", "local");
        u.reload().block();
        assertEquals(99, u.get("age"));
        assertEquals("Ada", u.get("firstName"));
        assertTrue(u.changed().isEmpty());
        t.rawUpdate("DELETE FROM " + t.q("Users")).block();
        StepVerifier.create(u.reload()).expectError(InstanceException.class).verify(Duration.ofSeconds(10));
    }

    @DatabaseTest
    void destroyDeletesTheRow(TestDb t) {
        Model<Instance> users = users(t);
        Instance a = users.create(Map.of("firstName", "a")).block();
        Instance b = users.create(Map.of("firstName", "b")).block();
        a.destroy().block();
        List<Map<String, Object>> rows = t.raw("SELECT * FROM " + t.q("Users")).collectList().block();
        assertEquals(1, rows.size());
        assertEquals(b.get("id"), ((Number) rows.get(0).get("id")).intValue());
    }

    @DatabaseTest
    void incrementAndDecrementSeveralFields(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "a", "n", 10, "score", 100L)).block();
        t.clearStatements();
        u.increment(Map.of("n", 5, "score", -30L, "balance", new BigDecimal("2.25"))).block();
        assertEquals(1, t.statements().size());
        assertTrue(t.statements().get(0).startsWith("UPDATE"), t.statements().get(0));
        u.decrement("n", 3).block();
        u.decrement(Map.of("score", -1L)).block();
        u.reload().block();
        assertEquals(12, u.get("n"));
        assertEquals(71L, u.get("score"));
        assertEquals(new BigDecimal("2.25"), u.get("balance"));
    }

    @DatabaseTest
    void incrementUnderConcurrencyLosesNothing(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "a", "n", 0)).block();
        Flux.range(0, 50).flatMap(i -> u.increment("n", 1), 50).blockLast(Duration.ofSeconds(60));
        u.reload().block();
        assertEquals(50, u.get("n"));
        assertEquals(50, ((Number) row(t, u.get("id")).get("n")).intValue());
    }

    @DatabaseTest
    void toJsonSerializesWithJackson(TestDb t) throws Exception {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada", "age", 36)).block();
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = mapper.readValue(mapper.writeValueAsString(u.toJSON()), Map.class);
        assertEquals("Ada", back.get("firstName"));
        assertEquals(36, back.get("age"));
        assertEquals(u.get("id"), back.get("id"));
        assertTrue(back.get("createdAt").toString().matches("\\d{4}-\\d\\d-\\d\\dT.*"), back.toString());
        // a plain copy: changing it does not touch the instance
        u.toJSON().put("firstName", "x");
        assertEquals("Ada", u.get("firstName"));
    }

    @DatabaseTest
    void equalityByPrimaryKey(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada")).block();
        Instance v = users.create(Map.of("firstName", "Ada")).block();
        Instance again = users.findByPk(u.get("id")).block();
        assertEquals(u, again);
        assertEquals(u.hashCode(), again.hashCode());
        assertNotEquals(u, v);
        assertNotEquals(users.build(Map.of()), users.build(Map.of()));
    }
}
