package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joined includes fold into the same graphs as separate ones: sibling to-many includes (a row product whose second
 * include's keys do not ascend), a to-one leaf repeated on every row, and a nested to-many.
 */
class JoinedFoldTest {

    @DatabaseTest
    void joinedAndSeparateGraphsAgree(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> notes = t.db().define("Note", m -> m.attribute("text", DataTypes.STRING));
        Model<Instance> steps = t.db().define("Step", m -> m.attribute("n", DataTypes.INTEGER));
        Model<Instance> teams = t.db().define("Team", m -> m.attribute("label", DataTypes.STRING));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks);
        HasMany<Instance, Instance> userNotes = users.hasMany(notes);
        HasMany<Instance, Instance> taskSteps = tasks.hasMany(steps);
        BelongsTo<Instance, Instance> userTeam = users.belongsTo(teams);
        t.db().sync().block();
        Instance team = teams.create(Map.of("label", "core")).block();
        for (int u = 0; u < 3; u++) {
            Instance user = users.create(Map.of("name", "u" + u, "TeamId", team.get("id"))).block();
            for (int k = 0; k < u + 1; k++) {
                Instance task = userTasks.create(user, Map.of("title", "t" + u + k)).block();
                for (int s = 0; s < k; s++) {
                    taskSteps.create(task, Map.of("n", s)).block();
                }
                userNotes.create(user, Map.of("text", "n" + u + k)).block();
            }
            userNotes.create(user, Map.of("text", "extra" + u)).block();
        }
        users.create(Map.of("name", "nobody")).block();

        List<Instance> joined = users.findAll(q -> q.order(Order.asc("id")).include(
                Include.of(userTasks).include(Include.of(taskSteps)), Include.of(userNotes), Include.of(userTeam)))
                .collectList().block();
        List<Instance> separate = users.findAll(q -> q.order(Order.asc("id")).include(
                Include.of(userTasks).separate(true).order(Order.asc("id"))
                        .include(Include.of(taskSteps).separate(true).order(Order.asc("id"))),
                Include.of(userNotes).separate(true).order(Order.asc("id")), Include.of(userTeam)))
                .collectList().block();
        assertEquals(4, joined.size());
        assertEquals(describe(separate), describe(joined));
        assertEquals(3, joined.get(2).getMany("Tasks", Instance.class).size());
        assertEquals(4, joined.get(2).getMany("Notes", Instance.class).size());
        assertEquals("core", joined.get(2).getOne("Team", Instance.class).get("label"));
        assertEquals(null, joined.get(3).getOne("Team", Instance.class));
        assertEquals(0, joined.get(3).getMany("Notes", Instance.class).size());
    }

    private static List<String> describe(List<Instance> users) {
        List<String> out = new ArrayList<>();
        for (Instance u : users) {
            Instance team = u.getOne("Team", Instance.class);
            out.add(u.get("name") + " team=" + (team == null ? null : team.get("label")));
            for (Instance task : u.getMany("Tasks", Instance.class)) {
                out.add("  task " + task.get("title") + " steps="
                        + task.getMany("Steps", Instance.class).stream().map(s -> s.get("n")).toList());
            }
            out.add("  notes=" + u.getMany("Notes", Instance.class).stream().map(n -> n.get("text")).toList());
        }
        return out;
    }
}
