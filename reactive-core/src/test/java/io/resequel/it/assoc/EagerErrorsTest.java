package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.EagerLoadingException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Includes that name no association, or name one ambiguously: EagerLoadingException through onError. */
class EagerErrorsTest {

    private static void fails(Flux<?> find, String... parts) {
        StepVerifier.create(find).expectErrorSatisfies(e -> {
            assertEquals(EagerLoadingException.class, e.getClass(), e.toString());
            for (String p : parts) {
                assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
            }
        }).verify();
    }

    private record Models(Model<Instance> users, Model<Instance> tasks, Model<Instance> profiles,
            Model<Instance> comments) {
    }

    private static Models models(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> profiles = t.db().define("Profile", m -> m.attribute("bio", DataTypes.STRING));
        Model<Instance> comments = t.db().define("Comment", m -> m.attribute("body", DataTypes.STRING));
        users.hasMany(tasks);
        users.hasOne(profiles, a -> a.as("bio"));
        tasks.belongsTo(users, a -> a.as("Author").foreignKey("authorId"));
        tasks.belongsTo(users, a -> a.as("Reviewer").foreignKey("reviewerId"));
        t.db().sync().block();
        t.clearStatements();
        return new Models(users, tasks, profiles, comments);
    }

    @DatabaseTest
    void notAssociated(TestDb t) {
        Models m = models(t);
        fails(m.users().findAll(q -> q.include(m.comments())), "Comment is not associated to User!");
        fails(m.comments().findAll(q -> q.include(m.users())), "User is not associated to Comment!");
        fails(m.users().findAll(q -> q.include(Include.of(m.tasks()).include(m.profiles()))),
                "Profile is not associated to Task!");
        assertEquals(List.of(), t.statements(), "nothing ran");
    }

    @DatabaseTest
    void aliasRequiredAndMismatched(TestDb t) {
        Models m = models(t);
        fails(m.users().findAll(q -> q.include(m.profiles())), "Profile is associated to User using an alias",
                "'as'", "bio");
        fails(m.users().findAll(q -> q.include(Include.of(m.profiles()).as("profile"))),
                "Profile is associated to User using an alias", "You've included an alias (profile)",
                "does not match the alias(es) defined in your association (bio)");
        fails(m.users().findAll(q -> q.include(Include.of(m.tasks()).as("Jobs"))), "Task is associated to User",
                "(Jobs)", "(Tasks)");
        assertEquals(0, m.users().findAll(q -> q.include(Include.of(m.profiles()).as("bio"))).collectList().block()
                .size());
    }

    @DatabaseTest
    void associatedMultipleTimes(TestDb t) {
        Models m = models(t);
        fails(m.tasks().findAll(q -> q.include(m.users())), "User is associated to Task multiple times",
                "'as'", "Author", "Reviewer");
        Instance ada = m.users().create(java.util.Map.of("name", "Ada")).block();
        Instance bob = m.users().create(java.util.Map.of("name", "Bob")).block();
        m.tasks().create(java.util.Map.of("title", "x", "authorId", ada.get("id"), "reviewerId", bob.get("id")))
                .block();
        m.tasks().create(java.util.Map.of("title", "y", "authorId", bob.get("id"))).block();
        List<Instance> both = m.tasks().findAll(q -> q.include(Include.of(m.users()).as("Author"),
                Include.of(m.users()).as("Reviewer")).order(Order.asc("title"))).collectList().block();
        assertEquals("Ada", both.get(0).getOne("Author", Instance.class).get("name"));
        assertEquals("Bob", both.get(0).getOne("Reviewer", Instance.class).get("name"));
        assertEquals("Bob", both.get(1).getOne("Author", Instance.class).get("name"));
        assertEquals(null, both.get(1).getOne("Reviewer", Instance.class));
        String sql = t.statements().get(t.statements().size() - 1);
        assertTrue(sql.contains(" AS " + t.q("Author") + " ON ") && sql.contains(" AS " + t.q("Reviewer") + " ON "),
                sql);
        // by alias strings too, and users with the two reverse associations
        List<Instance> byAlias = m.tasks().findAll(q -> q.include("Author").include("Reviewer")
                .order(Order.asc("title"))).collectList().block();
        assertEquals("Bob", byAlias.get(0).getOne("Reviewer", Instance.class).get("name"));
    }

    @DatabaseTest
    void unknownAliasString(TestDb t) {
        Models m = models(t);
        fails(m.users().findAll(q -> q.include("Taskz")), "User has no association 'Taskz'", "did you mean 'Tasks'");
        fails(m.users().count(q -> q.include("Taskz")).flux(), "User has no association 'Taskz'");
        fails(m.users().findAndCountAll(q -> q.include("nope")).flux(), "User", "nope");
        fails(m.users().findAll(q -> q.include(Include.of(m.tasks()).include(Include.of("Authr")))),
                "Task has no association 'Authr'", "did you mean 'Author'");
    }

    @DatabaseTest
    void includeOptionsThatNeedSeparate(TestDb t) {
        Models m = models(t);
        fails(m.tasks().findAll(q -> q.include(Include.of(m.users()).as("Author").separate(true))), "Task", "Author",
                "separate");
        fails(m.users().findAll(q -> q.include(Include.of(m.tasks()).separate(false).limit(2))), "User", "Tasks",
                "separate(true)");
        fails(m.users().findAll(q -> q.include(Include.of(m.tasks()).order(Order.asc("title")))), "User", "Tasks",
                "separate(true)");
        fails(m.users().findAll(q -> q.include(m.tasks()).where(io.resequel.query.Where.eq("$Jobs.title$", "x"))),
                "User", "Jobs");
    }

    @DatabaseTest
    void errorsAreLazy(TestDb t) {
        Models m = models(t);
        Consumer<io.resequel.query.FindOptions.Builder> bad = q -> q.include(m.comments());
        Flux<Instance> f = m.users().findAll(bad);
        assertEquals(List.of(), t.statements());
        fails(f, "Comment is not associated to User!");
    }
}
