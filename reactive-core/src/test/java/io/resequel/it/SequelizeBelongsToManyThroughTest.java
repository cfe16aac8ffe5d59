package io.resequel.it;

import static io.resequel.it.BtmSupport.WAIT;
import static io.resequel.it.BtmSupport.asLong;
import static io.resequel.it.BtmSupport.model;
import static io.resequel.it.BtmSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.ThroughQuery;
import io.resequel.error.AssociationException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.test.StepVerifier;

/**
 * Port of Sequelize v6 {@code test/integration/associations/belongs-to-many.test.js}, part 3: the junction table
 * (creation, keys, primary key, paranoid links, join-table values, removal), aliases, several associations, foreign
 * key constraints, self-associations and eager loading.
 */
class SequelizeBelongsToManyThroughTest {

    private static List<String> primaryKeys(Model<?> m) {
        return m.definition().primaryKeys().stream().map(AttributeDefinition::name).sorted().toList();
    }

    // ---- join table creation --------------------------------------------------------------------------------

    @DatabaseTest
    void shouldWorkWithNonIntegerPrimaryKeys(TestDb t) {
        Model<Instance> beacons = model(t, "Beacon", "btm_beacons", m -> m.attribute("id", DataTypes.UUID,
                a -> a.primaryKey(true).defaultValue(DefaultValue.UUIDV4)).attribute("name", DataTypes.STRING));
        Model<Instance> users = model(t, "Usar", "btm_usars", m -> m.attribute("name", DataTypes.STRING));
        BelongsToMany<Instance, Instance> usersOf = beacons.belongsToMany(users, a -> a.through("btm_user_beacons"));
        users.belongsToMany(beacons, a -> a.through("btm_user_beacons"));
        t.db().sync().block(WAIT);
        Instance b = beacons.create(Map.of("name", "b")).block(WAIT);
        Instance u = users.create(Map.of("name", "u")).block(WAIT);
        usersOf.add(b, u).block(WAIT);
        assertEquals(List.of("u"), values(usersOf.get(b).collectList().block(WAIT), "name"));
        assertEquals(DataTypes.UUID.kind(), usersOf.through().definition().attribute("BeaconId").type().kind());
    }

    @DatabaseTest
    void makesJoinTableNonParanoidByDefault(TestDb t) {
        Resequel db = t.connect(o -> o.define(d -> d.paranoid(true)));
        Model<Instance> user = db.define("ParanoidUser", m -> m.options(o -> o.tableName("btm_paranoid_users")));
        Model<Instance> task = db.define("ParanoidTask", m -> m.options(o -> o.tableName("btm_paranoid_tasks")));
        BelongsToMany<Instance, Instance> tasks = user.belongsToMany(task, a -> a.through("btm_user_tasks"));
        task.belongsToMany(user, a -> a.through("btm_user_tasks"));
        assertNotNull(user.definition().deletedAtAttribute());
        assertNotNull(task.definition().deletedAtAttribute());
        assertNull(tasks.through().definition().deletedAtAttribute(), "the junction is not paranoid");
    }

    @DatabaseTest
    void shouldAllowCreationOfAParanoidJoinTable(TestDb t) {
        Resequel db = t.connect(o -> o.define(d -> d.paranoid(true)));
        Model<Instance> user = db.define("ParanoidUser", m -> m.options(o -> o.tableName("btm_paranoid_users")));
        Model<Instance> task = db.define("ParanoidTask", m -> m.options(o -> o.tableName("btm_paranoid_tasks")));
        BelongsToMany<Instance, Instance> tasks = user.belongsToMany(task, a -> a.through("btm_user_tasks")
                .throughParanoid(true));
        task.belongsToMany(user, a -> a.through("btm_user_tasks").throughParanoid(true));
        assertEquals("deletedAt", tasks.through().definition().deletedAtAttribute());
    }

    // ---- foreign keys ---------------------------------------------------------------------------------------

    @DatabaseTest
    void shouldCorrectlyGenerateUnderscoredKeys(TestDb t) {
        Model<Instance> user = t.db().define("User", m -> m.options(o -> o.tableName("btm_users").underscored(true)
                .timestamps(false)));
        Model<Instance> place = t.db().define("Place", m -> m.options(o -> o.tableName("btm_places")
                .underscored(true).timestamps(false)));
        BelongsToMany<Instance, Instance> places = user.belongsToMany(place, a -> a.through("btm_user_places"));
        place.belongsToMany(user, a -> a.through("btm_user_places"));
        var d = places.through().definition();
        assertEquals("place_id", d.attribute("PlaceId").field());
        assertEquals("user_id", d.attribute("UserId").field());
    }

    @DatabaseTest
    void shouldInferOtherKeyFromPairedBtmWithAThroughString(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users");
        Model<Instance> place = model(t, "Place", "btm_places");
        BelongsToMany<Instance, Instance> places = user.belongsToMany(place, a -> a.through("btm_user_places")
                .foreignKey("user_id"));
        BelongsToMany<Instance, Instance> users = place.belongsToMany(user, a -> a.through("btm_user_places")
                .foreignKey("place_id"));
        assertEquals("user_id", places.foreignKey());
        assertEquals("place_id", users.foreignKey());
        assertEquals("place_id", places.otherKey());
        assertEquals("user_id", users.otherKey());
        assertEquals(Set.of("user_id", "place_id", "createdAt", "updatedAt"), BtmSupport.attributes(places.through()));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        Instance p = place.create(Map.of()).block(WAIT);
        places.add(u, p).block(WAIT);
        assertEquals(1, users.get(p).count().block(WAIT), "both sides read the same two columns");
    }

