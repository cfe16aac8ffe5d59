package io.resequel.it;

import static io.resequel.it.BtmSupport.WAIT;
import static io.resequel.it.BtmSupport.in;
import static io.resequel.it.BtmSupport.model;
import static io.resequel.it.BtmSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsToMany;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelSpec;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.validation.V;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Port of Sequelize v6 {@code test/integration/associations/belongs-to-many.test.js}, part 1: getAssociations
 * (where, eager loads, custom and non-primary keys), hasAssociations and countAssociations. The mixins that write are
 * in SequelizeBelongsToManyMixinsTest, the junction table's own rules in SequelizeBelongsToManyThroughTest.
 */
class SequelizeBelongsToManyTest {

    /** getAssociations' fixture: John with the tasks "Get rich" (active) and "Die trying" (inactive). */
    private static final class Tasks {
        final Model<Instance> user;
        final Model<Instance> task;
        final BelongsToMany<Instance, Instance> userTasks;
        final Instance john;
        final List<Instance> tasks;

        Tasks(TestDb t) {
            user = model(t, "User", "btm_users", m -> m.attribute("username", DataTypes.STRING));
            task = model(t, "Task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING)
                    .attribute("active", DataTypes.BOOLEAN));
            userTasks = user.belongsToMany(task, a -> a.through("btm_user_tasks"));
            task.belongsToMany(user, a -> a.through("btm_user_tasks"));
            t.db().sync().block(WAIT);
            john = user.create(Map.of("username", "John")).block(WAIT);
            tasks = List.of(task.create(Map.of("title", "Get rich", "active", true)).block(WAIT),
                    task.create(Map.of("title", "Die trying", "active", false)).block(WAIT));
            userTasks.set(john, tasks).block(WAIT);
        }

        Instance findJohn() {
            return user.findOne(q -> q.where("username", "John")).block(WAIT);
        }

        List<Instance> get(Consumer<io.resequel.query.FindOptions.Builder> q) {
            return userTasks.get(findJohn(), q).collectList().block(WAIT);
        }
    }

