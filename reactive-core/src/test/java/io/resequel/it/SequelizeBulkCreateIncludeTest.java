package io.resequel.it;

import static io.resequel.it.SequelizeCreateIncludeTest.prefixed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.hooks.HookType;
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
 * Ported from Sequelize v6.37.8 test/integration/model/bulk-create/include.test.js: {@code bulkCreate(records,
 * include)} writes each record's included records, and finds read them back per record. As in the create port,
 * Sequelize's free-form {@code myOption} in the nested bulkCreate options is a deviation (typed options). Tables
 * carry the {@code if_b_} prefix.
 */
class SequelizeBulkCreateIncludeTest {

    private static Model<Instance> def(TestDb t, String name, String... strings) {
        return prefixed(t, "if_b_", name, strings);
    }

    /** The ids of the included records each parent carried when the parent's afterBulkCreate ran. */
    private static List<List<Object>> includedIdsSeenAfterBulkCreate(Model<Instance> parent, String as, boolean many) {
        List<List<Object>> seen = new ArrayList<>();
        parent.hooks().add(HookType.AFTER_BULK_CREATE, e -> Mono.fromRunnable(() -> {
            for (Instance p : e.instances()) {
                List<Object> ids = new ArrayList<>();
                if (many) {
                    p.getMany(as, Instance.class).forEach(i -> ids.add(i.get("id")));
                } else {
                    Instance one = p.getOne(as, Instance.class);
                    ids.add(one == null ? null : one.get("id"));
                }
                seen.add(ids);
            }
        }));
        return seen;
    }

    private static void allCreated(List<List<Object>> seen, int parents, int each) {
        assertEquals(parents, seen.size());
        for (List<Object> ids : seen) {
            assertEquals(each, ids.size());
            ids.forEach(id -> assertNotNull(id, "the included record was created before afterBulkCreate"));
        }
    }

    private static Instance found(Model<Instance> m, Instance saved, Include include) {
        return m.findOne(q -> q.where("id", saved.get("id")).include(include)).block();
    }

    @DatabaseTest
    void bulkCreatesDataForBelongsToRelations(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> user = def(t, "User", "first_name", "last_name");
        product.belongsTo(user);
        t.db().sync().block();
        List<List<Object>> seen = includedIdsSeenAfterBulkCreate(product, "User", false);
        List<Instance> saved = product.bulkCreate(List.of(
                Map.of("title", "Chair", "User", Map.of("first_name", "Mick", "last_name", "Broadstone")),
                Map.of("title", "Table", "User", Map.of("first_name", "John", "last_name", "Johnson"))),
                Include.of(user)).collectList().block();
        allCreated(seen, 2, 1);
        Instance u0 = found(product, saved.get(0), Include.of(user)).getOne("User", Instance.class);
        Instance u1 = found(product, saved.get(1), Include.of(user)).getOne("User", Instance.class);
        assertEquals(List.of("Mick", "Broadstone"), List.of(u0.get("first_name"), u0.get("last_name")));
        assertEquals(List.of("John", "Johnson"), List.of(u1.get("first_name"), u1.get("last_name")));
    }

    @DatabaseTest
    void bulkCreatesDataForBelongsToRelationsWithNoNullableForeignKey(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> user = def(t, "User", "first_name");
        product.belongsTo(user, o -> o.foreignKeyAllowNull(false));
        t.db().sync().block();
        List<Instance> saved = product.bulkCreate(List.of(
                Map.of("title", "Chair", "User", Map.of("first_name", "Mick")),
                Map.of("title", "Table", "User", Map.of("first_name", "John"))), Include.of(user))
                .collectList().block();
        assertEquals("Chair", saved.get(0).get("title"));
        assertEquals("Mick", saved.get(0).getOne("User", Instance.class).get("first_name"));
        assertEquals("Table", saved.get(1).get("title"));
        assertEquals("John", saved.get(1).getOne("User", Instance.class).get("first_name"));
    }

    @DatabaseTest
    void bulkCreatesDataForBelongsToRelationsWithAlias(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> user = def(t, "User", "first_name", "last_name");
        BelongsTo<Instance, Instance> creator = product.belongsTo(user, o -> o.as("creator"));
        t.db().sync().block();
        List<Instance> saved = product.bulkCreate(List.of(
                Map.of("title", "Chair", "creator", Map.of("first_name", "Matt", "last_name", "Hansen")),
                Map.of("title", "Table", "creator", Map.of("first_name", "John", "last_name", "Johnson"))),
                Include.of(creator)).collectList().block();
        Instance c0 = found(product, saved.get(0), Include.of(creator)).getOne("creator", Instance.class);
        Instance c1 = found(product, saved.get(1), Include.of(creator)).getOne("creator", Instance.class);
        assertEquals(List.of("Matt", "Hansen"), List.of(c0.get("first_name"), c0.get("last_name")));
        assertEquals(List.of("John", "Johnson"), List.of(c1.get("first_name"), c1.get("last_name")));
    }

    private static List<Map<String, Object>> productsWithTags(String as) {
        return List.of(
                Map.of("id", 1, "title", "Chair", as, List.of(Map.of("id", 1, "name", "Alpha"),
                        Map.of("id", 2, "name", "Beta"))),
                Map.of("id", 2, "title", "Table", as, List.of(Map.of("id", 3, "name", "Gamma"),
                        Map.of("id", 4, "name", "Delta"))));
    }

