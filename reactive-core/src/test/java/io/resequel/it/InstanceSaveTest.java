package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasMany;
import io.resequel.error.ValidationException;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Order;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.validation.V;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Port of Sequelize v6.37.8 {@code test/integration/instance/save.test.js}. */
class InstanceSaveTest {

    /** The suite's User model. */
    static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("uuidv1", DataTypes.UUID, a -> a.defaultValue(DefaultValue.UUIDV4))
                .attribute("uuidv4", DataTypes.UUID, a -> a.defaultValue(DefaultValue.UUIDV4))
                .attribute("touchedAt", DataTypes.DATE, a -> a.defaultValue(DefaultValue.NOW))
                .attribute("aNumber", DataTypes.INTEGER)
                .attribute("bNumber", DataTypes.INTEGER)
                .attribute("aDate", DataTypes.DATE)
                .attribute("validateTest", DataTypes.INTEGER, a -> a.validate(V.isInt()))
                .attribute("validateEmail", DataTypes.STRING, a -> a.validate(V.isEmail()))
                .attribute("validateCustom", DataTypes.STRING, a -> a.validate(V.len(1, 20).msg("Length failed.")))
                .attribute("dateAllowNullTrue", DataTypes.DATE)
                .attribute("isSuperUser", DataTypes.BOOLEAN, a -> a.defaultValue(false)));
        t.db().sync().block();
        return m;
    }

    private static Model<Instance> nameBioEmail(TestDb t, String name, boolean validEmail) {
        Model<Instance> m = t.db().define(name, s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("bio", DataTypes.TEXT)
                .attribute("email", DataTypes.STRING, a -> {
                    if (validEmail) {
                        a.validate(V.isEmail());
                    }
                }));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void supportsTransactions(TestDb t) {
        Model<Instance> users = users(t);
        Transaction tx = t.db().startTransaction().block();
        users.build(Map.of("username", "foo")).save(SaveOptions.in(tx)).block();
        assertEquals(0L, users.count().block());
        assertEquals(1L, users.count(q -> q.transaction(tx)).block());
        tx.rollback().block();
    }

    @DatabaseTest
    void onlyUpdatesFieldsInPassedArray(TestDb t) {
        Model<Instance> users = users(t);
        OffsetDateTime date = OffsetDateTime.of(1990, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        Instance user = users.create(Map.of("username", "foo", "touchedAt", OffsetDateTime.now())).block();
        user.set("username", "fizz").set("touchedAt", date);
        user.save(SaveOptions.fields("username")).block();
        Instance again = users.findByPk(user.get("id")).block();
        assertEquals("fizz", again.get("username"));
        assertFalse(date.isEqual((OffsetDateTime) again.get("touchedAt")));
    }

    @DatabaseTest
    void worksOnAModelWithAnAttributeNamedLength(TestDb t) {
        Model<Instance> box = t.db().define("box", s -> s.attribute("length", DataTypes.INTEGER)
                .attribute("width", DataTypes.INTEGER).attribute("height", DataTypes.INTEGER));
        t.db().sync().block();
        box.create(Map.of("length", 1, "width", 2, "height", 3)).block()
                .update(Map.of("length", 4, "width", 5, "height", 6)).block();
        Instance b = box.findOne(q -> { }).block();
        assertEquals(List.of(4, 5, 6), List.of(b.get("length"), b.get("width"), b.get("height")));
    }

    @DatabaseTest
    void onlyValidatesFieldsInPassedArray(TestDb t) {
        Model<Instance> users = users(t);
        // deviation: a string for an INTEGER fails at set; the invalid value not saved is an e-mail here
        users.build(Map.of("validateEmail", "cake", "validateCustom", "1"))
                .save(SaveOptions.fields("validateCustom")).block();
        assertEquals(1L, users.count().block());
    }

    @DatabaseTest
    void hooksUpdateAttributesAddedInHooks(TestDb t) {
        Model<Instance> m = nameBioEmail(t, "UserAdded", false);
        m.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> e.instance().set("email", "B")));
        Instance u = m.create(Map.of("name", "A", "bio", "A", "email", "A")).block();
        u.set(Map.of("name", "B", "bio", "B")).save().block();
        Instance back = m.findOne(q -> { }).block();
        assertEquals(List.of("B", "B", "B"), List.of(back.get("name"), back.get("bio"), back.get("email")));
    }

    @DatabaseTest
    void hooksUpdateAttributesChangedInHooks(TestDb t) {
        Model<Instance> m = nameBioEmail(t, "UserChanged", false);
        m.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> e.instance().set("email", "C")));
        Instance u = m.create(Map.of("name", "A", "bio", "A", "email", "A")).block();
        u.set(Map.of("name", "B", "bio", "B", "email", "B")).save().block();
        Instance back = m.findOne(q -> { }).block();
        assertEquals(List.of("B", "B", "C"), List.of(back.get("name"), back.get("bio"), back.get("email")));
    }

    @DatabaseTest
    void hooksValidateAttributesAddedInHooks(TestDb t) {
        Model<Instance> m = nameBioEmail(t, "UserValAdded", true);
        m.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> e.instance().set("email", "B")));
        Instance u = m.create(Map.of("name", "A", "bio", "A", "email", "valid.email@gmail.com")).block();
        assertThrows(ValidationException.class, () -> u.set(Map.of("name", "B")).save().block());
        assertEquals("valid.email@gmail.com", m.findOne(q -> { }).block().get("email"));
    }

    @DatabaseTest
    void hooksValidateAttributesChangedInHooks(TestDb t) {
        Model<Instance> m = nameBioEmail(t, "UserValChanged", true);
        m.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> e.instance().set("email", "B")));
        Instance u = m.create(Map.of("name", "A", "bio", "A", "email", "valid.email@gmail.com")).block();
        assertThrows(ValidationException.class, () -> u.set(Map.of("name", "B", "email",
                "still.valid.email@gmail.com")).save().block());
        assertEquals("valid.email@gmail.com", m.findOne(q -> { }).block().get("email"));
    }

    @DatabaseTest
    void storesAnEntryInTheDatabase(TestDb t) {
        Model<Instance> users = users(t);
        OffsetDateTime touched = OffsetDateTime.of(1984, 9, 23, 0, 0, 0, 0, ZoneOffset.UTC);
        Instance user = users.build(Map.of("username", "user", "touchedAt", touched));
        assertEquals(0, users.findAll().collectList().block().size());
        user.save().block();
        List<Instance> all = users.findAll().collectList().block();
        assertEquals(1, all.size());
        assertEquals("user", all.get(0).get("username"));
        assertTrue(touched.isEqual((OffsetDateTime) all.get(0).get("touchedAt")));
    }

    @DatabaseTest
    void handlesAnEntryWithPrimaryKeyOfZero(TestDb t) {
        Model<Instance> m = t.db().define("User2", s -> s
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("username", DataTypes.STRING));
        t.db().sync().block();
        Instance u = m.create(Map.of("id", 0, "username", "user")).block();
        assertEquals(0, u.get("id"));
        Instance found = m.findByPk(0).block();
        assertEquals("user", found.get("username"));
        Instance updated = found.update(Map.of("username", "newUser")).block();
        assertEquals(0, updated.get("id"));
        assertEquals("newUser", m.findByPk(0).block().get("username"));
    }

    @DatabaseTest
    void updatesTheTimestamps(TestDb t) throws Exception {
        Model<Instance> users = users(t);
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        Instance saved = users.build(Map.of("username", "user")).save().block();
        OffsetDateTime first = (OffsetDateTime) saved.get("updatedAt");
        assertTrue(first.isAfter(before));
        saved.set("username", "again").save().block();
        assertFalse(((OffsetDateTime) saved.get("updatedAt")).isBefore(first));
    }

    @DatabaseTest
    void doesNotUpdateTimestampsWhenSilent(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = users.create(Map.of("username", "user")).block();
        Object updatedAt = user.get("updatedAt");
        user.update(Map.of("username", "userman"), SaveOptions.DEFAULTS.silent()).block();
        assertEquals(updatedAt, user.get("updatedAt"));
        assertEquals(updatedAt, users.findByPk(user.get("id")).block().get("updatedAt"));
    }

    @DatabaseTest
    void doesNotUpdateTimestampsWhenSilentInABulkUpdate(TestDb t) {
        Model<Instance> users = users(t);
        users.bulkCreate(List.of(Map.of("username", "Paul"), Map.of("username", "Peter"))).blockLast();
        List<Object> before = users.findAll(q -> q.order(Order.asc("id"))).map(u -> u.get("updatedAt"))
                .collectList().block();
        users.update(Map.of("aNumber", 1), o -> o.where(Where.and()).silent()).block();
        assertEquals(before, users.findAll(q -> q.order(Order.asc("id"))).map(u -> u.get("updatedAt"))
                .collectList().block());
    }

    @DatabaseTest
    void whenNothingChangedDoesNotUpdateTimestamps(TestDb t) {
        Model<Instance> users = users(t);
        users.create(Map.of("username", "John")).block();
        Instance user = users.findOne(q -> q.where("username", "John")).block();
        Object updatedAt = user.get("updatedAt");
        t.clearStatements();
        assertEquals(updatedAt, user.save().block().get("updatedAt"));
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        assertEquals(updatedAt, users.findOne(q -> q.where("username", "John")).block().get("updatedAt"));
    }

    @DatabaseTest
    void changingOnlyVirtualFieldsSendsNoEmptyQuery(TestDb t) {
        Model<Instance> m = t.db().define("UserVirtual", s -> s.attribute("name", DataTypes.STRING)
                .virtual("bio", v -> v.get(i -> "swag")).options(o -> o.timestamps(false)));
        t.db().sync().block();
        Instance u = m.create(Map.of("name", "John", "bio", "swag 1")).block();
        t.clearStatements();
        u.update(Map.of("bio", "swag 2")).block();
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        assertEquals("swag", u.get("bio"));
    }

    @DatabaseTest
    void withoutTimestampsDoesNotUpdateTheUpdatedAtColumn(TestDb t) {
        Model<Instance> m = t.db().define("User2", s -> s.attribute("username", DataTypes.STRING)
                .attribute("updatedAt", DataTypes.DATE).options(o -> o.timestamps(false)));
        t.db().sync().block();
        assertNull(m.create(Map.of("username", "john doe")).block().get("updatedAt"));
    }

    @DatabaseTest
    void updatesCreatedAtIfUpdatedAtIsDisabled(TestDb t) {
        OffsetDateTime now = OffsetDateTime.now().minusSeconds(1);
        Model<Instance> m = t.db().define("User2", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.updatedAt(false)));
        t.db().sync().block();
        Instance u = m.create(Map.of("username", "john doe")).block();
        assertFalse(m.definition().hasAttribute("updatedAt"));
        assertTrue(now.isBefore((OffsetDateTime) u.get("createdAt")));
    }

    @DatabaseTest
    void updatesUpdatedAtIfCreatedAtIsDisabled(TestDb t) {
        OffsetDateTime now = OffsetDateTime.now().minusSeconds(1);
        Model<Instance> m = t.db().define("User2", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.createdAt(false)));
        t.db().sync().block();
        Instance u = m.create(Map.of("username", "john doe")).block();
        assertFalse(m.definition().hasAttribute("createdAt"));
        assertTrue(now.isBefore((OffsetDateTime) u.get("updatedAt")));
    }

    @DatabaseTest
    void worksWithAllowNullFalseOnTimestamps(TestDb t) {
        Model<Instance> m = t.db().define("User2", s -> s.attribute("username", DataTypes.STRING)
                .attribute("createdAt", DataTypes.DATE, a -> a.allowNull(false))
                .attribute("updatedAt", DataTypes.DATE, a -> a.allowNull(false)));
        t.db().sync().block();
        Instance u = m.create(Map.of("username", "john doe")).block();
        assertTrue(u.get("createdAt") instanceof OffsetDateTime);
        assertEquals(u.get("createdAt"), u.get("updatedAt"));
    }

    @DatabaseTest
    void failsAValidationUponCreating(TestDb t) {
        Model<Instance> users = users(t);
        // deviation: "hello" for an INTEGER is refused by its type at set, before the isInt validator runs
        ValidationException e = assertThrows(ValidationException.class,
                () -> users.create(Map.of("aNumber", 0, "validateTest", "hello")).block());
        assertEquals("validateTest", e.items().get(0).attribute());
        ValidationException hooksOff = assertThrows(ValidationException.class, () -> users.create(
                Map.of("aNumber", 0, "validateTest", "hello"), SaveOptions.DEFAULTS.withoutHooks()).block());
        assertEquals("validateTest", hooksOff.items().get(0).attribute());
    }

    @DatabaseTest
    void failsAValidationUponBuilding(TestDb t) {
        Model<Instance> users = users(t);
        ValidationException e = assertThrows(ValidationException.class, () -> users.build(Map.of("aNumber", 0,
                "validateCustom", "aaaaaaaaaaaaaaaaaaaaaaaaaa")).save().block());
        assertEquals("validateCustom", e.items().get(0).attribute());
        assertEquals("Length failed.", e.items().get(0).message());
    }

    @DatabaseTest
    void failsAValidationWhenUpdating(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = users.create(Map.of("aNumber", 0)).block();
        ValidationException e = assertThrows(ValidationException.class,
                () -> user.update(Map.of("validateCustom", "")).block());
        assertEquals("validateCustom", e.items().get(0).attribute());
        assertThrows(ValidationException.class, () -> user.update(Map.of("validateTest", "hello")).block());
    }

    @DatabaseTest
    void takesZeroIntoAccount(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = users.build(Map.of("aNumber", 0)).save(SaveOptions.fields("aNumber")).block();
        assertEquals(0, user.get("aNumber"));
        assertEquals(0, users.findByPk(user.get("id")).block().get("aNumber"));
    }

    @DatabaseTest
    void savesARecordWithNoPrimaryKeyDeclared(TestDb t) {
        Model<Instance> log = t.db().define("HistoryLog", s -> s.attribute("someText", DataTypes.STRING)
                .attribute("aNumber", DataTypes.INTEGER).attribute("aRandomId", DataTypes.INTEGER));
        t.db().sync().block();
        Instance l = log.create(Map.of("someText", "Some random text", "aNumber", 3, "aRandomId", 5)).block();
        assertEquals(5, l.update(Map.of("aNumber", 5)).block().get("aNumber"));
    }

    /** The eagerly-loaded-objects suite's models. */
    private static final class Eager {
        final Model<Instance> users;
        final Model<Instance> projects;
        final HasMany<Instance, Instance> userProjects;

        Eager(TestDb t) {
            users = t.db().define("UserEagerLoadingSaves", s -> s.attribute("username", DataTypes.STRING)
                    .attribute("age", DataTypes.INTEGER).options(o -> o.timestamps(false)));
            projects = t.db().define("ProjectEagerLoadingSaves", s -> s.attribute("title", DataTypes.STRING)
                    .attribute("overdue_days", DataTypes.INTEGER).options(o -> o.timestamps(false)));
            userProjects = users.hasMany(projects, a -> a.as("Projects").foreignKey("PoobahId"));
            projects.belongsTo(users, a -> a.as("Poobah").foreignKey("PoobahId"));
            t.db().sync().block();
        }

        Instance project(String title, int overdue) {
            return projects.create(Map.of("title", title, "overdue_days", overdue)).block();
        }
    }

    @DatabaseTest
    void savesOneObjectThatHasACollectionOfEagerlyLoadedObjects(TestDb t) {
        Eager e = new Eager(t);
        Instance user = e.users.create(Map.of("username", "joe", "age", 1)).block();
        e.userProjects.set(user, List.of(e.project("project-joe1", 0), e.project("project-joe2", 0))).block();
        Instance joe = e.users.findOne(q -> q.where("age", 1).include("Projects")).block();
        assertEquals(2, joe.getMany("Projects", Instance.class).size());
        joe.set("age", (Integer) joe.get("age") + 1);
        Instance saved = joe.save().block();
        assertEquals("joe", saved.get("username"));
        assertEquals(2, saved.get("age"));
        assertEquals(2, saved.getMany("Projects", Instance.class).size());
    }

    @DatabaseTest
    void savesManyObjectsThatEachHaveACollectionOfEagerlyLoadedObjects(TestDb t) {
        Eager e = new Eager(t);
        Instance bart = e.users.create(Map.of("username", "bart", "age", 20)).block();
        Instance lisa = e.users.create(Map.of("username", "lisa", "age", 20)).block();
        e.userProjects.set(bart, List.of(e.project("detention1", 0), e.project("detention2", 0))).block();
        e.userProjects.set(lisa, List.of(e.project("exam1", 0), e.project("exam2", 0))).block();
        List<Instance> simpsons = e.users.findAll(q -> q.where("age", 20).order(Order.asc("username"))
                .include("Projects")).collectList().block();
        assertEquals(2, simpsons.size());
        assertEquals(2, simpsons.get(0).getMany("Projects", Instance.class).size());
        assertEquals(2, simpsons.get(1).getMany("Projects", Instance.class).size());
        Instance savedBart = simpsons.get(0).set("age", 21).save().block();
        assertEquals("bart", savedBart.get("username"));
        assertEquals(21, savedBart.get("age"));
        Instance savedLisa = simpsons.get(1).set("username", "lsimpson").save().block();
        assertEquals("lsimpson", savedLisa.get("username"));
        assertEquals(20, savedLisa.get("age"));
    }

    @DatabaseTest
    void savesManyObjectsThatEachHaveOneEagerlyLoadedParent(TestDb t) {
        Eager e = new Eager(t);
        Instance user = e.users.create(Map.of("username", "poobah", "age", 18)).block();
        e.userProjects.set(user, List.of(e.project("homework", 10), e.project("party", 2))).block();
        List<Instance> projects = e.projects.findAll(q -> q.include("Poobah")).collectList().block();
        assertEquals(2, projects.size());
        for (Instance p : projects) {
            assertEquals("poobah", p.getOne("Poobah", Instance.class).get("username"));
            p.set("title", "partymore").set("overdue_days", 0).save().block();
        }
        List<Instance> saved = e.projects.findAll(q -> q.where("title", "partymore").where("overdue_days", 0)
                .include("Poobah")).collectList().block();
        assertEquals(2, saved.size());
        for (Instance p : saved) {
            assertEquals("poobah", p.getOne("Poobah", Instance.class).get("username"));
        }
    }
}
