package io.resequel.it;

import static io.resequel.it.SequelizeIncludeTest.def;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ported from Sequelize v6.37.8 test/integration/include/findOne.test.js. */
class SequelizeIncludeFindOneTest {

    private static Model<Instance> paranoid(TestDb t, String name) {
        return def(t, name, s -> s.attribute("name", DataTypes.STRING(40)).options(o -> o.paranoid(true)));
    }

    /** Sequelize only checks the query runs; here the A comes with its B, the B's C and D. */
    @DatabaseTest
    void includesANonRequiredModelWithTwoIncludesNMAnd1M(TestDb t) {
        Model<Instance> a = paranoid(t, "A");
        Model<Instance> b = paranoid(t, "B");
        Model<Instance> c = paranoid(t, "C");
        Model<Instance> d = paranoid(t, "D");
        HasMany<Instance, Instance> ab = a.hasMany(b);
        BelongsTo<Instance, Instance> bd = b.belongsTo(d);
        BelongsToMany<Instance, Instance> bc = b.belongsToMany(c, o -> o.through("inc_bc"));
        c.belongsToMany(b, o -> o.through("inc_bc"));
        d.hasMany(b);
        t.db().sync().block();
        assertNull(a.findOne(q -> q.include(Include.of(b).required(false).include(Include.of(c).required(false),
                Include.of(d)))).block());
        Instance a1 = a.create(Map.of("name", "a")).block();
        Instance b1 = ab.create(a1, Map.of("name", "b")).block();
        bc.create(b1, Map.of("name", "c")).block();
        bd.set(b1, d.create(Map.of("name", "d")).block()).block();
        Instance found = a.findOne(q -> q.include(Include.of(b).required(false).include(Include.of(c).required(false),
                Include.of(d)))).block();
        Instance foundB = found.getMany("Bs", Instance.class).get(0);
        assertEquals("c", foundB.getMany("Cs", Instance.class).get(0).get("name"));
        assertEquals("d", foundB.getOne("D", Instance.class).get("name"));
    }

    @DatabaseTest
    void worksWithA1MToM1RelationWithAWhereOnTheLastInclude(TestDb t) {
        Model<Instance> model = def(t, "Model");
        Model<Instance> model2 = def(t, "Model2");
        Model<Instance> model4 = def(t, "Model4", s -> s.attribute("something", DataTypes.INTEGER));
        BelongsTo<Instance, Instance> to2 = model.belongsTo(model2);
        model2.hasMany(model);
        HasMany<Instance, Instance> fours = model2.hasMany(model4);
        model4.belongsTo(model2);
        t.db().sync().block();
        Instance m = model.create(Map.of()).block();
        Instance m2 = model2.create(Map.of()).block();
        to2.set(m, m2).block();
        fours.create(m2, Map.of("something", 1)).block();
        Include include = Include.of(model2).include(Include.of(model4).where(Where.eq("something", 2)));
        // The where on Model4 makes it required; Model2's include is not, so Sequelize still returns the Model.
        Instance found = model.findOne(q -> q.include(include)).block();
        assertNotNull(found);
        assertNull(found.getOne("Model2", Instance.class));
        fours.create(m2, Map.of("something", 2)).block();
        Instance matched = model.findOne(q -> q.include(include)).block();
        assertEquals(1, matched.getOne("Model2", Instance.class).getMany("Model4s", Instance.class).size());
    }

