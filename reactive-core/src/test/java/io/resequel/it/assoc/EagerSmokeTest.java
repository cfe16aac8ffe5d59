package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

class EagerSmokeTest {

    @DatabaseTest
    void hasManyJoin(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks);
        tasks.belongsTo(users);
        t.db().sync().block();
        Instance ada = users.create(Map.of("name", "Ada")).block();
        users.create(Map.of("name", "Bob")).block();
        userTasks.create(ada, Map.of("title", "a")).block();
        userTasks.create(ada, Map.of("title", "b")).block();
        List<Instance> all = users.findAll(q -> q.include(tasks).order(Order.asc("name"))).collectList().block();
        System.out.println(t.statements());
        assertEquals(2, all.size());
        assertEquals(2, all.get(0).getMany("Tasks", Instance.class).size());
        assertEquals(0, all.get(1).getMany("Tasks", Instance.class).size());
        List<Instance> limited = users.findAll(q -> q.include(Include.of(tasks).where(io.resequel.query.Where.eq("title", "b"))).limit(1)).collectList().block();
        System.out.println(t.statements().get(t.statements().size() - 1));
        assertEquals(1, limited.size());
        assertEquals(1, limited.get(0).getMany("Tasks", Instance.class).size());
        Instance task = tasks.findOne(q -> q.include(users).where("title", "a")).block();
        assertEquals("Ada", task.getOne("User", Instance.class).get("name"));
        assertEquals(2L, userTasks.count(ada).block());
        List<Instance> sep = users.findAll(q -> q.include(Include.of(tasks).separate(true).order(Order.desc("title")))
                .order(Order.asc("name"))).collectList().block();
        assertEquals("b", sep.get(0).getMany("Tasks", Instance.class).get(0).get("title"));
        System.out.println(sep);
    }
}
