package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelSpec;
import io.resequel.query.Expr;
import io.resequel.query.Include;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an include selects: none of its attributes ({@code Include.attributes()}, Sequelize's {@code attributes: []})
 * so it joins only under an aggregate, and aliased attributes or expressions of the included model. Ported from
 * Sequelize v6.37.8 test/integration/include.test.js and include/findAll.test.js; tables carry the {@code if_}
 * prefix.
 */
class SequelizeIncludeAttributesTest {

    static Model<Instance> def(TestDb t, String name, Consumer<ModelSpec> spec) {
        return t.db().define(name, s -> {
            spec.accept(s);
            s.options(o -> o.tableName("if_" + name.toLowerCase()));
        });
    }

    static Model<Instance> def(TestDb t, String name, String... strings) {
        return def(t, name, s -> {
            for (String a : strings) {
                s.attribute(a, DataTypes.STRING);
            }
        });
    }

    private static long number(Object v) {
        return ((Number) (v instanceof String s ? Long.valueOf(s) : v)).longValue();
    }

    private static List<Map<String, Object>> comments() {
        return List.of(Map.of("content", "a"), Map.of("content", "b"), Map.of("content", "c"));
    }

    /** include.test.js: should support to use associations with Sequelize.col. */
    @DatabaseTest
    void sumsOverIncludesWithoutAttributes(TestDb t) {
        Model<Instance> table1 = def(t, "Table1");
        Model<Instance> table2 = def(t, "Table2");
        Model<Instance> table3 = def(t, "Table3", s -> s.attribute("value", DataTypes.INTEGER));
        table1.hasOne(table2, o -> o.foreignKey("Table1Id"));
        table2.hasMany(table3, o -> o.as("Tables3").foreignKey("Table2Id"));
        t.db().sync().block();
        Instance t1 = table1.create(Map.of()).block();
        Instance t2 = table2.create(Map.of("Table1Id", t1.get("id"))).block();
        table3.bulkCreate(List.of(Map.of("Table2Id", t2.get("id"), "value", 5),
                Map.of("Table2Id", t2.get("id"), "value", 7))).blockLast();
        t.clearStatements();
        List<Map<String, Object>> result = table1.findAllRaw(q -> q.attributes()
                .attribute(Expr.fn("SUM", Expr.col("Table2.Tables3.value")), "sum")
                .include(Include.of(table2).attributes().include(Include.of(table3).as("Tables3").attributes())))
                .collectList().block();
        assertEquals(1, result.size());
        assertEquals(12, number(result.get(0).get("sum")));
        assertEquals(Map.of("sum", result.get(0).get("sum")), result.get(0), "only the sum is selected");
        String sql = t.statements().get(t.statements().size() - 1);
        assertFalse(sql.contains("ORDER BY"), sql);
    }

    /** findAll.test.js: should ignore include with attributes: [] (used for aggregates). */
    @DatabaseTest
    void ignoresAnIncludeWithoutAttributesUnderAnAggregate(TestDb t) {
        Model<Instance> post = def(t, "Post", "title");
        Model<Instance> comment = def(t, "Comment", s -> s.attribute("content", DataTypes.TEXT));
        HasMany<Instance, Instance> postComments = post.hasMany(comment, o -> o.as("comments"));
        t.db().sync().block();
        post.create(Map.of("title", "p", "comments", comments()), Include.of(postComments)).block();
        List<Instance> posts = post.findAll(q -> q.attributes("id")
                .attribute(Expr.fn("COUNT", Expr.col("comments.id")), "commentCount")
                .include(Include.of(postComments).attributes()).group("id")).collectList().block();
        assertEquals(1, posts.size());
        assertFalse(posts.get(0).isIncluded("comments"));
        assertEquals(3, number(posts.get(0).get("commentCount")));
    }

    /** findAll.test.js: should ignore include with attributes: [] and through: { attributes: [] }. */
    @DatabaseTest
    void ignoresAThroughIncludeWithoutAttributesUnderAnAggregate(TestDb t) {
        Model<Instance> user = def(t, "User", "name");
        Model<Instance> project = def(t, "Project", "title");
        BelongsToMany<Instance, Instance> projects = user.belongsToMany(project,
                o -> o.as("projects").through("if_user_project"));
        project.belongsToMany(user, o -> o.as("users").through("if_user_project"));
        t.db().sync().block();
        user.create(Map.of("name", "u", "projects", List.of(Map.of("title", "a"), Map.of("title", "b"),
                Map.of("title", "c"))), Include.of(projects)).block();
        List<Instance> users = user.findAll(q -> q.attributes("id")
                .attribute(Expr.fn("COUNT", Expr.col("projects.id")), "projectsCount")
                .include(Include.of(projects).attributes().throughAttributes()).group("id")).collectList().block();
        assertEquals(1, users.size());
        assertFalse(users.get(0).isIncluded("projects"));
        assertEquals(3, number(users.get(0).get("projectsCount")));
    }

    /** findAll.test.js: should not add primary key when including and aggregating with raw: true. */
    @DatabaseTest
    void addsNoPrimaryKeyWhenAggregatingRaw(TestDb t) {
        Model<Instance> post = def(t, "Post", "title");
        Model<Instance> comment = def(t, "Comment", s -> s.attribute("content", DataTypes.TEXT));
        HasMany<Instance, Instance> postComments = post.hasMany(comment, o -> o.as("comments"));
        t.db().sync().block();
        post.create(Map.of("title", "p", "comments", comments()), Include.of(postComments)).block();
        List<Map<String, Object>> posts = post.findAllRaw(q -> q.attributes().include(Include.of(postComments)
                .attributes().attribute(Expr.fn("COUNT", Expr.col("comments.id")), "commentCount")))
                .collectList().block();
        assertEquals(1, posts.size());
        assertFalse(posts.get(0).containsKey("id"));
        assertEquals(3, number(posts.get(0).get("comments.commentCount")));
    }

    /**
     * include.test.js: should support Sequelize.literal and renaming of attributes in included model attributes.
     * Deviation: a literal carrying its own {@code AS "PostComments.someProperty"} is an aliased expression here
     * ({@code attribute(Expr.literal(...), "someProperty")}), since an alias is a Java argument, not SQL text.
     */
    @DatabaseTest
    void supportsLiteralAndRenamedAttributesOfAnInclude(TestDb t) {
        Model<Instance> post = def(t, "Post");
        Model<Instance> postComment = def(t, "PostComment", "comment_title");
        HasMany<Instance, Instance> comments = post.hasMany(postComment);
        t.db().sync().block();
        Instance p = post.create(Map.of()).block();
        comments.create(p, Map.of("comment_title", "WAT")).block();
        List<Instance> posts = post.findAll(q -> q.include(Include.of(postComment).attributes()
                .attribute(Expr.literal("EXISTS(SELECT 1)"), "someProperty")
                .attribute(Expr.literal("EXISTS(SELECT 1)"), "someProperty2")
                .attribute("comment_title", "commentTitle"))).collectList().block();
        Instance c = posts.get(0).getMany("PostComments", Instance.class).get(0);
        assertTrue(truthy(c.get("someProperty")));
        assertTrue(truthy(c.get("someProperty2")));
        assertEquals("WAT", c.get("commentTitle"));
        assertNotNull(c.get("id"));
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v != null && number(v) != 0;
    }

    private record PostsComments(Model<Instance> post, Model<Instance> comment) {
    }

    /** group.test.js's posts (ids 1, 2) with 3 and 2 comments. */
    private static PostsComments postsWithComments(TestDb t, boolean belongsTo) {
        Model<Instance> post = def(t, "Post", s -> s.attribute("name", DataTypes.STRING, a -> a.allowNull(false)));
        Model<Instance> comment = def(t, "Comment", s -> s.attribute("text", DataTypes.STRING,
                a -> a.allowNull(false)));
        post.hasMany(comment);
        if (belongsTo) {
            comment.belongsTo(post);
        }
        t.db().sync().block();
        post.bulkCreate(List.of(Map.of("name", "post-1"), Map.of("name", "post-2"))).blockLast();
        comment.bulkCreate(List.of(Map.of("text", "Market", "PostId", 1), Map.of("text", "Text", "PostId", 2),
                Map.of("text", "Abc", "PostId", 2), Map.of("text", "Semaphor", "PostId", 1),
                Map.of("text", "Text", "PostId", 1))).blockLast();
        t.clearStatements();
        return new PostsComments(post, comment);
    }

    /** model/findAll/group.test.js: should correctly group with attributes, #3009. */
    @DatabaseTest
    void groupsWithAttributes3009(TestDb t) {
        PostsComments m = postsWithComments(t, false);
        List<Instance> posts = m.post().findAll(q -> q.attributes()
                .attribute(Expr.fn("COUNT", Expr.col("Comments.id")), "comment_count")
                .include(Include.of(m.comment()).attributes()).group("Post.id")
                .order(io.resequel.query.Order.asc("id"))).collectList().block();
        assertEquals(List.of(3L, 2L), posts.stream().map(p -> number(p.get("comment_count"))).toList());
        String sql = t.statements().get(t.statements().size() - 1);
        assertTrue(sql.contains(" GROUP BY " + t.q("Post") + "." + t.q("id")), sql);
        assertFalse(sql.contains(t.q("Comments") + "." + t.q("text")), sql);
    }

    /** model/findAll/group.test.js: should not add primary key when grouping using a belongsTo association. */
    @DatabaseTest
    void addsNoPrimaryKeyWhenGroupingThroughABelongsTo(TestDb t) {
        PostsComments m = postsWithComments(t, true);
        List<Instance> comments = m.comment().findAll(q -> q.attributes("PostId")
                .attribute(Expr.fn("COUNT", Expr.col("Comment.id")), "comment_count")
                .include(Include.of(m.post()).attributes()).group("PostId")
                .order(io.resequel.query.Order.asc("PostId"))).collectList().block();
        assertEquals(2, comments.size());
        for (Instance c : comments) {
            assertFalse(c.toJSON().containsKey("id"), c.toJSON().toString());
            assertFalse(c.isIncluded("Post"));
        }
        assertEquals(List.of(3L, 2L), comments.stream().map(c -> number(c.get("comment_count"))).toList());
    }
}