    @DatabaseTest
    void bulkCreatesDataForHasManyRelations(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> tag = def(t, "Tag", "name");
        product.hasMany(tag);
        t.db().sync().block();
        List<List<Object>> seen = includedIdsSeenAfterBulkCreate(product, "Tags", true);
        List<Instance> saved = product.bulkCreate(productsWithTags("Tags"), Include.of(tag)).collectList().block();
        allCreated(seen, 2, 2);
        assertEquals(2, found(product, saved.get(0), Include.of(tag)).getMany("Tags", Instance.class).size());
        assertEquals(2, found(product, saved.get(1), Include.of(tag)).getMany("Tags", Instance.class).size());
    }

    @DatabaseTest
    void bulkCreatesDataForHasManyRelationsWithAlias(TestDb t) {
        Model<Instance> product = def(t, "Product", "title");
        Model<Instance> tag = def(t, "Tag", "name");
        HasMany<Instance, Instance> categories = product.hasMany(tag, o -> o.as("categories"));
        t.db().sync().block();
        List<Instance> saved = product.bulkCreate(productsWithTags("categories"), Include.of(categories))
                .collectList().block();
        for (Instance p : saved) {
            assertEquals(2, found(product, p, Include.of(categories)).getMany("categories", Instance.class).size());
        }
    }

    @DatabaseTest
    void bulkCreatesDataForHasOneRelations(TestDb t) {
        Model<Instance> user = def(t, "User", "username");
        Model<Instance> task = def(t, "Task", "title");
        user.hasOne(task);
        t.db().sync().block();
        List<Instance> saved = user.bulkCreate(List.of(
                Map.of("username", "Muzzy", "Task", Map.of("title", "Eat Clocks")),
                Map.of("username", "Walker", "Task", Map.of("title", "Walk"))), Include.of(task)).collectList().block();
        assertEquals("Eat Clocks", found(user, saved.get(0), Include.of(task)).getOne("Task", Instance.class)
                .get("title"));
        assertEquals("Walk", found(user, saved.get(1), Include.of(task)).getOne("Task", Instance.class).get("title"));
    }

    @DatabaseTest
    void bulkCreatesDataForHasOneRelationsWithAlias(TestDb t) {
        Model<Instance> user = def(t, "User", "username");
        Model<Instance> task = def(t, "Task", "title");
        HasOne<Instance, Instance> job = user.hasOne(task, o -> o.as("job"));
        t.db().sync().block();
        List<Instance> saved = user.bulkCreate(List.of(
                Map.of("username", "Muzzy", "job", Map.of("title", "Eat Clocks")),
                Map.of("username", "Walker", "job", Map.of("title", "Walk"))), Include.of(job)).collectList().block();
        assertEquals("Eat Clocks", found(user, saved.get(0), Include.of(job)).getOne("job", Instance.class)
                .get("title"));
        assertEquals("Walk", found(user, saved.get(1), Include.of(job)).getOne("job", Instance.class).get("title"));
    }

    private static List<Map<String, Object>> usersWithTasks(String as) {
        return List.of(
                Map.of("username", "John", as, List.of(Map.of("title", "Get rich", "active", true),
                        Map.of("title", "Die trying", "active", false))),
                Map.of("username", "Jack", as, List.of(Map.of("title", "Prepare sandwich", "active", true),
                        Map.of("title", "Each sandwich", "active", false))));
    }

    @DatabaseTest
    void bulkCreatesDataForBelongsToManyRelations(TestDb t) {
        Model<Instance> user = def(t, "User", "username");
        Model<Instance> task = SequelizeCreateIncludeTest.tasks(t, "if_b_");
        user.belongsToMany(task, o -> o.through("if_b_user_task"));
        task.belongsToMany(user, o -> o.through("if_b_user_task"));
        t.db().sync().block();
        List<List<Object>> seen = includedIdsSeenAfterBulkCreate(user, "Tasks", true);
        List<Instance> saved = user.bulkCreate(usersWithTasks("Tasks"), Include.of(task)).collectList().block();
        allCreated(seen, 2, 2);
        for (Instance u : saved) {
            assertEquals(2, found(user, u, Include.of(task)).getMany("Tasks", Instance.class).size());
        }
    }

    @DatabaseTest
    void bulkCreatesDataForPolymorphicBelongsToManyRelations(TestDb t) {
        SequelizeCreateIncludeTest.Polymorphic m = SequelizeCreateIncludeTest.Polymorphic.define(t, "if_b_");
        List<Instance> saved = m.post().bulkCreate(List.of(
                Map.of("title", "Polymorphic Associations", "tags", List.of(Map.of("name", "polymorphic"),
                        Map.of("name", "associations"))),
                Map.of("title", "Second Polymorphic Associations", "tags", List.of(
                        Map.of("name", "second polymorphic"), Map.of("name", "second associations")))),
                Include.of(m.tags())).collectList().block();
        for (Instance p : saved) {
            assertEquals(2, p.getMany("tags", Instance.class).size());
            assertEquals(2, m.tags().get(p).collectList().block().size());
        }
        List<Instance> itemTags = m.itemTag().findAll().collectList().block();
        assertEquals(4, itemTags.size());
        itemTags.forEach(i -> assertEquals("post", i.get("taggable")));
    }

    @DatabaseTest
    void bulkCreatesDataForBelongsToManyRelationsWithAlias(TestDb t) {
        Model<Instance> user = def(t, "User", "username");
        Model<Instance> task = SequelizeCreateIncludeTest.tasks(t, "if_b_");
        BelongsToMany<Instance, Instance> jobs = user.belongsToMany(task, o -> o.through("if_b_user_job").as("jobs"));
        task.belongsToMany(user, o -> o.through("if_b_user_job"));
        t.db().sync().block();
        List<Instance> saved = user.bulkCreate(usersWithTasks("jobs"), Include.of(jobs)).collectList().block();
        for (Instance u : saved) {
            assertEquals(2, found(user, u, Include.of(jobs)).getMany("jobs", Instance.class).size());
        }
    }
}
