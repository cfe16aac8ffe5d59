package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Port of Sequelize v6 {@code test/integration/associations/scope.test.js} (association scopes, polymorphism). */
class SequelizeAssocScopeTest {

    /** The polymorphic 1:1 / 1:M fixture: comments on posts, images and questions by commentable + id. */
    private static final class Commentable {
        final Model<Instance> posts;
        final Model<Instance> images;
        final Model<Instance> questions;
        final Model<Instance> comments;
        final HasMany<Instance, Instance> postComments;
        final HasMany<Instance, Instance> coloredComments;
        final HasOne<Instance, Instance> mainComment;
        final HasMany<Instance, Instance> imageComments;
        final HasMany<Instance, Instance> questionComments;
        final Map<String, BelongsTo<Instance, Instance>> items;

        Commentable(TestDb t) {
            posts = t.db().define("post", m -> m.options(o -> o.tableName("as_sc_posts")));
            images = t.db().define("image", m -> m.options(o -> o.tableName("as_sc_images")));
            questions = t.db().define("question", m -> m.options(o -> o.tableName("as_sc_questions")));
            comments = t.db().define("comment", m -> m.attribute("title", DataTypes.STRING)
                    .attribute("type", DataTypes.STRING).attribute("commentable", DataTypes.STRING)
                    .attribute("commentable_id", DataTypes.INTEGER)
                    .attribute("isMain", DataTypes.BOOLEAN, a -> a.field("is_main").defaultValue(false))
                    .options(o -> o.tableName("as_sc_comments")));
            posts.addScope("withComments", q -> q.include(comments));
            posts.addScope("withMainComment", q -> q.include(Include.of(comments).as("mainComment")));
            postComments = posts.hasMany(comments, a -> a.foreignKey("commentable_id")
                    .scope(Map.of("commentable", "post")).constraints(false));
            coloredComments = posts.hasMany(comments, a -> a.foreignKey("commentable_id").as("coloredComments")
                    .scope(Map.of("commentable", "post", "type", List.of("blue", "green"))).constraints(false));
            mainComment = posts.hasOne(comments, a -> a.foreignKey("commentable_id").as("mainComment")
                    .scope(Map.of("commentable", "post", "isMain", true)).constraints(false));
            BelongsTo<Instance, Instance> post = comments.belongsTo(posts, a -> a.foreignKey("commentable_id")
                    .as("post").constraints(false));
            imageComments = images.hasMany(comments, a -> a.foreignKey("commentable_id")
                    .scope(Map.of("commentable", "image")).constraints(false));
            BelongsTo<Instance, Instance> image = comments.belongsTo(images, a -> a.foreignKey("commentable_id")
                    .as("image").constraints(false));
            questionComments = questions.hasMany(comments, a -> a.foreignKey("commentable_id")
                    .scope(Map.of("commentable", "question")).constraints(false));
            BelongsTo<Instance, Instance> question = comments.belongsTo(questions,
                    a -> a.foreignKey("commentable_id").as("question").constraints(false));
            items = Map.of("post", post, "image", image, "question", question);
            t.db().sync().block();
        }

        /** Sequelize's {@code comment.getItem()}: the belongsTo named by {@code commentable}. */
        Instance item(Instance comment) {
            return items.get((String) comment.get("commentable")).get(comment).block();
        }
    }

    @DatabaseTest
    void oneToOneCreatesFindsAndIncludesWithScopeValues(TestDb t) {
        Commentable c = new Commentable(t);
        Instance post1 = c.posts.create(Map.of()).block();
        c.comments.create(Map.of("title", "I am a comment")).block();
        c.comments.create(Map.of("title", "I am a main comment", "isMain", true)).block();
        Instance comment0 = c.postComments.create(post1, Map.of("title", "I am a post comment")).block();
        assertEquals("post", comment0.get("commentable"));
        assertEquals(false, comment0.get("isMain"));
        Instance post0 = c.posts.scope("withMainComment").findByPk(post1.get("id")).block();
        assertTrue(post0.isIncluded("mainComment"));
        assertNull(post0.getOne("mainComment", Instance.class));
        Instance main1 = c.mainComment.create(post0, Map.of("title", "I am a main post comment")).block();
        assertEquals("post", main1.get("commentable"));
        assertEquals(true, main1.get("isMain"));
        Instance post = c.posts.scope("withMainComment").findByPk(post1.get("id")).block();
        assertEquals(main1.get("id"), post.getOne("mainComment", Instance.class).get("id"));
        Instance main0 = c.mainComment.get(post).block();
        assertEquals("post", main0.get("commentable"));
        assertEquals(true, main0.get("isMain"));
        Instance future = c.comments.create(Map.of("title", "I am a future main comment")).block();
        c.mainComment.set(post1, future).block();
        Instance main = c.mainComment.get(post1).block();
        assertEquals("post", main.get("commentable"));
        assertEquals(true, main.get("isMain"));
        assertEquals("I am a future main comment", main.get("title"));
    }

