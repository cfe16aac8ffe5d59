package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sequelize's {@code omitNull}: the model option (also a define default for every model) and the per-call
 * {@code SaveOptions.omitNull}. Saves leave the attributes they would set to null out of the statement; foreign keys
 * are still written, so unlinking works (has-many.test.js: clears associations when passing null to the set-method
 * with omitNull set to true). Tables carry the {@code if_} prefix.
 */
class OmitNullTest {

    private static Model<Instance> users(Resequel db, Consumer<ModelOptions> options) {
        return db.define("User", s -> s.attribute("name", DataTypes.STRING).attribute("bio", DataTypes.STRING)
                .options(o -> options.accept(o.tableName("if_omit_users"))));
    }

    private static Object stored(TestDb t, Model<Instance> m, Object id, String attribute) {
        return m.findByPk(id).block().get(attribute);
    }

    private static String lastUpdate(TestDb t) {
        List<String> s = t.statements().stream().filter(x -> x.startsWith("UPDATE")).toList();
        return s.isEmpty() ? null : s.get(s.size() - 1);
    }

    @DatabaseTest
    void modelOptionLeavesNullsOutOfAnUpdate(TestDb t) {
        Model<Instance> m = users(t.db(), o -> o.omitNull(true));
        t.db().sync().block();
        Instance u = m.create(Map.of("name", "a", "bio", "b")).block();
        t.clearStatements();
        u.set("name", null);
        u.set("bio", "c");
        u.save().block();
        String update = lastUpdate(t);
        assertFalse(update.contains(t.q("name")), update);
        assertTrue(update.contains(t.q("bio")), update);
        assertEquals("a", stored(t, m, u.get("id"), "name"));
        assertEquals("c", stored(t, m, u.get("id"), "bio"));
        t.clearStatements();
        Instance again = m.findByPk(u.get("id")).block();
        again.update(java.util.Collections.singletonMap("name", null)).block();
        assertNull(lastUpdate(t), "nothing left to write: no statement");
        assertEquals("a", stored(t, m, u.get("id"), "name"));
    }

    @DatabaseTest
    void perCallOptionWinsOverTheModel(TestDb t) {
        Model<Instance> omitting = users(t.db(), o -> o.omitNull(true));
        t.db().sync().block();
        Instance u = omitting.create(Map.of("name", "a")).block();
        u.set("name", null);
        u.save(SaveOptions.DEFAULTS.omitNull(false)).block();
        assertNull(stored(t, omitting, u.get("id"), "name"), "omitNull(false) writes the null");
        Instance v = omitting.create(Map.of("name", "a")).block();
        v.update(java.util.Collections.singletonMap("name", null), SaveOptions.DEFAULTS.omitNull(false).silent())
                .block();
        assertNull(stored(t, omitting, v.get("id"), "name"));
    }

    @DatabaseTest
    void perCallOptionWithoutTheModelOption(TestDb t) {
        Model<Instance> m = users(t.db(), o -> { });
        t.db().sync().block();
        Instance u = m.create(Map.of("name", "a")).block();
        u.set("name", null);
        u.save(SaveOptions.DEFAULTS.omitNull(true)).block();
        assertEquals("a", stored(t, m, u.get("id"), "name"));
        u.set("name", null);
        u.save().block();
        assertNull(stored(t, m, u.get("id"), "name"), "off by default: the null is written");
    }

    /** has-many.test.js: clears associations when passing null to the set-method with omitNull set to true. */
    @DatabaseTest
    void clearsAssociationsWhenPassingNullToSetWithOmitNull(TestDb t) {
        Resequel db = t.connect(o -> o.define(d -> d.omitNull(true)));
        Model<Instance> user = db.define("User", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.tableName("if_omit_users")));
        Model<Instance> task = db.define("Task", s -> s.attribute("title", DataTypes.STRING)
                .options(o -> o.tableName("if_omit_tasks")));
        HasMany<Instance, Instance> taskUsers = task.hasMany(user);
        assertTrue(user.definition().omitNull(), "a define default");
        db.sync().block();
        Instance u = user.create(Map.of("username", "foo")).block();
        Instance k = task.create(Map.of("title", "task")).block();
        taskUsers.set(k, List.of(u)).block();
        assertEquals(1, taskUsers.get(k).collectList().block().size());
        taskUsers.set(k, null).block();
        assertEquals(0, taskUsers.get(k).collectList().block().size());
        assertEquals(1L, user.count(Where.eq("TaskId", null)).block());
    }

    /** A foreign key set to null on the instance is written too (Sequelize keeps the attributes named …Id). */
    @DatabaseTest
    void writesANullForeignKey(TestDb t) {
        Model<Instance> user = users(t.db(), o -> o.omitNull(true));
        Model<Instance> task = t.db().define("Task", s -> s.attribute("title", DataTypes.STRING)
                .options(o -> o.tableName("if_omit_tasks")));
        task.hasMany(user);
        t.db().sync().block();
        Instance k = task.create(Map.of("title", "task")).block();
        Instance u = user.create(Map.of("name", "a", "TaskId", k.get("id"))).block();
        u.set("TaskId", null);
        u.set("name", null);
        u.save().block();
        assertNull(stored(t, user, u.get("id"), "TaskId"));
        assertEquals("a", stored(t, user, u.get("id"), "name"));
    }

    /** restore writes the cleared deletedAt whatever omitNull says, as Sequelize's restore forces omitNull off. */
    @DatabaseTest
    void restoreWritesTheClearedDeletedAt(TestDb t) {
        Model<Instance> m = users(t.db(), o -> o.omitNull(true).paranoid(true));
        t.db().sync().block();
        Instance u = m.create(Map.of("name", "a")).block();
        u.destroy().block();
        assertEquals(0L, m.count().block());
        u.restore().block();
        assertEquals(1L, m.count().block());
    }
}
