package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.Map;

/** Ported from Sequelize v6.37.8 test/integration/model/findOne.test.js (eager loading with findOne). */
class FindOneEagerParityTest {

    private static Model<Instance> worker(TestDb t) {
        return t.db().define("Worker", s -> s.attribute("name", DataTypes.STRING));
    }

    private static Model<Instance> task(TestDb t) {
        return t.db().define("Task", s -> s.attribute("title", DataTypes.STRING));
    }

    @DatabaseTest
    void returnsTheAssociatedWorkerViaTaskWorkerAndTheTaskViaWorkerTask(TestDb t) {
        Model<Instance> workers = worker(t);
        Model<Instance> tasks = task(t);
        tasks.belongsTo(workers);
        HasOne<Instance, Instance> workerTask = workers.hasOne(tasks);
        t.db().sync().block();
        Instance w = workers.create(Map.of("name", "worker")).block();
        workerTask.create(w, Map.of("title", "homework")).block();
        Instance task = tasks.findOne(q -> q.where("title", "homework").include(workers)).block();
        assertEquals("worker", task.getOne("Worker", Instance.class).get("name"));
        Instance worker = workers.findOne(q -> q.where("name", "worker").include(tasks)).block();
        assertEquals("homework", worker.getOne("Task", Instance.class).get("title"));
    }

    @DatabaseTest
    void returnsTheAssociatedTasksViaAnAliasAndIncludesTwoHasManyWithoutDuplicates(TestDb t) {
        Model<Instance> workers = worker(t);
        Model<Instance> tasks = task(t);
        Model<Instance> notes = t.db().define("Note", s -> s.attribute("body", DataTypes.STRING));
        HasMany<Instance, Instance> todos = workers.hasMany(tasks, o -> o.as("ToDos"));
        HasMany<Instance, Instance> workerNotes = workers.hasMany(notes);
        t.db().sync().block();
        Instance w = workers.create(Map.of("name", "worker")).block();
        todos.create(w, Map.of("title", "one")).block();
        todos.create(w, Map.of("title", "two")).block();
        workerNotes.create(w, Map.of("body", "a")).block();
        workerNotes.create(w, Map.of("body", "b")).block();
        workerNotes.create(w, Map.of("body", "c")).block();
        Instance found = workers.findOne(q -> q.include(Include.of(tasks).as("ToDos"), Include.of(notes))).block();
        assertEquals(2, found.getMany("ToDos", Instance.class).size());
        assertEquals(3, found.getMany("Notes", Instance.class).size(), "2 x 3 joined rows fold without duplicates");
    }

    @DatabaseTest
    void eagerLoadsWithNonIdPrimaryKeys(TestDb t) {
        Model<Instance> users = t.db().define("UserPKeagerone", s -> s.attribute("UserPKeageroneId",
                DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true)).attribute("name", DataTypes.STRING));
        Model<Instance> groups = t.db().define("GroupPKeagerone", s -> s.attribute("name", DataTypes.STRING,
                a -> a.primaryKey(true)));
        users.belongsTo(groups);
        t.db().sync().block();
        groups.create(Map.of("name", "people")).block();
        users.create(Map.of("name", "someone", "GroupPKeageroneName", "people")).block();
        Instance u = users.findOne(q -> q.where("name", "someone").include(groups)).block();
        assertEquals("people", u.getOne("GroupPKeagerone", Instance.class).get("name"));
    }

    @DatabaseTest
    void returnsTheAssociatedModelsThroughAnAliasedBelongsToMany(TestDb t) {
        Model<Instance> users = t.db().define("User", s -> s.attribute("username", DataTypes.STRING));
        Model<Instance> groups = t.db().define("Group", s -> s.attribute("name", DataTypes.STRING));
        BelongsToMany<Instance, Instance> memberships = users.belongsToMany(groups,
                o -> o.as("Teams").through("UserGroups"));
        t.db().sync().block();
        Instance u = users.create(Map.of("username", "foo")).block();
        memberships.create(u, Map.of("name", "a")).block();
        memberships.create(u, Map.of("name", "b")).block();
        Instance found = users.findOne(q -> q.include(Include.of(groups).as("Teams"))).block();
        assertEquals(2, found.getMany("Teams", Instance.class).size());
    }
}
