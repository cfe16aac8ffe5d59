package io.resequel.it.assoc;

import static io.resequel.it.assoc.AssocSupport.WAIT;
import static io.resequel.it.assoc.AssocSupport.asLong;
import static io.resequel.it.assoc.AssocSupport.count;
import static io.resequel.it.assoc.AssocSupport.id;
import static io.resequel.it.assoc.AssocSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Mixins join an enclosing db.transaction(...): they see its writes, and its rollback undoes theirs. */
class AssocTransactionTest {

    record Fixture(Model<Instance> users, Model<Instance> tasks, Model<Instance> profiles, Model<Instance> projects,
            HasMany<Instance, Instance> userTasks, BelongsTo<Instance, Instance> taskUser,
            HasOne<Instance, Instance> profile, BelongsToMany<Instance, Instance> up, Instance ada) {
    }

    static Fixture fixture(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> profiles = t.db().define("Profile", m -> m.attribute("bio", DataTypes.STRING));
        Model<Instance> projects = t.db().define("Project", m -> m.attribute("title", DataTypes.STRING));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks);
        BelongsTo<Instance, Instance> taskUser = tasks.belongsTo(users);
        HasOne<Instance, Instance> profile = users.hasOne(profiles);
        BelongsToMany<Instance, Instance> up = users.belongsToMany(projects, a -> a.through("UserProjects"));
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        return new Fixture(users, tasks, profiles, projects, userTasks, taskUser, profile, up, ada);
    }

    @DatabaseTest
    void rollbackUndoesEveryMixin(TestDb t) {
        Fixture f = fixture(t);
        Instance loose = f.tasks().create(Map.of("title", "loose")).block(WAIT);
        Instance p1 = f.projects().create(Map.of("title", "p1")).block(WAIT);
        Instance old = f.profile().create(f.ada(), Map.of("bio", "old")).block(WAIT);
        Instance other = f.profiles().create(Map.of("bio", "other")).block(WAIT);
        List<Long> seenInside = new CopyOnWriteArrayList<>();
        StepVerifier.create(t.db().transaction(tx -> f.userTasks().create(f.ada(), Map.of("title", "new"))
                        .then(f.userTasks().add(f.ada(), loose))
                        .then(f.userTasks().count(f.ada())).doOnNext(seenInside::add)
                        .then(f.up().add(f.ada(), p1))
                        .then(f.up().create(f.ada(), Map.of("title", "p2")))
                        .then(f.up().count(f.ada())).doOnNext(seenInside::add)
                        .then(f.profile().set(f.ada(), other))
                        .then(f.profile().get(f.ada())).map(i -> i.get("bio").equals("other") ? 1L : 0L)
                        .doOnNext(seenInside::add)
                        .then(Mono.error(new IllegalStateException("roll back")))))
                .expectErrorMessage("roll back").verify(WAIT);
        assertEquals(List.of(2L, 2L, 1L), seenInside, "inside, the mixins see each other's writes");
        assertEquals(1, count(t, "Tasks", null), "the created task is gone");
        assertNull(rows(t, "Tasks", null, null, "UserId").get(0).get("UserId"), "the add is undone");
        assertEquals(0, count(t, "UserProjects", null));
        assertEquals(1, count(t, "Projects", null), "belongsToMany.create joined the outer transaction");
        List<Map<String, Object>> profs = rows(t, "Profiles", null, "id", "bio", "UserId");
        assertEquals(id(f.ada()), asLong(profs.get(0).get("UserId")), "hasOne.set's unlink is undone");
        assertNull(profs.get(1).get("UserId"), "and its link too");
        assertEquals(old.get("id"), f.profile().get(f.ada()).block(WAIT).get("id"));
    }

    @DatabaseTest
    void setAndRemoveInARolledBackTransaction(TestDb t) {
        Fixture f = fixture(t);
        Instance a = f.userTasks().create(f.ada(), Map.of("title", "a")).block(WAIT);
        Instance p1 = f.projects().create(Map.of("title", "p1")).block(WAIT);
        f.up().add(f.ada(), p1).block(WAIT);
        StepVerifier.create(t.db().transaction(tx -> f.userTasks().set(f.ada(), List.of())
                        .then(f.up().set(f.ada(), List.of()))
                        .then(f.taskUser().set(a, null))
                        .then(Mono.error(new IllegalStateException("roll back")))))
                .expectErrorMessage("roll back").verify(WAIT);
        assertEquals(id(f.ada()), asLong(rows(t, "Tasks", null, null, "UserId").get(0).get("UserId")));
        assertEquals(1, count(t, "UserProjects", null));
    }

    @DatabaseTest
    void commitKeepsThem(TestDb t) {
        Fixture f = fixture(t);
        Instance p1 = f.projects().create(Map.of("title", "p1")).block(WAIT);
        t.db().transactionMany(tx -> f.up().add(f.ada(), p1).then(f.userTasks().create(f.ada(), Map.of("title", "x"))))
                .blockLast(WAIT);
        assertEquals(1, count(t, "UserProjects", null));
        assertEquals(1, count(t, "Tasks", null));
    }

    @DatabaseTest
    void createWithIncludeCommitsItsOwnTransaction(TestDb t) {
        Fixture f = fixture(t);
        Instance bob = f.users().create(Map.of("name", "Bob", "Tasks", List.of(Map.of("title", "a"), Map.of("title",
                "b"))), io.resequel.query.Include.of(f.tasks())).block(WAIT);
        assertEquals(2, bob.getMany("Tasks", Instance.class).size());
        assertEquals(2, count(t, "Users", null), "the created user is committed");
        assertEquals(2, count(t, "Tasks", AssocSupport.eq(t, "UserId", id(bob))));
    }
}
