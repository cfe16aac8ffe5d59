package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.resequel.assoc.HasMany;
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

/** Ported from Sequelize v6.37.8 test/integration/model/count.test.js. */
class CountParityTest {

    /** User (username, age) hasMany Project (name); Project belongsTo User. */
    private record Fixture(Model<Instance> users, Model<Instance> projects, HasMany<Instance, Instance> userProjects) {
        static Fixture of(TestDb t) {
            Model<Instance> users = t.db().define("User", s -> s.attribute("username", DataTypes.STRING)
                    .attribute("age", DataTypes.INTEGER));
            Model<Instance> projects = t.db().define("Project", s -> s.attribute("name", DataTypes.STRING));
            HasMany<Instance, Instance> has = users.hasMany(projects);
            projects.belongsTo(users);
            t.db().sync().block();
            return new Fixture(users, projects, has);
        }

        void users(Object... nameAge) {
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (int i = 0; i < nameAge.length; i += 2) {
                Map<String, Object> row = new java.util.HashMap<>();
                row.put("username", nameAge[i]);
                row.put("age", nameAge[i + 1]);
                rows.add(row);
            }
            users.bulkCreate(rows).blockLast();
        }

        void projectOfFirstUser(String name) {
            Instance user = users.findOne(q -> q.order(Order.asc("id"))).block();
            userProjects.create(user, Map.of("name", name)).block();
        }
    }

    @DatabaseTest
    void shouldCountRows(TestDb t) {
        Fixture f = Fixture.of(t);
        f.users("foo", null, "bar", null);
        assertEquals(2L, f.users().count().block());
    }

    @DatabaseTest
    void shouldSupportInclude(TestDb t) {
        Fixture f = Fixture.of(t);
        f.users("foo", null, "bar", null);
        f.projectOfFirstUser("project1");
        assertEquals(1L, f.users().count(q -> q.include(Include.of(f.projects()).where(Where.eq("name", "project1"))))
                .block());
    }

    @DatabaseTest
    void shouldCountGroupsCorrectlyAndReturnAttributes(TestDb t) {
        Fixture f = Fixture.of(t);
        f.users("foo", 1, "bar", 1, "valak", 2);
        List<Map<String, Object>> groups = f.users().countGrouped(q -> q.group("age").order(Order.asc("age")))
                .collectList().block();
        assertEquals(2, groups.size());
        assertNotNull(groups.get(0).get("age"));
        assertEquals(2L, ((Number) groups.get(0).get("count")).longValue());
    }

    @DatabaseTest
    void shouldNotReturnNaN(TestDb t) {
        Fixture f = Fixture.of(t);
        f.users("valak", 10, "conjuring", 20, "scary", 10);
        List<Map<String, Object>> grouped = f.users().countGrouped(q -> q.where(Where.eq("age", 10)).group("age")
                .order(Order.asc("age"))).collectList().block();
        assertEquals(2L, ((Number) grouped.get(0).get("count")).longValue());
        assertEquals(0L, f.users().count(Where.eq("username", "fire")).block());
        assertEquals(List.of(), f.users().countGrouped(q -> q.where(Where.eq("username", "fire")).group("age"))
                .collectList().block());
    }

    @DatabaseTest
    void shouldBeAbleToSpecifyColumnForCount(TestDb t) {
        Fixture f = Fixture.of(t);
        f.users("ember", 10, "angular", 20, "mithril", 10);
        assertEquals(3L, f.users().count(q -> q.attributes("username")).block());
        assertEquals(2L, f.users().count(q -> q.attributes("age").distinct()).block());
    }

    @DatabaseTest
    void shouldBeAbleToSpecifyNoColumnForCountWithDistinct(TestDb t) {
        Fixture f = Fixture.of(t);
        f.users("ember", 10, "angular", 20, "mithril", 10);
        assertEquals(3L, f.users().count(q -> q.distinct()).block());
    }

    @DatabaseTest
    void shouldBeAbleToUseWhereClauseOnIncludedModels(TestDb t) {
        Fixture f = Fixture.of(t);
        f.users("foo", null, "bar", null);
        f.projectOfFirstUser("project1");
        assertEquals(1L, f.users().count(q -> q.attributes("username").include(f.projects())
                .where(Where.eq("$Projects.name$", "project1"))).block());
        assertEquals(0L, f.users().count(q -> q.attributes("username").include(f.projects())
                .where(Where.eq("$Projects.name$", "project2"))).block());
    }

    @DatabaseTest
    void shouldBeAbleToSpecifyColumnForCountWithIncludes(TestDb t) {
        Fixture f = Fixture.of(t);
        f.users("ember", 10, "angular", 20, "mithril", 10);
        assertEquals(3L, f.users().count(q -> q.attributes("username").distinct().include(f.projects())).block());
        assertEquals(2L, f.users().count(q -> q.attributes("age").distinct().include(f.projects())).block());
    }

    @DatabaseTest
    void shouldWorkCorrectlyWithInclude(TestDb t) {
        Fixture f = Fixture.of(t);
        Model<Instance> posts = t.db().define("Post", s -> { });
        HasMany<Instance, Instance> userPosts = f.users().hasMany(posts);
        t.db().sync().block();
        Instance user = f.users().create(Map.of()).block();
        Instance post = posts.create(Map.of()).block();
        userPosts.add(user, post).block();
        assertEquals(1L, f.users().count().block());
        assertEquals(1L, f.users().count(q -> q.include(posts)).block());
    }
}
