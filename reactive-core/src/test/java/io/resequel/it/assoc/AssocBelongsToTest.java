package io.resequel.it.assoc;

import static io.resequel.it.assoc.AssocSupport.WAIT;
import static io.resequel.it.assoc.AssocSupport.asLong;
import static io.resequel.it.assoc.AssocSupport.id;
import static io.resequel.it.assoc.AssocSupport.matching;
import static io.resequel.it.assoc.AssocSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.error.AssociationException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import reactor.test.StepVerifier;

/** belongsTo mixins: get (no query for a NULL key), set (instance, key, null, save=false), create. */
class AssocBelongsToTest {

    record Fixture(Model<Instance> users, Model<Instance> tasks, BelongsTo<Instance, Instance> owner, Instance ada,
            Instance bob, Instance task) {
    }

    static Fixture fixture(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        BelongsTo<Instance, Instance> owner = tasks.belongsTo(users, a -> a.as("owner"));
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance bob = users.create(Map.of("name", "Bob")).block(WAIT);
        Instance task = tasks.create(Map.of("title", "t")).block(WAIT);
        return new Fixture(users, tasks, owner, ada, bob, task);
    }

    static Long ownerInDb(TestDb t) {
        return asLong(rows(t, "Tasks", null, null, "ownerId").get(0).get("ownerId"));
    }

    @DatabaseTest
    void getWithNullKeyIsEmptyWithoutAQuery(TestDb t) {
        Fixture f = fixture(t);
        t.clearStatements();
        StepVerifier.create(f.owner().get(f.task())).verifyComplete();
        StepVerifier.create(f.owner().get(f.task(), q -> q.where("name", "Ada"))).verifyComplete();
        assertEquals(List.of(), t.statements());
    }

    @DatabaseTest
    void setInstanceSavesOnlyTheKey(TestDb t) {
        Fixture f = fixture(t);
        f.task().set("title", "changed in memory");
        t.clearStatements();
        Instance same = f.owner().set(f.task(), f.ada()).block(WAIT);
        assertSame(f.task(), same);
        assertEquals(id(f.ada()), ownerInDb(t));
        assertEquals("t", rows(t, "Tasks", null, null, "title").get(0).get("title"),
                "only the key is saved, not other changes");
        List<String> updates = matching(t, "UPDATE");
        assertEquals(1, updates.size(), t.statements().toString());
        assertTrue(updates.get(0).contains(t.q("ownerId")));
        assertFalse(updates.get(0).contains(t.q("title")), updates.get(0));
        assertEquals("Ada", f.owner().get(f.task()).block(WAIT).get("name"));
        assertEquals(1, matching(t, "SELECT", "Users").size());
    }

    @DatabaseTest
    void setByKeyAndNull(TestDb t) {
        Fixture f = fixture(t);
        f.owner().set(f.task(), f.bob().get("id")).block(WAIT);
        assertEquals(id(f.bob()), ownerInDb(t));
        assertEquals(id(f.bob()), asLong(f.task().get("ownerId")));
        assertEquals("Bob", f.owner().get(f.task()).block(WAIT).get("name"));
        f.owner().set(f.task(), null).block(WAIT);
        assertNull(ownerInDb(t));
        assertNull(f.task().get("ownerId"));
        StepVerifier.create(f.owner().get(f.task())).verifyComplete();
    }

    @DatabaseTest
    void setWithSaveFalseOnlyChangesTheInstance(TestDb t) {
        Fixture f = fixture(t);
        t.clearStatements();
        f.owner().set(f.task(), f.ada(), false).block(WAIT);
        assertEquals(List.of(), t.statements());
        assertEquals(id(f.ada()), asLong(f.task().get("ownerId")));
        assertTrue(f.task().changed("ownerId"));
        assertNull(ownerInDb(t));
        f.task().save().block(WAIT);
        assertEquals(id(f.ada()), ownerInDb(t));
    }

    @DatabaseTest
    void getWithWhereAndAttributes(TestDb t) {
        Fixture f = fixture(t);
        f.owner().set(f.task(), f.ada()).block(WAIT);
        StepVerifier.create(f.owner().get(f.task(), q -> q.where("name", "Bob"))).verifyComplete();
        Instance a = f.owner().get(f.task(), q -> q.where("name", "Ada").attributes("id")).block(WAIT);
        assertEquals(id(f.ada()), id(a));
        assertNull(a.get("name"));
    }

    @DatabaseTest
    void createMakesTheTargetAndLinksIt(TestDb t) {
        Fixture f = fixture(t);
        Instance cy = f.owner().create(f.task(), Map.of("name", "Cy")).block(WAIT);
        assertFalse(cy.isNewRecord());
        assertEquals("Cy", cy.get("name"));
        assertEquals(id(cy), ownerInDb(t));
        assertEquals(id(cy), asLong(f.task().get("ownerId")));
        assertEquals(3, AssocSupport.count(t, "Users", null));
    }

    @DatabaseTest
    void setToAMissingKeyFailsWithTheForeignKeyError(TestDb t) {
        Fixture f = fixture(t);
        StepVerifier.create(f.owner().set(f.task(), 424242)).expectError(ForeignKeyConstraintException.class)
                .verify(WAIT);
        assertNull(ownerInDb(t));
    }

    @DatabaseTest
    void wrongModelAndUnsavedTargetAreAssociationErrors(TestDb t) {
        Fixture f = fixture(t);
        Instance otherTask = f.tasks().create(Map.of("title", "o")).block(WAIT);
        t.clearStatements();
        StepVerifier.create(f.owner().set(f.task(), otherTask)).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.owner().set(f.task(), f.users().build(Map.of("name", "unsaved"))))
                .expectError(AssociationException.class).verify(WAIT);
        assertEquals(List.of(), t.statements());
        assertNull(f.task().get("ownerId"));
    }

    @DatabaseTest
    void belongsToAndHasManyPairShareTheKey(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        var userTasks = users.hasMany(tasks);
        BelongsTo<Instance, Instance> user = tasks.belongsTo(users);
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance task = tasks.create(Map.of("title", "x")).block(WAIT);
        user.set(task, ada).block(WAIT);
        assertEquals(List.of("x"), userTasks.get(ada).map(i -> i.get("title")).collectList().block(WAIT));
    }
}
