package io.resequel.it;

import static io.resequel.it.BtmSupport.WAIT;
import static io.resequel.it.BtmSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelSpec;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Port of Sequelize v6 {@code test/integration/include/schema.test.js}: includes over models that live in another
 * schema (a PostgreSQL or H2 schema, a MariaDB database). Each test creates its own schema ({@code ua_account_*}),
 * so that helpers and dialects never share one, and drops it afterwards. The statements are asserted to name the
 * schema, so that a test reading the default schema's tables could not pass.
 */
class SequelizeIncludeSchemaTest {

    /** One schema for one test, its models, and its removal. */
    private static final class Account implements AutoCloseable {
        final TestDb t;
        final String schema = "ua_account_" + UUID.randomUUID().toString().substring(0, 8);

        Account(TestDb t) {
            this.t = t;
            t.db().queryInterface().dropSchema(schema).block(WAIT);
            t.db().queryInterface().createSchema(schema).block(WAIT);
        }

        Model<Instance> define(String name, Consumer<ModelSpec> spec) {
            return t.db().define(name, m -> {
                spec.accept(m);
                m.options(o -> o.schema(schema));
            });
        }

        Model<Instance> define(String name) {
            return define(name, m -> { });
        }

        void sync() {
            t.db().sync().block(WAIT);
        }

        /** @return the statements since the last clear; every SELECT names the schema */
        void assertSelectsNameTheSchema() {
            List<String> selects = t.statements().stream().filter(s -> s.startsWith("SELECT")).toList();
            assertTrue(!selects.isEmpty());
            for (String s : selects) {
                assertTrue(s.contains(t.q(schema) + "."), "the schema is named: " + s);
            }
        }

        @Override
        public void close() {
            t.db().queryInterface().dropSchema(schema).block(WAIT);
        }
    }

    private static List<Instance> all(Model<Instance> m) {
        return m.findAll(q -> q.order(Order.asc("id"))).collectList().block(WAIT);
    }

