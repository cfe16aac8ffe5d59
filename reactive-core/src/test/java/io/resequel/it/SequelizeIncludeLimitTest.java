package io.resequel.it;

import static io.resequel.it.SequelizeIncludeTest.def;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Ported from Sequelize v6.37.8 test/integration/include/limit.test.js: {@code limit: 1, offset: 1} over roots with
 * required (and nested required) includes of every kind. Each find must skip exactly one matching root, so the
 * limit counts roots and required includes filter roots inside the limited sub-query.
 */
class SequelizeIncludeLimitTest {

    /** The association graph of the Sequelize file; every model is keyed by its name. */
    private record World(Model<Instance> project, Model<Instance> user, Model<Instance> task, Model<Instance> hobby,
            Model<Instance> post, Model<Instance> comment, Model<Instance> tag, Model<Instance> footnote,
            BelongsToMany<Instance, Instance> projectUsers, BelongsToMany<Instance, Instance> projectTasks,
            BelongsToMany<Instance, Instance> taskProjects, BelongsToMany<Instance, Instance> userHobbies,
            HasMany<Instance, Instance> postComments, BelongsTo<Instance, Instance> commentPost,
            BelongsToMany<Instance, Instance> postTags, HasMany<Instance, Instance> postFootnotes,
            HasMany<Instance, Instance> userPosts, BelongsTo<Instance, Instance> postUser) {
    }

    private static Model<Instance> named(TestDb t, String name) {
        return def(t, name, s -> s.attribute("name", DataTypes.STRING, a -> a.primaryKey(true))
                .options(o -> o.timestamps(false)));
    }

    private static World world(TestDb t) {
        Model<Instance> project = named(t, "Project");
        Model<Instance> user = named(t, "User");
        Model<Instance> task = named(t, "Task");
        Model<Instance> hobby = named(t, "Hobby");
        user.belongsToMany(project, o -> o.through("inc_user_project"));
        BelongsToMany<Instance, Instance> projectUsers = project.belongsToMany(user, o -> o.through("inc_user_project"));
        BelongsToMany<Instance, Instance> projectTasks = project.belongsToMany(task, o -> o.through("inc_task_project"));
        BelongsToMany<Instance, Instance> taskProjects = task.belongsToMany(project, o -> o.through("inc_task_project"));
        BelongsToMany<Instance, Instance> userHobbies = user.belongsToMany(hobby, o -> o.through("inc_user_hobby"));
        hobby.belongsToMany(user, o -> o.through("inc_user_hobby"));
        Model<Instance> post = named(t, "Post");
        Model<Instance> comment = named(t, "Comment");
        Model<Instance> tag = named(t, "Tag");
        Model<Instance> color = named(t, "Color");
        Model<Instance> footnote = named(t, "Footnote");
        HasMany<Instance, Instance> postComments = post.hasMany(comment);
        BelongsTo<Instance, Instance> commentPost = comment.belongsTo(post);
        BelongsToMany<Instance, Instance> postTags = post.belongsToMany(tag, o -> o.through("inc_post_tag"));
        tag.belongsToMany(post, o -> o.through("inc_post_tag"));
        HasMany<Instance, Instance> postFootnotes = post.hasMany(footnote);
        footnote.belongsTo(post);
        HasMany<Instance, Instance> userPosts = user.hasMany(post);
        BelongsTo<Instance, Instance> postUser = post.belongsTo(user);
        tag.belongsTo(color);
        color.hasMany(tag);
        t.db().sync().block();
        return new World(project, user, task, hobby, post, comment, tag, footnote, projectUsers, projectTasks,
                taskProjects, userHobbies, postComments, commentPost, postTags, postFootnotes, userPosts, postUser);
    }

    /** Sequelize's {@code build('a', 'b')} seed, created in order and read back. */
    private static List<Instance> build(Model<Instance> m, String... names) {
        return m.bulkCreate(Arrays.stream(names).map(n -> Map.of("name", n)).toList()).collectList().block();
    }

    /** {@code order: ['name'], limit: 1, offset: 1}: the second matching root's name, and no other root. */
    private static String second(Model<Instance> m, Include... includes) {
        List<Instance> found = m.findAll(q -> q.include(includes).order(Order.asc("name")).limit(1).offset(1))
                .collectList().block();
        assertEquals(1, found.size());
        return (String) found.get(0).get("name");
    }