    @DatabaseTest
    void oneToOneCreatesAnIncludedAssociationWithScopeValues(TestDb t) {
        Commentable c = new Commentable(t);
        Instance post0 = c.posts.create(Map.of("mainComment", Map.of("title",
                "I am a main comment created with a post")), Include.of(c.comments).as("mainComment")).block();
        assertEquals("post", post0.getOne("mainComment", Instance.class).get("commentable"));
        assertEquals(true, post0.getOne("mainComment", Instance.class).get("isMain"));
        Instance post = c.posts.scope("withMainComment").findByPk(post0.get("id")).block();
        assertEquals("post", post.getOne("mainComment", Instance.class).get("commentable"));
        assertEquals(true, post.getOne("mainComment", Instance.class).get("isMain"));
    }

    @DatabaseTest
    void oneToManyCreatesFindsAndIncludesWithScopeValues(TestDb t) {
        Commentable c = new Commentable(t);
        Instance post1 = c.posts.create(Map.of()).block();
        Instance image1 = c.images.create(Map.of()).block();
        Instance question1 = c.questions.create(Map.of()).block();
        Instance commentA = c.comments.create(Map.of("title", "I am a image comment")).block();
        Instance commentB = c.comments.create(Map.of("title", "I am a question comment")).block();
        c.postComments.create(post1, Map.of("title", "I am a post comment")).block();
        c.imageComments.add(image1, commentA).block();
        c.questionComments.set(question1, List.of(commentB)).block();
        List<Instance> all = c.comments.findAll().collectList().block();
        assertEquals(List.of("image", "post", "question"), all.stream().map(x -> (String) x.get("commentable"))
                .sorted().toList());
        List<Instance> postComments = c.postComments.get(post1).collectList().block();
        List<Instance> imageComments = c.imageComments.get(image1).collectList().block();
        List<Instance> questionComments = c.questionComments.get(question1).collectList().block();
        assertEquals(List.of("I am a post comment"), Shop.values(postComments, "title"));
        assertEquals(List.of("I am a image comment"), Shop.values(imageComments, "title"));
        assertEquals(List.of("I am a question comment"), Shop.values(questionComments, "title"));
        assertSame(c.posts, c.item(postComments.get(0)).model());
        assertSame(c.images, c.item(imageComments.get(0)).model());
        assertSame(c.questions, c.item(questionComments.get(0)).model());
        Instance post = c.posts.findOne(q -> q.include(Include.of(c.comments))).block();
        Instance image = c.images.findOne(q -> q.include(c.comments)).block();
        Instance question = c.questions.findOne(q -> q.include(c.comments)).block();
        assertEquals(List.of("I am a post comment"), Shop.values(post.getMany("comments", Instance.class), "title"));
        assertEquals(List.of("I am a image comment"), Shop.values(image.getMany("comments", Instance.class),
                "title"));
        assertEquals(List.of("I am a question comment"), Shop.values(question.getMany("comments",
                Instance.class), "title"));
    }

    @DatabaseTest
    void oneToManyMakesTheSameQueryEachTime(TestDb t) {
        Commentable c = new Commentable(t);
        Instance post = c.posts.create(Map.of()).block();
        c.postComments.create(post, Map.of("title", "I am a post comment")).block();
        t.clearStatements();
        c.posts.scope("withComments").findAll().collectList().block();
        c.posts.scope("withComments").findAll().collectList().block();
        assertEquals(2, t.statements().size());
        assertEquals(t.statements().get(0), t.statements().get(1));
    }

