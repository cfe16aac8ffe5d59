package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasMany;
import io.resequel.error.ScopeException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelOptions;
import io.resequel.model.Scope;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Scopes (REFERENCE §29): default and named scopes, functions with arguments, merging, includes, getters, errors. */
class ScopeTest {

    /** Projects (name, ownerId, archived, secret) with tasks (title, done, priority). */
    private static final class Fixture {
        final Model<Instance> projects;
        final Model<Instance> tasks;
        final HasMany<Instance, Instance> projectTasks;

        Fixture(TestDb t, Consumer<ModelOptions> projectScopes, Consumer<ModelOptions> taskScopes) {
            projects = t.db().define("Project", m -> m
                    .attribute("name", DataTypes.STRING)
                    .attribute("ownerId", DataTypes.INTEGER)
                    .attribute("archived", DataTypes.BOOLEAN)
                    .attribute("secret", DataTypes.STRING)
                    .options(projectScopes));
            tasks = t.db().define("Task", m -> m
                    .attribute("title", DataTypes.STRING)
                    .attribute("done", DataTypes.BOOLEAN)
                    .attribute("priority", DataTypes.INTEGER)
                    .options(taskScopes));
            projectTasks = projects.hasMany(tasks);
            t.db().sync().block();
            // unscoped(): the rows are written whatever the default scopes say (create ignores scopes anyway).
            Instance a = projects.unscoped().create(Map.of("name", "a", "ownerId", 7, "archived", false, "secret", "s1"))
                    .block();
            Instance b = projects.create(Map.of("name", "b", "ownerId", 7, "archived", true, "secret", "s2")).block();
            projects.create(Map.of("name", "c", "ownerId", 8, "archived", false, "secret", "s3")).block();
            projectTasks.create(a, Map.of("title", "a1", "done", false, "priority", 1)).block();
            projectTasks.create(a, Map.of("title", "a2", "done", true, "priority", 1)).block();
            projectTasks.create(a, Map.of("title", "a3", "done", false, "priority", 2)).block();
            projectTasks.create(b, Map.of("title", "b1", "done", true, "priority", 2)).block();
            t.clearStatements();
        }
    }

    private static List<String> names(List<Instance> rows) {
        return rows.stream().map(r -> (String) r.get("name")).toList();
    }

    private static List<String> titles(Instance project) {
        return project.getMany("Tasks", Instance.class).stream().map(x -> (String) x.get("title")).sorted().toList();
    }

