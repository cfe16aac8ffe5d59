package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Ported from Sequelize v6.37.8 test/integration/model/create/include.test.js: {@code create(values, include)} writes
 * the included records (belongsTo first, then the parent, then hasOne/hasMany/belongsToMany with their links), and a
 * find reads them back. Sequelize's free-form {@code myOption} and {@code parentRecord} in the nested creates'
 * options are a deviation: Java options are typed, and a hook sees the instance it runs for. Tables carry the
 * {@code if_c_} prefix.
 */
class SequelizeCreateIncludeTest {

    static Model<Instance> prefixed(TestDb t, String prefix, String name, String... strings) {
        return t.db().define(name, s -> {
            for (String a : strings) {
                s.attribute(a, DataTypes.STRING);
            }
            s.options(o -> o.tableName(prefix + name.toLowerCase()));
        });
    }

    private static Model<Instance> def(TestDb t, String name, String... strings) {
        return prefixed(t, "if_c_", name, strings);
    }

    static Model<Instance> tasks(TestDb t, String prefix) {
        return t.db().define("Task", s -> s.attribute("title", DataTypes.STRING).attribute("active", DataTypes.BOOLEAN)
                .options(o -> o.tableName(prefix + "task")));
    }

    /** The ids of the included records an afterCreate hook of the parent saw. */
    static List<Object> includedIdsSeenAfterCreate(Model<Instance> parent, String as, boolean many) {
        List<Object> seen = new ArrayList<>();
        parent.hooks().add(HookType.AFTER_CREATE, e -> Mono.fromRunnable(() -> {
            if (many) {
                e.instance().getMany(as, Instance.class).forEach(i -> seen.add(i.get("id")));
            } else {
                Instance one = e.instance().getOne(as, Instance.class);
                seen.add(one == null ? null : one.get("id"));
            }
        }));
        return seen;
    }

    @DatabaseTest
    void createsDataForBelongsToRelations(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> user = def(t, "User", "first_name", "last_name");
        product.belongsTo(user);
        t.db().sync().block();
        List<Object> seen = includedIdsSeenAfterCreate(product, "User", false);
        Instance saved = product.create(Map.of("title", "Chair", "User",
                Map.of("first_name", "Mick", "last_name", "Broadstone")), Include.of(user)).block();
        assertEquals(1, seen.size());
        assertNotNull(seen.get(0), "the user was created before the product's afterCreate");
        Instance persisted = product.findOne(q -> q.where("id", saved.get("id")).include(user)).block();
        Instance u = persisted.getOne("User", Instance.class);
        assertEquals("Mick", u.get("first_name"));
        assertEquals("Broadstone", u.get("last_name"));
    }

    @DatabaseTest
    void createsDataForBelongsToRelationsWithNoNullableForeignKey(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> user = def(t, "User", "first_name");
        product.belongsTo(user, o -> o.foreignKeyAllowNull(false));
        t.db().sync().block();
        Instance saved = product.create(Map.of("title", "Chair", "User", Map.of("first_name", "Mick")),
                Include.of(user)).block();
        assertEquals("Chair", saved.get("title"));
        assertEquals("Mick", saved.getOne("User", Instance.class).get("first_name"));
        assertEquals(saved.getOne("User", Instance.class).get("id"), saved.get("UserId"));
    }

    @DatabaseTest
    void createsDataForBelongsToRelationsWithAlias(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> user = def(t, "User", "first_name", "last_name");
        BelongsTo<Instance, Instance> creator = product.belongsTo(user, o -> o.as("creator"));
        t.db().sync().block();
        Instance saved = product.create(Map.of("title", "Chair", "creator",
                Map.of("first_name", "Matt", "last_name", "Hansen")), Include.of(creator)).block();
        Instance persisted = product.findOne(q -> q.where("id", saved.get("id")).include(creator)).block();
        Instance c = persisted.getOne("creator", Instance.class);
        assertEquals("Matt", c.get("first_name"));
        assertEquals("Hansen", c.get("last_name"));
    }

    @DatabaseTest
    void createsDataForHasManyRelations(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> tag = def(t, "Tag", "name");
        product.hasMany(tag);
        t.db().sync().block();
        List<Object> seen = includedIdsSeenAfterCreate(product, "Tags", true);
        Instance saved = product.create(Map.of("id", 1, "title", "Chair", "Tags",
                List.of(Map.of("id", 1, "name", "Alpha"), Map.of("id", 2, "name", "Beta"))), Include.of(tag)).block();
        assertEquals(List.of(1, 2), seen.stream().map(i -> ((Number) i).intValue()).toList(),
                "the tags were created before the product's afterCreate");
        Instance persisted = product.findOne(q -> q.where("id", saved.get("id")).include(tag)).block();
        assertEquals(2, persisted.getMany("Tags", Instance.class).size());
    }

    @DatabaseTest
    void createsDataForHasManyRelationsWithAlias(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> tag = def(t, "Tag", "name");
        HasMany<Instance, Instance> categories = product.hasMany(tag, o -> o.as("categories"));
        t.db().sync().block();
        Instance saved = product.create(Map.of("id", 1, "title", "Chair", "categories",
                List.of(Map.of("id", 1, "name", "Alpha"), Map.of("id", 2, "name", "Beta"))), Include.of(categories))
                .block();
        Instance persisted = product.findOne(q -> q.where("id", saved.get("id")).include(categories)).block();
        assertEquals(2, persisted.getMany("categories", Instance.class).size());
    }