    @DatabaseTest
    void oneToManyCreatesIncludedAssociationsWithScopeValues(TestDb t) {
        Commentable c = new Commentable(t);
        Instance post0 = c.posts.create(Map.of("comments", List.of(
                Map.of("title", "I am a comment created with a post"),
                Map.of("title", "I am a second comment created with a post"))),
                Include.of(c.comments).as("comments")).block();
        assertEquals(List.of("post", "post"), Shop.values(post0.getMany("comments", Instance.class), "commentable"));
        Instance post = c.posts.scope("withComments").findByPk(post0.get("id")).block();
        assertEquals(List.of("post", "post"), Shop.values(post.getMany("comments", Instance.class), "commentable"));
    }

    @DatabaseTest
    void includesAssociationsWithOperatorScopeValues(TestDb t) {
        Commentable c = new Commentable(t);
        Instance post0 = c.posts.create(Map.of()).block();
        Instance blue = c.comments.create(Map.of("title", "I am a blue comment", "type", "blue")).block();
        Instance red = c.comments.create(Map.of("title", "I am a red comment", "type", "red")).block();
        Instance green = c.comments.create(Map.of("title", "I am a green comment", "type", "green")).block();
        c.postComments.add(post0, blue, red, green).block();
        Instance post = c.posts.findByPk(post0.get("id"), q -> q.include(Include.of(c.comments)
                .as("coloredComments"))).block();
        List<Instance> colored = post.getMany("coloredComments", Instance.class);
        assertEquals(List.of("blue", "green"), colored.stream().map(x -> (String) x.get("type")).sorted().toList());
        assertEquals(2L, c.coloredComments.count(post0).block(), "the getters read the IN scope too");
    }

    @DatabaseTest
    void aSelectDoesNotMutateTheScope(TestDb t) {
        Commentable c = new Commentable(t);
        c.posts.findOne(q -> q.where(Where.and()).include(Include.of(c.mainComment).attributes("id")
                .required(true).where(Where.and()))).block();
        assertEquals(true, c.mainComment.scope().get("isMain"));
    }

    @DatabaseTest
    void manyToManyScopeOnTheTarget(TestDb t) {
        Model<Instance> posts = t.db().define("post", m -> m.options(o -> o.tableName("as_sc_posts")));
        Model<Instance> tags = t.db().define("tag", m -> m.attribute("type", DataTypes.STRING)
                .options(o -> o.tableName("as_sc_tags")));
        Model<Instance> postTag = t.db().define("post_tag", m -> m.options(o -> o.tableName("as_sc_post_tags")));
        tags.belongsToMany(posts, a -> a.through(postTag));
        BelongsToMany<Instance, Instance> categories = posts.belongsToMany(tags, a -> a.as("categories")
                .through(postTag).scope(Map.of("type", "category")));
        BelongsToMany<Instance, Instance> tagged = posts.belongsToMany(tags, a -> a.as("tags").through(postTag)
                .scope(Map.of("type", "tag")));
        t.db().sync().block();
        Instance postA = posts.create(Map.of()).block();
        Instance postB = posts.create(Map.of()).block();
        Instance postC = posts.create(Map.of()).block();
        Instance categoryA = tags.create(Map.of("type", "category")).block();
        Instance categoryB = tags.create(Map.of("type", "category")).block();
        Instance tagA = tags.create(Map.of("type", "tag")).block();
        Instance tagB = tags.create(Map.of("type", "tag")).block();
        categories.add(postA, categoryA).block();
        tagged.create(postA, Map.of()).block();
        categories.set(postB, List.of(categoryB)).block();
        tagged.add(postB, tagA).block();
        // set replaces every link of the junction, whatever the target scope (as Sequelize's): it runs first
        tagged.set(postC, List.of(tagB)).block();
        categories.create(postC, Map.of()).block();
        for (Instance p : List.of(postA, postB, postC)) {
            assertEquals(List.of("category"), Shop.values(categories.get(p).collectList().block(), "type"));
            assertEquals(List.of("tag"), Shop.values(tagged.get(p).collectList().block(), "type"));
            Instance read = posts.findOne(q -> q.where(Where.eq("id", p.get("id")))
                    .include(Include.of(tags).as("tags"), Include.of(tags).as("categories"))).block();
            assertEquals(List.of("category"), Shop.values(read.getMany("categories", Instance.class), "type"));
            assertEquals(List.of("tag"), Shop.values(read.getMany("tags", Instance.class), "type"));
        }
    }