    @DatabaseTest
    void shouldInferOtherKeyFromPairedBtmWithAThroughModel(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users");
        Model<Instance> place = model(t, "Place", "btm_places");
        Model<Instance> userPlace = model(t, "UserPlace", "btm_user_places", m -> m.attribute("id", DataTypes.INTEGER,
                a -> a.primaryKey(true).autoIncrement(true)).options(o -> o.timestamps(false)));
        BelongsToMany<Instance, Instance> places = user.belongsToMany(place, a -> a.through(userPlace)
                .foreignKey("user_id"));
        BelongsToMany<Instance, Instance> users = place.belongsToMany(user, a -> a.through(userPlace)
                .foreignKey("place_id"));
        assertEquals("place_id", places.otherKey());
        assertEquals("user_id", users.otherKey());
        assertEquals(3, userPlace.definition().attributes().size(), "its own key and two foreign keys");
        assertEquals(userPlace.definition().attribute("user_id").unique(),
                userPlace.definition().attribute("place_id").unique(), "one composite unique key");
    }

    // ---- foreign key with fields specified ------------------------------------------------------------------

    /** Users and projects doubly linked through "btm_user_projects" with keys userId/projectId in snake_case. */
    private static final class Fields {
        final Model<Instance> user;
        final Model<Instance> project;
        final BelongsToMany<Instance, Instance> projects;
        final BelongsToMany<Instance, Instance> users;

        Fields(TestDb t) {
            user = model(t, "User", "btm_users", m -> m.attribute("name", DataTypes.STRING));
            project = model(t, "Project", "btm_projects", m -> m.attribute("name", DataTypes.STRING));
            projects = user.belongsToMany(project, a -> a.through("btm_user_projects").as("Projects")
                    .foreignKey("userId", "user_id", false).otherKey("projectId", "project_id"));
            users = project.belongsToMany(user, a -> a.through("btm_user_projects").as("Users")
                    .foreignKey("projectId", "project_id", false).otherKey("userId", "user_id"));
        }
    }

    @DatabaseTest
    void shouldCorrectlyGetAssociationsEvenAfterAChildInstanceIsDeleted(TestDb t) {
        Fields f = new Fields(t);
        t.db().sync().block(WAIT);
        Instance u = f.user.create(Map.of("name", "Matt")).block(WAIT);
        Instance p1 = f.project.create(Map.of("name", "Good Will Hunting")).block(WAIT);
        Instance p2 = f.project.create(Map.of("name", "The Departed")).block(WAIT);
        t.clearStatements();
        f.projects.add(u, List.of(p1, p2), Map.of()).block(WAIT);
        assertEquals(2, BtmSupport.queries(t).size(), "a SELECT and one INSERT: " + BtmSupport.queries(t));
        t.clearStatements();
        List<Instance> ps = f.projects.get(u).collectList().block(WAIT);
        assertEquals(1, BtmSupport.queries(t).size());
        ps.get(0).destroy().block(WAIT);
        Instance found = f.user.findOne(q -> q.where("id", u.get("id")).include(Include.of(f.project).as("Projects")))
                .block(WAIT);
        assertEquals(1, found.getMany("Projects", Instance.class).size(), "the link cascaded away with the project");
    }

    @DatabaseTest
    void shouldCorrectlyGetAssociationsWhenDoublyLinked(TestDb t) {
        Fields f = new Fields(t);
        t.db().sync().block(WAIT);
        Instance u = f.user.create(Map.of("name", "Matt")).block(WAIT);
        Instance p = f.project.create(Map.of("name", "Good Will Hunting")).block(WAIT);
        t.clearStatements();
        f.projects.add(u, p).block(WAIT);
        assertEquals(2, BtmSupport.queries(t).size(), "once for SELECT, once for INSERT: " + BtmSupport.queries(t));
        t.clearStatements();
        Instance found = f.projects.get(u).blockFirst(WAIT);
        assertEquals(1, BtmSupport.queries(t).size());
        assertEquals(p.get("id"), found.get("id"));
        t.clearStatements();
        f.projects.remove(u, found).block(WAIT);
        assertEquals(1, BtmSupport.queries(t).size(), "one DELETE: " + BtmSupport.queries(t));
        assertEquals(0, BtmSupport.count(t, "btm_user_projects"));
    }

    @DatabaseTest
    void shouldBeAbleToHandleNestedIncludesProperly(TestDb t) {
        Fields f = new Fields(t);
        Model<Instance> group = model(t, "Group", "btm_groups", m -> m.attribute("groupName", DataTypes.STRING));
        BelongsToMany<Instance, Instance> groupUsers = group.belongsToMany(f.user, a -> a.through("btm_group_users")
                .as("Users").foreignKey("groupId", "group_id", false).otherKey("userId", "user_id"));
        f.user.belongsToMany(group, a -> a.through("btm_group_users").as("Groups")
                .foreignKey("userId", "user_id", false).otherKey("groupId", "group_id"));
        t.db().sync().block(WAIT);
        Instance g = group.create(Map.of("groupName", "The Illuminati")).block(WAIT);
        Instance u = f.user.create(Map.of("name", "Matt")).block(WAIT);
        Instance p = f.project.create(Map.of("name", "Good Will Hunting")).block(WAIT);
        f.projects.add(u, p).block(WAIT);
        groupUsers.add(g, u).block(WAIT);
        List<Instance> groups = group.findAll(q -> q.where("id", g.get("id")).include(Include.of(f.user).as("Users")
                .include(Include.of(f.project).as("Projects")))).collectList().block(WAIT);
        Instance user = groups.get(0).getMany("Users", Instance.class).get(0);
        assertEquals("Good Will Hunting", user.getMany("Projects", Instance.class).get(0).get("name"));
    }

    // ---- primary key handling for join table ----------------------------------------------------------------

