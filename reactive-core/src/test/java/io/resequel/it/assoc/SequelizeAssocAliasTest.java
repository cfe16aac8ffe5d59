package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Port of Sequelize v6 {@code test/integration/associations/alias.test.js}. */
class SequelizeAssocAliasTest {

    private static Model<Instance> empty(TestDb t, String name, String table) {
        return t.db().define(name, m -> m.options(o -> o.tableName(table)));
    }

    @DatabaseTest
    void upperCasesTheFirstLetterInTheAccessorButNotInEagerLoading(TestDb t) {
        Model<Instance> users = empty(t, "user", "as_al_users");
        Model<Instance> tasks = empty(t, "task", "as_al_tasks");
        HasMany<Instance, Instance> assignments = users.hasMany(tasks, a -> a.as("assignments").foreignKey("userId"));
        BelongsTo<Instance, Instance> owner = tasks.belongsTo(users, a -> a.as("owner").foreignKey("userId"));
        t.db().sync().block();
        users.create(Map.of("id", 1)).block();
        assertEquals("getAssignments", assignments.accessors().get("get"));
        tasks.create(Map.of("id", 1, "userId", 1)).block();
        assertEquals("getOwner", owner.accessors().get("get"));
        Instance user = users.findOne(q -> q.where(Where.eq("id", 1)).include(Include.of(tasks).as("assignments")))
                .block();
        Instance task = tasks.findOne(q -> q.where(Where.eq("id", 1)).include(Include.of(users).as("owner"))).block();
        assertEquals(1, user.getMany("assignments", Instance.class).size());
        assertNotNull(task.getOne("owner", Instance.class));
    }

    @DatabaseTest
    void leavesThePassedAliasAsItIs(TestDb t) {
        Model<Instance> users = empty(t, "user", "as_al_users");
        Model<Instance> tasks = empty(t, "task", "as_al_tasks");
        HasMany<Instance, Instance> assignments = users.hasMany(tasks, a -> a.as("ASSIGNMENTS").foreignKey("userId"));
        BelongsTo<Instance, Instance> owner = tasks.belongsTo(users, a -> a.as("OWNER").foreignKey("userId"));
        t.db().sync().block();
        users.create(Map.of("id", 1)).block();
        assertEquals("getASSIGNMENTS", assignments.accessors().get("get"));
        tasks.create(Map.of("id", 1, "userId", 1)).block();
        assertEquals("getOWNER", owner.accessors().get("get"));
        Instance user = users.findOne(q -> q.where(Where.eq("id", 1)).include(Include.of(tasks).as("ASSIGNMENTS")))
                .block();
        Instance task = tasks.findOne(q -> q.where(Where.eq("id", 1)).include(Include.of(users).as("OWNER"))).block();
        assertEquals(1, user.getMany("ASSIGNMENTS", Instance.class).size());
        assertNotNull(task.getOne("OWNER", Instance.class));
    }

    @DatabaseTest
    void takesOwnPluralAndSingularFormsForHasMany(TestDb t) {
        Model<Instance> users = empty(t, "user", "as_al_users");
        Model<Instance> tasks = empty(t, "task", "as_al_tasks");
        HasMany<Instance, Instance> taskz = users.hasMany(tasks, a -> a.as("task", "taskz"));
        t.db().sync().block();
        Instance user0 = users.create(Map.of("id", 1)).block();
        assertEquals("getTaskz", taskz.accessors().get("get"));
        assertEquals("addTask", taskz.accessors().get("add"));
        assertEquals("addTaskz", taskz.accessors().get("addMultiple"));
        taskz.create(user0, Map.of()).block();
        Instance user = users.findOne(q -> q.where(Where.eq("id", 1)).include(Include.of(tasks).as("taskz"))).block();
        assertEquals(1, user.getMany("taskz", Instance.class).size());
    }

    @DatabaseTest
    void takesPluralAndSingularFormsFromTheModel(TestDb t) {
        Model<Instance> users = empty(t, "user", "as_al_users");
        Model<Instance> tasks = t.db().define("task", m -> m.options(o -> o.tableName("as_al_tasks")
                .name("assignment", "assignments")));
        HasMany<Instance, Instance> assignments = users.hasMany(tasks);
        t.db().sync().block();
        Instance user0 = users.create(Map.of("id", 1)).block();
        assertEquals("getAssignments", assignments.accessors().get("get"));
        assertEquals("addAssignment", assignments.accessors().get("add"));
        assertEquals("addAssignments", assignments.accessors().get("addMultiple"));
        assignments.create(user0, Map.of()).block();
        Instance user = users.findOne(q -> q.where(Where.eq("id", 1)).include(tasks)).block();
        assertEquals(List.of(1), user.getMany("assignments", Instance.class).stream()
                .map(i -> ((Number) i.get("userId")).intValue()).toList());
    }
}
