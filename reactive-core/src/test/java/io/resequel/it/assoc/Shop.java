package io.resequel.it.assoc;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.TestDb;
import io.resequel.validation.V;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The eager-loading fixture: User hasOne Profile, hasMany Task (Task belongsTo User), Task hasMany Comment, User
 * belongsToMany Project through UserProjects (with a {@code role}).
 *
 * <pre>
 * Ada: Tasks a1 (Comments ok, bad), a2 (Comments ok); Profile ada-bio; Projects Apollo (lead), Zeus (dev)
 * Bob: Tasks b1 (Comments meh); no Profile; Projects Apollo (dev)
 * Cy:  nothing
 * </pre>
 */
final class Shop {

    final TestDb t;
    final Model<Instance> users;
    final Model<Instance> tasks;
    final Model<Instance> comments;
    final Model<Instance> profiles;
    final Model<Instance> projects;
    final Model<Instance> userProjects;
    final HasMany<Instance, Instance> userTasks;
    final BelongsTo<Instance, Instance> taskUser;
    final HasMany<Instance, Instance> taskComments;
    final HasOne<Instance, Instance> userProfile;
    final BelongsToMany<Instance, Instance> userProjectLinks;
    final BelongsToMany<Instance, Instance> projectUsers;
    Instance ada;
    Instance bob;
    Instance cy;
    Instance apollo;
    Instance zeus;

    private Shop(TestDb t) {
        this.t = t;
        users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        comments = t.db().define("Comment", m -> m.attribute("body", DataTypes.STRING,
                a -> a.allowNull(false).validate(V.len(2, 40))));
        profiles = t.db().define("Profile", m -> m.attribute("bio", DataTypes.STRING));
        projects = t.db().define("Project", m -> m.attribute("title", DataTypes.STRING));
        userProjects = t.db().define("UserProjects", m -> m.attribute("role", DataTypes.STRING));
        userTasks = users.hasMany(tasks);
        taskUser = tasks.belongsTo(users);
        taskComments = tasks.hasMany(comments);
        comments.belongsTo(tasks);
        userProfile = users.hasOne(profiles);
        userProjectLinks = users.belongsToMany(projects, a -> a.through(userProjects));
        projectUsers = projects.belongsToMany(users, a -> a.through(userProjects));
    }

    /** @param t the test database @return the models, synced, without rows */
    static Shop empty(TestDb t) {
        Shop s = new Shop(t);
        t.db().sync().block();
        return s;
    }

    /** @param t the test database @return the models with the rows above; statements cleared */
    static Shop seeded(TestDb t) {
        Shop s = empty(t);
        s.seed();
        t.clearStatements();
        return s;
    }

    private void seed() {
        ada = users.create(Map.of("name", "Ada")).block();
        bob = users.create(Map.of("name", "Bob")).block();
        cy = users.create(Map.of("name", "Cy")).block();
        Instance a1 = userTasks.create(ada, Map.of("title", "a1")).block();
        Instance a2 = userTasks.create(ada, Map.of("title", "a2")).block();
        Instance b1 = userTasks.create(bob, Map.of("title", "b1")).block();
        taskComments.create(a1, Map.of("body", "ok")).block();
        taskComments.create(a1, Map.of("body", "bad")).block();
        taskComments.create(a2, Map.of("body", "ok")).block();
        taskComments.create(b1, Map.of("body", "meh")).block();
        userProfile.create(ada, Map.of("bio", "ada-bio")).block();
        apollo = projects.create(Map.of("title", "Apollo")).block();
        zeus = projects.create(Map.of("title", "Zeus")).block();
        link(ada, apollo, "lead");
        link(ada, zeus, "dev");
        link(bob, apollo, "dev");
    }

    private void link(Instance user, Instance project, String role) {
        userProjects.create(Map.of("UserId", user.get("id"), "ProjectId", project.get("id"), "role", role)).block();
    }

    /** @param l instances @param attribute an attribute @return its values */
    static List<Object> values(List<? extends Instance> l, String attribute) {
        return l.stream().map(i -> i.get(attribute)).toList();
    }

    /** @param users users @return their names */
    static List<Object> names(List<? extends Instance> users) {
        return values(users, "name");
    }

    /** @param u a user with Tasks loaded @return the titles of its tasks */
    static List<Object> titles(Instance u) {
        return values(u.getMany("Tasks", Instance.class), "title");
    }

    /** @param roots roots @param name a root name @return that root */
    static Instance named(List<? extends Instance> roots, String name) {
        return roots.stream().filter(r -> Objects.equals(r.get("name"), name)).findFirst()
                .orElseThrow(() -> new AssertionError("no root named " + name + " in " + roots));
    }

    /** @param table a table @return its row count, read with plain R2DBC */
    long rows(String table) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q(table)).blockFirst().get("n")).longValue();
    }

    /** @return the last statement run */
    String last() {
        List<String> s = t.statements();
        return s.get(s.size() - 1);
    }

    /** @return the SELECT statements run since the last clear */
    List<String> selects() {
        return t.statements().stream().filter(x -> x.startsWith("SELECT")).toList();
    }
}
