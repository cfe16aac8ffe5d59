package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ModelDefinitionException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Index;
import io.resequel.model.IndexField;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Created;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Port of Sequelize v6's test/integration/model.test.js, sections "constructor", "build", "findOne" and
 * "findOrBuild", and of test/integration/model/findOrBuild.test.js.
 */
class SequelizeModelDefineTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("data", DataTypes.STRING));
        t.db().sync().block();
        return m;
    }

    private static LocalDate day(Object value) {
        Instant at = value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    // ---- constructor ----------------------------------------------------------------------------------------

    @DatabaseTest
    void tableNameFrozenOrPluralised(TestDb t) {
        assertEquals("fma_FrozenUser", t.db().define("fma_FrozenUser", s -> s.options(o -> o.freezeTableName(true)))
                .tableName());
        assertEquals("fma_SuperUsers", t.db().define("fma_SuperUser", s -> s.options(o -> o.freezeTableName(false)))
                .tableName());
    }

    @DatabaseTest
    void redefiningAModelReplacesItInsteadOfLeaking(TestDb t) {
        t.db().define("fma_SuperUser", s -> { });
        int before = t.db().models().size();
        Model<Instance> second = t.db().define("fma_SuperUser", s -> { });
        assertEquals(before, t.db().models().size());
        assertSame(second, t.db().model("fma_SuperUser"));
    }

    @DatabaseTest
    void ownIdColumnSpec(TestDb t) {
        Model<Instance> m = t.db().define("fma_UserCol", s -> s.attribute("id", DataTypes.STRING,
                a -> a.defaultValue("User").primaryKey(true)));
        t.db().sync().block();
        assertEquals("My own ID!", m.create(Map.of("id", "My own ID!")).block().get("id"));
        assertEquals("User", m.create(Map.of()).block().get("id"));
        assertEquals(List.of("My own ID!", "User"), t.raw("SELECT " + t.q("id") + " AS i FROM " + t.q("fma_UserCols")
                + " ORDER BY " + t.q("id")).map(r -> r.get("i")).collectList().block());
    }

    /** Issue 12 defect: two auto-increment attributes fail at define with a typed error naming model and attribute. */
    @DatabaseTest
    void twoAutoIncrementsAreADefinitionError(TestDb t) {
        ModelDefinitionException e = assertThrows(ModelDefinitionException.class, () -> t.db()
                .define("fma_UserWithTwoAutoIncrements", s -> s
                        .attribute("userid", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                        .attribute("userscore", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))));
        assertEquals("fma_UserWithTwoAutoIncrements", e.model());
        assertEquals("userscore", e.attribute());
        assertTrue(e.getMessage().contains("only one auto-increment"), e.getMessage());
        assertNull(t.db().model("fma_UserWithTwoAutoIncrements"));
    }

    /** Issue 12 defect: a model validator named like an attribute fails at define, typed. */
    @DatabaseTest
    void modelValidatorNamedLikeAnAttributeIsADefinitionError(TestDb t) {
        ModelDefinitionException e = assertThrows(ModelDefinitionException.class, () -> t.db()
                .define("fma_Foo", s -> s.attribute("field", DataTypes.INTEGER)
                        .validate("field", i -> Mono.empty())));
        assertEquals("fma_Foo", e.model());
        assertEquals("field", e.attribute());
    }

    /** Issue 12 defects: a null type (was a bare NullPointerException) fails at define, typed. */
    @DatabaseTest
    void nullTypeIsADefinitionError(TestDb t) {
        ModelDefinitionException e = assertThrows(ModelDefinitionException.class, () -> t.db()
                .define("fma_Typeless", s -> s.attribute("name", null)));
        assertEquals("fma_Typeless", e.model());
        assertEquals("name", e.attribute());
    }

    @DatabaseTest
    void timestampAttributesTakeTheirDeclaredDefaults(TestDb t) {
        OffsetDateTime jan1 = OffsetDateTime.of(2012, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime jan2 = jan1.plusDays(1);
        Model<Instance> m = t.db().define("fma_UserCol", s -> s.attribute("aNumber", DataTypes.INTEGER)
                .attribute("createdAt", DataTypes.DATE, a -> a.defaultValue(jan1))
                .attribute("updatedAt", DataTypes.DATE, a -> a.defaultValue(jan2)));
        t.db().sync().block();
        Instance user = m.create(Map.of("aNumber", 5)).block();
        m.bulkCreate(List.of(Map.of("aNumber", 10), Map.of("aNumber", 12))).blockLast();
        assertEquals(LocalDate.of(2012, 1, 1), day(user.get("createdAt")));
        assertEquals(LocalDate.of(2012, 1, 2), day(user.get("updatedAt")));
        List<Instance> found = m.findAll(q -> q.where("aNumber", Op.GTE, 10)).collectList().block();
        assertEquals(2, found.size());
        for (Instance u : found) {
            assertEquals(LocalDate.of(2012, 1, 1), day(u.get("createdAt")));
            assertEquals(LocalDate.of(2012, 1, 2), day(u.get("updatedAt")));
        }
    }

    @DatabaseTest
    void generatedDefaultRunsOncePerRecord(TestDb t) {
        AtomicInteger calls = new AtomicInteger();
        Model<Instance> m = t.db().define("fma_UserCol", s -> s.attribute("aNumber", DataTypes.INTEGER,
                a -> a.defaultValue(DefaultValue.generated(() -> {
                    calls.incrementAndGet();
                    return 5;
                }))));
        t.db().sync().block();
        assertEquals(5, m.create(Map.of()).block().get("aNumber"));
        assertEquals(5, m.create(Map.of()).block().get("aNumber"));
        assertEquals(2, calls.get());
    }

    @DatabaseTest
    void timestampOptionsAsTrue(TestDb t) {
        Model<Instance> m = t.db().define("fma_UserCol", s -> s.attribute("aNumber", DataTypes.INTEGER)
                .options(o -> o.timestamps(true).updatedAt(true).createdAt(true).deletedAt(true).paranoid(true)));
        t.db().sync().block();
        Instance user = m.create(Map.of("aNumber", 4)).block();
        assertFalse(m.definition().hasAttribute("true"));
        assertNotNull(user.get("updatedAt"));
        assertNotNull(user.get("createdAt"));
        user.destroy().block();
        user.reload(q -> q.paranoid(false)).block();
        assertNotNull(user.get("deletedAt"));
    }

    @DatabaseTest
    void timestampOptionsRenamed(TestDb t) {
        Model<Instance> m = t.db().define("fma_UserCol", s -> s.attribute("aNumber", DataTypes.INTEGER)
                .options(o -> o.updatedAt("updatedOn").createdAt("dateCreated").deletedAt("deletedAtThisTime")
                        .paranoid(true)));
        t.db().sync().block();
        Instance user = m.create(Map.of("aNumber", 4)).block();
        assertNotNull(user.get("updatedOn"));
        assertNotNull(user.get("dateCreated"));
        user.destroy().block();
        user.reload(q -> q.paranoid(false)).block();
        assertNotNull(user.get("deletedAtThisTime"));
        assertEquals(0L, m.count().block());
    }

    @DatabaseTest
    void someTimestampsDisabled(TestDb t) {
        Model<Instance> m = t.db().define("fma_UpdatingUser", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.updatedAt(false).createdAt(false).deletedAt("deletedAtThisTime").paranoid(true)));
        t.db().sync().block();
        Instance user = m.create(Map.of("name", "heyo")).block();
        assertFalse(m.definition().hasAttribute("createdAt"));
        assertFalse(m.definition().hasAttribute("false"));
        user.set("name", "heho");
        user = user.save().block();
        assertFalse(m.definition().hasAttribute("updatedAt"));
        assertEquals(java.util.Set.of("id", "name", "deletedAtThisTime"), SyncTest.columns(t, "fma_UpdatingUsers"));
        user.destroy().block();
        user.reload(q -> q.paranoid(false)).block();
        assertNotNull(user.get("deletedAtThisTime"));
    }

    /** Issue 12 defect: defaults must not pass through attribute setters at build. */
    @DatabaseTest
    void defaultsSkipTheSetter(TestDb t) {
        AtomicInteger setterCalls = new AtomicInteger();
        Model<Instance> m = t.db().define("fma_TaskBuild", s -> s.attribute("title", DataTypes.STRING(50),
                a -> a.allowNull(false).defaultValue("").set((i, v) -> {
                    setterCalls.incrementAndGet();
                    i.setDataValue("title", v);
                })));
        t.db().sync().block();
        Instance record = m.build(Map.of()).save().block();
        assertEquals("", record.get("title"));
        assertEquals(0, setterCalls.get());
        assertEquals("", t.raw("SELECT " + t.q("title") + " AS ti FROM " + t.q("fma_TaskBuilds")).blockFirst().get("ti"));
    }

    @DatabaseTest
    void paranoidAndUnderscored(TestDb t) {
        Model<Instance> m = t.db().define("fma_UserCol", s -> s.attribute("aNumber", DataTypes.INTEGER)
                .options(o -> o.paranoid(true).underscored(true)));
        t.db().sync().block();
        m.create(Map.of("aNumber", 30)).block();
        assertEquals(1L, m.count().block());
        assertTrue(SyncTest.columns(t, "fma_UserCols").contains("deleted_at"));
    }

    @DatabaseTest
    void multiColumnUniqueKeys(TestDb t) {
        Model<Instance> m = t.db().define("fma_UserWithUniqueUsername", s -> s
                .attribute("username", DataTypes.STRING, a -> a.unique("fma_user_and_email"))
                .attribute("email", DataTypes.STRING, a -> a.unique("fma_user_and_email"))
                .attribute("aCol", DataTypes.STRING, a -> a.unique("fma_a_and_b"))
                .attribute("bCol", DataTypes.STRING, a -> a.unique("fma_a_and_b")));
        t.clearStatements();
        t.db().sync().block();
        String ddl = String.join("\n", t.statements());
        String q = t.is("mysql") ? "`" : "\"";
        assertTrue(ddl.matches("(?s).*UNIQUE\\s*\\(" + q + "username" + q + ", " + q + "email" + q + "\\).*"), ddl);
        assertTrue(ddl.matches("(?s).*UNIQUE\\s*\\(" + q + "aCol" + q + ", " + q + "bCol" + q + "\\).*"), ddl);
        m.create(Map.of("username", "tobi", "email", "a", "aCol", "x", "bCol", "1")).block();
        m.create(Map.of("username", "tobi", "email", "b", "aCol", "x", "bCol", "2")).block();
        assertThrows(UniqueConstraintException.class, () -> m.create(Map.of("username", "tobi", "email", "a",
                "aCol", "y", "bCol", "1")).block());
        assertThrows(UniqueConstraintException.class, () -> m.create(Map.of("username", "z", "email", "z",
                "aCol", "x", "bCol", "2")).block());
    }

    @DatabaseTest
    void uniqueOnAFieldAlias(TestDb t) {
        Model<Instance> m = t.db().define("fma_UserWithUniqueFieldAlias", s -> s.attribute("userName",
                DataTypes.STRING, a -> a.unique("fma_user_name_unique").field("user_name")));
        t.db().sync().block();
        List<SequelizeModelSyncTest.IndexRow> rows = SequelizeModelSyncTest.showIndex(t, m.tableName());
        assertEquals(2, rows.size(), rows.toString());
        SequelizeModelSyncTest.IndexRow unique = rows.stream().filter(r -> !r.primary()).findFirst().get();
        assertTrue(unique.unique());
        m.create(Map.of("userName", "a")).block();
        UniqueConstraintException e = assertThrows(UniqueConstraintException.class,
                () -> m.create(Map.of("userName", "a")).block());
        assertTrue(e.getMessage().contains("user_name") || String.valueOf(e.fields()).contains("user_name"),
                e.getMessage());
    }

    @DatabaseTest
    void indexesInOptionsAreCreatedOnce(TestDb t) {
        Model<Instance> m = t.db().define("fma_model", s -> s.attribute("fieldA", DataTypes.STRING)
                .attribute("fieldB", DataTypes.INTEGER).attribute("fieldC", DataTypes.STRING)
                .options(o -> {
                    o.index(Index.on(IndexField.of("fieldB"), IndexField.of("fieldA").desc()).name("fma_a_b_uniq")
                            .unique(true));
                    if (t.is("mysql")) {
                        o.index(Index.on("fieldC").type("FULLTEXT"));
                    } else {
                        o.index(Index.on("fieldC"));
                    }
                }));
        t.db().sync().block();
        t.db().sync().block();
        List<SequelizeModelSyncTest.IndexRow> rows = SequelizeModelSyncTest.showIndex(t, m.tableName());
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.name().equals("fma_a_b_uniq") && r.unique()), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.name().equals("fma_models_field_c") && !r.unique()), rows.toString());
        assertEquals(List.of(false, true), IndexTest.column(IndexTest.indexColumns(t, m.tableName(), "fma_a_b_uniq"),
                "desc"));
    }

    // ---- build ----------------------------------------------------------------------------------------------

    @DatabaseTest
    void buildWritesNothing(TestDb t) {
        Model<Instance> m = users(t);
        Instance built = m.build(Map.of("username", "John Wayne"));
        assertTrue(built.isNewRecord());
        assertEquals(0L, m.count().block());
    }

    @DatabaseTest
    void buildFillsDefaults(TestDb t) {
        for (boolean timestamps : new boolean[] {true, false}) {
            Model<Instance> m = t.db().define("fma_TaskBuild", s -> s
                    .attribute("title", DataTypes.STRING, a -> a.defaultValue("a task!"))
                    .attribute("foo", DataTypes.INTEGER, a -> a.defaultValue(2))
                    .attribute("bar", DataTypes.DATE)
                    .attribute("foobar", DataTypes.TEXT, a -> a.defaultValue("asd"))
                    .attribute("flag", DataTypes.BOOLEAN, a -> a.defaultValue(false))
                    .options(o -> o.timestamps(timestamps)));
            Instance task = m.build(Map.of());
            assertEquals("a task!", task.get("title"));
            assertEquals(2, task.get("foo"));
            assertNull(task.get("bar"));
            assertEquals("asd", task.get("foobar"));
            assertEquals(false, task.get("flag"));
        }
    }

    @DatabaseTest
    void attributeGetterAndSetter(TestDb t) {
        Model<Instance> m = t.db().define("fma_ProductWithSettersAndGetters1", s -> s.attribute("price",
                DataTypes.INTEGER, a -> a.get(i -> "answer = " + i.getDataValue("price"))
                        .set((i, v) -> i.setDataValue("price", (Integer) v + 42))));
        assertEquals("answer = 84", m.build(Map.of("price", 42)).get("price"));
        Instance p = m.build(Map.of("price", 1));
        assertEquals("answer = 43", p.get("price"));
        p.set("price", 0);
        assertEquals("answer = 42", p.get("price"));
    }

    /**
     * Sequelize's model-level {@code getterMethods}/{@code setterMethods} are virtual attributes here: a virtual
     * {@code price} that reads and writes {@code priceInCents}.
     */
    @DatabaseTest
    void virtualGetterAndSetterInPlaceOfOptionMethods(TestDb t) {
        Model<Instance> m = t.db().define("fma_ProductWithSettersAndGetters2", s -> s
                .attribute("priceInCents", DataTypes.INTEGER)
                .virtual("price", a -> a.get(i -> "$" + ((Integer) i.getDataValue("priceInCents")) / 100)
                        .set((i, v) -> i.setDataValue("priceInCents", (Integer) v * 100))));
        assertEquals(2000, m.build(Map.of("price", 20)).get("priceInCents"));
        assertEquals("$30", m.build(Map.of("priceInCents", 3000)).get("price"));
    }

    private record Shop(Model<Instance> products, Model<Instance> tags, Model<Instance> users) {
    }

    private static Shop shop(TestDb t) {
        return new Shop(t.db().define("fma_Product", s -> s.attribute("title", DataTypes.STRING)),
                t.db().define("fma_Tag", s -> s.attribute("name", DataTypes.STRING)),
                t.db().define("fma_User", s -> s.attribute("first_name", DataTypes.STRING)
                        .attribute("last_name", DataTypes.STRING)));
    }

    @DatabaseTest
    void buildWithIncludes(TestDb t) {
        Shop m = shop(t);
        m.products().hasMany(m.tags());
        m.products().belongsTo(m.users());
        Instance product = m.products().build(Map.of("id", 1, "title", "Chair",
                "fma_Tags", List.of(Map.of("id", 1, "name", "Alpha"), Map.of("id", 2, "name", "Beta")),
                "fma_User", Map.of("id", 1, "first_name", "Mick", "last_name", "Hansen")),
                Include.of("fma_User"), Include.of("fma_Tags"));
        List<Instance> tags = product.getMany("fma_Tags", Instance.class);
        assertEquals(2, tags.size());
        assertSame(m.tags(), tags.get(0).model());
        assertEquals("Alpha", tags.get(0).get("name"));
        Instance user = product.getOne("fma_User", Instance.class);
        assertSame(m.users(), user.model());
        assertEquals("Mick", user.get("first_name"));
        assertTrue(product.isNewRecord() && user.isNewRecord());
    }

    @DatabaseTest
    void buildWithAliasedIncludes(TestDb t) {
        Shop m = shop(t);
        m.products().hasMany(m.tags(), o -> o.as("categories"));
        m.products().belongsToMany(m.users(), o -> o.as("followers").through("fma_product_followers"));
        m.users().belongsToMany(m.products(), o -> o.as("following").through("fma_product_followers"));
        Instance product = m.products().build(Map.of("id", 1, "title", "Chair",
                "categories", List.of(Map.of("id", 1, "name", "Alpha"), Map.of("id", 2, "name", "Beta"),
                        Map.of("id", 3, "name", "Charlie"), Map.of("id", 4, "name", "Delta")),
                "followers", List.of(Map.of("id", 1, "first_name", "Mick", "last_name", "Hansen"),
                        Map.of("id", 2, "first_name", "Jan", "last_name", "Meier"))),
                Include.of("followers"), Include.of("categories"));
        List<Instance> categories = product.getMany("categories", Instance.class);
        assertEquals(4, categories.size());
        assertSame(m.tags(), categories.get(0).model());
        List<Instance> followers = product.getMany("followers", Instance.class);
        assertEquals(2, followers.size());
        assertSame(m.users(), followers.get(0).model());
        assertEquals("Jan", followers.get(1).get("first_name"));
    }

    // ---- findOne --------------------------------------------------------------------------------------------

    @DatabaseTest
    void findOneSeesTheTransactionsOwnRows(TestDb t) {
        Model<Instance> m = users(t);
        java.util.concurrent.atomic.AtomicReference<Instance> inside = new java.util.concurrent.atomic.AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> t.db().transaction(tx -> m.create(Map.of("username", "foo"))
                .then(m.findOne(q -> q.where("username", "foo").transaction(tx)))
                .doOnNext(inside::set)
                .then(Mono.error(new IllegalStateException("roll back")))).block());
        assertNotNull(inside.get());
        assertEquals(0L, m.count().block(), "rolled back");
    }

    @DatabaseTest
    void paranoidFindOneWithEmptyOrOnlyOrWhere(TestDb t) {
        Model<Instance> m = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.paranoid(true)));
        t.db().sync().block();
        m.create(Map.of("username", "A fancy name")).block();
        assertEquals("A fancy name", m.findOne(q -> q.where(Where.and())).block().get("username"));
        assertNull(m.findOne(q -> q.where(Where.or(Where.eq("username", "bar"), Where.eq("username", "baz"))))
                .block());
    }

    // ---- findOrBuild ----------------------------------------------------------------------------------------

    @DatabaseTest
    void findOrBuildInTransactions(TestDb t) {
        Model<Instance> m = users(t);
        List<Boolean> built = t.db().transaction(tx -> m.create(Map.of("username", "foo"))
                .then(m.findOrBuild(q -> q.where("username", "foo").outsideTransaction(), Map.of()))
                .zipWith(m.findOrBuild(Where.eq("username", "foo"), Map.of()))
                .zipWith(m.findOrBuild(Where.eq("username", "foo"), Map.of("data", "asd")),
                        (ab, c) -> List.of(ab.getT1().created(), ab.getT2().created(), c.created()))).block();
        assertEquals(List.of(true, false, false), built);
        assertEquals(1L, m.count().block());
    }

    @DatabaseTest
    void findOrBuildFindsAnExistingRow(TestDb t) {
        Model<Instance> m = users(t);
        Instance user = m.create(Map.of("username", "Username", "data", "data")).block();
        Created<Instance> one = m.findOrBuild(Where.eq("username", "Username"), Map.of()).block();
        assertFalse(one.created());
        assertEquals(user.get("id"), one.instance().get("id"));
        Created<Instance> two = m.findOrBuild(Where.and(Where.eq("username", "Username"), Where.eq("data", "data")),
                Map.of()).block();
        assertFalse(two.created());
        assertEquals(user.get("id"), two.instance().get("id"));
        assertEquals("data", two.instance().get("data"));
    }

    @DatabaseTest
    void findOrBuildBuildsWithDefaults(TestDb t) {
        Model<Instance> m = users(t);
        Created<Instance> c = m.findOrBuild(Where.eq("username", "Username"), Map.of("data", "ThisIsData")).block();
        assertTrue(c.created());
        assertTrue(c.instance().isNewRecord());
        assertNull(c.instance().get("id"));
        assertEquals("Username", c.instance().get("username"));
        assertEquals("ThisIsData", c.instance().get("data"));
        assertEquals(0L, m.count().block(), "built, not saved");
    }

    /** test/integration/model/findOrBuild.test.js: "initialize with includes". */
    @DatabaseTest
    void findOrBuildReturnsTheFoundRowWithItsIncludes(TestDb t) {
        Model<Instance> users = t.db().define("fma_User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER));
        Model<Instance> projects = t.db().define("fma_Project", s -> s.attribute("name", DataTypes.STRING));
        var has = users.hasMany(projects);
        projects.belongsTo(users);
        t.db().sync().block();
        List<Instance> created = users.bulkCreate(List.of(Map.of("username", "Mello", "age", 10),
                Map.of("username", "Mello", "age", 20))).collectList().block();
        Instance project = projects.create(Map.of("name", "Investigate")).block();
        has.set(created.get(1), List.of(project)).block();
        Created<Instance> c = users.findOrBuild(q -> q.where("age", 20).include("fma_Projects"),
                Map.of("username", "Mello", "age", 10)).block();
        assertFalse(c.created());
        assertNotNull(c.instance().get("id"));
        assertEquals("Mello", c.instance().get("username"));
        assertEquals(20, c.instance().get("age"));
        List<Instance> found = c.instance().getMany("fma_Projects", Instance.class);
        assertEquals(1, found.size());
        assertEquals("Investigate", found.get(0).get("name"));
        assertInstanceOf(Instance.class, found.get(0));
    }
}