    @DatabaseTest
    void removesThePrimaryKeyIfItWasAddedBySequelize(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users", m -> m.attribute("username", DataTypes.STRING));
        Model<Instance> task = model(t, "Task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> userTasks = model(t, "usertasks", "btm_usertasks");
        user.belongsToMany(task, a -> a.through(userTasks));
        task.belongsToMany(user, a -> a.through(userTasks));
        assertEquals(List.of("TaskId", "UserId"), primaryKeys(userTasks));
    }

    @DatabaseTest
    void keepsThePrimaryKeyIfItWasAddedByTheUser(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users", m -> m.attribute("username", DataTypes.STRING));
        Model<Instance> task = model(t, "Task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> userTasks = model(t, "usertasks", "btm_usertasks", m -> m.attribute("id", DataTypes.INTEGER,
                a -> a.primaryKey(true).autoIncrement(true)));
        Model<Instance> userTasks2 = model(t, "usertasks2", "btm_usertasks2", m -> m.attribute("userTasksId",
                DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true)));
        user.belongsToMany(task, a -> a.through(userTasks));
        task.belongsToMany(user, a -> a.through(userTasks));
        user.belongsToMany(task, a -> a.through(userTasks2).as("Tasks2"));
        task.belongsToMany(user, a -> a.through(userTasks2).as("Users2"));
        assertEquals(List.of("id"), primaryKeys(userTasks));
        assertEquals(List.of("userTasksId"), primaryKeys(userTasks2));
        for (Model<Instance> m : List.of(userTasks, userTasks2)) {
            var d = m.definition();
            assertNotNull(d.attribute("UserId").unique(), m.name());
            assertEquals(d.attribute("UserId").unique(), d.attribute("TaskId").unique(), m.name());
        }
        t.db().sync().block(WAIT);
    }

    @DatabaseTest
    void withoutSyncRemovesAllAssociations(TestDb t) {
        var qi = t.db().queryInterface();
        qi.createTable("btm_users", s -> s.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true)
                .autoIncrement(true)).attribute("username", DataTypes.STRING).attribute("createdAt", DataTypes.DATE)
                .attribute("updatedAt", DataTypes.DATE)).block(WAIT);
        qi.createTable("btm_tasks", s -> s.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true)
                .autoIncrement(true)).attribute("title", DataTypes.STRING).attribute("createdAt", DataTypes.DATE)
                .attribute("updatedAt", DataTypes.DATE)).block(WAIT);
        qi.createTable("btm_users_tasks", s -> s.attribute("TaskId", DataTypes.INTEGER)
                .attribute("UserId", DataTypes.INTEGER).attribute("createdAt", DataTypes.DATE)
                .attribute("updatedAt", DataTypes.DATE)).block(WAIT);
        Model<Instance> user = model(t, "User", "btm_users", m -> m.attribute("username", DataTypes.STRING));
        Model<Instance> task = model(t, "Task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> usersTasks = model(t, "UsersTasks", "btm_users_tasks");
        BelongsToMany<Instance, Instance> tasks = user.belongsToMany(task, a -> a.through(usersTasks));
        task.belongsToMany(user, a -> a.through(usersTasks));
        assertEquals(List.of("TaskId", "UserId"), primaryKeys(usersTasks));
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance tk = task.create(Map.of("title", "foo")).block(WAIT);
        tasks.add(u, tk).block(WAIT);
        tasks.set(u, null).block(WAIT);
        assertEquals(0, BtmSupport.count(t, "btm_users_tasks"));
    }

    // ---- through: paranoid ----------------------------------------------------------------------------------

    /** Three users and three projects through a paranoid UserProjects; user 0 linked to all, then one link deleted. */
    private static final class ParanoidLinks {
        final BelongsToMany<Instance, Instance> projects;
        final List<Instance> ps;
        final Instance user;

        ParanoidLinks(TestDb t) {
            Model<Instance> user = model(t, "User", "btm_users");
            Model<Instance> project = model(t, "Project", "btm_projects");
            Model<Instance> userProjects = model(t, "UserProjects", "btm_user_projects", m -> m
                    .options(o -> o.paranoid(true)));
            projects = user.belongsToMany(project, a -> a.through(userProjects));
            project.belongsToMany(user, a -> a.through(userProjects));
            t.db().sync().block(WAIT);
            this.user = user.create(Map.of()).block(WAIT);
            user.create(Map.of()).block(WAIT);
            ps = List.of(project.create(Map.of()).block(WAIT), project.create(Map.of()).block(WAIT),
                    project.create(Map.of()).block(WAIT));
            projects.add(this.user, ps, Map.of()).block(WAIT);
            userProjects.destroy(Where.eq("ProjectId", ps.get(0).get("id"))).block(WAIT);
            assertEquals(3, BtmSupport.count(t, "btm_user_projects"), "soft-deleted, still there");
        }
    }

    @DatabaseTest
    void getsOnlyNonDeletedRecordsByDefault(TestDb t) {
        ParanoidLinks f = new ParanoidLinks(t);
        assertEquals(2, f.projects.get(f.user).count().block(WAIT));
    }

    @DatabaseTest
    void returnsBothDeletedAndNonDeletedRecordsWithParanoidFalse(TestDb t) {
        ParanoidLinks f = new ParanoidLinks(t);
        assertEquals(3, f.projects.get(f.user, q -> { }, ThroughQuery.paranoid(false)).count().block(WAIT));
        assertEquals(3, f.projects.count(f.user, null, ThroughQuery.paranoid(false)).block(WAIT));
    }

    @DatabaseTest
    void hasAssociationAlsoRespectsParanoidOption(TestDb t) {
        ParanoidLinks f = new ParanoidLinks(t);
        assertTrue(f.projects.has(f.user, List.of(f.ps.get(0)), ThroughQuery.paranoid(false)).block(WAIT));
        assertFalse(f.projects.has(f.user, f.ps.get(0)).block(WAIT));
        assertTrue(f.projects.has(f.user, f.ps.get(1)).block(WAIT));
        assertFalse(f.projects.has(f.user, f.ps).block(WAIT));
    }

    // ---- through: fetching from / inserting in the join table -----------------------------------------------

    /** User and Project through UserProjects(status, data). */
    private static final class JoinValues {
        final Model<Instance> user;
        final Model<Instance> project;
        final Model<Instance> userProjects;
        final BelongsToMany<Instance, Instance> projects;

        JoinValues(TestDb t) {
            user = model(t, "User", "btm_users");
            project = model(t, "Project", "btm_projects");
            userProjects = model(t, "UserProjects", "btm_user_projects", m -> m.attribute("status", DataTypes.STRING)
                    .attribute("data", DataTypes.INTEGER));
            projects = user.belongsToMany(project, a -> a.through(userProjects));
            project.belongsToMany(user, a -> a.through(userProjects));
            t.db().sync().block(WAIT);
        }

        Instance link(Instance u, Instance p) {
            return userProjects.findOne(q -> q.where(Where.eq("UserId", u.get("id"))
                    .and(Where.eq("ProjectId", p.get("id"))))).block(WAIT);
        }
    }

    @DatabaseTest
    void shouldContainTheDataFromTheJoinTable(TestDb t) {
        JoinValues f = new JoinValues(t);
        Instance u = f.user.create(Map.of()).block(WAIT);
        Instance p = f.project.create(Map.of()).block(WAIT);
        f.projects.add(u, List.of(p), Map.of("status", "active", "data", 42)).block(WAIT);
        Instance got = f.projects.get(u).blockFirst(WAIT);
        Instance link = got.getOne("UserProjects", Instance.class);
        assertNotNull(link);
        assertFalse(got.toJSON().containsKey("status"));
        assertEquals("active", link.get("status"));
        assertEquals(42L, asLong(link.get("data")));
    }

    @DatabaseTest
    void shouldBeAbleToAliasTheDefaultNameOfTheJoinTable(TestDb t) {
        JoinValues f = new JoinValues(t);
        Instance u = f.user.create(Map.of()).block(WAIT);
        Instance p = f.project.create(Map.of()).block(WAIT);
        f.projects.add(u, List.of(p), Map.of("status", "active", "data", 42)).block(WAIT);
        for (boolean separate : new boolean[] {false, true}) {
            List<Instance> users = f.user.findAll(q -> q.include(Include.of(f.project).throughAs("myProject")
                    .separate(separate))).collectList().block(WAIT);
            Instance project = users.get(0).getMany("Projects", Instance.class).get(0);
            assertFalse(project.isIncluded("UserProjects"), "separate " + separate);
            Instance link = project.getOne("myProject", Instance.class);
            assertEquals("active", link.get("status"));
            assertEquals(42L, asLong(link.get("data")));
        }
    }

    @DatabaseTest
    void shouldBeAbleToLimitTheJoinTableAttributesReturned(TestDb t) {
        JoinValues f = new JoinValues(t);
        Instance u = f.user.create(Map.of()).block(WAIT);
        Instance p = f.project.create(Map.of()).block(WAIT);
        f.projects.add(u, List.of(p), Map.of("status", "active", "data", 42)).block(WAIT);
        Instance got = f.projects.get(u, q -> { }, ThroughQuery.DEFAULT.attributes("status")).blockFirst(WAIT);
        Instance link = got.getOne("UserProjects", Instance.class);
        assertEquals("active", link.get("status"));
        assertNull(link.get("data"));
        assertFalse(link.toJSON().containsKey("data"), link.toJSON().toString());
    }

    @DatabaseTest
    void addShouldInsertDataProvidedOnTheObjectIntoTheJoinTable(TestDb t) {
        JoinValues f = new JoinValues(t);
        Instance u = f.user.create(Map.of()).block(WAIT);
        Instance p = f.project.create(Map.of()).block(WAIT);
        p.setIncluded("UserProjects", Map.of("status", "active"));
        f.projects.add(u, p).block(WAIT);
        assertEquals("active", f.link(u, p).get("status"));
    }

    @DatabaseTest
    void addShouldInsertDataProvidedAsASecondArgumentIntoTheJoinTable(TestDb t) {
        JoinValues f = new JoinValues(t);
        Instance u = f.user.create(Map.of()).block(WAIT);
        Instance p = f.project.create(Map.of()).block(WAIT);
        f.projects.add(u, List.of(p), Map.of("status", "active")).block(WAIT);
        assertEquals("active", f.link(u, p).get("status"));
    }

    /** Worker and Task through WorkerTasks, timestamps off, optionally every one with a declared id. */
    private static BelongsToMany<Instance, Instance> workerTasks(TestDb t, boolean declaredIds) {
        java.util.function.Consumer<io.resequel.model.ModelSpec> id = m -> {
            if (declaredIds) {
                m.attribute("id", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).autoIncrement(true));
            }
            m.options(o -> o.timestamps(false));
        };
        Model<Instance> worker = model(t, "Worker", "btm_workers", id);
        Model<Instance> task = model(t, "Task", "btm_tasks", id);
        Model<Instance> workerTasks = model(t, "WorkerTasks", "btm_worker_tasks", id);
        BelongsToMany<Instance, Instance> tasks = worker.belongsToMany(task, a -> a.through(workerTasks));
        task.belongsToMany(worker, a -> a.through(workerTasks));
        t.db().sync().block(WAIT);
        return tasks;
    }

    @DatabaseTest
    void shouldBeAbleToAddTwiceWithoutAnyAttributesOnTheThroughModel(TestDb t) {
        BelongsToMany<Instance, Instance> tasks = workerTasks(t, false);
        Instance w = tasks.source().create(Map.of("id", 1337)).block(WAIT);
        Instance tk = tasks.target().create(Map.of("id", 7331)).block(WAIT);
        tasks.add(w, tk).block(WAIT);
        t.clearStatements();
        assertEquals(List.of(), tasks.add(w, tk).block(WAIT), "nothing new to link");
        assertEquals(1, BtmSupport.queries(t).size(), "no junction values: the second add only reads " + BtmSupport.queries(t));
        assertEquals(1, BtmSupport.count(t, "btm_worker_tasks"));
    }

    @DatabaseTest
    void shouldBeAbleToAddTwiceWithCustomPrimaryKeysWithoutAnyAttributesOnTheThroughModel(TestDb t) {
        BelongsToMany<Instance, Instance> tasks = workerTasks(t, true);
        Instance w = tasks.source().create(Map.of("id", 1337)).block(WAIT);
        Instance tk = tasks.target().create(Map.of("id", 7331)).block(WAIT);
        tasks.add(w, tk).block(WAIT);
        tasks.add(w, tk).block(WAIT);
        assertEquals(1, BtmSupport.count(t, "btm_worker_tasks"));
    }

    @DatabaseTest
    void shouldCreateAnInstanceAlongWithItsManyToManyAssociationWithAnExtraJunctionColumn(TestDb t) {
        Model<Instance> foo = model(t, "foo", "btm_foos", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> bar = model(t, "bar", "btm_bars", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> fooBar = model(t, "foobar", "btm_foobars", m -> m.attribute("baz", DataTypes.STRING));
        foo.belongsToMany(bar, a -> a.through(fooBar));
        bar.belongsToMany(foo, a -> a.through(fooBar));
        t.db().sync().block(WAIT);
        Instance created = foo.create(Map.of("name", "foo...", "bars", List.of(Map.of("name", "bar...",
                "foobar", Map.of("baz", "baz...")))), Include.of(bar)).block(WAIT);
        assertEquals("foo...", created.get("name"));
        List<Instance> bars = created.getMany("bars", Instance.class);
        assertEquals(1, bars.size());
        assertEquals("bar...", bars.get(0).get("name"));
        assertEquals("baz...", bars.get(0).getOne("foobar", Instance.class).get("baz"));
        Instance found = foo.findOne(q -> q.include(Include.of(bar))).block(WAIT);
        Instance b = found.getMany("bars", Instance.class).get(0);
        assertEquals("bar...", b.get("name"));
        assertEquals("baz...", b.getOne("foobar", Instance.class).get("baz"));
    }

    @DatabaseTest
    void setShouldCombinePropertiesOnTheAssociatedObjectsAndDefaultValues(TestDb t) {
        JoinValues f = new JoinValues(t);
        f.project.bulkCreate(List.of(Map.of(), Map.of())).blockLast(WAIT);
        Instance u = f.user.create(Map.of()).block(WAIT);
        List<Instance> ps = f.project.findAll(q -> q.order(Order.asc("id"))).collectList().block(WAIT);
        ps.get(0).setIncluded("UserProjects", Map.of("status", "inactive"));
        f.projects.set(u, ps, Map.of("status", "active")).block(WAIT);
        assertEquals("inactive", f.link(u, ps.get(0)).get("status"));
        assertEquals("active", f.link(u, ps.get(1)).get("status"));
    }

    @DatabaseTest
    void shouldBeAbleToSetTwiceWithoutAnyAttributesOnTheThroughModel(TestDb t) {
        BelongsToMany<Instance, Instance> tasks = workerTasks(t, false);
        Instance w = tasks.source().create(Map.of()).block(WAIT);
        tasks.target().bulkCreate(List.of(Map.of(), Map.of())).blockLast(WAIT);
        List<Instance> all = tasks.target().findAll().collectList().block(WAIT);
        tasks.set(w, all).block(WAIT);
        tasks.set(w, all).block(WAIT);
        assertEquals(2, BtmSupport.count(t, "btm_worker_tasks"));
    }

    @DatabaseTest
    void shouldSupportQueryTheThroughModel(TestDb t) {
        JoinValues f = new JoinValues(t);
        Instance u = f.user.create(Map.of()).block(WAIT);
        f.projects.create(u, Map.of(), Map.of("status", "active", "data", 1)).block(WAIT);
        f.projects.create(u, Map.of(), Map.of("status", "inactive", "data", 2)).block(WAIT);
        f.projects.create(u, Map.of(), Map.of("status", "inactive", "data", 3)).block(WAIT);
        assertEquals(1, f.projects.get(u, q -> { }, ThroughQuery.where(Where.eq("status", "active"))).count()
                .block(WAIT));
        assertEquals(2, f.projects.count(u, null, ThroughQuery.where(Where.eq("status", "inactive"))).block(WAIT));
    }

    // ---- removing from the join table -----------------------------------------------------------------------

    @DatabaseTest
    void shouldRemoveASingleEntryWithoutAnyAttributesOnTheThroughModel(TestDb t) {
        BelongsToMany<Instance, Instance> tasks = workerTasks(t, false);
        Instance w = tasks.source().create(Map.of()).block(WAIT);
        tasks.target().bulkCreate(List.of(Map.of(), Map.of(), Map.of())).blockLast(WAIT);
        List<Instance> all = tasks.target().findAll(q -> q.order(Order.asc("id"))).collectList().block(WAIT);
        tasks.set(w, all).block(WAIT);
        tasks.remove(w, all.get(0)).block(WAIT);
        tasks.remove(w, all.get(1).get("id")).block(WAIT);
        assertEquals(List.of(all.get(2).get("id")), values(tasks.get(w).collectList().block(WAIT), "id"));
    }

    @DatabaseTest
    void shouldRemoveMultipleEntriesWithoutAnyAttributesOnTheThroughModel(TestDb t) {
        BelongsToMany<Instance, Instance> tasks = workerTasks(t, false);
        Instance w = tasks.source().create(Map.of()).block(WAIT);
        tasks.target().bulkCreate(List.of(Map.of(), Map.of(), Map.of(), Map.of(), Map.of())).blockLast(WAIT);
        List<Instance> all = tasks.target().findAll(q -> q.order(Order.asc("id"))).collectList().block(WAIT);
        tasks.set(w, all).block(WAIT);
        tasks.remove(w, List.of(all.get(0), all.get(1))).block(WAIT);
        tasks.remove(w, List.of(all.get(2).get("id"), all.get(3).get("id"))).block(WAIT);
        assertEquals(List.of(all.get(4).get("id")), values(tasks.get(w).collectList().block(WAIT), "id"));
    }

    // ---- belongsTo and hasMany at once ----------------------------------------------------------------------

    @DatabaseTest
    void sourceBelongsToTargetCorrectlyUsesBIdInA(TestDb t) {
        Model<Instance> a = model(t, "a", "btm_as", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> b = model(t, "b", "btm_bs", m -> m.attribute("name", DataTypes.STRING));
        BelongsTo<Instance, Instance> relation1 = a.belongsTo(b, o -> o.as("relation1"));
        a.belongsToMany(b, o -> o.as("relation2").through("btm_ab"));
        b.belongsToMany(a, o -> o.as("relation2").through("btm_ab"));
        t.db().sync().block(WAIT);
        Instance a1 = a.build(Map.of("name", "a1")).save().block(WAIT);
        Instance b1 = b.build(Map.of("name", "b1")).save().block(WAIT);
        relation1.set(a1, b1).block(WAIT);
        Instance found = a.findOne(q -> q.where("name", "a1")).block(WAIT);
        assertEquals(b1.get("id"), found.get("relation1Id"));
    }

    @DatabaseTest
    void targetBelongsToSourceCorrectlyUsesBIdInA(TestDb t) {
        Model<Instance> a = model(t, "a", "btm_as", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> b = model(t, "b", "btm_bs", m -> m.attribute("name", DataTypes.STRING));
        BelongsTo<Instance, Instance> relation1 = b.belongsTo(a, o -> o.as("relation1"));
        a.belongsToMany(b, o -> o.as("relation2").through("btm_ab"));
        b.belongsToMany(a, o -> o.as("relation2").through("btm_ab"));
        t.db().sync().block(WAIT);
        Instance a1 = a.build(Map.of("name", "a1")).save().block(WAIT);
        Instance b1 = b.build(Map.of("name", "b1")).save().block(WAIT);
        relation1.set(b1, a1).block(WAIT);
        Instance found = b.findOne(q -> q.where("name", "b1")).block(WAIT);
        assertEquals(a1.get("id"), found.get("relation1Id"));
    }

    // ---- alias ----------------------------------------------------------------------------------------------

    @DatabaseTest
    void createsTheJoinTableWhenThroughIsAString(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users");
        Model<Instance> group = model(t, "Group", "btm_groups");
        BelongsToMany<Instance, Instance> myGroups = user.belongsToMany(group, a -> a.as("MyGroups")
                .through("btm_group_user"));
        BelongsToMany<Instance, Instance> myUsers = group.belongsToMany(user, a -> a.as("MyUsers")
                .through("btm_group_user"));
        t.db().sync().block(WAIT);
        assertTrue(t.db().queryInterface().showAllTables().collectList().block(WAIT).contains("btm_group_user"));
        assertSame(myGroups.through(), myUsers.through(), "counterparts share the junction");
        assertTrue(BtmSupport.attributes(myUsers.through()).containsAll(Set.of("UserId", "GroupId")));
    }

    @DatabaseTest
    void createsTheJoinTableWhenThroughIsAModel(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users");
        Model<Instance> group = model(t, "Group", "btm_groups");
        Model<Instance> userGroup = model(t, "GroupUser", "btm_user_groups");
        BelongsToMany<Instance, Instance> myGroups = user.belongsToMany(group, a -> a.as("MyGroups")
                .through(userGroup));
        BelongsToMany<Instance, Instance> myUsers = group.belongsToMany(user, a -> a.as("MyUsers")
                .through(userGroup));
        t.db().sync().block(WAIT);
        assertTrue(t.db().queryInterface().showAllTables().collectList().block(WAIT).contains("btm_user_groups"));
        assertSame(myGroups.through(), myUsers.through());
        assertTrue(BtmSupport.attributes(myUsers.through()).containsAll(Set.of("UserId", "GroupId")));
    }

    // ---- multiple hasMany -----------------------------------------------------------------------------------

    @DatabaseTest
    void correctlySetsUserAndOwner(TestDb t) {
        Model<Instance> user = model(t, "user", "btm_users", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> project = model(t, "project", "btm_projects", m -> m.attribute("projectName",
                DataTypes.STRING));
        BelongsToMany<Instance, Instance> owners = project.belongsToMany(user, a -> a.as("owners")
                .through("btm_project_owners"));
        BelongsToMany<Instance, Instance> users = project.belongsToMany(user, a -> a.as("users")
                .through("btm_project_users"));
        user.belongsToMany(project, a -> a.as("ownedProjects").through("btm_project_owners"));
        user.belongsToMany(project, a -> a.as("memberProjects").through("btm_project_users"));
        t.db().sync().block(WAIT);
        Instance p1 = project.build(Map.of("projectName", "p1")).save().block(WAIT);
        Instance u1 = user.build(Map.of("name", "u1")).save().block(WAIT);
        Instance u2 = user.build(Map.of("name", "u2")).save().block(WAIT);
        users.set(p1, List.of(u1)).block(WAIT);
        owners.set(p1, List.of(u2)).block(WAIT);
        assertEquals(List.of("u1"), values(users.get(p1).collectList().block(WAIT), "name"));
        assertEquals(List.of("u2"), values(owners.get(p1).collectList().block(WAIT), "name"));
    }

    // ---- Foreign key constraints ----------------------------------------------------------------------------

    /** task and user through "btm_tasksusers"; user 67 linked to task 52, task 42 to user 89. */
    private static final class Constraints {
        final Model<Instance> user;
        final Model<Instance> task;
        final Instance user1;
        final Instance task2;

        Constraints(TestDb t, java.util.function.Consumer<io.resequel.assoc.AssociationOptions> userSide,
                java.util.function.Consumer<io.resequel.assoc.AssociationOptions> taskSide) {
            task = model(t, "task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING));
            user = model(t, "user", "btm_users", m -> m.attribute("username", DataTypes.STRING));
            BelongsToMany<Instance, Instance> tasks = user.belongsToMany(task, a -> userSide.accept(
                    a.through("btm_tasksusers")));
            BelongsToMany<Instance, Instance> users = task.belongsToMany(user, a -> taskSide.accept(
                    a.through("btm_tasksusers")));
            t.db().sync().block(WAIT);
            user1 = user.create(Map.of("id", 67, "username", "foo")).block(WAIT);
            Instance task1 = task.create(Map.of("id", 52, "title", "task")).block(WAIT);
            Instance user2 = user.create(Map.of("id", 89, "username", "bar")).block(WAIT);
            task2 = task.create(Map.of("id", 42, "title", "kast")).block(WAIT);
            tasks.set(user1, List.of(task1)).block(WAIT);
            users.set(task2, List.of(user2)).block(WAIT);
        }

        long links(TestDb t, String column, Object value) {
            return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q("btm_tasksusers") + " WHERE " + t.q(column)
                    + " = " + value).blockFirst(WAIT).get("n")).longValue();
        }
    }

    @DatabaseTest
    void canCascadeDeletesBothWaysByDefault(TestDb t) {
        Constraints f = new Constraints(t, a -> { }, a -> { });
        f.user1.destroy().block(WAIT);
        f.task2.destroy().block(WAIT);
        assertEquals(0, f.links(t, "userId", 67));
        assertEquals(0, f.links(t, "taskId", 42));
    }

    @DatabaseTest
    void canRestrictDeletesBothWays(TestDb t) {
        Constraints f = new Constraints(t, a -> a.onDelete(ReferentialAction.RESTRICT),
                a -> a.onDelete(ReferentialAction.RESTRICT));
        StepVerifier.create(f.user1.destroy()).expectError(ForeignKeyConstraintException.class).verify(WAIT);
        StepVerifier.create(f.task2.destroy()).expectError(ForeignKeyConstraintException.class).verify(WAIT);
    }

    @DatabaseTest
    void canCascadeAndRestrictDeletes(TestDb t) {
        Constraints f = new Constraints(t, a -> a.onDelete(ReferentialAction.RESTRICT),
                a -> a.onDelete(ReferentialAction.CASCADE));
        StepVerifier.create(f.user1.destroy()).expectError(ForeignKeyConstraintException.class).verify(WAIT);
        f.task2.destroy().block(WAIT);
        assertEquals(0, f.links(t, "taskId", 42), "the task side cascades");
    }

    @DatabaseTest
    void shouldBePossibleToRemoveAllConstraints(TestDb t) {
        Constraints f = new Constraints(t, a -> a.constraints(false), a -> a.constraints(false));
        f.user1.destroy().block(WAIT);
        f.task2.destroy().block(WAIT);
        assertEquals(1, f.links(t, "userId", 67));
        assertEquals(1, f.links(t, "taskId", 42));
    }

    @DatabaseTest
    void createCustomUniqueIdentifier(TestDb t) {
        // Deviation: a junction without a primary key of its own gets the composite primary key (no unique key on the
        // same columns, which Sequelize adds besides); the uniqueKey name applies to a junction with its own key
        for (boolean ownKey : new boolean[] {false, true}) {
            Resequel db = t.connect(o -> { });
            Model<Instance> task = db.define("task", m -> m.attribute("title", DataTypes.STRING)
                    .options(o -> o.tableName("btm_tasks")));
            Model<Instance> user = db.define("user", m -> m.attribute("username", DataTypes.STRING)
                    .options(o -> o.tableName("btm_users")));
            Model<Instance> longName = db.define("btm_table_user_task_with_very_long_name", m -> {
                if (ownKey) {
                    m.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true));
                }
                m.attribute("id_user_very_long_field", DataTypes.INTEGER)
                        .attribute("id_task_very_long_field", DataTypes.INTEGER)
                        .options(o -> o.tableName("btm_table_user_task_with_very_long_name"));
            });
            user.belongsToMany(task, a -> a.as("MyTasks").through(longName).foreignKey("id_user_very_long_field"));
            BelongsToMany<Instance, Instance> myUsers = task.belongsToMany(user, a -> a.as("MyUsers")
                    .through(longName).foreignKey("id_task_very_long_field").uniqueKey("custom_user_group_unique"));
            db.sync(io.resequel.query.SyncOptions.force()).block(WAIT);
            var d = myUsers.through().definition();
            assertEquals(Set.of("id_user_very_long_field", "id_task_very_long_field", "createdAt", "updatedAt")
                    .size() + (ownKey ? 1 : 0), d.attributes().size(), "the inferred otherKeys gave way");
            if (ownKey) {
                assertEquals("custom_user_group_unique", d.attribute("id_user_very_long_field").unique());
                assertEquals("custom_user_group_unique", d.attribute("id_task_very_long_field").unique());
            } else {
                assertEquals(List.of("id_task_very_long_field", "id_user_very_long_field"), primaryKeys(longName));
            }
        }
    }

    // ---- Association options --------------------------------------------------------------------------------

    @DatabaseTest
    void foreignKeyAttributeDefinitionTakesAColumnDirectlyFromTheObject(TestDb t) {
        Model<Instance> project = model(t, "project", "btm_projects");
        Model<Instance> user = model(t, "user", "btm_users", m -> m.attribute("uid", DataTypes.INTEGER,
                a -> a.primaryKey(true)));
        BelongsToMany<Instance, Instance> projects = user.belongsToMany(project, a -> a.foreignKey("user_id")
                .through("btm_UserProjects"));
        var fk = projects.through().definition().attribute("user_id");
        assertEquals("btm_users", fk.references().table());
        assertEquals("uid", fk.references().key());
    }

    @DatabaseTest
    void shouldThrowAnErrorIfForeignKeyAndAsResultInANameClash(TestDb t) {
        Model<Instance> user = model(t, "user", "btm_users", m -> m.attribute("user", DataTypes.INTEGER));
        AssociationException e = assertThrows(AssociationException.class,
                () -> user.belongsToMany(user, a -> a.as("user").through("btm_UserUser")));
        assertTrue(e.getMessage().contains("Naming collision between attribute 'user' and association 'user' on "
                + "model user. To remedy this, change either foreignKey or as in your association definition"),
                e.getMessage());
        assertEquals(List.of(), user.associations());
    }

    // ---- thisAssociations -----------------------------------------------------------------------------------

    @DatabaseTest
    void shouldWorkWithThisReference(TestDb t) {
        // Deviation: Sequelize lets both keys of as "User" be UserId (one column); Resequel refuses it
        Model<Instance> user = model(t, "User", "btm_users", m -> m.attribute("name", DataTypes.STRING(100)));
        Model<Instance> follow = model(t, "Follow", "btm_follows");
        AssociationException e = assertThrows(AssociationException.class,
                () -> user.belongsToMany(user, a -> a.through(follow).as("User")));
        assertTrue(e.getMessage().contains("both 'UserId'"), e.getMessage());
        BelongsToMany<Instance, Instance> fans = user.belongsToMany(user, a -> a.through(follow).as("Fan"));
        BelongsToMany<Instance, Instance> idols = user.belongsToMany(user, a -> a.through(follow).as("Idol")
                .foreignKey("FanId").otherKey("UserId"));
        t.db().sync().block(WAIT);
        List<Instance> users = List.of(user.create(Map.of("name", "Khsama")).block(WAIT),
                user.create(Map.of("name", "Vivek")).block(WAIT), user.create(Map.of("name", "Satya")).block(WAIT));
        fans.add(users.get(0), users.get(1)).block(WAIT);
        idols.add(users.get(1), users.get(2)).block(WAIT);
        fans.add(users.get(2), users.get(0)).block(WAIT);
        assertEquals(List.of("Vivek"), values(fans.get(users.get(0)).collectList().block(WAIT), "name"));
        assertEquals(Set.of("Khsama", "Satya"), Set.copyOf(values(idols.get(users.get(1)).collectList().block(WAIT),
                "name")), "the links whose FanId is Vivek");
    }

    @DatabaseTest
    void shouldWorkWithCustomThisReference(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users", m -> m.attribute("name", DataTypes.STRING(100)));
        Model<Instance> followers = model(t, "UserFollower", "btm_user_followers");
        BelongsToMany<Instance, Instance> follower = user.belongsToMany(user, a -> a.as("Follower", "Followers")
                .through(followers));
        // Deviation: Sequelize accepts foreignKey InviteeId with the inferred otherKey InviteeId; Resequel refuses
        assertThrows(AssociationException.class, () -> user.belongsToMany(user, a -> a.as("Invitee", "Invitees")
                .foreignKey("InviteeId").through("btm_invites")));
        BelongsToMany<Instance, Instance> invitees = user.belongsToMany(user, a -> a.as("Invitee", "Invitees")
                .foreignKey("InviterId").through("btm_invites"));
        t.db().sync().block(WAIT);
        Instance u0 = user.create(Map.of("name", "Jalrangi")).block(WAIT);
        Instance u1 = user.create(Map.of("name", "Sargrahi")).block(WAIT);
        follower.add(u0, u1).block(WAIT);
        follower.add(u1, u0).block(WAIT);
        invitees.add(u0, u1).block(WAIT);
        invitees.add(u1, u0).block(WAIT);
        assertEquals(2, BtmSupport.count(t, "btm_user_followers"));
        assertEquals(2, BtmSupport.count(t, "btm_invites"));
        assertEquals(List.of("Sargrahi"), values(invitees.get(u0).collectList().block(WAIT), "name"));
    }

    @DatabaseTest
    void shouldSetupCorrectForeignKeys(TestDb t) {
        Model<Instance> person = model(t, "Person", "btm_people");
        Model<Instance> personChildren = model(t, "PersonChildren", "btm_person_children");
        BelongsToMany<Instance, Instance> children = person.belongsToMany(person, a -> a.as("Children")
                .through(personChildren));
        assertEquals("PersonId", children.foreignKey());
        assertEquals("ChildId", children.otherKey());
        assertTrue(BtmSupport.attributes(personChildren).containsAll(Set.of("PersonId", "ChildId")));

        Resequel other = t.connect(o -> { });
        Model<Instance> person2 = other.define("Person", m -> m.options(o -> o.tableName("btm_people2")
                .underscored(true)));
        Model<Instance> personChildren2 = other.define("PersonChildren", m -> m.options(o -> o
                .tableName("btm_person_children2").underscored(true)));
        BelongsToMany<Instance, Instance> children2 = person2.belongsToMany(person2, a -> a.as("Children")
                .through(personChildren2));
        assertEquals("PersonId", children2.foreignKey());
        assertEquals("ChildId", children2.otherKey());
        assertEquals("person_id", personChildren2.definition().attribute("PersonId").field());
        assertEquals("child_id", personChildren2.definition().attribute("ChildId").field());
    }

    // ---- Eager loading --------------------------------------------------------------------------------------

    /** Individuals wearing hats through "event", aliased both ways. */
    private static BelongsToMany<Instance, Instance> hats(TestDb t) {
        Model<Instance> individual = model(t, "individual", "btm_individuals", m -> m.attribute("name",
                DataTypes.STRING));
        Model<Instance> hat = model(t, "hat", "btm_hats", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> event = model(t, "event", "btm_events");
        BelongsToMany<Instance, Instance> wearing = individual.belongsToMany(hat, a -> a.through(event)
                .as("personwearinghat", "personwearinghats"));
        hat.belongsToMany(individual, a -> a.through(event).as("hatwornby", "hatwornbys"));
        t.db().sync().block(WAIT);
        Instance i = individual.create(Map.of("name", "Foo Bar")).block(WAIT);
        Instance h = hat.create(Map.of("name", "Baz")).block(WAIT);
        wearing.add(i, h).block(WAIT);
        return wearing;
    }

    @DatabaseTest
    void shouldLoadWithAnAlias(TestDb t) {
        BelongsToMany<Instance, Instance> wearing = hats(t);
        Instance i = wearing.source().findOne(q -> q.where("name", "Foo Bar")
                .include(Include.of(wearing.target()).as("personwearinghats"))).block(WAIT);
        assertEquals(List.of("Baz"), values(i.getMany("personwearinghats", Instance.class), "name"));
        Instance h = wearing.target().findOne(q -> q.where("name", "Baz")
                .include(Include.of(wearing.source()).as("hatwornbys"))).block(WAIT);
        assertEquals(List.of("Foo Bar"), values(h.getMany("hatwornbys", Instance.class), "name"));
    }

    @DatabaseTest
    void shouldLoadAll(TestDb t) {
        BelongsToMany<Instance, Instance> wearing = hats(t);
        Instance i = wearing.source().findOne(q -> q.where("name", "Foo Bar").include(Include.all())).block(WAIT);
        assertEquals(List.of("Baz"), values(i.getMany("personwearinghats", Instance.class), "name"));
        Instance h = wearing.target().findOne(q -> q.where("name", "Baz").include(Include.all())).block(WAIT);
        assertEquals(List.of("Foo Bar"), values(h.getMany("hatwornbys", Instance.class), "name"));
    }
}