    private static void link(BelongsToMany<Instance, Instance> a, Instance source, Instance target) {
        a.add(source, target).block();
    }

    // ---- many-to-many --------------------------------------------------------------------------------------------

    @DatabaseTest
    void manyToManyWithWhere(TestDb t) {
        World w = world(t);
        List<Instance> projects = build(w.project(), "alpha", "bravo", "charlie");
        List<Instance> users = build(w.user(), "Alice", "Bob");
        link(w.projectUsers(), projects.get(0), users.get(0));
        link(w.projectUsers(), projects.get(1), users.get(1));
        link(w.projectUsers(), projects.get(2), users.get(0));
        assertEquals("charlie", second(w.project(), Include.of(w.user()).where(Where.eq("name", "Alice"))));
    }

    private static World projectsUsersHobbies(TestDb t, boolean bobHasHobby) {
        World w = world(t);
        List<Instance> projects = build(w.project(), "alpha", "bravo", "charlie");
        List<Instance> users = build(w.user(), "Alice", "Bob");
        List<Instance> hobbies = build(w.hobby(), "archery", "badminton");
        link(w.projectUsers(), projects.get(0), users.get(0));
        link(w.projectUsers(), projects.get(1), users.get(1));
        link(w.projectUsers(), projects.get(2), users.get(0));
        link(w.userHobbies(), users.get(0), hobbies.get(0));
        if (bobHasHobby) {
            link(w.userHobbies(), users.get(1), hobbies.get(1));
        }
        return w;
    }

    @DatabaseTest
    void twoLevelsOfRequiredManyToMany(TestDb t) {
        World w = projectsUsersHobbies(t, false);
        assertEquals("charlie", second(w.project(), Include.of(w.user()).required(true)
                .include(Include.of(w.hobby()).required(true))));
    }

    @DatabaseTest
    void twoLevelsOfRequiredManyToManyWithWhere(TestDb t) {
        World w = projectsUsersHobbies(t, true);
        assertEquals("charlie", second(w.project(), Include.of(w.user()).required(true)
                .include(Include.of(w.hobby()).where(Where.eq("name", "archery")))));
    }

    @DatabaseTest
    void twoLevelsOfRequiredManyToManyWithThroughWhere(TestDb t) {
        World w = projectsUsersHobbies(t, true);
        assertEquals("charlie", second(w.project(), Include.of(w.user()).required(true)
                .include(Include.of(w.hobby()).required(true).throughWhere(Where.eq("HobbyName", "archery")))));
    }

    @DatabaseTest
    void threeLevelsOfRequiredManyToManyWithWhere(TestDb t) {
        World w = world(t);
        List<Instance> tasks = build(w.task(), "alpha", "bravo", "charlie");
        List<Instance> projects = build(w.project(), "alpha", "bravo", "charlie");
        List<Instance> users = build(w.user(), "Alice", "Bob", "Charlotte");
        List<Instance> hobbies = build(w.hobby(), "archery", "badminton");
        for (int n = 0; n < 3; n++) {
            link(w.taskProjects(), tasks.get(n), projects.get(n));
        }
        link(w.projectUsers(), projects.get(0), users.get(0));
        link(w.projectUsers(), projects.get(1), users.get(1));
        link(w.projectUsers(), projects.get(2), users.get(0));
        link(w.userHobbies(), users.get(0), hobbies.get(0));
        link(w.userHobbies(), users.get(1), hobbies.get(1));
        assertEquals("charlie", second(w.task(), Include.of(w.project()).required(true)
                .include(Include.of(w.user()).required(true)
                        .include(Include.of(w.hobby()).where(Where.eq("name", "archery"))))));
    }

    @DatabaseTest
    void requiredManyToMany(TestDb t) {
        World w = world(t);
        List<Instance> projects = build(w.project(), "alpha", "bravo", "charlie");
        List<Instance> users = build(w.user(), "Alice", "Bob");
        link(w.projectUsers(), projects.get(0), users.get(0));
        link(w.projectUsers(), projects.get(2), users.get(0));
        assertEquals("charlie", second(w.project(), Include.of(w.user()).required(true)));
    }

