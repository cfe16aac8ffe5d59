package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.EmptyResultException;
import io.resequel.error.ModelDefinitionException;
import io.resequel.error.ValidationException;
import io.resequel.hooks.HookType;
import io.resequel.model.Attribute;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.Table;
import io.resequel.query.IncrementOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.UpdateResult;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.validation.V;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Regression tests of issue 12 ("Sequelize fidelity I"): one per defect, each failing before its fix. */
class InstanceFidelityTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("firstName", DataTypes.STRING)
                .attribute("lastName", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER)
                .virtual("fullName", v -> v
                        .get(i -> i.get("firstName") + " " + i.get("lastName"))
                        .set((i, x) -> {
                            String[] parts = ((String) x).split(" ", 2);
                            i.setDataValue("firstName", parts[0]);
                            i.setDataValue("lastName", parts[1]);
                        })));
        t.db().sync().block();
        return m;
    }

    private static Map<String, Object> row(TestDb t, String table, Object id) {
        return t.raw("SELECT * FROM " + t.q(table) + " WHERE " + t.q("id") + " = " + id).blockFirst();
    }

    // ---- set/update keep the key and timestamps -----------------------------------------------------------

    @DatabaseTest
    void setAndUpdateKeepKeyAndTimestampsOfSavedInstance(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada")).block();
        Object id = u.get("id");
        Object createdAt = u.get("createdAt");
        Object updatedAt = u.get("updatedAt");
        OffsetDateTime past = OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        u.set("id", 999).set("createdAt", past).set("updatedAt", past);
        assertEquals(id, u.get("id"));
        assertEquals(createdAt, u.get("createdAt"));
        assertEquals(updatedAt, u.get("updatedAt"));
        assertTrue(u.changed().isEmpty(), u.changed().toString());
        u.update(Map.of("id", 777, "createdAt", past, "firstName", "Bea")).block();
        assertEquals(id, u.get("id"));
        Map<String, Object> r = row(t, "Users", id);
        assertEquals("Bea", r.get("firstName"));
        assertEquals(1L, users.count().block());
        assertNotEquals(2001, ((java.time.temporal.TemporalAccessor) u.get("createdAt"))
                .get(java.time.temporal.ChronoField.YEAR));
        // raw (setDataValue) still writes them, as Sequelize's set(..., {raw: true})
        u.setDataValue("createdAt", past);
        assertEquals(past, u.get("createdAt"));
        // a new record's timestamps and a key without a value may be set
        Instance fresh = users.build(Map.of("id", 50, "createdAt", past));
        assertEquals(50, fresh.get("id"));
        fresh.set("id", 51);
        assertEquals(50, fresh.get("id"));
        assertEquals(past, fresh.get("createdAt"));
    }

    // ---- reload -------------------------------------------------------------------------------------------

    @DatabaseTest
    void reloadRerunsTheOriginalIncludeAndTakesOptions(TestDb t) {
        Model<Instance> users = users(t);
        Model<Instance> tasks = t.db().define("Task", s -> s.attribute("title", DataTypes.STRING));
        Model<Instance> profiles = t.db().define("Profile", s -> s.attribute("bio", DataTypes.STRING));
        users.hasMany(tasks, a -> a.as("tasks").foreignKey("UserId"));
        users.hasOne(profiles, a -> a.as("profile").foreignKey("UserId"));
        t.db().sync().block();
        Instance ada = users.create(Map.of("firstName", "Ada")).block();
        Object id = ada.get("id");
        tasks.bulkCreate(List.of(Map.of("title", "a", "UserId", id), Map.of("title", "b", "UserId", id))).blockLast();
        profiles.create(Map.of("bio", "x", "UserId", id)).block();
        Instance loaded = users.findOne(q -> q.where("id", id).include("tasks").include("profile")).block();
        assertEquals(2, loaded.getMany("tasks", Instance.class).size());
        tasks.destroy(Where.eq("title", "a")).block();
        profiles.destroy(Where.and()).block();
        loaded.reload().block();
        assertEquals(List.of("b"), loaded.getMany("tasks", Instance.class).stream().map(i -> i.get("title")).toList());
        assertTrue(loaded.isIncluded("profile"));
        assertNull(loaded.getOne("profile", Instance.class));
        tasks.destroy(Where.and()).block();
        loaded.reload().block();
        assertEquals(List.of(), loaded.getMany("tasks", Instance.class));

        // attributes: only those are replaced; pending changes of the others stay
        loaded.set("lastName", "Pending");
        users.update(Map.of("firstName", "Eve", "age", 9), Where.eq("id", id)).block();
        loaded.reload(q -> q.attributes("firstName")).block();
        assertEquals("Eve", loaded.get("firstName"));
        assertEquals("Pending", loaded.get("lastName"));
        assertTrue(loaded.changed("lastName"));
        assertNull(loaded.get("age"));

        // transaction: the reload reads the transaction's uncommitted write
        Transaction tx = t.db().startTransaction().block();
        users.findByPk(id).block().update(Map.of("firstName", "InTx"), SaveOptions.in(tx)).block();
        loaded.reload(q -> q.transaction(tx)).block();
        assertEquals("InTx", loaded.get("firstName"));
        tx.rollback().block();
        loaded.reload().block();
        assertEquals("Eve", loaded.get("firstName"));
    }

    @DatabaseTest
    void reloadWithParanoidFalseReadsASoftDeletedRow(TestDb t) {
        Model<Instance> notes = t.db().define("Note", s -> s.attribute("text", DataTypes.STRING)
                .options(o -> o.paranoid(true)));
        t.db().sync().block();
        Instance n = notes.create(Map.of("text", "x")).block();
        n.destroy().block();
        assertThrows(io.resequel.error.InstanceException.class, () -> n.reload().block());
        n.reload(q -> q.paranoid(false)).block();
        assertTrue(n.get("deletedAt") != null);
    }

    // ---- change tracking ----------------------------------------------------------------------------------

    @DatabaseTest
    void afterHooksSeeTheChangesAndPreviousValues(TestDb t) {
        Model<Instance> users = users(t);
        List<String> seen = new ArrayList<>();
        for (HookType type : List.of(HookType.AFTER_CREATE, HookType.AFTER_UPDATE, HookType.AFTER_SAVE)) {
            users.hooks().add(type, e -> Mono.fromRunnable(() -> seen.add(type + " " + e.instance().changed()
                    + " " + e.instance().previous())));
        }
        Instance u = users.create(Map.of("firstName", "Ford")).block();
        // a value given to build has no previous value (Sequelize's undefined)
        assertEquals(List.of("AFTER_CREATE [firstName] {firstName=null}", "AFTER_SAVE [firstName] {firstName=null}"),
                seen);
        assertTrue(u.changed().isEmpty());
        seen.clear();
        u.update(Map.of("firstName", "Arthur")).block();
        assertEquals(List.of("AFTER_UPDATE [firstName] {firstName=Ford}", "AFTER_SAVE [firstName] {firstName=Ford}"),
                seen);
        assertTrue(u.changed().isEmpty());
        assertEquals(Map.of(), u.previous());
    }

    @DatabaseTest
    void previousOfABuiltInstanceAndAsAMap(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.build(Map.of("firstName", "Jan", "lastName", "Meier"));
        u.set("firstName", "Mick");
        u.set("lastName", "Hansen");
        assertEquals("Jan", u.previous("firstName"));
        assertEquals("Mick", u.get("firstName"));
        assertEquals(Map.of("firstName", "Jan", "lastName", "Meier"), u.previous());
        assertTrue(u.changed("firstName"));
    }

    // ---- defaults, VIRTUAL --------------------------------------------------------------------------------

    @DatabaseTest
    void defaultsSkipSettersAndVirtualsKeepTheirValue(TestDb t) {
        List<Object> validated = new ArrayList<>();
        Model<Instance> m = t.db().define("Thing", s -> s
                .attribute("code", DataTypes.STRING, a -> a.defaultValue("abc")
                        .set((i, v) -> i.setDataValue("code", "set:" + v)))
                .attribute("status", DataTypes.STRING)
                .virtual("confirm", v -> v.validate(V.custom("seen", x -> {
                    validated.add(x);
                    return "yes".equals(x);
                })))
                .virtual("label", v -> v.get(i -> "label of " + i.get("status")))
                .virtual("active", v -> v.dependsOn("status").get(i -> "on".equals(i.get("status")))));
        t.db().sync().block();
        Instance built = m.build(Map.of());
        assertEquals("abc", built.get("code"));
        assertEquals("set:x", m.build(Map.of("code", "x")).get("code"));

        Instance i = m.build(Map.of("status", "on", "confirm", "no"));
        assertEquals("no", i.get("confirm"));
        ValidationException e = assertThrows(ValidationException.class, () -> i.save().block());
        assertEquals("confirm", e.items().get(0).attribute());
        assertEquals(List.of("no"), validated);
        i.set("confirm", "yes").save().block();

        i.set("label", "memory only");
        assertEquals("memory only", i.getDataValue("label"));
        assertEquals("label of on", i.get("label"));

        t.clearStatements();
        Instance read = m.findOne(q -> q.attributes("active")).block();
        assertEquals(Boolean.TRUE, read.get("active"));
        assertTrue(t.statements().get(0).contains("status"), t.statements().toString());
        assertFalse(read.toJSON().containsKey("code"), "only the dependency is selected");
    }

    @DatabaseTest
    void staticUpdateAndFindOrCreateRunVirtualSetters(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "A", "lastName", "B")).block();
        assertEquals(1L, users.update(Map.of("fullName", "Ada Lovelace"), Where.eq("id", u.get("id"))).block());
        Map<String, Object> r = row(t, "Users", u.get("id"));
        assertEquals("Ada", r.get("firstName"));
        assertEquals("Lovelace", r.get("lastName"));
        io.resequel.query.Created<Instance> c = users.findOrCreate(Where.eq("age", 7),
                Map.of("fullName", "Grace Hopper")).block();
        assertTrue(c.created());
        Map<String, Object> g = row(t, "Users", c.instance().get("id"));
        assertEquals("Grace", g.get("firstName"));
        assertEquals("Hopper", g.get("lastName"));
    }

    // ---- definition mistakes ------------------------------------------------------------------------------

    /** A Java class with no default data type. */
    static final class Money {
    }

    /** A typed model whose attribute has no default data type. */
    public static class Wallet extends Instance {
        public static final Attribute<Wallet, Money> AMOUNT = Attribute.of("amount", Money.class);
    }

    @DatabaseTest
    void definitionMistakesFailAtDefineNamingModelAndAttribute(TestDb t) {
        ModelDefinitionException twoAuto = assertThrows(ModelDefinitionException.class, () -> t.db().define("Two",
                s -> s.attribute("seq", DataTypes.INTEGER, a -> a.autoIncrement(true))));
        assertEquals("Two", twoAuto.model());
        assertTrue(twoAuto.getMessage().contains("seq"), twoAuto.getMessage());
        ModelDefinitionException validator = assertThrows(ModelDefinitionException.class, () -> t.db().define("Val",
                s -> s.attribute("name", DataTypes.STRING).validate("name", i -> Mono.empty())));
        assertEquals("name", validator.attribute());
        ModelDefinitionException nullType = assertThrows(ModelDefinitionException.class, () -> t.db().define("Nul",
                s -> s.attribute("x", null)));
        assertEquals("Nul", nullType.model());
        assertEquals("x", nullType.attribute());
        ModelDefinitionException unknown = assertThrows(ModelDefinitionException.class,
                () -> t.db().define(Wallet.class));
        assertEquals("Wallet", unknown.model());
        assertEquals("amount", unknown.attribute());
        assertTrue(unknown.getMessage().contains(Money.class.getName()), unknown.getMessage());
    }

    // ---- bulk update with individual hooks ----------------------------------------------------------------

    @DatabaseTest
    void individualHooksBulkUpdateReturnsTheUpdatedInstances(TestDb t) {
        Model<Instance> users = users(t);
        users.bulkCreate(List.of(Map.of("firstName", "a", "age", 1), Map.of("firstName", "b", "age", 2),
                Map.of("firstName", "c", "age", 3))).blockLast();
        users.hooks().add(HookType.AFTER_UPDATE, e -> Mono.fromRunnable(() -> e.instance().setDataValue("lastName",
                "hooked")));
        UpdateResult<Instance> r = users.update(Map.of("age", 10), o -> o.where(Where.where("age",
                io.resequel.query.Op.LTE, 2)).individualHooks()).block();
        assertEquals(2L, r.count());
        assertEquals(2, r.rows().size());
        for (Instance i : r.rows()) {
            assertEquals(10, i.get("age"));
            assertEquals("hooked", i.get("lastName"));
        }
    }

    // ---- typed models -------------------------------------------------------------------------------------

    /** Shared attributes, declared on a superclass. */
    public static class Named extends Instance {
        public static final Attribute<Named, String> NAME = Attribute.of("name", String.class);
    }

    /** A typed model whose @Table sets only the table name. */
    @Table(name = "people_table")
    public static class Person extends Named {
        public static final Attribute<Person, Integer> SCORE = Attribute.of("score", Integer.class,
                a -> a.defaultValue(5));
        public static final Attribute<Person, Integer> FIRST_SEEN = Attribute.of("firstSeen", Integer.class);

        public Person() {
        }

        public Person name(String name) {
            set(NAME, name);
            return this;
        }
    }

    @DatabaseTest
    void typedModelsTakeGlobalDefaultsInheritedAttributesAndInstances(TestDb t) {
        io.resequel.Resequel db = t.connect(o -> o.define(d -> d.timestamps(false).underscored(true)));
        Model<Person> people = db.define(Person.class);
        assertEquals("people_table", people.tableName());
        assertNull(people.definition().createdAtAttribute(), "global timestamps(false) kept");
        assertEquals("first_seen", people.definition().attribute("firstSeen").field(), "global underscored kept");
        assertTrue(people.definition().hasAttribute("score"));
        db.sync().block();
        Person built = people.build(Map.of("name", "built"));
        Person made = new Person().name("made");
        assertEquals("made", made.get(Named.NAME));
        List<Person> created = people.bulkCreate(List.of(built, made)).collectList().block();
        assertEquals(List.of("built", "made"), created.stream().map(p -> p.get(Named.NAME)).toList());
        assertEquals(5, created.get(1).get(Person.SCORE));
        Person one = people.create(new Person().name("one")).block();
        assertFalse(one.isNewRecord());
        assertEquals(5, one.get(Person.SCORE));
        people.upsert((Person) new Person().name("two").set("id", 100)).block();
        assertEquals(4L, people.count().block());
    }

    // ---- missing instance API -----------------------------------------------------------------------------

    @DatabaseTest
    void instanceUpdateWithOptions(TestDb t) {
        Model<Instance> users = users(t);
        List<String> hooked = new ArrayList<>();
        users.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> hooked.add("before")));
        Instance u = users.create(Map.of("firstName", "Ada", "age", 1)).block();
        Object updatedAt = u.get("updatedAt");
        // fields: keys outside them are ignored (a request body may carry anything the model has)
        u.update(Map.of("firstName", "Bea", "age", 99), SaveOptions.fields("firstName").silent()).block();
        Map<String, Object> r = row(t, "Users", u.get("id"));
        assertEquals("Bea", r.get("firstName"));
        assertEquals(1, ((Number) r.get("age")).intValue());
        assertEquals(1, u.get("age"));
        assertEquals(updatedAt, u.get("updatedAt"));
        // unknown names stay errors, even outside fields
        assertThrows(io.resequel.error.UnknownAttributeException.class,
                () -> u.update(Map.of("nope", 1), SaveOptions.fields("firstName")).block());
        assertEquals(List.of("before"), hooked);
        u.update(Map.of("age", 2), SaveOptions.DEFAULTS.withoutHooks()).block();
        assertEquals(List.of("before"), hooked);
        Transaction tx = t.db().startTransaction().block();
        u.update(Map.of("age", 3), SaveOptions.in(tx)).block();
        assertEquals(2, ((Number) row(t, "Users", u.get("id")).get("age")).intValue());
        tx.rollback().block();
    }

    @DatabaseTest
    void incrementWithWhereAndReturning(TestDb t) {
        Model<Instance> users = users(t);
        Instance u = users.create(Map.of("firstName", "Ada", "age", 1)).block();
        u.increment(List.of("age"), IncrementOptions.by(2).where(Where.eq("firstName", "other"))).block();
        assertEquals(1, ((Number) row(t, "Users", u.get("id")).get("age")).intValue());
        u.increment(List.of("age"), IncrementOptions.by(2)).block();
        assertEquals(3, ((Number) row(t, "Users", u.get("id")).get("age")).intValue());
        // PostgreSQL reads the new value back; elsewhere the instance keeps what it had
        assertEquals(t.is("postgres") ? 3 : 1, u.get("age"));
        u.decrement(List.of("age"), IncrementOptions.by(1).returning(false)).block();
        assertEquals(t.is("postgres") ? 3 : 1, u.get("age"));
        assertEquals(2, ((Number) row(t, "Users", u.get("id")).get("age")).intValue());
    }

    @DatabaseTest
    void destroyEmitsTheInstanceAndValidateSkipsAndIsImmutable(TestDb t) {
        Model<Instance> m = t.db().define("Acct", s -> s
                .attribute("code", DataTypes.STRING, a -> a.validate(V.isImmutable()))
                .attribute("email", DataTypes.STRING, a -> a.validate(V.isEmail())));
        t.db().sync().block();
        Instance a = m.create(Map.of("code", "A1")).block();
        a.set("code", "B2");
        ValidationException e = assertThrows(ValidationException.class, () -> a.save().block());
        assertEquals("isImmutable", e.items().get(0).validator());
        a.set("code", "A1");
        a.set("email", "not an email");
        assertThrows(ValidationException.class, () -> a.validate().block());
        a.validate(List.of("email")).block();
        a.set("email", "a@b.io");
        Instance gone = a.destroy().block();
        assertTrue(gone == a);
        assertEquals(0L, m.count().block());
    }

    @DatabaseTest
    void modelRejectOnEmptyAndCustomErrors(TestDb t) {
        Model<Instance> m = t.db().define("Strict", s -> s.attribute("x", DataTypes.INTEGER)
                .options(o -> o.rejectOnEmpty(true)));
        t.db().sync().block();
        assertThrows(EmptyResultException.class, () -> m.findOne(q -> q.where("x", 1)).block());
        assertThrows(EmptyResultException.class, () -> m.findByPk(42).block());
        assertThrows(EmptyResultException.class, () -> m.findAll().blockLast());
        assertNull(m.findOne(q -> q.where("x", 1).rejectOnEmpty(false)).block());
        IllegalStateException custom = assertThrows(IllegalStateException.class, () -> m.findOne(q -> q
                .where("x", 1).rejectOnEmpty(() -> new IllegalStateException("no x"))).block());
        assertEquals("no x", custom.getMessage());
    }

    @DatabaseTest
    void deletedAtFalseLeavesTheModelNotParanoid(TestDb t) {
        Model<Instance> m = t.db().define("Loose", s -> s.attribute("x", DataTypes.INTEGER)
                .options(o -> o.paranoid(true).deletedAt(false)));
        t.db().sync().block();
        assertNull(m.definition().deletedAtAttribute());
        assertFalse(m.definition().hasAttribute("deletedAt"));
        m.create(Map.of("x", 1)).flatMap(i -> i.<Instance>destroy()).block();
        assertEquals(0L, m.unscoped().count().block());
    }

    // ---- lossless conversions -----------------------------------------------------------------------------

    @DatabaseTest
    void losslessConversionsAreAcceptedLossyOnesAreValidationErrors(TestDb t) {
        Model<Instance> m = t.db().define("Conv", s -> s
                .attribute("at", DataTypes.DATE)
                .attribute("day", DataTypes.DATEONLY)
                .attribute("n", DataTypes.INTEGER)
                .attribute("big", DataTypes.BIGINT)
                .attribute("dbl", DataTypes.DOUBLE)
                .attribute("dec", DataTypes.DECIMAL(10, 2))
                .attribute("flag", DataTypes.BOOLEAN));
        t.db().sync().block();
        Instant instant = Instant.parse("2024-03-01T10:15:30Z");
        OffsetDateTime expected = instant.atOffset(ZoneOffset.UTC);
        for (Object at : List.of(instant, LocalDateTime.of(2024, 3, 1, 10, 15, 30),
                ZonedDateTime.ofInstant(instant, ZoneId.of("Europe/Paris")), expected.withOffsetSameInstant(
                        ZoneOffset.ofHours(-5)), Date.from(instant))) {
            assertEquals(expected, m.build(Map.of("at", at)).get("at"), at.getClass().getName());
        }
        assertEquals(LocalDate.of(2024, 3, 1), m.build(Map.of("day", LocalDateTime.of(2024, 3, 1, 23, 0))).get("day"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("n", "42");
        values.put("big", 7);
        values.put("dbl", 3L);
        values.put("dec", "12.50");
        values.put("flag", "1");
        Instance saved = m.create(values).block();
        Instance back = m.findByPk(saved.get("id")).block();
        assertEquals(42, back.get("n"));
        assertEquals(7L, back.get("big"));
        assertEquals(3.0, back.get("dbl"));
        assertEquals(0, new BigDecimal("12.50").compareTo((BigDecimal) back.get("dec")));
        assertEquals(Boolean.TRUE, back.get("flag"));
        assertEquals(Boolean.FALSE, m.build(Map.of("flag", "false")).get("flag"));
        for (Map.Entry<String, Object> lossy : List.<Map.Entry<String, Object>>of(Map.entry("n", "4.5"),
                Map.entry("n", 4.5), Map.entry("n", " 42"), Map.entry("n", Long.MAX_VALUE), Map.entry("flag", "yes"),
                Map.entry("flag", 2), Map.entry("dec", "1,5"), Map.entry("at", "2024-03-01"),
                Map.entry("big", 1.0))) {
            assertThrows(ValidationException.class, () -> m.build(Map.of(lossy.getKey(), lossy.getValue())),
                    lossy.toString());
        }
    }
}
