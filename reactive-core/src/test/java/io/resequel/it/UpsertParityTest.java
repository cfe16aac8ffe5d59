package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ValidationException;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Created;
import io.resequel.query.UpsertOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.validation.V;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Sequelize v6.37.8 {@code test/integration/model/upsert.test.js}, ported. Sequelize reports {@code created} as
 * {@code null} on PostgreSQL; Resequel reports it on every database (PostgreSQL from the row version), so the
 * expectations are the MySQL ones everywhere.
 */
class UpsertParityTest {

    /** The suite's {@code user} model: a composite unique key (foo, bar), a field-mapped default, a BLOB. */
    private static Model<Instance> user(TestDb t) {
        Model<Instance> m = t.db().define("user", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("foo", DataTypes.STRING, a -> a.unique("foobar"))
                .attribute("bar", DataTypes.INTEGER, a -> a.unique("foobar"))
                .attribute("baz", DataTypes.STRING, a -> a.field("zab").defaultValue("BAZ_DEFAULT_VALUE"))
                .attribute("blob", DataTypes.BLOB));
        t.db().sync().block();
        return m;
    }

    private static void createdThenUpdated(Created<Instance> first, Created<Instance> second) {
        assertTrue(first.created(), "the first upsert inserts");
        assertFalse(second.created(), "the second upsert updates");
    }

    @DatabaseTest
    void worksWithUpsertOnId(TestDb t) {
        Model<Instance> m = user(t);
        Created<Instance> first = m.upsert(Map.of("id", 42, "username", "john")).block();
        Created<Instance> second = m.upsert(Map.of("id", 42, "username", "doe")).block();
        createdThenUpdated(first, second);
        Instance u = m.findByPk(42).block();
        assertNotNull(u.get("createdAt"));
        assertEquals("doe", u.get("username"));
        assertTrue(!((OffsetDateTime) u.get("updatedAt")).isBefore((OffsetDateTime) u.get("createdAt")));
        // returns values: works with upsert on id
        assertEquals("doe", second.instance().get("username"));
        assertEquals(42, second.instance().get("id"));
    }

    @DatabaseTest
    void worksWithUpsertOnACompositeKey(TestDb t) {
        Model<Instance> m = user(t);
        Created<Instance> first = m.upsert(Map.of("foo", "baz", "bar", 19, "username", "john")).block();
        Created<Instance> second = m.upsert(Map.of("foo", "baz", "bar", 19, "username", "doe")).block();
        createdThenUpdated(first, second);
        Instance u = m.findOne(q -> q.where(Where.eq("foo", "baz").and(Where.eq("bar", 19)))).block();
        assertEquals("doe", u.get("username"));
        assertEquals(1L, m.count().block());
    }

    @DatabaseTest
    void shouldWorkWithUuidsWithDefaultValues(TestDb t) {
        Model<Instance> m = t.db().define("Person", s -> s
                .attribute("id", DataTypes.UUID, a -> a.primaryKey(true).allowNull(false).unique(true)
                        .defaultValue(DefaultValue.UUIDV4))
                .attribute("name", DataTypes.STRING));
        t.db().sync().block();
        assertTrue(m.upsert(Map.of("name", "John Doe")).block().created());
    }

    @DatabaseTest
    void worksWithUpsertOnACompositePrimaryKey(TestDb t) {
        Model<Instance> m = t.db().define("Pair", s -> s
                .attribute("a", DataTypes.STRING, a -> a.primaryKey(true))
                .attribute("b", DataTypes.STRING, a -> a.primaryKey(true))
                .attribute("username", DataTypes.STRING));
        t.db().sync().block();
        Created<Instance> first = m.upsert(Map.of("a", "a", "b", "b", "username", "john")).block();
        Created<Instance> other = m.upsert(Map.of("a", "a", "b", "a", "username", "curt")).block();
        Created<Instance> second = m.upsert(Map.of("a", "a", "b", "b", "username", "doe")).block();
        createdThenUpdated(first, second);
        assertTrue(other.created());
        assertEquals("doe", m.findOne(q -> q.where(Where.eq("a", "a").and(Where.eq("b", "b")))).block()
                .get("username"));
        assertEquals("curt", m.findOne(q -> q.where(Where.eq("a", "a").and(Where.eq("b", "a")))).block()
                .get("username"));
    }

