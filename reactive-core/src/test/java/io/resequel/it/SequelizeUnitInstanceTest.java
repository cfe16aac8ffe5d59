package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.InstanceException;
import io.resequel.error.UnknownAttributeException;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelOptions;
import io.resequel.model.ModelSpec;
import io.resequel.query.IncrementOptions;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.validation.V;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Port of Sequelize v6.37.8 {@code test/unit/instance/*.test.js} (tables {@code um_*}). Sequelize builds "loaded"
 * instances with {@code build(values, {isNewRecord: false, raw: true})} and stubs the query; here such an instance is
 * a row written and read back ({@link #loaded}), and the writes run against the database, their SQL and rows checked.
 */
class SequelizeUnitInstanceTest {

    private static Model<Instance> define(TestDb t, String name, String table, Consumer<ModelSpec> spec) {
        return t.db().define(name, s -> {
            spec.accept(s);
            s.options(o -> o.tableName(table));
        });
    }

    /** changed.test.js's User: name, birthday, yoj (DATEONLY), meta (JSON). */
    private static Model<Instance> changedUsers(TestDb t) {
        Model<Instance> users = define(t, "User", "um_changed_users", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("birthday", DataTypes.DATE)
                .attribute("yoj", DataTypes.DATEONLY)
                .attribute("meta", DataTypes.JSON));
        t.db().sync().block();
        return users;
    }

    /** Sequelize's {@code build(values, {isNewRecord: false, raw: true})}: the row as the database returns it. */
    private static Instance loaded(Model<Instance> model, Map<String, ?> values) {
        Instance created = model.create(values).block();
        Instance found = model.findByPk(created.get("id")).block();
        assertFalse(found.isNewRecord());
        assertTrue(found.changed().isEmpty(), found.changed().toString());
        return found;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String last(TestDb t) {
        return t.statements().get(t.statements().size() - 1);
    }

    // ---- changed.test.js -------------------------------------------------------------------------------------

    @DatabaseTest
    void changedIsTrueForAChangedPrimitive(TestDb t) {
        Instance user = loaded(changedUsers(t), Map.of("name", "a"));
        assertFalse(user.changed("meta"));
        user.set("name", "b");
        // Sequelize sets meta (undefined in its raw build) to null; a loaded row holds null already, so a value
        user.set("meta", Map.of("city", "Stockholm"));
        assertTrue(user.changed("name"));
        assertTrue(user.changed("meta"));
    }

    @DatabaseTest
    void changedIsFalseForAnUnchangedPrimitive(TestDb t) {
        Instance user = loaded(changedUsers(t), map("name", "a", "meta", null));
        user.set("name", "a");
        user.set("meta", null);
        assertFalse(user.changed("name"));
        assertFalse(user.changed("meta"));
    }

    @DatabaseTest
    void changedIsTrueForMultipleChangedValues(TestDb t) {
        OffsetDateTime earlier = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(10).withNano(0);
        Instance user = loaded(changedUsers(t), Map.of("name", "a", "birthday", earlier));
        user.set("name", "b");
        user.set("birthday", earlier.plusSeconds(10));
        assertTrue(user.changed("name"));
        assertTrue(user.changed("birthday"));
        assertEquals(List.of("name", "birthday"), List.copyOf(user.changed()));
    }

    @DatabaseTest
    void changedIsFalseForTwoDatesOfTheSameInstant(TestDb t) {
        OffsetDateTime first = OffsetDateTime.of(2015, 7, 15, 0, 59, 1, 88_000_000, ZoneOffset.UTC);
        Instance user = loaded(changedUsers(t), Map.of("birthday", first));
        // another object for the same instant, even at another offset (Sequelize compares getTime())
        user.set("birthday", OffsetDateTime.of(2015, 7, 15, 2, 59, 1, 88_000_000, ZoneOffset.ofHours(2)));
        assertFalse(user.changed("birthday"));
        user.set("birthday", first.toInstant());
        assertFalse(user.changed("birthday"));
        assertTrue(user.changed().isEmpty());
    }

    @DatabaseTest
    void changedDoesNotDetectChangesWhenEqual(TestDb t) {
        Model<Instance> users = changedUsers(t);
        // Sequelize sets a name that is no attribute ("json"); here the JSON attribute, with JSON values (a date
        // and a Buffer are no JSON values here: the JSON type takes maps, lists and scalars)
        for (Object value : new Object[] {null, 1, "asdf", List.of(), Map.of()}) {
            Instance user = loaded(users, map("meta", value));
            user.set("meta", value instanceof List<?> ? new java.util.ArrayList<>() : value instanceof Map<?, ?>
                    ? new HashMap<>() : value);
            assertFalse(user.changed("meta"), String.valueOf(value));
            assertTrue(user.changed().isEmpty(), String.valueOf(value));
        }
    }

    @DatabaseTest
    void changedIsTrueForAJsonDotSeparatedKeyWithAChangedValue(TestDb t) {
        Model<Instance> users = changedUsers(t);
        Instance user = loaded(users, Map.of("meta", Map.of("city", "Stockholm")));
        user.set("meta.city", "Gothenburg");
        assertTrue(user.changed("meta"));
        assertEquals(Map.of("city", "Gothenburg"), user.get("meta"));
        assertEquals(Map.of("city", "Stockholm"), user.previous("meta"));
        t.clearStatements();
        user.save().block();
        assertTrue(last(t).startsWith("UPDATE"), last(t));
        assertEquals(Map.of("city", "Gothenburg"), users.findByPk(user.get("id")).block().get("meta"));
    }

    @DatabaseTest
    void changedIsFalseForAJsonDotSeparatedKeyWithTheSameValue(TestDb t) {
        Instance user = loaded(changedUsers(t), Map.of("meta", Map.of("city", "Gothenburg")));
        user.set("meta.city", "Gothenburg");
        assertFalse(user.changed("meta"));
        t.clearStatements();
        user.save().block();
        assertTrue(t.statements().isEmpty(), "nothing to save: " + t.statements());
    }

    @DatabaseTest
    void changedIsTrueForAJsonDotSeparatedKeyWithAnObject(TestDb t) {
        Instance user = loaded(changedUsers(t), Map.of("meta", Map.of("address",
                Map.of("street", "Main street", "number", "40"))));
        user.set("meta.address", Map.of("street", "Second street", "number", "1"));
        assertTrue(user.changed("meta"));
        assertEquals(Map.of("address", Map.of("street", "Second street", "number", "1")), user.get("meta"));
    }

    @DatabaseTest
    void changedIsFalseForAJsonDotSeparatedKeyWithTheSameObject(TestDb t) {
        Instance user = loaded(changedUsers(t), Map.of("meta", Map.of("address",
                Map.of("street", "Main street", "number", "40"))));
        user.set("meta.address", Map.of("street", "Main street", "number", "40"));
        assertFalse(user.changed("meta"));
    }

    @DatabaseTest
    void changedIsFalseWhenChangedFromNullToNull(TestDb t) {
        Model<Instance> users = changedUsers(t);
        Map<String, Object> nulls = new HashMap<>();
        for (String a : List.of("name", "birthday", "yoj", "meta")) {
            nulls.put(a, null);
        }
        Instance user = loaded(users, nulls);
        for (var a : users.definition().attributes()) {
            user.set(a.name(), a.primaryKey() ? 999 : null); // the key is read-only (Sequelize: 'id' too)
        }
        for (var a : users.definition().attributes()) {
            if (!a.primaryKey() && !a.name().endsWith("At")) {
                assertFalse(user.changed(a.name()), a.name() + " is not changed");
            }
        }
        assertTrue(user.changed().isEmpty(), user.changed().toString());
    }

    @DatabaseTest
    void setDataValueIsFalsyForAnUnchangedPrimitive(TestDb t) {
        Instance user = loaded(changedUsers(t), map("name", "a", "meta", null));
        user.setDataValue("name", "a");
        user.setDataValue("meta", null);
        assertFalse(user.changed("name"));
        assertFalse(user.changed("meta"));
    }

    // ---- set.test.js ----------------------------------------------------------------------------------------

    @DatabaseTest
    void setSetsNestedKeysInJsonObjects(TestDb t) {
        Model<Instance> users = define(t, "User", "um_set_users", s -> s.attribute("meta", DataTypes.JSONB));
        t.db().sync().block();
        Instance user = loaded(users, Map.of("meta", Map.of("location", "Stockhollm")));
        Object meta = user.get("meta");
        user.set("meta.location", "Copenhagen");
        // no attribute "meta.location" appears: the dotted name is a path into meta
        assertFalse(user.toJSON().containsKey("meta.location"));
        assertThrows(UnknownAttributeException.class, () -> user.getDataValue("meta.location"));
        assertEquals("Copenhagen", ((Map<?, ?>) user.get("meta")).get("location"));
        // deviation: Sequelize changes the object in place (get('meta') === meta); here meta is copied on write,
        // so the value as loaded stays what previous() reports
        assertEquals(Map.of("location", "Stockhollm"), meta);
        assertEquals(meta, user.previous("meta"));
        user.save().block();
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("um_set_users")).blockFirst();
        assertTrue(String.valueOf(row.get("meta")).contains("Copenhagen"), row.toString());
        // a path through a value that is no object, or into a non-JSON attribute, is refused
        Model<Instance> plain = define(t, "Plain", "um_set_plain", s -> s.attribute("name", DataTypes.STRING));
        assertThrows(UnknownAttributeException.class, () -> plain.build(Map.of()).set("name.first", "x"));
    }

    @DatabaseTest
    void setDoesNotMutateTheJsonbDefaultValue(TestDb t) {
        Model<Instance> users = define(t, "User", "um_set_users", s -> s.attribute("meta", DataTypes.JSONB,
                a -> a.allowNull(false).defaultValue(new HashMap<>())));
        Instance user1 = users.build(Map.of());
        user1.set("meta.location", "Stockhollm");
        assertEquals(Map.of("location", "Stockhollm"), user1.get("meta"));
        Instance user2 = users.build(Map.of());
        assertEquals(Map.of(), user2.get("meta"));
    }

    @DatabaseTest
    void setSetsTheDate19700101ToAPreviouslyNullField(TestDb t) {
        Model<Instance> users = define(t, "User", "um_set_users", s -> s.attribute("date", DataTypes.DATE,
                a -> a.allowNull(true)));
        t.db().sync().block();
        Instance user1 = users.build(map("date", null));
        // deviation: a DATE takes date-time values (OffsetDateTime, Instant, Date, ...), not text, so the typed error
        // comes at once; Sequelize parses the string
        assertThrows(io.resequel.error.ValidationException.class, () -> user1.set("date", "1970-01-01"));
        user1.set("date", java.time.Instant.parse("1970-01-01T00:00:00Z"));
        assertNotNull(user1.get("date"));
        assertEquals(0L, ((OffsetDateTime) user1.get("date")).toInstant().toEpochMilli());
        assertTrue(user1.changed("date"));
        user1.save().block();
        assertEquals(0L, ((OffsetDateTime) users.findByPk(user1.get("id")).block().get("date")).toInstant()
                .toEpochMilli());
    }

    @DatabaseTest
    void setOverwritesANonDateOriginalValueWithADate(TestDb t) {
        Model<Instance> users = define(t, "User", "um_set_users", s -> s.attribute("date", DataTypes.DATE));
        // deviation: Sequelize's raw build keeps ' ' in a DATE attribute; here a value that is no date is refused at
        // once, typed
        Exception e = assertThrows(io.resequel.error.ValidationException.class,
                () -> users.build(Map.of("date", " ")));
        assertEquals("date", ((io.resequel.error.ValidationException) e).items().get(0).attribute());
        Instance user = users.build(Map.of());
        user.set("date", new java.util.Date());
        assertInstanceOf(OffsetDateTime.class, user.get("date"));
    }

    /** set.test.js's custom setter: canonicalizes a phone number given as text or as {country, area, local}. */
    private static Model<Instance> phones(TestDb t) {
        Model<Instance> users = define(t, "User", "um_phone_users", s -> s.attribute("phoneNumber", DataTypes.STRING,
                a -> a.set((i, val) -> {
                    Object v = val;
                    if (v instanceof Map<?, ?> m) {
                        v = "00" + m.get("country") + m.get("area") + m.get("local");
                    }
                    if (v instanceof String text) {
                        v = text.replaceAll("^\\+", "00").replaceAll("\\(0\\)|[\\s+/.\\-()]", "");
                    }
                    i.setDataValue("phoneNumber", v);
                })));
        t.db().sync().block();
        return users;
    }

    private static Instance savedPhone(TestDb t, Model<Instance> users) {
        Instance user = users.build(Map.of("phoneNumber", "+1 234 567"));
        user.save().block();
        assertFalse(user.changed("phoneNumber"));
        assertEquals("001234567", user.get("phoneNumber"));
        return user;
    }

    @DatabaseTest
    void customSetterSameValueAsPrimitiveIsNotChanged(TestDb t) {
        Instance user = savedPhone(t, phones(t));
        user.set("phoneNumber", "+1 (0) 234567");
        assertFalse(user.changed("phoneNumber"));
    }

    @DatabaseTest
    void customSetterAnotherValueAsPrimitiveIsChanged(TestDb t) {
        Instance user = savedPhone(t, phones(t));
        user.set("phoneNumber", "+1 (0) 765432");
        assertTrue(user.changed("phoneNumber"));
        t.clearStatements();
        user.save().block();
        assertTrue(last(t).startsWith("UPDATE"), last(t));
        assertEquals("001765432", t.raw("SELECT * FROM " + t.q("um_phone_users")).blockFirst().get("phoneNumber"));
    }

    @DatabaseTest
    void customSetterSameValueAsObjectIsNotChanged(TestDb t) {
        Instance user = savedPhone(t, phones(t));
        user.set("phoneNumber", Map.of("country", "1", "area", "234", "local", "567"));
        assertFalse(user.changed("phoneNumber"));
    }

    @DatabaseTest
    void customSetterAnotherValueAsObjectIsChanged(TestDb t) {
        Instance user = savedPhone(t, phones(t));
        user.set("phoneNumber", Map.of("country", "1", "area", "765", "local", "432"));
        assertTrue(user.changed("phoneNumber"));
    }

    // ---- build.test.js --------------------------------------------------------------------------------------

    @DatabaseTest
    void buildPopulatesNowDefaultValues(TestDb t) {
        Model<Instance> model = define(t, "Model", "um_build_models", s -> s
                .attribute("created_time", DataTypes.DATE, a -> a.allowNull(true).defaultValue(DefaultValue.NOW))
                .attribute("updated_time", DataTypes.DATE, a -> a.allowNull(true).defaultValue(DefaultValue.NOW))
                .attribute("ip", DataTypes.STRING, a -> a.validate(V.isIP()))
                .attribute("ip2", DataTypes.STRING, a -> a.validate(V.isIP().msg("test"))));
        Instance instance = model.build(Map.of("ip", "127.0.0.1", "ip2", "0.0.0.0"));
        assertInstanceOf(OffsetDateTime.class, instance.get("created_time"));
        assertInstanceOf(OffsetDateTime.class, instance.get("updated_time"));
        instance.validate().block();
    }

    @DatabaseTest
    void buildPopulatesExplicitlyUndefinedUuidPrimaryKeys(TestDb t) {
        Model<Instance> model = define(t, "Model", "um_build_models", s -> s.attribute("id", DataTypes.UUID,
                a -> a.primaryKey(true).allowNull(false).defaultValue(DefaultValue.UUIDV4)));
        // Java has no undefined: an absent key is Sequelize's { id: undefined }
        Instance instance = model.build(Map.of());
        assertInstanceOf(UUID.class, instance.get("id"));
        t.db().sync().block();
        instance.save().block();
        assertEquals(1L, model.count().block());
        assertEquals(instance.get("id"), model.findAll().blockFirst().get("id"));
    }

    @DatabaseTest
    void buildPopulatesUndefinedColumnsWithTheDefaultValue(TestDb t) {
        Model<Instance> model = define(t, "Model", "um_build_models", s -> s
                .attribute("number1", DataTypes.INTEGER, a -> a.defaultValue(1))
                .attribute("number2", DataTypes.INTEGER, a -> a.defaultValue(2)));
        Instance instance = model.build(Map.of());
        assertEquals(1, instance.get("number1"));
        assertEquals(2, instance.get("number2"));
    }

    @DatabaseTest
    void buildClonesTheDefaultValues(TestDb t) {
        Map<String, Object> foo = new HashMap<>(Map.of("foo", "bar"));
        Model<Instance> model = define(t, "Model", "um_build_models", s -> s.attribute("data", DataTypes.JSONB,
                a -> a.defaultValue(foo)));
        Instance instance = model.build(Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) instance.get("data");
        data.put("foo", "biz");
        assertEquals(Map.of("foo", "biz"), instance.get("data"));
        assertEquals(Map.of("foo", "bar"), model.build(Map.of()).get("data"));
        assertEquals(Map.of("foo", "bar"), foo);
    }

    // ---- is-soft-deleted.test.js -----------------------------------------------------------------------------

    private static Model<Instance> softDeleteUsers(TestDb t, String table, boolean paranoid) {
        Model<Instance> users = define(t, "User", table, s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("birthdate", DataTypes.DATE)
                .attribute("meta", DataTypes.JSON)
                .attribute("deletedAt", DataTypes.DATE)
                .options(o -> o.paranoid(paranoid)));
        t.db().sync().block();
        return users;
    }

    @DatabaseTest
    void isSoftDeletedDoesNotThrowWhenParanoid(TestDb t) {
        Instance user = loaded(softDeleteUsers(t, "um_paranoid_users", true), Map.of("name", "a"));
        assertFalse(user.isSoftDeleted());
    }

    @DatabaseTest
    void isSoftDeletedThrowsWhenNotParanoid(TestDb t) {
        Instance user = loaded(softDeleteUsers(t, "um_users", false), Map.of("name", "a"));
        InstanceException e = assertThrows(InstanceException.class, user::isSoftDeleted);
        assertTrue(e.getMessage().contains("User is not paranoid"), e.getMessage());
    }

    @DatabaseTest
    void isSoftDeletedIsFalseWhenTheDeletedAtIsItsDefault(TestDb t) {
        Instance user = loaded(softDeleteUsers(t, "um_paranoid_users", true), Map.of("name", "a"));
        user.setDataValue("deletedAt", null);
        assertFalse(user.isSoftDeleted());
    }

    @DatabaseTest
    void isSoftDeletedIsTrueWhenTheDeletedAtIsSet(TestDb t) {
        Model<Instance> users = softDeleteUsers(t, "um_paranoid_users", true);
        Instance user = loaded(users, Map.of("name", "a"));
        user.setDataValue("deletedAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(5));
        assertTrue(user.isSoftDeleted());
        // and as the database says it after a destroy
        Instance other = loaded(users, Map.of("name", "b"));
        other.destroy().block();
        assertTrue(other.isSoftDeleted());
        assertTrue(users.findByPk(other.get("id"), q -> q.paranoid(false)).block().isSoftDeleted());
    }

    // ---- to-json.test.js ------------------------------------------------------------------------------------

    @DatabaseTest
    void toJsonReturnsACopy(TestDb t) {
        Model<Instance> users = define(t, "User", "um_users", s -> s.attribute("name", DataTypes.STRING));
        Instance user = users.build(Map.of("name", "my-name"));
        Map<String, Object> json1 = user.toJSON();
        assertEquals("my-name", json1.get("name"));
        json1.remove("name");
        assertEquals("my-name", user.toJSON().get("name"));
        assertEquals("my-name", user.get("name"));
    }

    @DatabaseTest
    void toJsonReturnsAcloneOfJsonValues(TestDb t) {
        Model<Instance> users = define(t, "User", "um_users", s -> s.attribute("name", DataTypes.STRING)
                .attribute("permissions", DataTypes.JSON));
        Map<String, Object> permissions = new HashMap<>(Map.of("admin", true, "special", "foobar"));
        Instance user = users.build(Map.of("name", "my-name", "permissions", permissions));
        Map<String, Object> json = user.toJSON();
        assertNotSame(user.get("permissions"), json.get("permissions"));
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) json.get("permissions");
        copy.put("admin", false);
        assertEquals(true, ((Map<?, ?>) user.get("permissions")).get("admin"));
    }

    // ---- get.test.js ----------------------------------------------------------------------------------------

    @DatabaseTest
    void getInvokesTheGetterUnlessRaw(TestDb t) {
        AtomicInteger calls = new AtomicInteger();
        Model<Instance> users = define(t, "User", "um_users", s -> s.attribute("name", DataTypes.STRING,
                a -> a.get(i -> {
                    calls.incrementAndGet();
                    return null;
                })));
        users.build(Map.of()).get("name");
        assertEquals(1, calls.get(), "invokes getter if raw: false");
        calls.set(0);
        // Sequelize's get('name', {raw: true}) is getDataValue
        users.build(Map.of()).getDataValue("name");
        assertEquals(0, calls.get(), "does not invoke getter if raw: true");
    }

    // ---- previous.test.js -----------------------------------------------------------------------------------

    @DatabaseTest
    void previousReturnsTheCorrectPreviousValue(TestDb t) {
        Model<Instance> model = define(t, "Model", "um_models", s -> s
                .attribute("text", DataTypes.STRING)
                .attribute("textCustom", DataTypes.STRING, a -> a
                        .set((i, v) -> i.setDataValue("textCustom", v))
                        .get(i -> i.getDataValue("textCustom"))));
        Instance instance = model.build(Map.of("text", "a", "textCustom", "abc"));
        assertNull(instance.previous("text"));
        assertNull(instance.previous("textCustom"));
        instance.set("text", "b");
        instance.set("textCustom", "def");
        assertEquals("a", instance.previous("text"));
        assertEquals("abc", instance.previous("textCustom"));
    }

    // ---- save, reload, restore, destroy, increment, decrement "options tests" --------------------------------

    /** The "options tests" model: a BIGINT auto-increment key, paranoid for reload and restore. */
    private static Model<Instance> bigintUsers(TestDb t, boolean paranoid) {
        Model<Instance> users = define(t, "User", "um_bigint_users", s -> s
                .attribute("id", DataTypes.BIGINT, a -> a.primaryKey(true).autoIncrement(true))
                .options(o -> o.paranoid(paranoid)));
        t.db().sync().block();
        return users;
    }

    @DatabaseTest
    void saveIsRefusedWithoutAPrimaryKeyValue(TestDb t) {
        Model<Instance> users = define(t, "User", "um_keyless_users", s -> s.attribute("name", DataTypes.STRING)
                .removeAttribute("id"));
        t.db().sync().block();
        users.create(Map.of("name", "a")).block();
        Instance user = users.findOne(q -> q.where("name", "a")).block();
        assertFalse(user.isNewRecord());
        user.set("name", "b");
        t.clearStatements();
        assertThrows(InstanceException.class, () -> user.save().block());
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("UPDATE")), t.statements().toString());
        assertEquals("a", t.raw("SELECT * FROM " + t.q("um_keyless_users")).blockFirst().get("name"));
    }

    @DatabaseTest
    void saveWithoutOptions(TestDb t) {
        Model<Instance> users = bigintUsers(t, false);
        Instance user = users.build(Map.of());
        t.clearStatements();
        user.save().block();
        assertTrue(t.statements().get(0).startsWith("INSERT INTO " + t.q("um_bigint_users")), t.statements().toString());
        assertEquals(1L, ((Number) user.get("id")).longValue());
        assertEquals(1L, users.count().block());
    }

    @DatabaseTest
    void reloadWithoutOptions(TestDb t) {
        Model<Instance> users = bigintUsers(t, true);
        Instance user = users.create(Map.of()).block();
        t.clearStatements();
        user.reload().block();
        assertEquals(1, t.statements().size(), t.statements().toString());
        String sql = t.statements().get(0);
        assertTrue(sql.startsWith("SELECT") && sql.contains(t.q("deletedAt") + " IS NULL"), sql);
        assertEquals(1L, ((Number) user.get("id")).longValue());
    }

    @DatabaseTest
    void restoreWithoutOptions(TestDb t) {
        Model<Instance> users = bigintUsers(t, true);
        Instance user = users.create(Map.of()).block();
        user.destroy().block();
        assertEquals(0L, users.count().block());
        t.clearStatements();
        user.restore().block();
        assertTrue(last(t).startsWith("UPDATE " + t.q("um_bigint_users")), last(t));
        assertFalse(user.isSoftDeleted());
        assertEquals(1L, users.count().block());
    }

    @DatabaseTest
    void destroyWithoutOptions(TestDb t) {
        Model<Instance> users = bigintUsers(t, false);
        Instance user = users.create(Map.of()).block();
        t.clearStatements();
        user.destroy().block();
        assertTrue(last(t).startsWith("DELETE FROM " + t.q("um_bigint_users")), last(t));
        assertEquals(0L, users.count().block());
    }

    @DatabaseTest
    void incrementWithoutOptions(TestDb t) {
        Model<Instance> users = bigintUsers(t, false);
        Instance user = users.create(Map.of()).block();
        t.clearStatements();
        user.increment(List.of("id"), IncrementOptions.DEFAULTS).block();
        assertTrue(last(t).startsWith("UPDATE " + t.q("um_bigint_users")), last(t));
        assertEquals(2L, ((Number) t.raw("SELECT * FROM " + t.q("um_bigint_users")).blockFirst().get("id"))
                .longValue());
    }

    @DatabaseTest
    void decrementWithoutOptions(TestDb t) {
        Model<Instance> users = bigintUsers(t, false);
        users.create(Map.of("id", 3L)).block();
        Instance user = users.findByPk(3L).block();
        t.clearStatements();
        user.decrement(List.of("id"), IncrementOptions.DEFAULTS).block();
        assertTrue(last(t).startsWith("UPDATE " + t.q("um_bigint_users")), last(t));
        assertEquals(2L, ((Number) t.raw("SELECT * FROM " + t.q("um_bigint_users")).blockFirst().get("id"))
                .longValue());
    }
}
