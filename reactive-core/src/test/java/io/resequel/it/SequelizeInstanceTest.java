package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.error.InstanceException;
import io.resequel.error.ValidationException;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.query.Include;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.FindOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.validation.V;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/instance.test.js}: escaping, isNewRecord, defaults, paranoid
 * finds, equality, values, isSoftDeleted and restore (tables {@code fi_*}).
 */
class SequelizeInstanceTest {

    /** The file's User model (UUIDV1 has no counterpart: both uuid columns take {@link DefaultValue#UUIDV4}). */
    static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("uuidv1", DataTypes.UUID, a -> a.defaultValue(DefaultValue.UUIDV4))
                .attribute("uuidv4", DataTypes.UUID, a -> a.defaultValue(DefaultValue.UUIDV4))
                .attribute("touchedAt", DataTypes.DATE, a -> a.defaultValue(DefaultValue.NOW))
                .attribute("aNumber", DataTypes.INTEGER)
                .attribute("bNumber", DataTypes.INTEGER)
                .attribute("aDate", DataTypes.DATE)
                .attribute("validateTest", DataTypes.INTEGER, a -> a.allowNull(true).validate(V.isInt()))
                .attribute("validateCustom", DataTypes.STRING,
                        a -> a.allowNull(true).validate(V.len(1, 20).msg("Length failed.")))
                .attribute("dateAllowNullTrue", DataTypes.DATE, a -> a.allowNull(true))
                .attribute("isSuperUser", DataTypes.BOOLEAN, a -> a.defaultValue(false))
                .options(o -> o.tableName("fi_users")));
        t.db().sync().block();
        return m;
    }

    static Model<Instance> paranoidUsers(TestDb t) {
        Model<Instance> m = t.db().define("ParanoidUser", s -> s
                .attribute("username", DataTypes.STRING)
                .options(o -> o.paranoid(true).tableName("fi_paranoid_users")));
        m.hasOne(m);
        t.db().sync().block();
        return m;
    }

    private static Instance byName(Model<Instance> m, String name) {
        return m.findOne(q -> q.where("username", name)).block();
    }

    @DatabaseTest
    void escapingOfSpecialCharactersAndQuotesInWhere(TestDb t) {
        Model<Instance> users = users(t);
        String bio = t.kind() + "'\"\n\\";
        Instance u1 = users.create(Map.of("username", bio)).block();
        assertEquals(bio, users.findByPk(u1.get("id")).block().get("username"));
        for (String name : List.of("user'name", "user''name")) {
            users.create(Map.of("username", name)).block();
            List<Instance> found = users.findAll(q -> q.where("username", name)).collectList().block();
            assertEquals(1, found.size());
            assertEquals(name, found.get(0).get("username"));
        }
    }

    @DatabaseTest
    void isNewRecordOnlyForUnsavedInstances(TestDb t) {
        Model<Instance> users = users(t);
        Instance built = users.build(Map.of("username", "user"));
        assertNull(built.get("id"));
        assertTrue(built.isNewRecord());
        assertFalse(users.build(Map.of("username", "user")).save().block().isNewRecord());
        Instance created = users.create(Map.of("username", "user")).block();
        assertFalse(created.isNewRecord());
        assertFalse(users.upsert(Map.of("id", 200, "username", "user")).block().instance().isNewRecord());
        assertFalse(users.findByPk(created.get("id")).block().isNewRecord());
        List<Map<String, Object>> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(Map.of("username", "user"));
        }
        users.bulkCreate(ten).blockLast();
        List<Instance> all = users.findAll().collectList().block();
        assertEquals(13, all.size());
        all.forEach(u -> assertFalse(u.isNewRecord()));
    }

    @DatabaseTest
    void uuidAndCurrentDateDefaultsAtBuild(TestDb t) {
        Model<Instance> users = users(t);
        Instant before = Instant.now().minus(1, ChronoUnit.SECONDS);
        Instance u = users.build(Map.of("username", "a user"));
        for (String name : List.of("uuidv1", "uuidv4")) {
            Object v = u.get(name);
            assertInstanceOf(UUID.class, v);
            assertEquals(36, v.toString().length());
            assertEquals(4, ((UUID) v).version());
        }
        Instant touched = assertInstanceOf(OffsetDateTime.class, u.get("touchedAt")).toInstant();
        assertFalse(touched.isBefore(before));
        assertFalse(touched.isAfter(Instant.now().plus(1, ChronoUnit.SECONDS)));

        Model<Instance> person = t.db().define("Person", s -> s
                .attribute("id1", DataTypes.UUID, a -> a.primaryKey(true).defaultValue(DefaultValue.UUIDV4))
                .attribute("id2", DataTypes.UUID, a -> a.primaryKey(true).defaultValue(DefaultValue.UUIDV4))
                .options(o -> o.tableName("fi_people")));
        Instance p = person.build(Map.of());
        assertEquals(36, p.get("id1").toString().length());
        assertEquals(36, p.get("id2").toString().length());
    }

    @DatabaseTest
    void nullableDateStaysNullAndADateRoundTrips(TestDb t) {
        Model<Instance> users = users(t);
        users.build(Map.of("username", "a user")).save().block();
        assertNull(byName(users, "a user").get("dateAllowNullTrue"));
        Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        users.build(Map.of("username", "b user", "dateAllowNullTrue", date)).save().block();
        assertEquals(date, ((OffsetDateTime) byName(users, "b user").get("dateAllowNullTrue")).toInstant());
    }

    @DatabaseTest
    void booleanDefaultAndItsOverrides(TestDb t) {
        Model<Instance> users = users(t);
        users.build(Map.of("username", "default")).save().block();
        assertEquals(Boolean.FALSE, byName(users, "default").get("isSuperUser"));
        Map<String, Object> truthy = new LinkedHashMap<>();
        truthy.put("bool", true);
        truthy.put("string", "true");
        truthy.put("int", 1);
        truthy.forEach((name, v) -> users.build(Map.of("username", name, "isSuperUser", v)).save().block());
        for (String name : truthy.keySet()) {
            assertEquals(Boolean.TRUE, byName(users, name).get("isSuperUser"), name);
        }
        // Resequel checks the value at set (build), Sequelize at save: both refuse it before SQL
        ValidationException e = assertThrows(ValidationException.class, () -> users
                .build(Map.of("username", "a user", "isSuperUser", "INCORRECT_VALUE_TYPE")).save().block());
        assertEquals("isSuperUser", e.items().get(0).attribute());
        assertEquals(0L, users.count(Where.eq("username", "a user")).block());
    }

    @DatabaseTest
    void errorsAndResultsReachTheCaller(TestDb t) {
        Model<Instance> users = users(t);
        assertThrows(RuntimeException.class, () -> users.findOne(q -> q.where(Where.eq("nope", 1))).block());
        assertEquals(0L, users.count().block());
    }

    @DatabaseTest
    void paranoidFindsAddTheirConditionToEveryWhere(TestDb t) {
        Model<Instance> pu = paranoidUsers(t);
        for (Where where : new Where[] {null, Where.and(new Where[] {Where.eq("username", "cuss")}),
                Where.or(new Where[] {Where.eq("username", "cuss")})}) {
            pu.create(Map.of("username", "cuss")).block();
            FindOptions.Builder b = FindOptions.builder();
            if (where != null) {
                b.where(where);
            }
            FindOptions options = b.build();
            List<Instance> found = pu.findAll(options).collectList().block();
            assertEquals(1, found.size());
            assertNull(found.get(0).get("deletedAt"), "deletedAt exists and is null");
            found.get(0).destroy().block();
            assertEquals(0, pu.findAll(options).collectList().block().size());
        }
    }

    @DatabaseTest
    void timestampsAreReturnedUnlessAttributesAreChosen(TestDb t) {
        Model<Instance> users = users(t);
        users.create(Map.of("username", "fnord")).block();
        assertNotNull(users.findAll().blockFirst().get("createdAt"));
        Instance only = users.findAll(q -> q.attributes("username")).blockFirst();
        assertFalse(only.toJSON().containsKey("createdAt"));
        assertEquals("fnord", only.get("username"));
    }

    @DatabaseTest
    void destroysARecordWithAPrimaryKeyOtherThanId(TestDb t) {
        Model<Instance> m = t.db().define("UserDestroy", s -> s
                .attribute("newId", DataTypes.STRING, a -> a.primaryKey(true))
                .attribute("email", DataTypes.STRING)
                .options(o -> o.tableName("fi_user_destroy")));
        t.db().sync().block();
        m.create(Map.of("newId", "123ABC", "email", "hello")).block();
        m.findOne(q -> q.where("email", "hello")).block().destroy().block();
        assertEquals(0L, m.count().block());
    }

    @DatabaseTest
    void deletedAtIsSetByDestroyAndStaysNullThroughUpdates(TestDb t) {
        Model<Instance> pu = paranoidUsers(t);
        pu.create(Map.of("username", "fnord")).block();
        Instance u = pu.findAll().blockFirst();
        Instance updated = u.update(Map.of("username", "newFnord")).block();
        assertNull(updated.get("deletedAt"));
        Instance linked = pu.create(Map.of("username", "linkedFnord")).block();
        @SuppressWarnings("unchecked")
        HasOne<Instance, Instance> self = (HasOne<Instance, Instance>) pu.association("ParanoidUser");
        self.set(u, linked).block();
        assertNull(u.get("deletedAt"));
        u.destroy().block();
        assertInstanceOf(OffsetDateTime.class, u.get("deletedAt"));
        Instance again = u.reload(q -> q.paranoid(false)).block();
        assertInstanceOf(OffsetDateTime.class, again.get("deletedAt"));
    }

    @DatabaseTest
    void queryOptionsCanBeReused(TestDb t) {
        Model<Instance> users = users(t);
        users.create(Map.of("username", "fnord")).block();
        FindOptions query = FindOptions.builder().where("username", "fnord").build();
        assertEquals("fnord", users.findAll(query).blockFirst().get("username"));
        assertEquals("fnord", users.findAll(query).blockFirst().get("username"));
        assertEquals("fnord", users.findOne(query).block().get("username"));
        assertEquals("fnord", users.findOne(query).block().get("username"));
    }

    @DatabaseTest
    void unsetBooleansReadBackAsNull(TestDb t) {
        Model<Instance> setting = t.db().define("SettingHelper", s -> s
                .attribute("setting_key", DataTypes.STRING)
                .attribute("bool_value", DataTypes.BOOLEAN, a -> a.allowNull(true))
                .attribute("bool_value2", DataTypes.BOOLEAN, a -> a.allowNull(true))
                .attribute("bool_value3", DataTypes.BOOLEAN, a -> a.allowNull(true))
                .options(o -> o.timestamps(false).tableName("fi_settings")));
        t.db().sync().block();
        Map<String, Object> values = new HashMap<>();
        values.put("setting_key", "test");
        values.put("bool_value", null);
        setting.create(values).block();
        Instance s = setting.findOne(q -> q.where("setting_key", "test")).block();
        assertNull(s.get("bool_value"));
        assertNull(s.get("bool_value2"));
        assertNull(s.get("bool_value3"));
    }

    @DatabaseTest
    void equalsIgnoresDatesPrecisionAndAssociations(TestDb t) {
        Model<Instance> users = users(t);
        Instance u1 = users.create(Map.of("username", "fnord")).block();
        assertEquals(u1, byName(users, "fnord"));

        Model<Instance> ue = t.db().define("UserAssociationEquals", s -> s
                .attribute("username", DataTypes.STRING).attribute("age", DataTypes.INTEGER)
                .options(o -> o.timestamps(false).tableName("fi_user_eq")));
        Model<Instance> pe = t.db().define("ProjectAssocationEquals", s -> s
                .attribute("title", DataTypes.STRING).attribute("overdue_days", DataTypes.INTEGER)
                .options(o -> o.timestamps(false).tableName("fi_project_eq")));
        HasMany<Instance, Instance> projects = ue.hasMany(pe, a -> a.as("Projects").foreignKey("userId"));
        pe.belongsTo(ue, a -> a.as("Users").foreignKey("userId"));
        t.db().sync().block();
        Instance user1 = ue.create(Map.of("username", "jimhalpert")).block();
        Instance project1 = pe.create(Map.of("title", "A Cool Project")).block();
        projects.set(user1, List.of(project1)).block();
        Instance user2 = ue.findOne(q -> q.where("username", "jimhalpert").include(Include.of("Projects"))).block();
        Instance user3 = ue.create(Map.of("username", "pambeesly")).block();
        assertFalse(user1.isIncluded("Projects"));
        assertTrue(user2.isIncluded("Projects"));
        assertEquals(user1, user2);
        assertEquals(user2, user1);
        assertNotEquals(user1, user3);
        assertNotEquals(user3, user1);
    }

    @DatabaseTest
    void plainValuesOfABuiltInstance(TestDb t) {
        Model<Instance> m = t.db().define("UserHelper", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName("fi_user_helper")));
        t.db().sync().block();
        Map<String, Object> expected = new HashMap<>();
        expected.put("username", "foo");
        expected.put("id", null);
        assertEquals(expected, m.build(Map.of("username", "foo")).toJSON());
    }

    @DatabaseTest
    void isSoftDeletedFollowsDestroyAndReload(TestDb t) {
        Model<Instance> pu = paranoidUsers(t);
        assertFalse(pu.create(Map.of("username", "foo")).block().isSoftDeleted());
        Instance u = pu.findAll().blockFirst();
        assertFalse(u.isSoftDeleted());
        u.destroy().block();
        assertTrue(u.isSoftDeleted());
        assertTrue(u.reload(q -> q.paranoid(false)).block().isSoftDeleted());

        Model<Instance> custom = t.db().define("ParanoidUserWithCustomDeletedAt", s -> s
                .attribute("username", DataTypes.STRING)
                .options(o -> o.paranoid(true).deletedAt("deletedAtThisTime").tableName("fi_paranoid_custom")));
        custom.hasOne(pu);
        t.db().sync().block();
        custom.create(Map.of("username", "fnord")).block();
        Instance c = custom.findAll().blockFirst();
        assertFalse(c.isSoftDeleted());
        c.destroy().block();
        assertTrue(c.isSoftDeleted());
        assertTrue(c.reload(q -> q.paranoid(false)).block().isSoftDeleted());
        assertThrows(InstanceException.class, () -> users(t).build(Map.of()).isSoftDeleted());
    }

    @DatabaseTest
    void restoreOfAModelThatIsNotParanoidFails(TestDb t) {
        Instance u = users(t).create(Map.of("username", "Peter")).block();
        InstanceException e = assertThrows(InstanceException.class, () -> u.restore().block());
        assertTrue(e.getMessage().contains("not paranoid"), e.getMessage());
    }

    @DatabaseTest
    void restoresAPreviouslyDeletedInstance(TestDb t) {
        Model<Instance> pu = t.db().define("ParanoidUser", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING)
                .attribute("data", DataTypes.STRING)
                .attribute("intVal", DataTypes.INTEGER, a -> a.defaultValue(1))
                .options(o -> o.paranoid(true).tableName("fi_paranoid_restore")));
        t.db().sync().block();
        pu.bulkCreate(List.of(Map.of("username", "Peter", "secretValue", "42"),
                Map.of("username", "Paul", "secretValue", "43"),
                Map.of("username", "Bob", "secretValue", "44"))).blockLast();
        Instance u = pu.findOne(q -> q.where("secretValue", "42")).block();
        u.destroy().block();
        u.restore().block();
        assertEquals("Peter", pu.findOne(q -> q.where("secretValue", "42")).block().get("username"));
    }

    @DatabaseTest
    void restoreWithACustomDeletedAtAttributeAndColumn(TestDb t) {
        Model<Instance> byName = t.db().define("ParanoidUser", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("destroyTime", DataTypes.DATE)
                .options(o -> o.paranoid(true).deletedAt("destroyTime").tableName("fi_paranoid_a")));
        Model<Instance> byField = t.db().define("ParanoidUser2", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("deletedAt", DataTypes.DATE, a -> a.field("deleted_at"))
                .options(o -> o.paranoid(true).tableName("fi_paranoid_b")));
        Model<Instance> both = t.db().define("ParanoidUser3", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("destroyTime", DataTypes.DATE, a -> a.field("destroy_time"))
                .options(o -> o.paranoid(true).deletedAt("destroyTime").tableName("fi_paranoid_c")));
        t.db().sync().block();
        Map<Model<Instance>, String> attribute = Map.of(byName, "destroyTime", byField, "deletedAt",
                both, "destroyTime");
        attribute.forEach((m, name) -> {
            Instance u = m.create(Map.of("username", "username")).block();
            Instance destroyed = u.destroy().block();
            assertNotNull(destroyed.get(name), m.name());
            assertFalse(destroyed.toJSON().containsKey("deleted_at"));
            assertFalse(destroyed.toJSON().containsKey("destroy_time"));
            if (!name.equals("deletedAt")) {
                assertFalse(destroyed.toJSON().containsKey("deletedAt"));
            }
            Instance restored = destroyed.restore().block();
            assertNull(restored.get(name));
            Instance read = m.findOne(q -> q.where("username", "username")).block();
            assertNotNull(read, m.name());
            assertNull(read.get(name));
        });
        String column = t.raw("SELECT * FROM " + t.q("fi_paranoid_c")).blockFirst().keySet().stream()
                .filter(k -> k.equalsIgnoreCase("destroy_time")).findFirst().orElse(null);
        assertNotNull(column, "the column is destroy_time");
    }

    @DatabaseTest
    void restoreSetsACustomDefaultValueBack(TestDb t) {
        Instant epoch = Instant.EPOCH;
        Model<Instance> pu = t.db().define("ParanoidUser", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("deletedAt", DataTypes.DATE, a -> a.defaultValue(epoch))
                .options(o -> o.paranoid(true).tableName("fi_paranoid_default")));
        t.db().sync().block();
        Instance u = pu.create(Map.of("username", "username")).block();
        assertFalse(u.isSoftDeleted());
        Instance restored = u.destroy().block().restore().block();
        assertEquals(epoch, ((OffsetDateTime) restored.get("deletedAt")).toInstant());
        Instance read = pu.findOne(q -> q.where("username", "username")).block();
        assertNotNull(read);
        assertEquals(epoch, ((OffsetDateTime) read.get("deletedAt")).toInstant());
    }
}
