package io.resequel.it.assoc;

import static io.resequel.it.assoc.AssocSupport.WAIT;
import static io.resequel.it.assoc.AssocSupport.asLong;
import static io.resequel.it.assoc.AssocSupport.id;
import static io.resequel.it.assoc.AssocSupport.matching;
import static io.resequel.it.assoc.AssocSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasMany;
import io.resequel.error.AssociationException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.test.StepVerifier;

/** hasMany mixins: get, count, has, set, add, remove, create, and the association scope. */
class AssocHasManyTest {

    record Fixture(Model<Instance> users, Model<Instance> tasks, HasMany<Instance, Instance> userTasks, Instance ada,
            Instance bob, List<Instance> t) {
    }

    /** Ada has a, b, c (prio 3, 1, 2); Bob has d; e is unlinked. */
    static Fixture fixture(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING)
                .attribute("prio", DataTypes.INTEGER));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks);
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance bob = users.create(Map.of("name", "Bob")).block(WAIT);
        List<Instance> ts = new ArrayList<>();
        ts.add(userTasks.create(ada, Map.of("title", "a", "prio", 3)).block(WAIT));
        ts.add(userTasks.create(ada, Map.of("title", "b", "prio", 1)).block(WAIT));
        ts.add(userTasks.create(ada, Map.of("title", "c", "prio", 2)).block(WAIT));
        ts.add(userTasks.create(bob, Map.of("title", "d", "prio", 1)).block(WAIT));
        ts.add(tasks.create(Map.of("title", "e", "prio", 5)).block(WAIT));
        return new Fixture(users, tasks, userTasks, ada, bob, ts);
    }

    /** @return task title → owner id (or "null"), from raw SQL */
    static Map<Object, Object> owners(TestDb t) {
        Map<Object, Object> out = new TreeMap<>();
        for (Map<String, Object> r : rows(t, "Tasks", null, "id", "title", "UserId")) {
            out.put(r.get("title"), r.get("UserId") == null ? "null" : asLong(r.get("UserId")));
        }
        return out;
    }

    static Map<Object, Object> expect(Object... kv) {
        Map<Object, Object> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> titles(HasMany<Instance, Instance> a, Instance src,
            java.util.function.Consumer<io.resequel.query.FindOptions.Builder> q) {
        return a.get(src, q).map(i -> i.get("title")).collectList().block(WAIT);
    }

    @DatabaseTest
    void getWithWhereOrderLimit(TestDb t) {
        Fixture f = fixture(t);
        assertEquals(List.of("a", "b", "c"), titles(f.userTasks(), f.ada(), q -> q.order(Order.asc("title"))));
        assertEquals(List.of("b", "c", "a"), titles(f.userTasks(), f.ada(), q -> q.order(Order.asc("prio"))));
        assertEquals(List.of("a", "c"), titles(f.userTasks(), f.ada(), q -> q.where("prio", Op.GTE, 2)
                .order(Order.desc("prio"))));
        assertEquals(List.of("a"), titles(f.userTasks(), f.ada(), q -> q.order(Order.desc("prio")).limit(1)));
        assertEquals(List.of("d"), titles(f.userTasks(), f.bob(), q -> { }));
        assertEquals(List.of(), titles(f.userTasks(), f.ada(), q -> q.where("title", "d")),
                "the user's where cannot widen past the key");
        assertEquals(List.of(), titles(f.userTasks(), f.ada(), q -> q.where(Where.or(Where.eq("title", "d"),
                Where.eq("title", "e")))), "an OR in the where stays inside the key condition");
        t.clearStatements();
        f.userTasks().get(f.ada()).collectList().block(WAIT);
        assertEquals(1, t.statements().size());
        assertTrue(t.statements().get(0).contains(t.q("UserId")), t.statements().get(0));
    }

    @DatabaseTest
    void countAndHas(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> ts = f.t();
        assertEquals(3L, f.userTasks().count(f.ada()).block(WAIT));
        assertEquals(1L, f.userTasks().count(f.bob()).block(WAIT));
        assertEquals(2L, f.userTasks().count(f.ada(), Where.where("prio", Op.GTE, 2)).block(WAIT));
        assertEquals(0L, f.userTasks().count(f.ada(), Where.eq("title", "d")).block(WAIT));
        assertTrue(f.userTasks().has(f.ada(), ts.get(0)).block(WAIT));
        assertTrue(f.userTasks().has(f.ada(), ts.get(1).get("id")).block(WAIT), "by key");
        assertTrue(f.userTasks().has(f.ada(), List.of(ts.get(0), ts.get(1), ts.get(2))).block(WAIT));
        assertTrue(f.userTasks().has(f.ada(), List.of(ts.get(0), ts.get(0))).block(WAIT), "duplicates count once");
        assertFalse(f.userTasks().has(f.ada(), ts.get(3)).block(WAIT));
        assertFalse(f.userTasks().has(f.ada(), List.of(ts.get(0), ts.get(3))).block(WAIT), "false when one missing");
        assertFalse(f.userTasks().has(f.ada(), ts.get(4)).block(WAIT));
        assertFalse(f.userTasks().has(f.ada(), 987654).block(WAIT));
    }

    @DatabaseTest
    void setReplacesTheLinkedRows(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> ts = f.t();
        long ada = id(f.ada());
        long bob = id(f.bob());
        f.userTasks().set(f.ada(), List.of(ts.get(1), ts.get(4).get("id"), ts.get(3))).block(WAIT);
        assertEquals(expect("a", "null", "b", ada, "c", "null", "d", ada, "e", ada), owners(t),
                "a and c unlinked, d moved from Bob, e linked");
        assertEquals(0L, f.userTasks().count(f.bob()).block(WAIT));
        assertEquals(5, AssocSupport.count(t, "Tasks", null), "set never deletes rows");
        f.userTasks().set(f.bob(), List.of(ts.get(0))).block(WAIT);
        assertEquals(expect("a", bob, "b", ada, "c", "null", "d", ada, "e", ada), owners(t));
    }

    @DatabaseTest
    void setEmptyUnlinksAll(TestDb t) {
        Fixture f = fixture(t);
        f.userTasks().set(f.ada(), List.of()).block(WAIT);
        assertEquals(expect("a", "null", "b", "null", "c", "null", "d", id(f.bob()), "e", "null"), owners(t));
        assertEquals(0L, f.userTasks().count(f.ada()).block(WAIT));
        f.userTasks().set(f.bob(), null).block(WAIT);
        assertEquals(0L, f.userTasks().count(f.bob()).block(WAIT));
    }

    @DatabaseTest
    void addLinksWithUpdatesOnly(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> ts = f.t();
        t.clearStatements();
        f.userTasks().add(f.bob(), ts.get(4), ts.get(0).get("id")).block(WAIT);
        assertEquals(0, matching(t, "INSERT").size(), "add never inserts");
        assertEquals(1, matching(t, "UPDATE").size(), t.statements().toString());
        long ada = id(f.ada());
        long bob = id(f.bob());
        assertEquals(expect("a", bob, "b", ada, "c", ada, "d", bob, "e", bob), owners(t));
        f.userTasks().add(f.bob(), List.of()).block(WAIT);
        assertEquals(3L, f.userTasks().count(f.bob()).block(WAIT));
    }

    @DatabaseTest
    void removeUnlinksOnlyOwnRows(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> ts = f.t();
        f.userTasks().remove(f.ada(), ts.get(0), ts.get(3).get("id")).block(WAIT);
        long ada = id(f.ada());
        long bob = id(f.bob());
        assertEquals(expect("a", "null", "b", ada, "c", ada, "d", bob, "e", "null"), owners(t),
                "Bob's d is not Ada's to remove");
        f.userTasks().remove(f.ada(), List.of(ts.get(1), ts.get(2))).block(WAIT);
        assertEquals(0L, f.userTasks().count(f.ada()).block(WAIT));
    }

    @DatabaseTest
    void createWritesTheKey(TestDb t) {
        Fixture f = fixture(t);
        Instance x = f.userTasks().create(f.bob(), Map.of("title", "x", "prio", 9)).block(WAIT);
        assertFalse(x.isNewRecord());
        assertEquals(id(f.bob()), asLong(x.get("UserId")));
        assertEquals(id(f.bob()), owners(t).get("x"));
        Instance y = f.userTasks().create(f.bob(), Map.of("title", "y", "UserId", f.ada().get("id"))).block(WAIT);
        assertEquals(id(f.bob()), asLong(y.get("UserId")), "the association's key wins over the values");
    }

    @DatabaseTest
    void associationScopeIsWrittenAndFilters(TestDb t) {
        Model<Instance> posts = t.db().define("Post", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> comments = t.db().define("Comment", m -> m.attribute("text", DataTypes.STRING)
                .attribute("status", DataTypes.STRING));
        HasMany<Instance, Instance> all = posts.hasMany(comments);
        HasMany<Instance, Instance> open = posts.hasMany(comments, a -> a.as("openComments")
                .scope(Map.of("status", "open")));
        assertEquals("PostId", open.foreignKey(), "both share the key");
        t.db().sync().block(WAIT);
        Instance p = posts.create(Map.of("title", "p")).block(WAIT);
        Instance closed = all.create(p, Map.of("text", "c1", "status", "closed")).block(WAIT);
        Instance o1 = open.create(p, Map.of("text", "o1", "status", "closed")).block(WAIT);
        assertEquals("open", o1.get("status"), "create writes the scope, over the given value");
        Instance loose = comments.create(Map.of("text", "o2", "status", "new")).block(WAIT);
        assertEquals(2L, all.count(p).block(WAIT));
        assertEquals(1L, open.count(p).block(WAIT));
        assertEquals(List.of("o1"), open.get(p).map(i -> i.get("text")).collectList().block(WAIT));
        assertFalse(open.has(p, closed).block(WAIT), "has honours the scope");
        assertTrue(open.has(p, o1).block(WAIT));
        open.add(p, loose).block(WAIT);
        assertEquals("open", rows(t, "Comments", AssocSupport.eq(t, "text", "o2"), null, "status").get(0)
                .get("status"), "add writes the scope");
        assertEquals(2L, open.count(p).block(WAIT));
        assertEquals(1L, open.count(p, Where.eq("text", "o2")).block(WAIT));
        open.set(p, List.of(o1)).block(WAIT);
        assertEquals(1L, open.count(p).block(WAIT));
        assertEquals(2L, all.count(p).block(WAIT), "set on the scoped alias leaves rows outside its scope");
        open.remove(p, o1).block(WAIT);
        assertEquals(0L, open.count(p).block(WAIT));
        assertEquals(1L, all.count(p).block(WAIT));
    }

    @DatabaseTest
    void unsavedSourceAndWrongModelAreAssociationErrors(TestDb t) {
        Fixture f = fixture(t);
        Instance unsaved = f.users().build(Map.of("name", "new"));
        Instance unsavedTask = f.tasks().build(Map.of("title", "new"));
        t.clearStatements();
        StepVerifier.create(f.userTasks().get(unsaved)).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.userTasks().count(unsaved)).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.userTasks().has(unsaved, f.t().get(0))).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.userTasks().set(unsaved, List.of())).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.userTasks().add(unsaved, f.t().get(0))).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.userTasks().remove(unsaved, f.t().get(0))).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.userTasks().create(unsaved, Map.of("title", "x")))
                .expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.userTasks().add(f.ada(), f.bob())).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.userTasks().set(f.ada(), List.of(f.t().get(4), f.bob())))
                .expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.userTasks().add(f.ada(), unsavedTask)).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.userTasks().has(f.ada(), f.bob())).expectError(AssociationException.class)
                .verify(WAIT);
        assertEquals(List.of(), t.statements());
        assertEquals(3L, f.userTasks().count(f.ada()).block(WAIT));
    }

    @DatabaseTest
    void customForeignKeyAndSourceKey(TestDb t) {
        Model<Instance> teams = t.db().define("Team", m -> m.attribute("code", DataTypes.STRING,
                a -> a.unique(true)));
        Model<Instance> players = t.db().define("Player", m -> m.attribute("name", DataTypes.STRING));
        HasMany<Instance, Instance> roster = teams.hasMany(players, a -> a.as("roster").sourceKey("code")
                .foreignKey("teamCode"));
        t.db().sync().block(WAIT);
        Instance red = teams.create(Map.of("code", "RED")).block(WAIT);
        Instance blue = teams.create(Map.of("code", "BLUE")).block(WAIT);
        Instance p1 = roster.create(red, Map.of("name", "p1")).block(WAIT);
        Instance p2 = players.create(Map.of("name", "p2")).block(WAIT);
        roster.add(blue, p2).block(WAIT);
        assertEquals(List.of("RED", "BLUE"), rows(t, "Players", null, "id", "teamCode").stream()
                .map(m -> m.get("teamCode")).toList());
        assertTrue(roster.has(red, p1).block(WAIT));
        assertFalse(roster.has(red, p2).block(WAIT));
        roster.set(red, List.of(p2)).block(WAIT);
        assertEquals(List.of("p2"), roster.get(red).map(i -> i.get("name")).collectList().block(WAIT));
        assertEquals(0L, roster.count(blue).block(WAIT));
    }
}