    private static Model<Instance> emails(TestDb t) {
        Model<Instance> m = t.db().define("user", s -> s
                .attribute("email", DataTypes.STRING, a -> a.validate(V.isEmail())));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void supportsValidationsAndSkippingThem(TestDb t) {
        Model<Instance> m = emails(t);
        assertThrows(ValidationException.class, () -> m.upsert(Map.of("email", "notanemail")).block());
        Created<Instance> c = m.upsert(Map.of("id", 1, "email", "notanemail"),
                UpsertOptions.builder().validate(false).build()).block();
        assertTrue(c.created());
        assertEquals("notanemail", m.findByPk(1).block().get("email"));
    }

    @DatabaseTest
    void worksWithBlobs(TestDb t) {
        Model<Instance> m = user(t);
        Created<Instance> first = m.upsert(Map.of("id", 42, "username", "john",
                "blob", "kaj".getBytes(StandardCharsets.UTF_8))).block();
        Created<Instance> second = m.upsert(Map.of("id", 42, "username", "doe",
                "blob", "andrea".getBytes(StandardCharsets.UTF_8))).block();
        createdThenUpdated(first, second);
        Instance u = m.findByPk(42).block();
        assertEquals("doe", u.get("username"));
        assertArrayEquals("andrea".getBytes(StandardCharsets.UTF_8), (byte[]) u.get("blob"));
    }

    @DatabaseTest
    void worksWithField(TestDb t) {
        Model<Instance> m = user(t);
        createdThenUpdated(m.upsert(Map.of("id", 42, "baz", "foo")).block(),
                m.upsert(Map.of("id", 42, "baz", "oof")).block());
        assertEquals("oof", m.findByPk(42).block().get("baz"));
    }

    @DatabaseTest
    void worksWithPrimaryKeyUsingField(TestDb t) {
        Model<Instance> m = t.db().define("ModelWithFieldPK", s -> s
                .attribute("userId", DataTypes.INTEGER, a -> a.field("user_id").autoIncrement(true).primaryKey(true))
                .attribute("foo", DataTypes.STRING, a -> a.unique(true)));
        t.db().sync().block();
        createdThenUpdated(m.upsert(Map.of("userId", 42, "foo", "first")).block(),
                m.upsert(Map.of("userId", 42, "foo", "second")).block());
        assertEquals("second", m.findOne(q -> q.where(Where.eq("userId", 42))).block().get("foo"));
        // returns values: works for table with custom primary key field
        assertEquals(42, m.upsert(Map.of("userId", 42, "foo", "third")).block().instance().get("userId"));
    }

    @DatabaseTest
    void doesNotOverwriteCreatedAtOnUpdate(TestDb t) throws InterruptedException {
        Model<Instance> m = user(t);
        m.create(Map.of("id", 42, "username", "john")).block();
        Instance before = m.findByPk(42).block();
        Thread.sleep(5);
        m.upsert(Map.of("id", 42, "username", "doe")).block();
        Instance after = m.findByPk(42).block();
        assertTrue(((OffsetDateTime) after.get("updatedAt")).isAfter((OffsetDateTime) before.get("updatedAt")));
        assertEquals(before.get("createdAt"), after.get("createdAt"));
    }

    @DatabaseTest
    void doesNotOverwriteCreatedAtSuppliedAsAnInsertValueWhenUsingFields(TestDb t) {
        Model<Instance> m = user(t);
        OffsetDateTime original = OffsetDateTime.of(2010, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        m.upsert(Map.of("id", 42, "username", "john", "createdAt", original),
                UpsertOptions.builder().fields("id", "username").build()).block();
        assertTrue(original.isEqual((OffsetDateTime) m.findByPk(42).block().get("createdAt")));
    }

    @DatabaseTest
    void fallsBackToANoopIfNoUpdateValuesAreFound(TestDb t) {
        Model<Instance> m = t.db().define("user", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("email", DataTypes.STRING, a -> a.field("email_address").defaultValue("xxx@yyy.zzz"))
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        m.upsert(Map.of("id", 42, "username", "jack"), UpsertOptions.builder().fields("email").build()).block();
        m.upsert(Map.of("id", 42, "username", "jill"), UpsertOptions.builder().fields("email").build()).block();
        assertEquals("jack", m.findByPk(42).block().get("username"));
    }

    @DatabaseTest
    void doesNotUpdateUsingDefaultValues(TestDb t) {
        Model<Instance> m = user(t);
        m.create(Map.of("id", 42, "username", "john", "baz", "new baz value")).block();
        m.upsert(Map.of("id", 42, "username", "doe")).block();
        Instance u = m.findByPk(42).block();
        assertEquals("doe", u.get("username"));
        assertEquals("new baz value", u.get("baz"));
    }

    @DatabaseTest
    void doesNotUpdateWhenSettingCurrentValues(TestDb t) {
        Model<Instance> m = user(t);
        m.create(Map.of("id", 42, "username", "john")).block();
        Instance u = m.findByPk(42).block();
        assertFalse(m.upsert(Map.of("id", u.get("id"), "username", u.get("username"))).block().created());
    }

    @DatabaseTest
    void worksWhenTwoSeparateUniqueKeysArePassed(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("username", DataTypes.STRING, a -> a.unique(true))
                .attribute("email", DataTypes.STRING, a -> a.unique(true))
                .attribute("city", DataTypes.STRING));
        t.db().sync().block();
        createdThenUpdated(m.upsert(Map.of("username", "user1", "email", "user1@domain.ext", "city", "City"))
                .block(), m.upsert(Map.of("username", "user1", "email", "user1@domain.ext", "city", "New City"))
                .block());
        Instance u = m.findOne(q -> q.where(Where.eq("username", "user1"))).block();
        assertEquals("New City", u.get("city"));
        assertEquals(1L, m.count().block());
    }

    @DatabaseTest
    void returnsTheValuesOfANonIncrementingPrimaryKeyAndDatabaseDefaults(TestDb t) {
        Model<Instance> m = t.db().define("Thing", s -> s
                .attribute("id", DataTypes.STRING, a -> a.primaryKey(true))
                .attribute("name", DataTypes.STRING)
                .attribute("code", DataTypes.INTEGER, a -> a.defaultValue(2020)));
        t.db().sync().block();
        Instance first = m.upsert(Map.of("id", "surya", "name", "Surya")).block().instance();
        assertEquals("surya", first.get("id"));
        assertEquals(2020, first.get("code"));
        Instance second = m.upsert(Map.of("id", "surya", "name", "Surya K")).block().instance();
        assertEquals("Surya K", second.get("name"));
        assertEquals(2020, second.get("code"));
    }
}
