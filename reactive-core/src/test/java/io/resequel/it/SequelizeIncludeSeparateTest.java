package io.resequel.it;

import static io.resequel.it.SequelizeIncludeTest.def;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Ported from Sequelize v6.37.8 test/integration/include/separate.test.js. Sequelize's SQL spy is the test kit's
 * statement list: each find is checked to send exactly as many SELECTs as Sequelize's.
 */
class SequelizeIncludeSeparateTest {

    /** Runs the find and returns its result with the number of SELECTs it sent. */
    private static <R> R selects(TestDb t, int expected, Supplier<R> find) {
        int before = t.statements().size();
        R result = find.get();
        List<String> sent = t.statements().subList(before, t.statements().size());
        assertEquals(expected, sent.stream().filter(s -> s.startsWith("SELECT") || s.startsWith("(SELECT")).count(),
                String.join("\n", sent));
        return result;
    }

    private static int size(Instance i, String as) {
        return i.getMany(as, Instance.class).size();
    }

    @DatabaseTest
    void runsAHasManyAssociationInASeparateQuery(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> task = def(t, "Task");
        HasMany<Instance, Instance> tasks = user.hasMany(task, o -> o.as("tasks"));
        t.db().sync().block();
        user.create(Map.of("id", 1, "tasks", List.of(Map.of(), Map.of(), Map.of())), Include.of(tasks)).block();
        user.create(Map.of("id", 2, "tasks", List.of(Map.of())), Include.of(tasks)).block();
        List<Instance> users = selects(t, 2, () -> user.findAll(q -> q.include(Include.of(tasks).separate(true))
                .order(Order.asc("id"))).collectList().block());
        assertEquals(3, size(users.get(0), "tasks"));
        assertEquals(1, size(users.get(1), "tasks"));
        Instance first = users.get(0).getMany("tasks", Instance.class).get(0);
        assertNotNull(first.get("createdAt"));
        assertNotNull(first.get("updatedAt"));
    }

    @DatabaseTest
    void worksEvenIfTheIdWasNotIncluded(TestDb t) {
        Model<Instance> user = def(t, "User", "name");
        Model<Instance> task = def(t, "Task");
        HasMany<Instance, Instance> tasks = user.hasMany(task, o -> o.as("tasks"));
        t.db().sync().block();
        user.create(Map.of("id", 1, "tasks", List.of(Map.of(), Map.of(), Map.of())), Include.of(tasks)).block();
        List<Instance> users = selects(t, 2, () -> user.findAll(q -> q.attributes("name")
                .include(Include.of(tasks).separate(true)).order(Order.asc("id"))).collectList().block());
        assertEquals(3, size(users.get(0), "tasks"));
    }

    @DatabaseTest
    void worksWithACustomSourceKeyMissingFromTheAttributes(TestDb t) {
        Model<Instance> user = def(t, "User", s -> s.attribute("name", DataTypes.STRING)
                .attribute("userExtraId", DataTypes.INTEGER, a -> a.unique(true)));
        Model<Instance> task = def(t, "Task", "title");
        HasMany<Instance, Instance> tasks = user.hasMany(task, o -> o.as("tasks").foreignKey("userId")
                .sourceKey("userExtraId"));
        t.db().sync().block();
        user.create(Map.of("id", 1, "userExtraId", 222, "tasks", List.of(Map.of(), Map.of(), Map.of())),
                Include.of(tasks)).block();
        List<Instance> users = selects(t, 2, () -> user.findAll(q -> q.attributes("name")
                .include(Include.of(tasks).attributes("title").separate(true)).order(Order.asc("id")))
                .collectList().block());
        assertEquals(3, size(users.get(0), "tasks"));
    }

    @DatabaseTest
    void doesNotBreakANestedIncludeWithNullValues(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> team = def(t, "Team");
        Model<Instance> company = def(t, "Company");
        BelongsTo<Instance, Instance> userTeam = user.belongsTo(team);
        BelongsTo<Instance, Instance> teamCompany = team.belongsTo(company);
        t.db().sync().block();
        user.create(Map.of()).block();
        List<Instance> users = user.findAll(q -> q.include(Include.of(userTeam).include(teamCompany))).collectList()
                .block();
        assertEquals(1, users.size());
        assertEquals(null, users.get(0).getOne("Team", Instance.class));
    }