    @DatabaseTest
    void includesAModelWithAWhereConditionButNoRequired(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> task = def(t, "Task", s -> s.attribute("deletedAt", DataTypes.DATE));
        user.hasMany(task, o -> o.foreignKey("userId"));
        task.belongsTo(user, o -> o.foreignKey("userId"));
        t.db().sync().block();
        Instance u = user.create(Map.of()).block();
        OffsetDateTime now = OffsetDateTime.now();
        task.bulkCreate(List.of(Map.of("userId", u.get("id"), "deletedAt", now),
                Map.of("userId", u.get("id"), "deletedAt", now), Map.of("userId", u.get("id"), "deletedAt", now)))
                .blockLast();
        Instance found = user.findOne(q -> q.include(Include.of(task).where(Where.eq("deletedAt", null))
                .required(false))).block();
        assertNotNull(found);
        assertEquals(0, found.getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void includesAModelWithAWhereWhenThePkFieldAndAttributeNamesDiffer(TestDb t) {
        Model<Instance> user = def(t, "User", s -> s.attribute("id", DataTypes.UUID,
                a -> a.defaultValue(DefaultValue.UUIDV4).field("main_id").primaryKey(true)));
        Model<Instance> task = def(t, "Task", "searchString");
        user.hasMany(task, o -> o.foreignKey("userId"));
        task.belongsTo(user, o -> o.foreignKey("userId"));
        t.db().sync().block();
        Instance u = user.create(Map.of()).block();
        task.bulkCreate(List.of(Map.of("userId", u.get("id"), "searchString", "one"),
                Map.of("userId", u.get("id"), "searchString", "two"))).blockLast();
        Instance found = user.findOne(q -> q.include(Include.of(task).where(Where.eq("searchString", "one"))))
                .block();
        assertEquals(u.get("id"), found.get("id"));
        assertEquals(1, found.getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void includesAModelWithAThroughWhereAndRequiredWhenThePkFieldAndAttributeNamesDiffer(TestDb t) {
        Model<Instance> a = def(t, "a");
        Model<Instance> b = def(t, "b");
        Model<Instance> ab = def(t, "a_b", s -> s.attribute("name", DataTypes.STRING(40),
                o -> o.field("name_id").primaryKey(true)));
        BelongsToMany<Instance, Instance> bs = a.belongsToMany(b, o -> o.through(ab));
        b.belongsToMany(a, o -> o.through(ab));
        t.db().sync().block();
        Instance a0 = a.create(Map.of()).block();
        bs.add(a0, List.of(b.create(Map.of()).block()), Map.of("name", "Foobar")).block();
        Instance found = a.findOne(q -> q.include(Include.of(b).throughWhere(Where.eq("name", "Foobar"))
                .required(true))).block();
        assertNotNull(found);
        assertEquals(1, found.getMany("bs", Instance.class).size());
        assertNull(a.findOne(q -> q.include(Include.of(b).throughWhere(Where.eq("name", "other"))
                .required(true))).block());
    }

    @DatabaseTest
    void stillPullsTheMainRecordWhenANonRequiredIncludeWithAWhereHasNoMatches(TestDb t) {
        Model<Instance> a = def(t, "a", s -> s.attribute("name", DataTypes.STRING(40)));
        Model<Instance> b = def(t, "b", s -> s.attribute("name", DataTypes.STRING(40)));
        a.belongsToMany(b, o -> o.through("inc_a_b"));
        b.belongsToMany(a, o -> o.through("inc_a_b"));
        t.db().sync().block();
        a.create(Map.of("name", "Foobar")).block();
        Instance found = a.findOne(q -> q.where("name", "Foobar").include(Include.of(b)
                .where(Where.eq("name", "idontexist")).required(false))).block();
        assertNotNull(found);
        assertEquals(List.of(), found.getMany("bs", Instance.class));
    }

    @DatabaseTest
    void supportsANestedIncludeWithAWhere(TestDb t) {
        Model<Instance> a = def(t, "A", "name");
        Model<Instance> b = def(t, "B", s -> s.attribute("flag", DataTypes.BOOLEAN));
        Model<Instance> c = def(t, "C", "name");
        a.hasOne(b);
        b.belongsTo(a);
        b.hasMany(c);
        c.belongsTo(b);
        t.db().sync().block();
        Instance a0 = a.create(Map.of("name", "a")).block();
        b.create(Map.of("flag", false, "AId", a0.get("id"))).block();
        assertNull(a.findOne(q -> q.include(Include.of(b).where(Where.eq("flag", true)).include(c))).block());
        Instance flagged = b.create(Map.of("flag", true)).block();
        c.create(Map.of("name", "c", "BId", flagged.get("id"))).block();
        assertNull(a.findOne(q -> q.include(Include.of(b).where(Where.eq("flag", true)).include(c))).block(),
                "the flagged B belongs to no A");
    }

    @DatabaseTest
    void supportsABelongsToWithTheTargetKeyOption(TestDb t) {
        Model<Instance> user = def(t, "User", s -> s.attribute("username", DataTypes.STRING, a -> a.unique(true))
                .removeAttribute("id"));
        Model<Instance> task = def(t, "Task", "title");
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user, o -> o.foreignKey("user_name")
                .targetKey("username"));
        t.db().sync().block();
        Instance bob = user.create(Map.of("username", "bob")).block();
        Instance newTask = task.create(Map.of("title", "some task")).block();
        taskUser.set(newTask, bob).block();
        Instance found = task.findOne(q -> q.where("title", "some task").include(user)).block();
        assertEquals("bob", found.getOne("User", Instance.class).get("username"));
    }

    @DatabaseTest
    void supportsManyLevelsOfBelongsToWithALowerLevelHavingAWhere(TestDb t) {
        List<Model<Instance>> chain = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            chain.add(name.equals("g") || name.equals("h") ? def(t, name, "name") : def(t, name));
        }
        List<BelongsTo<Instance, Instance>> links = new ArrayList<>();
        for (int n = 0; n < chain.size() - 1; n++) {
            links.add(chain.get(n).belongsTo(chain.get(n + 1)));
        }
        t.db().sync().block();
        Instance previous = null;
        for (int n = 0; n < chain.size(); n++) {
            Instance instance = chain.get(n).create(n == 6 ? Map.of("name", "yolo") : Map.of()).block();
            if (previous != null) {
                links.get(n - 1).set(previous, instance).block();
            }
            previous = instance;
        }
        Include include = Include.of(chain.get(7));
        for (int n = 6; n >= 1; n--) {
            Include level = Include.of(chain.get(n)).include(include);
            include = n == 6 ? level.where(Where.eq("name", "yolo")) : level;
        }
        Include all = include;
        Instance found = chain.get(0).findOne(q -> q.include(all)).block();
        Instance at = found;
        for (String alias : List.of("b", "c", "d", "e", "f", "g", "h")) {
            at = at.getOne(alias, Instance.class);
            assertNotNull(at, alias);
        }
    }

    /** Sequelize only checks the query runs; here the scope and the where both filter the posts. */
    @DatabaseTest
    void worksWithCombiningAWhereAndAScope(TestDb t) {
        Model<Instance> user = def(t, "User", s -> s.attribute("id", DataTypes.INTEGER,
                a -> a.primaryKey(true).autoIncrement(true)).attribute("name", DataTypes.STRING)
                .options(o -> o.underscored(true)));
        Model<Instance> post = def(t, "Post", s -> s.attribute("id", DataTypes.INTEGER,
                a -> a.primaryKey(true).autoIncrement(true).unique(true))
                .attribute("owner_id", DataTypes.INTEGER, a -> a.unique("combiIndex"))
                .attribute("owner_type", DataTypes.ENUM("user", "org"), a -> a.defaultValue("user").unique("combiIndex"))
                .attribute("private", DataTypes.BOOLEAN, a -> a.defaultValue(false))
                .options(o -> o.underscored(true)));
        user.hasMany(post, o -> o.foreignKey("owner_id").scope(Map.of("owner_type", "user")).as("UserPosts")
                .constraints(false));
        post.belongsTo(user, o -> o.foreignKey("owner_id").as("Owner").constraints(false));
        t.db().sync().block();
        assertNull(user.findOne(q -> q.where("id", 2).include(Include.of(post).as("UserPosts")
                .where(Where.eq("private", true)))).block());
        user.create(Map.of("id", 2, "name", "two")).block();
        post.create(Map.of("owner_id", 2, "owner_type", "org", "private", true)).block();
        assertNull(user.findOne(q -> q.where("id", 2).include(Include.of(post).as("UserPosts")
                .where(Where.eq("private", true)))).block(), "the org's post is outside the scope");
        user.create(Map.of("id", 3, "name", "three")).block();
        post.create(Map.of("owner_id", 2, "owner_type", "user", "private", true)).block();
        Instance found = user.findOne(q -> q.where("id", 2).include(Include.of(post).as("UserPosts")
                .where(Where.eq("private", true)))).block();
        List<Instance> posts = found.getMany("UserPosts", Instance.class);
        assertEquals(1, posts.size());
        assertEquals("user", posts.get(0).get("owner_type"));
        assertTrue(t.statements().stream().anyMatch(s -> s.contains("owner_type")), "the scope is in the SQL");
    }
}