    @DatabaseTest
    void twoRequiredManyToMany(TestDb t) {
        World w = world(t);
        List<Instance> projects = build(w.project(), "alpha", "bravo", "charlie", "delta");
        List<Instance> users = build(w.user(), "Alice", "Bob", "David");
        List<Instance> tasks = build(w.task(), "a", "c", "d");
        link(w.projectUsers(), projects.get(0), users.get(0));
        link(w.projectTasks(), projects.get(0), tasks.get(0));
        link(w.projectUsers(), projects.get(1), users.get(1));
        link(w.projectTasks(), projects.get(2), tasks.get(1));
        link(w.projectUsers(), projects.get(3), users.get(2));
        link(w.projectTasks(), projects.get(3), tasks.get(2));
        assertEquals("delta", second(w.project(), Include.of(w.user()).required(true),
                Include.of(w.task()).required(true)));
    }

    // ---- one-to-many ---------------------------------------------------------------------------------------------

    private static World postsWithComments(TestDb t, boolean bravoToo) {
        World w = world(t);
        List<Instance> posts = build(w.post(), "alpha", "bravo", "charlie");
        List<Instance> comments = bravoToo ? build(w.comment(), "comment0", "comment1", "comment2")
                : build(w.comment(), "comment0", "comment1");
        w.postComments().add(posts.get(0), comments.get(0)).block();
        if (bravoToo) {
            w.postComments().add(posts.get(1), comments.get(1)).block();
            w.postComments().add(posts.get(2), comments.get(2)).block();
        } else {
            w.postComments().add(posts.get(2), comments.get(1)).block();
        }
        return w;
    }

    @DatabaseTest
    void requiredOneToMany(TestDb t) {
        World w = postsWithComments(t, false);
        assertEquals("charlie", second(w.post(), Include.of(w.comment()).required(true)));
    }

    @DatabaseTest
    void requiredOneToManyWithWhere(TestDb t) {
        World w = postsWithComments(t, true);
        assertEquals("charlie", second(w.post(), Include.of(w.comment()).required(true)
                .where(Where.or(Where.eq("name", "comment0"), Where.eq("name", "comment2")))));
    }

    @DatabaseTest
    void requiredOneToManyWithWhereFindOne(TestDb t) {
        World w = postsWithComments(t, true);
        Instance post = w.post().findOne(q -> q.include(Include.of(w.comment()).required(true)
                .where(Where.eq("name", "comment2")))).block();
        assertEquals("charlie", post.get("name"));
    }

    @DatabaseTest
    void twoLevelsOfRequiredOneToMany(TestDb t) {
        World w = world(t);
        List<Instance> users = build(w.user(), "Alice", "Bob", "Charlotte", "David");
        List<Instance> posts = build(w.post(), "post0", "post1", "post2");
        List<Instance> comments = build(w.comment(), "comment0", "comment1", "comment2");
        w.userPosts().add(users.get(0), posts.get(0)).block();
        w.userPosts().add(users.get(1), posts.get(1)).block();
        w.userPosts().add(users.get(3), posts.get(2)).block();
        w.postComments().add(posts.get(0), comments.get(0)).block();
        w.postComments().add(posts.get(2), comments.get(2)).block();
        assertEquals("David", second(w.user(), Include.of(w.post()).required(true)
                .include(Include.of(w.comment()).required(true))));
    }

    // ---- mixed ---------------------------------------------------------------------------------------------------

    @DatabaseTest
    void requiredOneToManyWithNestedRequiredManyToMany(TestDb t) {
        World w = world(t);
        List<Instance> users = build(w.user(), "Alice", "Bob", "Charlotte", "David");
        List<Instance> posts = build(w.post(), "alpha", "charlie", "delta");
        List<Instance> tags = build(w.tag(), "atag", "btag", "dtag");
        w.userPosts().add(users.get(0), posts.get(0)).block();
        w.userPosts().add(users.get(2), posts.get(1)).block();
        w.userPosts().add(users.get(3), posts.get(2)).block();
        link(w.postTags(), posts.get(0), tags.get(0));
        link(w.postTags(), posts.get(2), tags.get(2));
        assertEquals("David", second(w.user(), Include.of(w.post()).required(true)
                .include(Include.of(w.tag()).required(true))));
    }

