package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.assoc.BelongsToMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Port of Sequelize v6 {@code test/integration/associations/multiple-level-filters.test.js}. */
class SequelizeAssocMultipleLevelFiltersTest {

    /** User hasMany Project hasMany Task (and the belongsTo sides), seeded as the Sequelize file does. */
    private static final class Rebels {
        final Model<Instance> users;
        final Model<Instance> projects;
        final Model<Instance> tasks;

        Rebels(TestDb t) {
            users = t.db().define("User", m -> m.attribute("username", DataTypes.STRING)
                    .options(o -> o.tableName("as_mlf_users")));
            tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING)
                    .options(o -> o.tableName("as_mlf_tasks")));
            projects = t.db().define("Project", m -> m.attribute("title", DataTypes.STRING)
                    .options(o -> o.tableName("as_mlf_projects")));
            projects.belongsTo(users);
            users.hasMany(projects);
            tasks.belongsTo(projects);
            projects.hasMany(tasks);
            t.db().sync().block();
            users.bulkCreate(List.of(Map.of("username", "leia"), Map.of("username", "vader"))).blockLast();
            projects.bulkCreate(List.of(Map.of("UserId", 1, "title", "republic"),
                    Map.of("UserId", 2, "title", "empire"))).blockLast();
            tasks.bulkCreate(List.of(Map.of("ProjectId", 1, "title", "fight empire"),
                    Map.of("ProjectId", 1, "title", "stablish republic"),
                    Map.of("ProjectId", 2, "title", "destroy rebel alliance"),
                    Map.of("ProjectId", 2, "title", "rule everything"))).blockLast();
        }
    }

    @DatabaseTest
    void filtersThroughBelongsTo(TestDb t) {
        Rebels r = new Rebels(t);
        List<Instance> tasks = r.tasks.findAll(q -> q.include(Include.of(r.projects).required(true)
                .include(Include.of(r.users).where(Where.eq("username", "leia")))).order(Order.asc("id")))
                .collectList().block();
        assertEquals(List.of("fight empire", "stablish republic"), Shop.values(tasks, "title"));
    }

    @DatabaseTest
    void avoidsDuplicatedTablesInTheQuery(TestDb t) {
        Rebels r = new Rebels(t);
        List<Instance> tasks = r.tasks.findAll(q -> q.include(Include.of(r.projects).required(true)
                .include(Include.of(r.users).where(Where.eq("username", "leia").and(Where.eq("id", 1)))))
                .order(Order.asc("id"))).collectList().block();
        assertEquals(List.of("fight empire", "stablish republic"), Shop.values(tasks, "title"));
        String sql = t.statements().get(t.statements().size() - 1);
        assertEquals(1, sql.split(t.q("as_mlf_users"), -1).length - 1, "the users table is joined once: " + sql);
    }

    @DatabaseTest
    void filtersThroughHasMany(TestDb t) {
        Rebels r = new Rebels(t);
        List<Instance> users = r.users.findAll(q -> q.include(Include.of(r.projects).required(true)
                .include(Include.of(r.tasks).where(Where.eq("title", "fight empire"))))).collectList().block();
        assertEquals(List.of("leia"), Shop.values(users, "username"));
    }

    @DatabaseTest
    void filtersThroughAHasManyConnector(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("username", DataTypes.STRING)
                .options(o -> o.tableName("as_mlf_users")));
        Model<Instance> projects = t.db().define("Project", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.tableName("as_mlf_projects")));
        projects.belongsToMany(users, a -> a.through("as_mlf_user_project"));
        BelongsToMany<Instance, Instance> userProjects = users.belongsToMany(projects,
                a -> a.through("as_mlf_user_project"));
        t.db().sync().block();
        users.bulkCreate(List.of(Map.of("username", "leia"), Map.of("username", "vader"))).blockLast();
        projects.bulkCreate(List.of(Map.of("title", "republic"), Map.of("title", "empire"))).blockLast();
        userProjects.set(users.findByPk(1).block(), List.of(projects.findByPk(1).block())).block();
        userProjects.set(users.findByPk(2).block(), List.of(projects.findByPk(2).block())).block();
        List<Instance> found = users.findAll(q -> q.include(Include.of(projects).where(Where.eq("title",
                "republic")))).collectList().block();
        assertEquals(List.of("leia"), Shop.values(found, "username"));
    }
}