    @DatabaseTest
    void getSupportsTransactions(TestDb t) {
        Model<Instance> article = model(t, "Article", "btm_articles", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> label = model(t, "Label", "btm_labels", m -> m.attribute("text", DataTypes.STRING));
        BelongsToMany<Instance, Instance> labels = article.belongsToMany(label, a -> a.through("btm_article_labels"));
        label.belongsToMany(article, a -> a.through("btm_article_labels"));
        t.db().sync().block(WAIT);
        Instance a = article.create(Map.of("title", "foo")).block(WAIT);
        Instance l = label.create(Map.of("text", "bar")).block(WAIT);
        Transaction tx = t.db().startTransaction().block(WAIT);
        in(tx, labels.set(a, List.of(l))).block(WAIT);
        Instance found = in(tx, article.findAll().next()).block(WAIT);
        assertEquals(0, labels.get(found).collectList().block(WAIT).size(), "outside the transaction");
        assertEquals(1, in(tx, labels.get(found).collectList()).block(WAIT).size(), "inside it");
        tx.rollback().block(WAIT);
        assertEquals(0, labels.get(found).collectList().block(WAIT).size());
    }

    @DatabaseTest
    void getsAllAssociatedObjectsWithAllFields(TestDb t) {
        Tasks f = new Tasks(t);
        Instance first = f.get(q -> { }).get(0);
        for (var a : f.task.definition().attributes()) {
            assertNotNull(first.get(a.name()), a.name());
        }
    }

    @DatabaseTest
    void getsAllAssociatedObjectsWhenNoOptionsArePassed(TestDb t) {
        Tasks f = new Tasks(t);
        assertEquals(2, f.userTasks.get(f.findJohn()).collectList().block(WAIT).size());
    }

    @DatabaseTest
    void onlyGetsObjectsThatFulfillTheOptions(TestDb t) {
        Tasks f = new Tasks(t);
        assertEquals(List.of("Get rich"), values(f.get(q -> q.where("active", true)), "title"));
    }

    @DatabaseTest
    void supportsAWhereNotIn(TestDb t) {
        Tasks f = new Tasks(t);
        assertEquals(List.of("Die trying"), values(f.get(q -> q.where(Where.notIn("title", List.of("Get rich")))),
                "title"));
    }

    @DatabaseTest
    void supportsAWhereNotInOnThePrimaryKey(TestDb t) {
        Tasks f = new Tasks(t);
        assertEquals(List.of("Die trying"), values(f.get(q -> q.where("id", Op.NOT_IN,
                List.of(f.tasks.get(0).get("id")))), "title"));
    }

    @DatabaseTest
    void onlyGetsObjectsThatFulfillOptionsWithAFormattedValue(TestDb t) {
        Tasks f = new Tasks(t);
        assertEquals(1, f.get(q -> q.where(Where.eq("active", true))).size());
        assertEquals(1, f.userTasks.count(f.findJohn(), Where.eq("active", false)).block(WAIT));
    }

    @DatabaseTest
    void getsAssociatedObjectsWithAnEagerLoad(TestDb t) {
        Tasks f = new Tasks(t);
        Instance john = f.user.findOne(q -> q.where("username", "John").include(Include.of(f.task))).block(WAIT);
        assertEquals(2, john.getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void getsAssociatedObjectsWithAnEagerLoadWithConditionsButNotRequired(TestDb t) {
        Tasks f = new Tasks(t);
        Model<Instance> label = model(t, "Label", "btm_labels", m -> m.attribute("title", DataTypes.STRING)
                .attribute("isActive", DataTypes.BOOLEAN));
        f.task.hasMany(label);
        label.belongsTo(f.task);
        t.db().sync().block(WAIT);
        Instance john = f.user.findOne(q -> q.where("username", "John").include(Include.of(f.task).required(false)
                .include(Include.of(label).required(false).where(Where.eq("isActive", true))))).block(WAIT);
        List<Instance> tasks = john.getMany("Tasks", Instance.class);
        assertEquals(2, tasks.size());
        assertTrue(tasks.stream().allMatch(x -> x.getMany("Labels", Instance.class).isEmpty()));
    }

    @DatabaseTest
    void supportsCustomPrimaryKeysAndForeignKeys(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_tbl_user", m -> m.attribute("id_user", DataTypes.UUID,
                a -> a.primaryKey(true).defaultValue(DefaultValue.UUIDV4).allowNull(false)));
        Model<Instance> group = model(t, "Group", "btm_tbl_group", m -> m.attribute("id_group", DataTypes.UUID,
                a -> a.primaryKey(true).defaultValue(DefaultValue.UUIDV4).allowNull(false)));
        Model<Instance> junction = model(t, "User_has_Group", "btm_tbl_user_has_group");
        BelongsToMany<Instance, Instance> groups = user.belongsToMany(group, a -> a.as("groups").through(junction)
                .foreignKey("id_user"));
        group.belongsToMany(user, a -> a.as("users").through(junction).foreignKey("id_group"));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        Instance g = group.create(Map.of()).block(WAIT);
        groups.add(u, g).block(WAIT);
        Instance found = user.findOne(q -> { }).block(WAIT);
        assertEquals(List.of(g.get("id_group")), values(groups.get(found).collectList().block(WAIT), "id_group"));
        assertEquals(Set.of("id_user", "id_group", "createdAt", "updatedAt"), BtmSupport.attributes(junction));
    }

    private static Consumer<ModelSpec> uuidKey(String name, String field) {
        return m -> m.attribute(name, DataTypes.UUID, a -> a.primaryKey(true).allowNull(false)
                .defaultValue(DefaultValue.UUIDV4).field(field));
    }

    @DatabaseTest
    void supportsPrimaryKeyAttributesWithDifferentFieldAndAttributeNames(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_tbl_user", uuidKey("userSecondId", "user_id"));
        Model<Instance> group = model(t, "Group", "btm_tbl_group", uuidKey("groupSecondId", "group_id"));
        Model<Instance> junction = model(t, "User_has_Group", "btm_tbl_user_has_group");
        BelongsToMany<Instance, Instance> groups = user.belongsToMany(group, a -> a.through(junction));
        group.belongsToMany(user, a -> a.through(junction));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        Instance g = group.create(Map.of()).block(WAIT);
        groups.add(u, g).block(WAIT);
        Instance one = user.findOne(q -> q.include(Include.of(group))).block(WAIT);
        List<Instance> all = user.findAll(q -> q.include(Include.of(group))).collectList().block(WAIT);
        List<Instance> gs = one.getMany("Groups", Instance.class);
        assertEquals(1, gs.size());
        Instance link = gs.get(0).getOne("User_has_Group", Instance.class);
        assertEquals(u.get("userSecondId"), link.get("UserUserSecondId"));
        assertEquals(g.get("groupSecondId"), link.get("GroupGroupSecondId"));
        assertEquals(1, all.size());
        assertEquals(one.toJSON(), all.get(0).toJSON());
    }

    /** Users and groups keyed by a UUID {@code id} (field x_id) with a second unique UUID {@code <x>SecondId}. */
    private static final class SecondKeys {
        final Model<Instance> user;
        final Model<Instance> group;

        SecondKeys(TestDb t, String userPk, String groupPk) {
            user = model(t, "User", "btm_tbl_user", m -> {
                m.attribute(userPk, DataTypes.UUID, a -> a.primaryKey(true).allowNull(false)
                        .defaultValue(DefaultValue.UUIDV4).field(userPk.equals("id") ? "user_id" : userPk));
                m.attribute("userSecondId", DataTypes.UUID, a -> a.allowNull(false).defaultValue(DefaultValue.UUIDV4)
                        .field("user_second_id").unique(true));
            });
            group = model(t, "Group", "btm_tbl_group", m -> {
                m.attribute(groupPk, DataTypes.UUID, a -> a.primaryKey(true).allowNull(false)
                        .defaultValue(DefaultValue.UUIDV4).field(groupPk.equals("id") ? "group_id" : groupPk));
                m.attribute("groupSecondId", DataTypes.UUID, a -> a.allowNull(false).defaultValue(DefaultValue.UUIDV4)
                        .field("group_second_id").unique(true));
            });
        }

        /** Links user1-group1 and user2-group2, then checks both includes and their junction rows. */
        void linkAndCheck(TestDb t, BelongsToMany<Instance, Instance> groups, String junctionName, String userKey,
                String groupKey, String userFk, String groupFk) {
            t.db().sync().block(WAIT);
            Instance u1 = user.create(Map.of()).block(WAIT);
            Instance u2 = user.create(Map.of()).block(WAIT);
            Instance g1 = group.create(Map.of()).block(WAIT);
            Instance g2 = group.create(Map.of()).block(WAIT);
            groups.add(u1, g1).block(WAIT);
            groups.add(u2, g2).block(WAIT);
            Map<Object, Object> expectedGroup = Map.of(u1.get(userKey), g1.get(groupKey), u2.get(userKey),
                    g2.get(groupKey));
            List<Instance> users = user.findAll(q -> q.include(Include.of(group))).collectList().block(WAIT);
            assertEquals(2, users.size());
            for (Instance u : users) {
                List<Instance> gs = u.getMany("Groups", Instance.class);
                assertEquals(1, gs.size());
                Instance link = gs.get(0).getOne(junctionName, Instance.class);
                assertEquals(u.get(userKey), link.get(userFk));
                assertEquals(gs.get(0).get(groupKey), link.get(groupFk));
                assertEquals(expectedGroup.get(u.get(userKey)), gs.get(0).get(groupKey));
            }
            List<Instance> groupsFound = group.findAll(q -> q.include(Include.of(user))).collectList().block(WAIT);
            assertEquals(2, groupsFound.size());
            for (Instance g : groupsFound) {
                List<Instance> us = g.getMany("Users", Instance.class);
                assertEquals(1, us.size());
                Instance link = us.get(0).getOne(junctionName, Instance.class);
                assertEquals(g.get(groupKey), link.get(groupFk));
                assertEquals(us.get(0).get(userKey), link.get(userFk));
            }
        }
    }

    @DatabaseTest
    void supportsNonPrimaryKeyAttributesForJoinsSourceKeyOnly(TestDb t) {
        SecondKeys f = new SecondKeys(t, "id", "id");
        BelongsToMany<Instance, Instance> groups = f.user.belongsToMany(f.group, a -> a.through("btm_usergroups")
                .sourceKey("userSecondId"));
        f.group.belongsToMany(f.user, a -> a.through("btm_usergroups").sourceKey("groupSecondId"));
        f.linkAndCheck(t, groups, "btm_usergroups", "userSecondId", "groupSecondId", "UserUserSecondId",
                "GroupGroupSecondId");
    }

    @DatabaseTest
    void supportsNonPrimaryKeyAttributesForJoinsTargetKeyOnly(TestDb t) {
        SecondKeys f = new SecondKeys(t, "id", "id");
        BelongsToMany<Instance, Instance> groups = f.user.belongsToMany(f.group, a -> a.through("btm_usergroups")
                .sourceKey("userSecondId"));
        f.group.belongsToMany(f.user, a -> a.through("btm_usergroups").targetKey("userSecondId"));
        f.linkAndCheck(t, groups, "btm_usergroups", "userSecondId", "id", "UserUserSecondId", "GroupId");
    }

    @DatabaseTest
    void supportsNonPrimaryKeyAttributesForJoinsSourceKeyAndTargetKey(TestDb t) {
        SecondKeys f = new SecondKeys(t, "id", "id");
        BelongsToMany<Instance, Instance> groups = f.user.belongsToMany(f.group, a -> a.through("btm_usergroups")
                .sourceKey("userSecondId").targetKey("groupSecondId"));
        f.group.belongsToMany(f.user, a -> a.through("btm_usergroups").sourceKey("groupSecondId")
                .targetKey("userSecondId"));
        f.linkAndCheck(t, groups, "btm_usergroups", "userSecondId", "groupSecondId", "UserUserSecondId",
                "GroupGroupSecondId");
    }

    @DatabaseTest
    void supportsNonPrimaryKeyAttributesForJoinsCustomThroughModel(TestDb t) {
        SecondKeys f = new SecondKeys(t, "id", "id");
        Model<Instance> junction = model(t, "User_has_Group", "btm_tbl_user_has_group");
        BelongsToMany<Instance, Instance> groups = f.user.belongsToMany(f.group, a -> a.through(junction)
                .sourceKey("userSecondId"));
        f.group.belongsToMany(f.user, a -> a.through(junction).sourceKey("groupSecondId"));
        f.linkAndCheck(t, groups, "User_has_Group", "userSecondId", "groupSecondId", "UserUserSecondId",
                "GroupGroupSecondId");
    }

    @DatabaseTest
    void supportsNonPrimaryKeyAttributesForJoinsForGettingAssociations(TestDb t) {
        SecondKeys f = new SecondKeys(t, "userId", "groupId");
        BelongsToMany<Instance, Instance> groups = f.user.belongsToMany(f.group, a -> a.through("btm_usergroups")
                .sourceKey("userSecondId").targetKey("groupSecondId"));
        BelongsToMany<Instance, Instance> users = f.group.belongsToMany(f.user, a -> a.through("btm_usergroups")
                .sourceKey("groupSecondId").targetKey("userSecondId"));
        t.db().sync().block(WAIT);
        Instance u1 = f.user.create(Map.of()).block(WAIT);
        Instance u2 = f.user.create(Map.of()).block(WAIT);
        Instance g1 = f.group.create(Map.of()).block(WAIT);
        Instance g2 = f.group.create(Map.of()).block(WAIT);
        groups.add(u1, g1).block(WAIT);
        groups.add(u2, g2).block(WAIT);
        assertEquals(List.of(g1.get("groupId")), values(groups.get(u1).collectList().block(WAIT), "groupId"));
        assertEquals(List.of(g2.get("groupId")), values(groups.get(u2).collectList().block(WAIT), "groupId"));
        assertEquals(List.of(u1.get("userId")), values(users.get(g1).collectList().block(WAIT), "userId"));
        assertEquals(List.of(u2.get("userId")), values(users.get(g2).collectList().block(WAIT), "userId"));
    }

    @DatabaseTest
    void supportsNonPrimaryKeyAttributesForJoinsCustomForeignKey(TestDb t) {
        SecondKeys f = new SecondKeys(t, "id", "id");
        BelongsToMany<Instance, Instance> groups = f.user.belongsToMany(f.group, a -> a.through("btm_usergroups")
                .foreignKey("userId2").sourceKey("userSecondId"));
        f.group.belongsToMany(f.user, a -> a.through("btm_usergroups").foreignKey("groupId2")
                .sourceKey("groupSecondId"));
        f.linkAndCheck(t, groups, "btm_usergroups", "userSecondId", "groupSecondId", "userId2", "groupId2");
    }

    @DatabaseTest
    void supportsNonPrimaryKeyAttributesForJoinsCustomForeignKeyCustomThroughModel(TestDb t) {
        SecondKeys f = new SecondKeys(t, "id", "id");
        Model<Instance> junction = model(t, "User_has_Group", "btm_tbl_user_has_group", m -> m
                .attribute("userId2", DataTypes.UUID, a -> a.allowNull(false).field("user_id2"))
                .attribute("groupId2", DataTypes.UUID, a -> a.allowNull(false).field("group_id2")));
        BelongsToMany<Instance, Instance> groups = f.user.belongsToMany(f.group, a -> a.through(junction)
                .foreignKey("userId2").sourceKey("userSecondId"));
        f.group.belongsToMany(f.user, a -> a.through(junction).foreignKey("groupId2").sourceKey("groupSecondId"));
        f.linkAndCheck(t, groups, "User_has_Group", "userSecondId", "groupSecondId", "userId2", "groupId2");
    }

    @DatabaseTest
    void supportsPrimaryKeyAttributesWithDifferentFieldNamesWhereParentIncludeIsRequired(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_tbl_user", uuidKey("id", "user_id"));
        Model<Instance> company = model(t, "Company", "btm_tbl_company", uuidKey("id", "company_id"));
        Model<Instance> group = model(t, "Group", "btm_tbl_group", uuidKey("id", "group_id"));
        Model<Instance> junction = model(t, "Company_has_Group", "btm_tbl_company_has_group");
        var userCompany = user.belongsTo(company);
        company.hasMany(user);
        BelongsToMany<Instance, Instance> groups = company.belongsToMany(group, a -> a.through(junction));
        group.belongsToMany(company, a -> a.through(junction));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        Instance g = group.create(Map.of()).block(WAIT);
        Instance c = company.create(Map.of()).block(WAIT);
        userCompany.set(u, c).block(WAIT);
        groups.add(c, g).block(WAIT);
        for (boolean required : new boolean[] {false, true}) {
            Include inc = Include.of(company).required(required).include(Include.of(group));
            Instance one = user.findOne(q -> q.include(inc)).block(WAIT);
            List<Instance> all = user.findAll(q -> q.include(inc)).collectList().block(WAIT);
            assertEquals(1, all.size());
            for (Instance found : List.of(one, all.get(0))) {
                Instance co = found.getOne("Company", Instance.class);
                assertEquals(c.get("id"), co.get("id"));
                assertEquals(List.of(g.get("id")), values(co.getMany("Groups", Instance.class), "id"));
            }
        }
    }

    // ---- hasAssociations -----------------------------------------------------------------------------------

    /** Articles keyed by {@code pk}, labels by {@code sk}, through the model ArticleLabel. */
    private static final class Labels {
        final Model<Instance> article;
        final Model<Instance> label;
        final BelongsToMany<Instance, Instance> labels;

        Labels(TestDb t, Model<Instance> junction, boolean unique) {
            article = model(t, "Article", "btm_articles", m -> m.attribute("pk", DataTypes.INTEGER,
                    a -> a.primaryKey(true).autoIncrement(true)).attribute("title", DataTypes.STRING));
            label = model(t, "Label", "btm_labels", m -> m.attribute("sk", DataTypes.INTEGER,
                    a -> a.primaryKey(true).autoIncrement(true)).attribute("text", DataTypes.STRING));
            Model<Instance> through = junction != null ? junction : model(t, "ArticleLabel", "btm_article_labels");
            labels = article.belongsToMany(label, a -> a.through(through).throughUnique(unique));
            label.belongsToMany(article, a -> a.through(through).throughUnique(unique));
            t.db().sync().block(WAIT);
        }

        Labels(TestDb t) {
            this(t, null, true);
        }

        Instance article() {
            return article.create(Map.of("title", "Article")).block(WAIT);
        }

        Instance label(String text) {
            return label.create(Map.of("text", text)).block(WAIT);
        }
    }

    @DatabaseTest
    void hasSupportsTransactions(TestDb t) {
        Labels f = new Labels(t);
        Instance a = f.article();
        Instance l = f.label("bar");
        Transaction tx = t.db().startTransaction().block(WAIT);
        in(tx, f.labels.set(a, List.of(l))).block(WAIT);
        Instance found = in(tx, f.article.findAll().next()).block(WAIT);
        assertFalse(f.labels.has(found, List.of(l)).block(WAIT));
        assertTrue(in(tx, f.labels.has(found, List.of(l))).block(WAIT));
        tx.rollback().block(WAIT);
    }

    @DatabaseTest
    void answersFalseIfOnlySomeLabelsHaveBeenAssigned(TestDb t) {
        Labels f = new Labels(t);
        Instance a = f.article();
        Instance l1 = f.label("Awesomeness");
        Instance l2 = f.label("Epicness");
        f.labels.add(a, l1).block(WAIT);
        assertFalse(f.labels.has(a, List.of(l1, l2)).block(WAIT));
    }

    @DatabaseTest
    void answersFalseIfOnlySomeLabelsHaveBeenAssignedWhenPassingAPrimaryKey(TestDb t) {
        Labels f = new Labels(t);
        Instance a = f.article();
        Instance l1 = f.label("Awesomeness");
        Instance l2 = f.label("Epicness");
        f.labels.add(a, List.of(l1), Map.of()).block(WAIT);
        assertFalse(f.labels.has(a, List.of(l1.get("sk"), l2.get("sk"))).block(WAIT));
    }

    @DatabaseTest
    void answersTrueIfAllLabelsHaveBeenAssigned(TestDb t) {
        Labels f = new Labels(t);
        Instance a = f.article();
        Instance l1 = f.label("Awesomeness");
        Instance l2 = f.label("Epicness");
        f.labels.set(a, List.of(l1, l2)).block(WAIT);
        assertTrue(f.labels.has(a, List.of(l1, l2)).block(WAIT));
    }

    @DatabaseTest
    void answersTrueIfAllLabelsHaveBeenAssignedWhenPassingAPrimaryKey(TestDb t) {
        Labels f = new Labels(t);
        Instance a = f.article();
        Instance l1 = f.label("Awesomeness");
        Instance l2 = f.label("Epicness");
        f.labels.set(a, List.of(l1, l2)).block(WAIT);
        assertTrue(f.labels.has(a, l1.get("sk"), l2.get("sk")).block(WAIT));
    }

    private static Labels assignedMultipleTimes(TestDb t, boolean byKey) {
        Model<Instance> junction = model(t, "ArticleLabel", "btm_article_labels", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("relevance", DataTypes.DECIMAL(10, 2), a -> a.validate(V.min(0), V.max(1))));
        Labels f = new Labels(t, junction, false);
        Instance a = f.article();
        Instance l1 = f.label("Awesomeness");
        Instance l2 = f.label("Epicness");
        // unique: false: a repeated add of the same pair updates the link, a junction row added directly repeats it
        f.labels.add(a, List.of(l1), Map.of("relevance", 1)).block(WAIT);
        f.labels.add(a, List.of(l2), Map.of("relevance", new BigDecimal("0.54"))).block(WAIT);
        junction.create(Map.of("ArticlePk", a.get("pk"), "LabelSk", l2.get("sk"), "relevance",
                new BigDecimal("0.99"))).block(WAIT);
        assertEquals(3, BtmSupport.count(t, "btm_article_labels"));
        assertTrue(f.labels.has(a, byKey ? List.of(l1.get("sk"), l2.get("sk")) : List.of(l1, l2)).block(WAIT));
        assertEquals(2, f.labels.count(a).block(WAIT), "a target linked twice counts once");
        return f;
    }

    @DatabaseTest
    void answersTrueForLabelsThatHaveBeenAssignedMultipleTimes(TestDb t) {
        assignedMultipleTimes(t, false);
    }

    @DatabaseTest
    void answersTrueForLabelsThatHaveBeenAssignedMultipleTimesWhenPassingAPrimaryKey(TestDb t) {
        assignedMultipleTimes(t, true);
    }

    // ---- countAssociations ---------------------------------------------------------------------------------

    /** John with two tasks through UserTask (own id, started default false). */
    private static final class Counts {
        final Model<Instance> user;
        final Model<Instance> task;
        final Model<Instance> userTask;
        final BelongsToMany<Instance, Instance> userTasks;
        final Instance john;

        Counts(TestDb t) {
            user = model(t, "User", "btm_users", m -> m.attribute("username", DataTypes.STRING));
            task = model(t, "Task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING)
                    .attribute("active", DataTypes.BOOLEAN));
            userTask = model(t, "UserTask", "btm_user_tasks", m -> m
                    .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                    .attribute("started", DataTypes.BOOLEAN, a -> a.defaultValue(false)));
            userTasks = user.belongsToMany(task, a -> a.through(userTask));
            task.belongsToMany(user, a -> a.through(userTask));
            t.db().sync().block(WAIT);
            john = user.create(Map.of("username", "John")).block(WAIT);
            userTasks.set(john, List.of(task.create(Map.of("title", "Get rich", "active", true)).block(WAIT),
                    task.create(Map.of("title", "Die trying", "active", false)).block(WAIT))).block(WAIT);
        }
    }

    @DatabaseTest
    void shouldCountAllAssociations(TestDb t) {
        Counts f = new Counts(t);
        assertEquals(2, f.userTasks.count(f.john).block(WAIT));
    }

    @DatabaseTest
    void shouldCountFilteredAssociations(TestDb t) {
        Counts f = new Counts(t);
        assertEquals(1, f.userTasks.count(f.john, Where.eq("active", true)).block(WAIT));
    }

    @DatabaseTest
    void shouldCountScopedAssociations(TestDb t) {
        Counts f = new Counts(t);
        BelongsToMany<Instance, Instance> active = f.user.belongsToMany(f.task, a -> a.as("activeTasks")
                .through(f.userTask).scope(Map.of("active", true)));
        assertEquals(1, active.count(f.john).block(WAIT));
    }

    @DatabaseTest
    void shouldCountScopedThroughAssociations(TestDb t) {
        Counts f = new Counts(t);
        BelongsToMany<Instance, Instance> started = f.user.belongsToMany(f.task, a -> a.as("startedTasks")
                .through(f.userTask).throughScope(Map.of("started", true)));
        for (int i = 0; i < 2; i++) {
            f.userTasks.add(f.john, List.of(f.task.create(Map.of()).block(WAIT)), Map.of("started", true))
                    .block(WAIT);
        }
        assertEquals(2, started.count(f.john).block(WAIT));
        assertEquals(4, f.userTasks.count(f.john).block(WAIT));
        assertEquals(2, started.get(f.john, q -> q.order(Order.asc("id"))).filter(x -> x.get("title") == null)
                .count().block(WAIT), "the started tasks are the two untitled ones");
    }
}