    @DatabaseTest
    void requiredManyToManyWithNestedRequiredOneToMany(TestDb t) {
        World w = world(t);
        List<Instance> projects = build(w.project(), "alpha", "bravo", "charlie", "delta");
        List<Instance> users = build(w.user(), "Alice", "Bob", "David");
        List<Instance> posts = build(w.post(), "post0", "post1", "post2");
        link(w.projectUsers(), projects.get(0), users.get(0));
        link(w.projectUsers(), projects.get(1), users.get(1));
        link(w.projectUsers(), projects.get(3), users.get(2));
        w.userPosts().add(users.get(0), posts.get(0)).block();
        w.userPosts().add(users.get(2), posts.get(2)).block();
        assertEquals("delta", second(w.project(), Include.of(w.user()).required(true)
                .include(Include.of(w.post()).required(true).duplicating(true))));
    }

    private static World postsUsersHobbies(TestDb t) {
        World w = world(t);
        List<Instance> posts = build(w.post(), "post0", "post1", "post2", "post3");
        List<Instance> users = build(w.user(), "Alice", "Bob", "Charlotte", "David");
        List<Instance> hobbies = build(w.hobby(), "archery", "badminton");
        w.postUser().set(posts.get(0), users.get(0)).block();
        w.postUser().set(posts.get(1), users.get(1)).block();
        w.postUser().set(posts.get(3), users.get(3)).block();
        link(w.userHobbies(), users.get(0), hobbies.get(0));
        link(w.userHobbies(), users.get(1), hobbies.get(1));
        link(w.userHobbies(), users.get(3), hobbies.get(0));
        return w;
    }

    @DatabaseTest
    void requiredManyToOneWithNestedManyToManyWithWhere(TestDb t) {
        World w = postsUsersHobbies(t);
        assertEquals("post3", second(w.post(), Include.of(w.user()).required(true)
                .include(Include.of(w.hobby()).where(Where.eq("name", "archery")))));
    }

    @DatabaseTest
    void requiredManyToOneWithNestedManyToManyWithThroughWhere(TestDb t) {
        World w = postsUsersHobbies(t);
        assertEquals("post3", second(w.post(), Include.of(w.user()).required(true)
                .include(Include.of(w.hobby()).required(true).throughWhere(Where.eq("HobbyName", "archery")))));
    }

    @DatabaseTest
    void requiredManyToOneWithMultipleNestedAssociationsWithWhere(TestDb t) {
        World w = world(t);
        List<Instance> comments = build(w.comment(), "comment0", "comment1", "comment2", "comment3", "comment4",
                "comment5");
        List<Instance> posts = build(w.post(), "post0", "post1", "post2", "post3", "post4");
        List<Instance> users = build(w.user(), "Alice", "Bob");
        List<Instance> tags = build(w.tag(), "tag0", "tag1");
        int[][] commentPosts = {{0, 0}, {1, 1}, {3, 2}, {4, 3}, {5, 4}};
        for (int[] cp : commentPosts) {
            w.commentPost().set(comments.get(cp[0]), posts.get(cp[1])).block();
        }
        link(w.postTags(), posts.get(0), tags.get(0));
        link(w.postTags(), posts.get(3), tags.get(0));
        link(w.postTags(), posts.get(4), tags.get(0));
        link(w.postTags(), posts.get(1), tags.get(1));
        w.postUser().set(posts.get(0), users.get(0)).block();
        w.postUser().set(posts.get(2), users.get(0)).block();
        w.postUser().set(posts.get(4), users.get(0)).block();
        w.postUser().set(posts.get(1), users.get(1)).block();
        assertEquals("comment5", second(w.comment(), Include.of(w.post()).required(true).include(
                Include.of(w.user()).where(Where.eq("name", "Alice")),
                Include.of(w.tag()).where(Where.eq("name", "tag0")))));
    }

    @DatabaseTest
    void requiredManyToOneWithNestedOneToManyWithWhere(TestDb t) {
        World w = world(t);
        List<Instance> comments = build(w.comment(), "comment0", "comment1", "comment2");
        List<Instance> posts = build(w.post(), "post0", "post1", "post2");
        List<Instance> footnotes = build(w.footnote(), "footnote0", "footnote1", "footnote2");
        for (int n = 0; n < 3; n++) {
            w.commentPost().set(comments.get(n), posts.get(n)).block();
            w.postFootnotes().add(posts.get(n), footnotes.get(n)).block();
        }
        assertEquals("comment2", second(w.comment(), Include.of(w.post()).required(true)
                .include(Include.of(w.footnote()).where(Where.or(Where.eq("name", "footnote0"),
                        Where.eq("name", "footnote2"))))));
    }
}