    private static List<Instance> create(Model<Instance> m, int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Map.of());
        }
        m.bulkCreate(rows).blockLast(WAIT);
        return all(m);
    }

    private static List<Instance> named(Model<Instance> m, String attribute, String... names) {
        m.bulkCreate(java.util.Arrays.stream(names).map(n -> Map.of(attribute, n)).toList()).blockLast(WAIT);
        return all(m);
    }

    @DatabaseTest
    void shouldSupportManyLevelsOfBelongsTo(TestDb t) {
        try (Account acc = new Account(t)) {
            List<Model<Instance>> chain = new ArrayList<>();
            for (String n : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
                chain.add(acc.define(n));
            }
            List<BelongsTo<Instance, Instance>> links = new ArrayList<>();
            for (int i = 0; i < chain.size() - 1; i++) {
                links.add(chain.get(i).belongsTo(chain.get(i + 1)));
            }
            acc.sync();
            create(chain.get(0), 8);
            Instance b = null;
            Instance previous = null;
            for (int i = 1; i < chain.size(); i++) {
                Instance instance = chain.get(i).create(Map.of()).block(WAIT);
                if (previous != null) {
                    links.get(i - 1).set(previous, instance).block(WAIT);
                } else {
                    b = instance;
                }
                previous = instance;
            }
            for (Instance a : all(chain.get(0))) {
                links.get(0).set(a, b).block(WAIT);
            }
            Include include = Include.of(links.get(links.size() - 1));
            for (int i = links.size() - 2; i >= 0; i--) {
                include = Include.of(links.get(i)).include(include);
            }
            Include root = include;
            t.clearStatements();
            List<Instance> as = chain.get(0).findAll(q -> q.include(root)).collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            assertEquals(8, as.size());
            for (Instance a : as) {
                Instance node = a;
                for (String n : List.of("b", "c", "d", "e", "f", "g", "h")) {
                    node = node.getOne(n, Instance.class);
                    assertNotNull(node, n);
                }
            }
        }
    }

    @DatabaseTest
    void shouldSupportOrderingWithOnlyBelongsToIncludes(TestDb t) {
        try (Account acc = new Account(t)) {
            Model<Instance> user = acc.define("SpecialUser");
            Model<Instance> item = acc.define("Item", m -> m.attribute("test", DataTypes.STRING));
            Model<Instance> order = acc.define("Order", m -> m.attribute("position", DataTypes.INTEGER));
            BelongsTo<Instance, Instance> itemA = user.belongsTo(item, a -> a.as("itemA").foreignKey("itemA_id"));
            BelongsTo<Instance, Instance> itemB = user.belongsTo(item, a -> a.as("itemB").foreignKey("itemB_id"));
            BelongsTo<Instance, Instance> toOrder = user.belongsTo(order);
            acc.sync();
            List<Instance> users = create(user, 3);
            List<Instance> items = named(item, "test", "abc", "def", "ghi", "jkl");
            order.bulkCreate(List.of(Map.of("position", 2), Map.of("position", 3), Map.of("position", 1)))
                    .blockLast(WAIT);
            List<Instance> orders = all(order);
            itemA.set(users.get(0), items.get(0)).block(WAIT);
            itemB.set(users.get(0), items.get(1)).block(WAIT);
            toOrder.set(users.get(0), orders.get(2)).block(WAIT);
            itemA.set(users.get(1), items.get(2)).block(WAIT);
            itemB.set(users.get(1), items.get(3)).block(WAIT);
            toOrder.set(users.get(1), orders.get(1)).block(WAIT);
            itemA.set(users.get(2), items.get(0)).block(WAIT);
            itemB.set(users.get(2), items.get(3)).block(WAIT);
            toOrder.set(users.get(2), orders.get(0)).block(WAIT);
            t.clearStatements();
            List<Instance> as = user.findAll(q -> q.include(Include.of(itemA).where(Where.eq("test", "abc")),
                    Include.of(itemB), Include.of(toOrder)).order(Order.asc("Order.position")))
                    .collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            assertEquals(2, as.size());
            assertEquals("abc", as.get(0).getOne("itemA", Instance.class).get("test"));
            assertEquals("abc", as.get(1).getOne("itemA", Instance.class).get("test"));
            assertEquals(1, as.get(0).getOne("Order", Instance.class).get("position"));
            assertEquals(2, as.get(1).getOne("Order", Instance.class).get("position"));
        }
    }

    private record ProductTags(Model<Instance> product, Model<Instance> tag, BelongsToMany<Instance, Instance> tags) {
    }

    private static ProductTags productTags(Account acc) {
        Model<Instance> product = acc.define("Product", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> tag = acc.define("Tag", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> productTag = acc.define("ProductTag", m -> m.attribute("priority", DataTypes.INTEGER));
        BelongsToMany<Instance, Instance> tags = product.belongsToMany(tag, a -> a.through(productTag));
        tag.belongsToMany(product, a -> a.through(productTag));
        acc.sync();
        List<Instance> p = named(product, "title", "Chair", "Desk", "Dress");
        List<Instance> g = named(tag, "name", "A", "B", "C");
        int[][] links = {{0, 0, 1}, {0, 1, 2}, {1, 1, 1}, {2, 0, 3}, {2, 1, 1}, {2, 2, 2}};
        for (int[] l : links) {
            tags.add(p.get(l[0]), List.of(g.get(l[1])), Map.of("priority", l[2])).block(WAIT);
        }
        return new ProductTags(product, tag, tags);
    }

    @DatabaseTest
    void shouldIncludeAttributesFromThroughModels(TestDb t) {
        try (Account acc = new Account(t)) {
            ProductTags s = productTags(acc);
            t.clearStatements();
            List<Instance> products = s.product().findAll(q -> q.include(Include.of(s.tags()))
                    .order(Order.asc("id"), Order.asc("Tags.id"))).collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            int[][] expected = {{1, 2}, {1}, {3, 1, 2}};
            for (int i = 0; i < expected.length; i++) {
                List<Instance> tags = products.get(i).getMany("Tags", Instance.class);
                assertEquals(expected[i].length, tags.size());
                for (int j = 0; j < expected[i].length; j++) {
                    Instance link = tags.get(j).getOne("ProductTag", Instance.class);
                    assertEquals(expected[i][j], ((Number) link.get("priority")).intValue());
                }
            }
        }
    }

    @DatabaseTest
    void shouldBePossibleToExtendTheOnClauseWithAWhereOptionOnAHasManyIncludeWithAThroughModel(TestDb t) {
        try (Account acc = new Account(t)) {
            ProductTags s = productTags(acc);
            t.clearStatements();
            List<Instance> products = s.product().findAll(q -> q.include(Include.of(s.tags())
                    .where(Where.eq("name", "C")))).collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            assertEquals(1, products.size());
            assertEquals(1, products.get(0).getMany("Tags", Instance.class).size());
        }
    }

    private record UserGroup(Model<Instance> user, Model<Instance> group, BelongsTo<Instance, Instance> toGroup,
            List<Instance> users, List<Instance> groups) {
    }

    /** User belongsTo Group; users[0] → B, users[1] → A (the its' shared set-up). */
    private static UserGroup userGroup(Account acc, int users) {
        Model<Instance> user = acc.define("User");
        Model<Instance> group = acc.define("Group", m -> m.attribute("name", DataTypes.STRING));
        BelongsTo<Instance, Instance> toGroup = user.belongsTo(group);
        acc.sync();
        List<Instance> g = named(group, "name", "A", "B");
        List<Instance> u = create(user, users);
        return new UserGroup(user, group, toGroup, u, g);
    }

    @DatabaseTest
    void shouldSupportARequiredBelongsToInclude(TestDb t) {
        try (Account acc = new Account(t)) {
            UserGroup s = userGroup(acc, 3);
            s.toGroup().set(s.users().get(2), s.groups().get(1)).block(WAIT);
            t.clearStatements();
            List<Instance> users = s.user().findAll(q -> q.include(Include.of(s.toGroup()).required(true)))
                    .collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            assertEquals(1, users.size());
            assertNotNull(users.get(0).getOne("Group", Instance.class));
        }
    }

    @DatabaseTest
    void shouldBePossibleToExtendTheOnClauseWithAWhereOptionOnABelongsToInclude(TestDb t) {
        try (Account acc = new Account(t)) {
            UserGroup s = userGroup(acc, 2);
            s.toGroup().set(s.users().get(0), s.groups().get(1)).block(WAIT);
            s.toGroup().set(s.users().get(1), s.groups().get(0)).block(WAIT);
            t.clearStatements();
            List<Instance> users = s.user().findAll(q -> q.include(Include.of(s.toGroup())
                    .where(Where.eq("name", "A")))).collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            assertEquals(1, users.size());
            assertEquals("A", users.get(0).getOne("Group", Instance.class).get("name"));
        }
    }

    @DatabaseTest
    void shouldBePossibleToExtendTheOnClauseWithARequiredBelongsToInclude(TestDb t) {
        try (Account acc = new Account(t)) {
            UserGroup s = userGroup(acc, 2);
            s.toGroup().set(s.users().get(0), s.groups().get(1)).block(WAIT);
            s.toGroup().set(s.users().get(1), s.groups().get(0)).block(WAIT);
            List<Instance> users = s.user().findAll(q -> q.include(Include.of(s.toGroup()).required(true)))
                    .collectList().block(WAIT);
            assertEquals(2, users.size());
            for (Instance u : users) {
                assertNotNull(u.getOne("Group", Instance.class));
            }
        }
    }

    /** The three "belongsTo include as required with child hasMany with limit" its. */
    private static void requiredBelongsToWithChildHasMany(TestDb t, boolean aliases, Boolean childRequired) {
        try (Account acc = new Account(t)) {
            Model<Instance> user = acc.define("User");
            Model<Instance> group = acc.define("Group", m -> m.attribute("name", DataTypes.STRING));
            Model<Instance> category = acc.define("Category", m -> m.attribute("category", DataTypes.STRING));
            BelongsTo<Instance, Instance> toGroup = aliases ? user.belongsTo(group, a -> a.as("Team"))
                    : user.belongsTo(group);
            HasMany<Instance, Instance> categories = aliases ? group.hasMany(category, a -> a.as("Tags"))
                    : group.hasMany(category);
            acc.sync();
            List<Instance> groups = named(group, "name", "A", "B");
            List<Instance> users = create(user, 2);
            List<Instance> cats = create(category, 2);
            toGroup.set(users.get(0), groups.get(1)).block(WAIT);
            toGroup.set(users.get(1), groups.get(0)).block(WAIT);
            categories.set(groups.get(0), cats).block(WAIT);
            categories.set(groups.get(1), cats).block(WAIT);
            Include child = childRequired == null ? Include.of(categories)
                    : Include.of(categories).required(childRequired);
            t.clearStatements();
            List<Instance> found = user.findAll(q -> q.include(Include.of(toGroup).required(true).include(child))
                    .limit(1)).collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            assertEquals(1, found.size());
            Instance g = found.get(0).getOne(aliases ? "Team" : "Group", Instance.class);
            assertNotNull(g);
            // deviation none: the limit applies to users, so the group keeps both categories (Sequelize: "ok")
            assertEquals(2, g.getMany(aliases ? "Tags" : "Categories", Instance.class).size());
        }
    }

    @DatabaseTest
    void requiredBelongsToWithChildHasManyWithLimit(TestDb t) {
        requiredBelongsToWithChildHasMany(t, false, null);
    }

    @DatabaseTest
    void requiredBelongsToWithChildHasManyWithLimitAndAliases(TestDb t) {
        requiredBelongsToWithChildHasMany(t, true, null);
    }

    @DatabaseTest
    void requiredBelongsToWithChildHasManyWhichIsNotRequiredWithLimit(TestDb t) {
        requiredBelongsToWithChildHasMany(t, false, false);
    }

    @DatabaseTest
    void shouldBePossibleToExtendTheOnClauseWithAWhereOptionOnAHasOneInclude(TestDb t) {
        try (Account acc = new Account(t)) {
            Model<Instance> user = acc.define("User");
            Model<Instance> project = acc.define("Project", m -> m.attribute("title", DataTypes.STRING));
            HasOne<Instance, Instance> leaderOf = user.hasOne(project, a -> a.as("LeaderOf"));
            acc.sync();
            List<Instance> projects = named(project, "title", "Alpha", "Beta");
            List<Instance> users = create(user, 2);
            leaderOf.set(users.get(1), projects.get(1)).block(WAIT);
            leaderOf.set(users.get(0), projects.get(0)).block(WAIT);
            t.clearStatements();
            List<Instance> found = user.findAll(q -> q.include(Include.of(leaderOf).where(Where.eq("title", "Beta"))))
                    .collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            assertEquals(1, found.size());
            assertEquals("Beta", found.get(0).getOne("LeaderOf", Instance.class).get("title"));
        }
    }

    @DatabaseTest
    void shouldBePossibleToUseLimitAndAWhereWithABelongsToInclude(TestDb t) {
        try (Account acc = new Account(t)) {
            UserGroup s = userGroup(acc, 4);
            s.toGroup().set(s.users().get(1), s.groups().get(0)).block(WAIT);
            s.toGroup().set(s.users().get(2), s.groups().get(0)).block(WAIT);
            s.toGroup().set(s.users().get(3), s.groups().get(1)).block(WAIT);
            s.toGroup().set(s.users().get(0), s.groups().get(0)).block(WAIT);
            t.clearStatements();
            List<Instance> users = s.user().findAll(q -> q.include(Include.of(s.toGroup())
                    .where(Where.eq("name", "A"))).limit(2)).collectList().block(WAIT);
            acc.assertSelectsNameTheSchema();
            assertEquals(2, users.size());
            for (Instance u : users) {
                assertEquals("A", u.getOne("Group", Instance.class).get("name"));
            }
        }
    }

    @DatabaseTest
    void shouldSupportIncludingDateFieldsWithTheCorrectTimezone(TestDb t) {
        try (Account acc = new Account(t)) {
            Model<Instance> user = acc.define("user", m -> m.attribute("dateField", DataTypes.DATE)
                    .options(o -> o.timestamps(false)));
            Model<Instance> group = acc.define("group", m -> m.attribute("dateField", DataTypes.DATE)
                    .options(o -> o.timestamps(false)));
            // the junction from a table name lives in the default schema (as in Sequelize, whose through string
            // does not take the source's schema)
            BelongsToMany<Instance, Instance> groups = user.belongsToMany(group, a -> a.through("ua_group_user"));
            group.belongsToMany(user, a -> a.through("ua_group_user"));
            try {
                acc.sync();
                assertDateFieldsRead(user, group, groups);
            } finally {
                // the junction outside the schema refers into it: MariaDB drops no database a table refers to
                t.rawUpdate("DROP TABLE IF EXISTS " + t.q("ua_group_user")).block(WAIT);
            }
        }
    }

    private static void assertDateFieldsRead(Model<Instance> user, Model<Instance> group,
            BelongsToMany<Instance, Instance> groups) {
        OffsetDateTime when = OffsetDateTime.of(2014, 2, 20, 0, 0, 0, 0, ZoneOffset.UTC);
        Instance u = user.create(Map.of("dateField", when)).block(WAIT);
        Instance g = group.create(Map.of("dateField", when)).block(WAIT);
        groups.add(u, g).block(WAIT);
        List<Instance> users = user.findAll(q -> q.where("id", u.get("id")).include(Include.of(groups)))
                .collectList().block(WAIT);
        Instant expected = when.toInstant();
        assertEquals(expected, instant(users.get(0).get("dateField")));
        assertEquals(expected, instant(users.get(0).getMany("groups", Instance.class).get(0).get("dateField")));
    }

    private static Instant instant(Object v) {
        return v instanceof OffsetDateTime o ? o.toInstant() : v instanceof Instant i ? i
                : ((java.time.ZonedDateTime) v).toInstant();
    }

    @DatabaseTest
    void findOneShouldWorkWithSchemas(TestDb t) {
        try (Account acc = new Account(t)) {
            Model<Instance> userModel = acc.define("User", m -> m
                    .attribute("Id", DataTypes.INTEGER, a -> a.primaryKey(true))
                    .attribute("Name", DataTypes.STRING)
                    .attribute("UserType", DataTypes.INTEGER)
                    .attribute("Email", DataTypes.STRING)
                    .attribute("Enabled", DataTypes.BOOLEAN)
                    .attribute("CreatedDatetime", DataTypes.DATE)
                    .options(o -> o.tableName("User").timestamps(false)));
            Model<Instance> resume = acc.define("Resume", m -> m
                    .attribute("Id", DataTypes.INTEGER, a -> a.primaryKey(true))
                    .attribute("UserId", DataTypes.INTEGER, a -> a.references(userModel, "Id"))
                    .attribute("Name", DataTypes.STRING)
                    .attribute("School", DataTypes.STRING)
                    .options(o -> o.tableName("resume").timestamps(false)));
            HasOne<Instance, Instance> resumeOf = userModel.hasOne(resume, a -> a.foreignKey("UserId").as("Resume"));
            resume.belongsTo(userModel, a -> a.foreignKey("UserId"));
            acc.sync();
            t.clearStatements();
            assertNull(userModel.findOne(q -> q.where("Id", 1).include(Include.of(resumeOf))).block(WAIT));
            acc.assertSelectsNameTheSchema();
            userModel.create(Map.of("Id", 1, "Name", "n")).block(WAIT);
            resume.create(Map.of("Id", 7, "UserId", 1, "Name", "r")).block(WAIT);
            Instance found = userModel.findOne(q -> q.where("Id", 1).include(Include.of(resumeOf))).block(WAIT);
            assertEquals(7, found.getOne("Resume", Instance.class).get("Id"));
            List<Object> names = values(resume.findAll(q -> q.include(resume.association("User"))).collectList()
                    .block(WAIT), "Name");
            assertEquals(List.of("r"), names);
        }
    }

    // Op kept for the fixture its still to port (where: {value: {[Op.gt]: 5}})
    @SuppressWarnings("unused")
    private static final Op GT = Op.GT;
}