    @DatabaseTest
    void manyToManyScopeOnTheThroughModel(TestDb t) {
        Model<Instance> posts = t.db().define("post", m -> m.options(o -> o.tableName("as_sc_posts")));
        Model<Instance> images = t.db().define("image", m -> m.options(o -> o.tableName("as_sc_images")));
        Model<Instance> questions = t.db().define("question", m -> m.options(o -> o.tableName("as_sc_questions")));
        Model<Instance> itemTag = t.db().define("item_tag", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("tag_id", DataTypes.INTEGER, a -> a.unique("as_sc_item_tag_taggable"))
                .attribute("taggable", DataTypes.STRING, a -> a.unique("as_sc_item_tag_taggable"))
                .attribute("taggable_id", DataTypes.INTEGER, a -> a.unique("as_sc_item_tag_taggable"))
                .options(o -> o.tableName("as_sc_item_tags")));
        Model<Instance> tags = t.db().define("tag", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("as_sc_tags")));
        Map<String, BelongsToMany<Instance, Instance>> byKind = new java.util.LinkedHashMap<>();
        for (Model<Instance> m : List.of(posts, images, questions)) {
            byKind.put(m.name(), m.belongsToMany(tags, a -> a.through(itemTag).throughUnique(false)
                    .throughScope(Map.of("taggable", m.name())).foreignKey("taggable_id").otherKey("tag_id")
                    .constraints(false)));
            tags.belongsToMany(m, a -> a.through(itemTag).throughUnique(false).foreignKey("tag_id")
                    .otherKey("taggable_id").constraints(false));
        }
        t.db().sync().block();
        Instance post = posts.create(Map.of()).block();
        Instance image = images.create(Map.of()).block();
        Instance question = questions.create(Map.of()).block();
        Instance tagA = tags.create(Map.of("name", "tagA")).block();
        Instance tagB = tags.create(Map.of("name", "tagB")).block();
        Instance tagC = tags.create(Map.of("name", "tagC")).block();
        BelongsToMany<Instance, Instance> pt = byKind.get("post");
        BelongsToMany<Instance, Instance> it = byKind.get("image");
        BelongsToMany<Instance, Instance> qt = byKind.get("question");
        pt.set(post, List.of(tagA)).then(pt.create(post, Map.of("name", "postTag"))).then(pt.add(post, tagB)).block();
        it.set(image, List.of(tagB)).then(it.create(image, Map.of("name", "imageTag"))).then(it.add(image, tagC))
                .block();
        qt.set(question, List.of(tagC)).then(qt.create(question, Map.of("name", "questionTag")))
                .then(qt.add(question, tagA)).block();
        assertEquals(List.of("postTag", "tagA", "tagB"), names(pt.get(post).collectList().block()));
        assertEquals(List.of("imageTag", "tagB", "tagC"), names(it.get(image).collectList().block()));
        assertEquals(List.of("questionTag", "tagA", "tagC"), names(qt.get(question).collectList().block()));
        assertEquals(List.of("postTag", "tagA", "tagB"), names(posts.findOne(q -> q.where(Where.and())
                .include(tags)).block().getMany("tags", Instance.class)));
        assertEquals(List.of("imageTag", "tagB", "tagC"), names(images.findOne(q -> q.include(tags)).block()
                .getMany("tags", Instance.class)));
        assertEquals(List.of("questionTag", "tagA", "tagC"), names(questions.findOne(q -> q.include(tags)).block()
                .getMany("tags", Instance.class)));
    }

    private static List<String> names(List<Instance> tags) {
        return tags.stream().map(x -> (String) x.get("name")).sorted().collect(Collectors.toList());
    }
}