    @DatabaseTest
    void createsDataForHasOneRelations(TestDb t) {
        Model<Instance> user = def(t, "User", "username");
        Model<Instance> task = def(t, "Task", "title");
        user.hasOne(task);
        t.db().sync().block();
        Instance saved = user.create(Map.of("username", "Muzzy", "Task", Map.of("title", "Eat Clocks")),
                Include.of(task)).block();
        Instance persisted = user.findOne(q -> q.where("id", saved.get("id")).include(task)).block();
        assertEquals("Eat Clocks", persisted.getOne("Task", Instance.class).get("title"));
    }

    @DatabaseTest
    void createsDataForHasOneRelationsWithAlias(TestDb t) {
        Model<Instance> user = def(t, "User", "username");
        Model<Instance> task = def(t, "Task", "title");
        HasOne<Instance, Instance> job = user.hasOne(task, o -> o.as("job"));
        t.db().sync().block();
        Instance saved = user.create(Map.of("username", "Muzzy", "job", Map.of("title", "Eat Clocks")),
                Include.of(job)).block();
        Instance persisted = user.findOne(q -> q.where("id", saved.get("id")).include(job)).block();
        assertEquals("Eat Clocks", persisted.getOne("job", Instance.class).get("title"));
    }

    @DatabaseTest
    void createsDataForBelongsToManyRelations(TestDb t) {
        Model<Instance> user = def(t, "User", "username");
        Model<Instance> task = tasks(t, "if_c_");
        user.belongsToMany(task, o -> o.through("if_c_user_task"));
        task.belongsToMany(user, o -> o.through("if_c_user_task"));
        t.db().sync().block();
        List<Object> seen = includedIdsSeenAfterCreate(user, "Tasks", true);
        Instance saved = user.create(Map.of("username", "John", "Tasks", List.of(
                Map.of("title", "Get rich", "active", true), Map.of("title", "Die trying", "active", false))),
                Include.of(task)).block();
        assertEquals(2, seen.size());
        seen.forEach(id -> assertNotNull(id, "the tasks were created before the user's afterCreate"));
        Instance persisted = user.findOne(q -> q.where("id", saved.get("id")).include(task)).block();
        assertEquals(2, persisted.getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void createsDataForPolymorphicBelongsToManyRelations(TestDb t) {
        Polymorphic m = Polymorphic.define(t, "if_c_");
        Instance saved = m.post().create(Map.of("title", "Polymorphic Associations", "tags",
                List.of(Map.of("name", "polymorphic"), Map.of("name", "associations"))), Include.of(m.tags())).block();
        assertEquals(2, saved.getMany("tags", Instance.class).size());
        assertEquals(2, m.tags().get(saved).collectList().block().size());
        List<Instance> itemTags = m.itemTag().findAll().collectList().block();
        assertEquals(2, itemTags.size());
        itemTags.forEach(i -> assertEquals("post", i.get("taggable")));
    }

    /** The polymorphic tags of create/include.test.js and bulk-create/include.test.js. */
    record Polymorphic(Model<Instance> post, Model<Instance> tag, Model<Instance> itemTag,
            BelongsToMany<Instance, Instance> tags) {

        static Polymorphic define(TestDb t, String prefix) {
            Model<Instance> post = t.db().define("Post", s -> s.attribute("title", DataTypes.STRING)
                    .options(o -> o.tableName(prefix + "posts").underscored(true)));
            Model<Instance> tag = t.db().define("Tag", s -> s.attribute("name", DataTypes.STRING)
                    .options(o -> o.tableName(prefix + "tags").underscored(true)));
            Model<Instance> itemTag = t.db().define("ItemTag", s -> s
                    .attribute("tag_id", DataTypes.INTEGER, a -> a.references(prefix + "tags", "id"))
                    .attribute("taggable_id", DataTypes.INTEGER)
                    .attribute("taggable", DataTypes.STRING)
                    .options(o -> o.tableName(prefix + "item_tag").underscored(true)));
            BelongsToMany<Instance, Instance> tags = post.belongsToMany(tag, o -> o.as("tags")
                    .foreignKey("taggable_id").otherKey("tag_id").constraints(false).through(itemTag)
                    .throughScope(Map.of("taggable", "post")));
            tag.belongsToMany(post, o -> o.as("posts").foreignKey("tag_id").otherKey("taggable_id")
                    .constraints(false).through(itemTag).throughScope(Map.of("taggable", "post")));
            t.db().sync().block();
            return new Polymorphic(post, tag, itemTag, tags);
        }
    }

    @DatabaseTest
    void createsDataForBelongsToManyRelationsWithAlias(TestDb t) {
        Model<Instance> user = def(t, "User", "username");
        Model<Instance> task = tasks(t, "if_c_");
        BelongsToMany<Instance, Instance> jobs = user.belongsToMany(task, o -> o.through("if_c_user_job").as("jobs"));
        task.belongsToMany(user, o -> o.through("if_c_user_job"));
        t.db().sync().block();
        Instance saved = user.create(Map.of("username", "John", "jobs", List.of(
                Map.of("title", "Get rich", "active", true), Map.of("title", "Die trying", "active", false))),
                Include.of(jobs)).block();
        Instance persisted = user.findOne(q -> q.where("id", saved.get("id")).include(jobs)).block();
        assertEquals(2, persisted.getMany("jobs", Instance.class).size());
        assertTrue(persisted.getMany("jobs", Instance.class).stream().anyMatch(j -> "Get rich".equals(j.get("title"))));
    }
}