    /** Sequelize's groupedLimit: the per-parent limit is one UNION ALL statement, not one query per parent. */
    @DatabaseTest
    void runsAHasManyAssociationWithLimitInASeparateQuery(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> task = def(t, "Task", s -> s.attribute("userId", DataTypes.INTEGER, a -> a.field("user_id")));
        HasMany<Instance, Instance> tasks = user.hasMany(task, o -> o.as("tasks").foreignKey("userId"));
        t.db().sync().block();
        user.create(Map.of("id", 1, "tasks", List.of(Map.of(), Map.of(), Map.of())), Include.of(tasks)).block();
        user.create(Map.of("id", 2, "tasks", List.of(Map.of(), Map.of(), Map.of(), Map.of())), Include.of(tasks))
                .block();
        int before = t.statements().size();
        List<Instance> users = selects(t, 2, () -> user.findAll(q -> q.include(Include.of(tasks).limit(2))
                .order(Order.asc("id"))).collectList().block());
        assertEquals(2, size(users.get(0), "tasks"));
        assertEquals(2, size(users.get(1), "tasks"));
        String children = t.statements().get(t.statements().size() - 1);
        assertTrue(children.contains(") UNION ALL ("), children);
        assertTrue(t.statements().size() > before);
    }

    /** The grouped limit keeps each parent's order and where, and a parent without children gets an empty list. */
    @DatabaseTest
    void groupedLimitKeepsOrderPerParent(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> task = def(t, "Task", s -> s.attribute("title", DataTypes.STRING)
                .attribute("done", DataTypes.BOOLEAN));
        HasMany<Instance, Instance> tasks = user.hasMany(task, o -> o.as("tasks"));
        t.db().sync().block();
        user.create(Map.of("id", 1, "tasks", List.of(Map.of("title", "b", "done", false),
                Map.of("title", "d", "done", false), Map.of("title", "a", "done", true),
                Map.of("title", "c", "done", false))), Include.of(tasks)).block();
        user.create(Map.of("id", 2, "tasks", List.of(Map.of("title", "z", "done", false),
                Map.of("title", "y", "done", false))), Include.of(tasks)).block();
        user.create(Map.of("id", 3)).block();
        List<Instance> users = selects(t, 2, () -> user.findAll(q -> q.order(Order.asc("id"))
                .include(Include.of(tasks).where(io.resequel.query.Where.eq("done", false)).separate(true)
                        .order(Order.desc("title")).limit(2))).collectList().block());
        assertEquals(List.of("d", "c"), titles(users.get(0)));
        assertEquals(List.of("z", "y"), titles(users.get(1)));
        assertEquals(List.of(), titles(users.get(2)));
    }

    private static List<Object> titles(Instance user) {
        return user.getMany("tasks", Instance.class).stream().map(x -> x.get("title")).toList();
    }

    @DatabaseTest
    void runsANestedHasManyFromANonSeparateIncludeInASeparateQuery(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> company = def(t, "Company");
        Model<Instance> task = def(t, "Task");
        BelongsTo<Instance, Instance> userCompany = user.belongsTo(company, o -> o.as("company"));
        HasMany<Instance, Instance> companyTasks = company.hasMany(task, o -> o.as("tasks"));
        t.db().sync().block();
        user.create(Map.of("id", 1, "company", Map.of("tasks", List.of(Map.of(), Map.of(), Map.of()))),
                Include.of(userCompany).include(companyTasks)).block();
        user.create(Map.of("id", 2, "company", Map.of("tasks", List.of(Map.of()))),
                Include.of(userCompany).include(companyTasks)).block();
        List<Instance> users = selects(t, 2, () -> user.findAll(q -> q.include(Include.of(userCompany)
                .include(Include.of(companyTasks).separate(true))).order(Order.asc("id"))).collectList().block());
        assertEquals(3, size(users.get(0).getOne("company", Instance.class), "tasks"));
        assertEquals(1, size(users.get(1).getOne("company", Instance.class), "tasks"));
    }

    @DatabaseTest
    void worksWithASeparateIncludeBetweenAParentAndChildInclude(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> project = def(t, "Project");
        Model<Instance> company = def(t, "Company");
        Model<Instance> task = def(t, "Task");
        HasMany<Instance, Instance> companyUsers = company.hasMany(user, o -> o.as("users"));
        HasMany<Instance, Instance> userTasks = user.hasMany(task, o -> o.as("tasks"));
        BelongsTo<Instance, Instance> taskProject = task.belongsTo(project, o -> o.as("project"));
        t.db().sync().block();
        company.create(Map.of("id", 1, "users", List.of(Map.of("tasks", List.of(Map.of("project", Map.of()),
                Map.of("project", Map.of()), Map.of("project", Map.of()))))),
                Include.of(companyUsers).include(Include.of(userTasks).include(taskProject))).block();
        List<Instance> companies = selects(t, 2, () -> company.findAll(q -> q.include(Include.of(companyUsers)
                .include(Include.of(userTasks).separate(true).include(taskProject))).order(Order.asc("id")))
                .collectList().block());
        Instance firstTask = companies.get(0).getMany("users", Instance.class).get(0)
                .getMany("tasks", Instance.class).get(0);
        assertNotNull(firstTask.getOne("project", Instance.class));
    }

