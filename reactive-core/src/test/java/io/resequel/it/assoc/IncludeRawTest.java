package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.sql.Sql;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** findAllRaw and toSql with includes: flat rows with dotted keys, and the join statement without running it. */
class IncludeRawTest {

    @DatabaseTest
    void rawRowsWithIncludesHaveDottedKeys(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        users.hasMany(tasks);
        t.db().sync().block();
        users.create(Map.of("name", "Ada", "Tasks", List.of(Map.of("title", "a"), Map.of("title", "b"))),
                Include.of(tasks)).block();
        List<Map<String, Object>> rows = users.findAllRaw(q -> q.include(tasks).order(Order.asc("Tasks.title")))
                .collectList().block();
        assertEquals(2, rows.size());
        assertEquals("Ada", rows.get(0).get("name"));
        assertEquals("a", rows.get(0).get("Tasks.title"));
        assertEquals("b", rows.get(1).get("Tasks.title"));
        assertEquals(List.of("id", "name", "Tasks.id", "Tasks.title", "Tasks.UserId"), List.copyOf(rows.get(0).keySet()));

        t.clearStatements();
        Sql sql = users.toSql(q -> q.include(tasks).limit(5));
        assertTrue(sql.text().contains("LEFT OUTER JOIN " + t.q("Tasks") + " AS " + t.q("Tasks")), sql.text());
        assertTrue(sql.text().startsWith("SELECT " + t.q("User") + "." + t.q("id")), sql.text());
        assertEquals(List.of(), t.statements(), "toSql runs nothing");
    }

    @DatabaseTest
    void includeQueryTextIsCachedPerShapeAndBindsStayCorrect(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        users.hasMany(tasks);
        t.db().sync().block();
        users.bulkCreate(List.of(Map.of("name", "Ada", "Tasks", List.of(Map.of("title", "a1"), Map.of("title", "a2"))),
                Map.of("name", "Bob", "Tasks", List.of(Map.of("title", "b1")))), Include.of(tasks)).blockLast();
        long hits = t.db().planner().cacheStats().hits();
        for (String[] c : new String[][] {{"Ada", "a2"}, {"Bob", "b1"}, {"Ada", "a1"}}) {
            Instance u = users.findOne(q -> q.where("name", c[0])
                    .include(Include.of(tasks).where(io.resequel.query.Where.eq("title", c[1])))).block();
            assertEquals(c[0], u.get("name"));
            assertEquals(List.of(c[1]), u.getMany("Tasks", Instance.class).stream().map(x -> x.get("title")).toList());
        }
        assertEquals(hits + 2, t.db().planner().cacheStats().hits(), "the 2nd and 3rd query reuse the text");
    }

    @DatabaseTest
    void lockWithIncludesLocksTheRoots(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        users.hasMany(tasks);
        t.db().sync().block();
        users.create(Map.of("name", "Ada", "Tasks", List.of(Map.of("title", "a1"))), Include.of(tasks)).block();
        List<Instance> locked = t.db().transactionMany(tx -> users.findAll(q -> q.include(tasks)
                .lock(io.resequel.query.Lock.UPDATE))).collectList().block();
        assertEquals(1, locked.get(0).getMany("Tasks", Instance.class).size());
        List<Instance> lockedLimited = t.db().transactionMany(tx -> users.findAll(q -> q.include(tasks).limit(1)
                .lock(io.resequel.query.Lock.UPDATE))).collectList().block();
        assertEquals(1, lockedLimited.get(0).getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void belongsToManyGetFiltersOnTheJunction(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> projects = t.db().define("Project", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> member = t.db().define("Member", m -> m.attribute("role", DataTypes.STRING));
        io.resequel.assoc.BelongsToMany<Instance, Instance> up = users.belongsToMany(projects, a -> a.through(member));
        t.db().sync().block();
        Instance u = users.create(Map.of("name", "Ada")).block();
        Instance p1 = projects.create(Map.of("title", "p1")).block();
        Instance p2 = projects.create(Map.of("title", "p2")).block();
        up.add(u, List.of(p1), Map.of("role", "lead")).block();
        up.add(u, List.of(p2), Map.of("role", "dev")).block();
        List<Instance> leads = up.get(u, q -> { }, List.of("role"), io.resequel.query.Where.eq("role", "lead"))
                .collectList().block();
        assertEquals(List.of("p1"), leads.stream().map(p -> p.get("title")).toList());
        assertEquals("lead", leads.get(0).getOne("Member", Instance.class).get("role"));
    }
}
