package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.Resequel;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The README's "Associations and eager loading", run on each database. */
class ReadmeAssociationsTest {

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void associationsAndEagerLoading(String database) {
        Resequel db = ReadmeDb.connect(database, "associations");
        try {
            Model<Instance> profiles = db.define("Profile", m -> m.attribute("bio", DataTypes.TEXT));
            Model<Instance> projects = db.define("Project", m -> m.attribute("name", DataTypes.STRING));
            db.define("UserProjects", m -> m.attribute("role", DataTypes.STRING));
            // tag::associations[]
            Model<Instance> users = db.define("User", m -> m.attribute("name", DataTypes.STRING));
            Model<Instance> tasks = db.define("Task", m -> m.attribute("title", DataTypes.STRING)
                    .attribute("done", DataTypes.BOOLEAN).attribute("priority", DataTypes.INTEGER));
            HasMany<Instance, Instance> userTasks = users.hasMany(tasks);        // Task.UserId -> Users.id, alias "Tasks"
            tasks.belongsTo(users);                                               // alias "User", same key
            HasOne<Instance, Instance> profile = users.hasOne(profiles, a -> a.as("profile").foreignKey("ownerId"));
            BelongsToMany<Instance, Instance> projectsOf = users.belongsToMany(projects, a -> a.through("UserProjects"));
            projects.belongsToMany(users, a -> a.through("UserProjects"));      // the other side shares the junction's columns
            db.sync().block();                                                    // key columns and REFERENCES, in dependency order
            // end::associations[]
            Model<Instance> comments = db.define("Comment", m -> m.attribute("text", DataTypes.STRING));
            tasks.hasMany(comments);
            comments.belongsTo(users, a -> a.as("author"));
            db.sync().block(WAIT);

            Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
            Instance bob = users.create(Map.of("name", "Bob")).block(WAIT);
            Instance notes = userTasks.create(ada, Map.of("title", "notes", "done", false, "priority", 1)).block(WAIT);
            userTasks.create(ada, Map.of("title", "engine", "done", true, "priority", 1)).block(WAIT);
            comments.create(Map.of("text", "good", "TaskId", notes.get("id"), "authorId", bob.get("id"))).block(WAIT);
            profile.create(ada, Map.of("bio", "first programmer")).block(WAIT);
            Instance engine = projects.create(Map.of("name", "Analytical Engine")).block(WAIT);
            projectsOf.add(ada, List.of(engine), Map.of("role", "lead")).block(WAIT);

            // tag::eager-loading[]
            Flux<Instance> graph = users.findAll(q -> q
                .include(Include.of(tasks).where(Where.eq("done", false))          // a where makes it INNER JOIN...
                             .required(false)                                    // ...unless required(false): ON clause only
                             .attributes("title", "priority")
                             .include(Include.of(comments).include(Include.of("author"))),   // nested, any depth
                         Include.of("profile"),                                  // by alias
                         Include.of(projects).throughAttributes("role").throughWhere(Where.eq("role", "lead")))
                .where(Where.eq("$Tasks.priority$", 1))                          // a column of an include...
                .subQuery(false)                                                 // ...needs the joined rows: no sub-query
                .order(Order.asc("name"), Order.desc("Tasks.title")));
            // end::eager-loading[]
            List<Instance> read = graph.collectList().block(WAIT);
            assertEquals(1, read.size());
            Instance first = read.get(0);
            assertEquals("Ada", first.get("name"));
            List<Instance> open = first.getMany("Tasks", Instance.class);
            assertEquals(List.of("notes"), open.stream().map(x -> x.get("title")).toList());
            Instance comment = open.get(0).getMany("Comments", Instance.class).get(0);
            assertEquals("Bob", comment.getOne("author", Instance.class).get("name"));
            assertEquals("first programmer", first.getOne("profile", Instance.class).get("bio"));
            Instance project = first.getMany("Projects", Instance.class).get(0);
            assertEquals("lead", project.getOne("UserProjects", Instance.class).get("role"));
        } finally {
            db.close().block(WAIT);
        }
    }

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void polymorphicManyToMany(String database) {
        Resequel db = ReadmeDb.connect(database, "polymorphic");
        try {
            Model<Instance> posts = db.define("Post", m -> m.attribute("title", DataTypes.STRING));
            Model<Instance> images = db.define("Image", m -> m.attribute("url", DataTypes.STRING));
            Model<Instance> tags = db.define("Tag", m -> m.attribute("name", DataTypes.STRING));
            Model<Instance> itemTag = db.define("ItemTag", m -> m.attribute("taggable", DataTypes.STRING));
            // tag::polymorphic[]
            posts.belongsToMany(tags, a -> a.through(itemTag).throughUnique(false).throughScope(Map.of("taggable", "post"))
                    .foreignKey("taggable_id").otherKey("tag_id").constraints(false));
            images.belongsToMany(tags, a -> a.through(itemTag).throughUnique(false).throughScope(Map.of("taggable", "image"))
                    .foreignKey("taggable_id").otherKey("tag_id").constraints(false));
            // end::polymorphic[]
            db.sync().block(WAIT);
            Instance post = posts.create(Map.of("title", "hello", "Tags", List.of(Map.of("name", "news"))),
                    Include.of(tags)).block(WAIT);
            images.create(Map.of("url", "a.png")).block(WAIT);
            assertEquals(List.of("post"), itemTag.findAll().map(r -> r.get("taggable")).collectList().block(WAIT));
            assertEquals(1, posts.findByPk(post.get("id"), q -> q.include(Include.of(tags))).block(WAIT)
                    .getMany("Tags", Instance.class).size());
            // the image has the same key as the post, yet no tag: the junction's taggable tells them apart
            assertEquals(0, images.findAll(q -> q.include(Include.of(tags))).blockFirst(WAIT)
                    .getMany("Tags", Instance.class).size());
        } finally {
            db.close().block(WAIT);
        }
    }

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void creatingAGraph(String database) {
        Resequel db = ReadmeDb.connect(database, "graph");
        try {
            Model<Instance> customers = db.define("Customer", m -> m.attribute("name", DataTypes.STRING));
            Model<Instance> products = db.define("Product", m -> m.attribute("sku", DataTypes.STRING));
            Model<Instance> lines = db.define("Line", m -> m.attribute("qty", DataTypes.INTEGER));
            Model<Instance> tags = db.define("Tag", m -> m.attribute("name", DataTypes.STRING));
            Model<Instance> orderTags = db.define("OrderTags", m -> m.attribute("weight", DataTypes.INTEGER));
            Model<Instance> orders = db.define("Order", m -> m.attribute("number", DataTypes.INTEGER));
            orders.belongsTo(customers, a -> a.as("customer"));
            orders.hasMany(lines, a -> a.as("lines"));
            lines.belongsTo(products, a -> a.as("product"));
            orders.belongsToMany(tags, a -> a.as("tags").through(orderTags));
            db.sync().block(WAIT);
            // tag::create-graph[]
            Mono<Instance> order = orders.create(Map.of("number", 7,
                    "customer", Map.of("name", "Ada"),                                  // belongsTo: created first, key copied
                    "lines", List.of(Map.of("qty", 2, "product", Map.of("sku", "X"))), // hasMany with a nested belongsTo
                    "tags", List.of(Map.of("name", "rush", "OrderTags", Map.of("weight", 3)))),  // M:N + junction values
                Include.of("customer"), Include.of("lines").include(Include.of("product")), Include.of("tags"));
            // end::create-graph[]
            Instance saved = order.block(WAIT);
            Instance read = orders.findByPk(saved.get("id"), q -> q.include(Include.of("customer"),
                    Include.of("lines").include(Include.of("product")), Include.of("tags"))).block(WAIT);
            assertEquals("Ada", read.getOne("customer", Instance.class).get("name"));
            assertEquals("X", read.getMany("lines", Instance.class).get(0).getOne("product", Instance.class).get("sku"));
            Instance rush = read.getMany("tags", Instance.class).get(0);
            assertEquals(3, ((Number) rush.getOne("OrderTags", Instance.class).get("weight")).intValue());
        } finally {
            db.close().block(WAIT);
        }
    }
}