    @DatabaseTest
    void runsTwoNestedHasManyAssociationsInSeparateQueries(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> project = def(t, "Project");
        Model<Instance> task = def(t, "Task");
        HasMany<Instance, Instance> projects = user.hasMany(project, o -> o.as("projects"));
        HasMany<Instance, Instance> projectTasks = project.hasMany(task, o -> o.as("tasks"));
        t.db().sync().block();
        user.create(Map.of("id", 1, "projects", List.of(
                Map.of("id", 1, "tasks", List.of(Map.of(), Map.of(), Map.of())),
                Map.of("id", 2, "tasks", List.of(Map.of())))), Include.of(projects).include(projectTasks)).block();
        user.create(Map.of("id", 2, "projects", List.of(Map.of("id", 3, "tasks", List.of(Map.of(), Map.of())))),
                Include.of(projects).include(projectTasks)).block();
        List<Instance> users = selects(t, 3, () -> user.findAll(q -> q.include(Include.of(projects).separate(true)
                .include(Include.of(projectTasks).separate(true))).order(Order.asc("id"))).collectList().block());
        List<Instance> u1 = users.get(0).getMany("projects", Instance.class);
        assertEquals(2, u1.size());
        Map<Object, Integer> counts = new java.util.HashMap<>();
        u1.forEach(p -> counts.put(((Number) p.get("id")).intValue(), size(p, "tasks")));
        assertEquals(Map.of(1, 3, 2, 1), counts);
        List<Instance> u2 = users.get(1).getMany("projects", Instance.class);
        assertEquals(1, u2.size());
        assertEquals(2, size(u2.get(0), "tasks"));
    }

    @DatabaseTest
    void worksWithTwoSchemaModelsInAHasManyAssociation(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.createSchema("inc_archive").block();
        try {
            Model<Instance> user = t.db().define("User", s -> s.options(o -> o.tableName("inc_user")
                    .schema("inc_archive")));
            Model<Instance> task = t.db().define("Task", s -> s.attribute("id", DataTypes.INTEGER,
                    a -> a.primaryKey(true)).attribute("title", DataTypes.STRING)
                    .options(o -> o.tableName("inc_task").schema("inc_archive")));
            HasMany<Instance, Instance> tasks = user.hasMany(task, o -> o.as("tasks"));
            t.db().sync().block();
            user.create(Map.of("id", 1, "tasks", List.of(Map.of("id", 1, "title", "b"), Map.of("id", 2, "title", "d"),
                    Map.of("id", 3, "title", "c"), Map.of("id", 4, "title", "a"))), Include.of(tasks)).block();
            user.create(Map.of("id", 2, "tasks", List.of(Map.of("id", 5, "title", "a"), Map.of("id", 6, "title", "c"),
                    Map.of("id", 7, "title", "b"))), Include.of(tasks)).block();
            List<Instance> result = user.findAll(q -> q.include(Include.of(task).as("tasks").limit(2)
                    .order(Order.asc("id"))).order(Order.asc("id"))).collectList().block();
            assertEquals(List.of("b", "d"), titles(result.get(0)));
            assertEquals(List.of("a", "c"), titles(result.get(1)));
        } finally {
            t.db().drop().onErrorComplete().block();
            qi.dropSchema("inc_archive").block();
        }
    }

    @DatabaseTest
    void worksWithARequiredNonSeparateParentAndARequiredChild(TestDb t) {
        Model<Instance> user = def(t, "User");
        Model<Instance> task = def(t, "Task");
        Model<Instance> company = def(t, "Company");
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user);
        HasMany<Instance, Instance> userTasks = user.hasMany(task);
        BelongsTo<Instance, Instance> userCompany = user.belongsTo(company);
        t.db().sync().block();
        Instance tk = task.create(Map.of("id", 1)).block();
        Instance u = taskUser.create(tk, Map.of("id", 2)).block();
        userCompany.create(u, Map.of("id", 3)).block();
        List<Instance> results = task.findAll(q -> q.include(Include.of(taskUser).required(true)
                .include(Include.of(userTasks).attributes("UserId").separate(true)
                        .include(Include.of(taskUser).attributes("id").required(true).include(userCompany)))))
                .collectList().block();
        assertEquals(1, results.size());
        assertEquals(1, ((Number) results.get(0).get("id")).intValue());
        Instance foundUser = results.get(0).getOne("User", Instance.class);
        assertEquals(2, ((Number) foundUser.get("id")).intValue());
        List<Instance> ts = foundUser.getMany("Tasks", Instance.class);
        assertEquals(1, ts.size());
        Instance again = ts.get(0).getOne("User", Instance.class);
        assertEquals(2, ((Number) again.get("id")).intValue());
        assertEquals(3, ((Number) again.getOne("Company", Instance.class).get("id")).intValue());
    }
}