    private static String last(TestDb t) {
        return t.statements().get(t.statements().size() - 1);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @DatabaseTest
    void scopeMergeOfWhereAndInclude(TestDb t) {
        Fixture f = new Fixture(t, o -> o
                .scope("owned", (q, args) -> q.where("ownerId", args[0]))
                .scope("open", q -> q.where("archived", false).include(Include.of("Tasks")
                        .where(Where.eq("done", false)).attributes("title")))
                .scope("urgent", q -> q.include(Include.of("Tasks")
                        .where(Where.eq("priority", 1)).attributes("priority"))), o -> { });
        // where: ownerId from the first scope, archived from the second; includes of Task merged into one join
        // whose where has done (scope open) and priority (scope urgent), attributes unioned.
        List<Instance> rows = f.projects.scope(Scope.call("owned", 7), Scope.call("open"), Scope.call("urgent"))
                .findAll(q -> q.order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("a"), names(rows));
        assertEquals(List.of("a1"), titles(rows.get(0)));
        Instance task = rows.get(0).getMany("Tasks", Instance.class).get(0);
        assertEquals(1, ((Number) task.get("priority")).intValue());
        String sql = last(t);
        assertEquals(1, occurrences(sql, "JOIN"), sql);
        assertTrue(sql.contains("INNER JOIN"), "a where from a scope makes the include required: " + sql);
        for (String column : List.of("ownerId", "archived", "done", "priority")) {
            assertEquals(1, occurrences(sql, "." + t.q(column) + " ="), column + " once: " + sql);
        }
        // The finder's options merge on top: its include of Task overwrites done, keeps priority.
        rows = f.projects.scope(Scope.call("owned", 7), Scope.call("open"), Scope.call("urgent"))
                .findAll(q -> q.include(Include.of(f.tasks).where(Where.eq("done", true)))).collectList().block();
        assertEquals(List.of("a"), names(rows));
        assertEquals(List.of("a2"), titles(rows.get(0)));
        // and its where overwrites archived: b is archived and owned by 7, with a done priority-2 task: none left.
        rows = f.projects.scope(Scope.call("owned", 7), Scope.call("open"), Scope.call("urgent"))
                .findAll(q -> q.where("archived", true).include(Include.of(f.tasks).where(Where.eq("priority", 2))
                        .where(Where.eq("done", true)))).collectList().block();
        assertEquals(List.of("b"), names(rows));
        assertEquals(List.of("b1"), titles(rows.get(0)));
    }

    @DatabaseTest
    void whereKeysOverwriteOtherConditionsStay(TestDb t) {
        Fixture f = new Fixture(t, o -> o
                .scope("archived", q -> q.where("archived", true))
                .scope("live", q -> q.where("archived", false).where(Where.or(Where.eq("ownerId", 7),
                        Where.eq("ownerId", 9)))), o -> { });
        assertEquals(List.of("b"), names(f.projects.scope("archived").findAll().collectList().block()));
        // Sequelize's example: the finder's where on the same attribute overrides the scope's.
        assertEquals(List.of("a", "c"), names(f.projects.scope("archived")
                .findAll(q -> q.where("archived", false).order(Order.asc("name"))).collectList().block()));
        assertEquals(1, occurrences(last(t), t.q("archived") + " ="), last(t));
        // Other attributes add up: archived = true AND ownerId = 7.
        assertEquals(List.of("b"), names(f.projects.scope("archived").findAll(q -> q.where("ownerId", 7))
                .collectList().block()));
        // Later scopes win per key; an OR (no single key) is kept.
        assertEquals(List.of("b"), names(f.projects.scope("live", "archived").findAll().collectList().block()));
        assertEquals(List.of("a"), names(f.projects.scope("archived", "live").findAll().collectList().block()));
        // A view's scope(...) starts again from the model.
        assertEquals(List.of("a"), names(f.projects.scope("archived").scope("live").findAll().collectList().block()));
    }

    @DatabaseTest
    void attributesUnionExcludeSurvivesOrderConcatenatesScalarsOverwrite(TestDb t) {
        Fixture f = new Fixture(t, o -> o
                .scope("public", q -> q.exclude("secret"))
                .scope("narrow", q -> q.attributes("id", "name"))
                .scope("byOwner", q -> q.order(Order.desc("ownerId")).limit(2)), o -> { });
        // The finder asks for the secret; the scope's exclude still wins (no leaking of excluded fields).
        List<Instance> rows = f.projects.scope("public").findAll(q -> q.attributes("id", "name", "secret")
                .order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("a", "b", "c"), names(rows));
        assertNull(rows.get(0).get("secret"));
        assertFalse(last(t).contains(t.q("secret")), last(t));
        // attribute lists are unioned
        rows = f.projects.scope("narrow").findAll(q -> q.attributes("ownerId").order(Order.asc("name")))
                .collectList().block();
        assertEquals(7, ((Number) rows.get(0).get("ownerId")).intValue());
        assertNull(rows.get(0).get("archived"));
        // order: the scope's terms first, then the finder's; limit: the finder's overwrites the scope's
        rows = f.projects.scope("byOwner").findAll(q -> q.order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("c", "a"), names(rows));
        rows = f.projects.scope("byOwner").findAll(q -> q.order(Order.desc("name")).limit(3)).collectList().block();
        assertEquals(List.of("c", "b", "a"), names(rows));
        String sql = last(t);
        assertTrue(sql.indexOf(t.q("ownerId") + " DESC") < sql.indexOf(t.q("name") + " DESC"), sql);
    }

    @DatabaseTest
    void functionScopesTakeArgumentsAndRunOnEachCall(TestDb t) {
        int[] calls = {0};
        Fixture f = new Fixture(t, o -> o
                .scope("owner", (q, args) -> q.where("ownerId", args[0]))
                .scope("ownerIn", (q, args) -> q.where("ownerId", Op.IN, List.of(args)))
                .scope("counted", (q, args) -> {
                    calls[0]++;
                    q.order(Order.asc("name"));
                }), o -> { });
        assertEquals(List.of("c"), names(f.projects.scope(Scope.call("owner", 8)).findAll().collectList().block()));
        assertEquals(3L, f.projects.scope(Scope.call("ownerIn", 7, 8)).count().block());
        // by name: a function scope runs with no arguments, once per scope(...) call
        Model<Instance> counted = f.projects.scope("counted");
        assertEquals(List.of("a", "b", "c"), names(counted.findAll().collectList().block()));
        assertEquals(List.of("a", "b", "c"), names(counted.findAll().collectList().block()));
        assertEquals(1, calls[0]);
        f.projects.scope("counted");
        assertEquals(2, calls[0]);
        // scopes added later, with and without arguments
        f.projects.addScope("named", q -> q.where("name", "b"));
        f.projects.addScope("nameLike", (q, args) -> q.where("name", Op.LIKE, args[0] + "%"));
        assertEquals("b", f.projects.scope("named").findOne(q -> { }).block().get("name"));
        assertEquals(List.of("c"), names(f.projects.scope(Scope.call("nameLike", "c")).findAll().collectList()
                .block()));
    }

    @DatabaseTest
    void defaultScopeAppliesUntilUnscopedOrReplaced(TestDb t) {
        Fixture f = new Fixture(t, o -> o
                .defaultScope(q -> q.where("archived", false))
                .scope("mine", q -> q.where("ownerId", 7)), o -> { });
        Model<Instance> p = f.projects;
        assertEquals(List.of("a", "c"), names(p.findAll(q -> q.order(Order.asc("name"))).collectList().block()));
        assertEquals(2L, p.count().block());
        assertEquals(3L, p.unscoped().count().block());
        assertEquals(List.of("a", "b", "c"), names(p.unscoped().findAll(q -> q.order(Order.asc("name")))
                .collectList().block()));
        Instance b = p.unscoped().findOne(q -> q.where("name", "b")).block();
        assertNull(p.findByPk(b.get("id")).block(), "the default scope hides b from findByPk");
        assertEquals("b", p.unscoped().findByPk(b.get("id")).block().get("name"));
        // A named scope replaces the default scope, unless defaultScope is listed too.
        assertEquals(List.of("a", "b"), names(p.scope("mine").findAll(q -> q.order(Order.asc("name")))
                .collectList().block()));
        assertEquals(List.of("a"), names(p.scope("defaultScope", "mine").findAll().collectList().block()));
        // an empty list of scopes is unscoped
        assertEquals(3L, p.scope(List.of()).count().block());
        assertEquals(2L, p.findAndCountAll(q -> q.limit(1)).block().count());
        assertEquals(Long.valueOf(8), Long.valueOf(((Number) p.max("ownerId", null).block()).longValue()));
        assertEquals(7L, ((Number) p.scope("mine").max("ownerId", null).block()).longValue());
        // Bulk writes honour it: b (archived) is neither updated nor destroyed, nor incremented.
        assertEquals(2L, p.update(Map.of("secret", "x"), Where.and()).block());
        assertEquals(2L, p.increment(Map.of("ownerId", 100), Where.and()).block());
        assertEquals(1L, p.unscoped().count(Where.eq("secret", "s2")).block());
        assertEquals(7L, ((Number) p.unscoped().findOne(q -> q.where("name", "b")).block().get("ownerId"))
                .longValue());
        assertEquals(2L, p.destroy(Where.and()).block());
        assertEquals(1L, p.unscoped().count().block());
        // create is not scoped: an archived row is written as given and hidden by the default scope.
        Instance d = p.create(Map.of("name", "d", "archived", true)).block();
        assertEquals(Boolean.TRUE, d.get("archived"));
        assertEquals(0L, p.count().block());
        // addScope("defaultScope") without override fails; with override replaces it.
        ScopeException e = assertThrows(ScopeException.class,
                () -> p.addScope("defaultScope", q -> q.where("archived", true)));
        assertTrue(e.getMessage().contains("The scope defaultScope already exists"), e.getMessage());
        p.addScope("defaultScope", q -> q.where("archived", true), true);
        assertEquals(2L, p.count().block());
    }

    @DatabaseTest
    void scopesOnIncludesAndAssociationGetters(TestDb t) {
        Fixture f = new Fixture(t, o -> { }, o -> o
                .defaultScope(q -> q.where("done", false))
                .scope("high", q -> q.where("priority", 2)));
        // The default scope of an included model applies to the include (and makes it required, as in Sequelize).
        List<Instance> rows = f.projects.findAll(q -> q.include(f.tasks).order(Order.asc("name"))).collectList()
                .block();
        assertEquals(List.of("a"), names(rows));
        assertEquals(List.of("a1", "a3"), titles(rows.get(0)));
        // Unless the include names an unscoped or otherwise scoped view of the model.
        rows = f.projects.findAll(q -> q.include(Include.of(f.tasks.unscoped())).order(Order.asc("name")))
                .collectList().block();
        assertEquals(List.of("a", "b", "c"), names(rows));
        assertEquals(List.of("a1", "a2", "a3"), titles(rows.get(0)));
        rows = f.projects.findAll(q -> q.include(Include.of(f.tasks.scope("high"))).order(Order.asc("name")))
                .collectList().block();
        assertEquals(List.of("a", "b"), names(rows));
        assertEquals(List.of("a3"), titles(rows.get(0)));
        assertEquals(List.of("b1"), titles(rows.get(1)));
        // An include's own required(false) keeps the parents; its where merges over the scope's.
        rows = f.projects.findAll(q -> q.include(Include.of(f.tasks).required(false)).order(Order.asc("name")))
                .collectList().block();
        assertEquals(List.of("a", "b", "c"), names(rows));
        assertEquals(List.of(), titles(rows.get(1)));
        rows = f.projects.findAll(q -> q.include(Include.of(f.tasks).where(Where.eq("done", true)))
                .order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("a", "b"), names(rows));
        assertEquals(List.of("a2"), titles(rows.get(0)));
        // Separate loading applies the scope once.
        rows = f.projects.findAll(q -> q.include(Include.of(f.tasks).separate(true)).order(Order.asc("name")))
                .collectList().block();
        assertEquals(List.of("a1", "a3"), titles(rows.get(0)));
        assertEquals(1, occurrences(last(t), t.q("done") + " ="), last(t));
        // Association getters use the target's default scope.
        Instance a = f.projects.findOne(q -> q.where("name", "a")).block();
        assertEquals(List.of("a1", "a3"), f.projectTasks.get(a).map(x -> (String) x.get("title")).sort()
                .collectList().block());
        assertTrue(last(t).contains(t.q("done") + " ="), last(t));
        assertEquals(2L, f.projectTasks.count(a).block());
        // Mixins that write see every target: set() unlinks a done task too.
        f.projectTasks.set(a, List.of()).block();
        assertEquals(0L, f.tasks.unscoped().count(Where.eq("ProjectId", a.get("id"))).block());
    }

    @DatabaseTest
    void unknownScopesFailWithTheDefinedOnes(TestDb t) {
        Fixture f = new Fixture(t, o -> o
                .defaultScope(q -> q.where("archived", false))
                .scope("a", q -> q.where("name", "a"))
                .scope("b", (q, args) -> q.where("name", args[0])), o -> { });
        ScopeException e = assertThrows(ScopeException.class, () -> f.projects.scope("a", "x"));
        assertTrue(e.getMessage().contains("Invalid scope x called. Project has scopes: defaultScope, a, b"),
                e.getMessage());
        assertEquals("x", e.scope());
        assertEquals(List.of("defaultScope", "a", "b"), e.defined());
        e = assertThrows(ScopeException.class, () -> f.tasks.scope("open"));
        assertTrue(e.getMessage().contains("Invalid scope open called. Task defines no scopes"), e.getMessage());
        e = assertThrows(ScopeException.class, () -> f.projects.scope(Scope.call("a", 1)));
        assertTrue(e.getMessage().contains("takes no arguments"), e.getMessage());
        e = assertThrows(ScopeException.class, () -> f.projects.addScope("a", q -> q.where("name", "z")));
        assertTrue(e.getMessage().contains("The scope a already exists on Project. Pass override = true"),
                e.getMessage());
        f.projects.addScope("a", q -> q.where("name", "c"), true);
        assertEquals("c", f.projects.scope("a").findOne(q -> { }).block().get("name"));
        e = assertThrows(ScopeException.class, () -> f.tasks.addScope("defaultScope", (q, args) -> { }));
        assertTrue(e.getMessage().contains("default scope must be fixed options"), e.getMessage());
    }
}
