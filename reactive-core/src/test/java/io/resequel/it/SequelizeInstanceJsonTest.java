package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/instance/to-json.test.js} (tables {@code fi_*}). JSON.stringify
 * is Jackson's {@code writeValueAsString} of {@link Instance#toJSON()}.
 */
class SequelizeInstanceJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file's User and NiceProject, with Projects / LovelyUser on lovelyUserId. */
    record Models(Model<Instance> users, Model<Instance> projects, HasMany<Instance, Instance> userProjects) {
    }

    static Models models(TestDb t) {
        Model<Instance> users = t.db().define("User", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER)
                .attribute("level", DataTypes.INTEGER)
                .attribute("isUser", DataTypes.BOOLEAN, a -> a.defaultValue(false))
                .attribute("isAdmin", DataTypes.BOOLEAN)
                .options(o -> o.timestamps(false).tableName("fi_j_users")));
        Model<Instance> projects = t.db().define("NiceProject", s -> s
                .attribute("title", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName("fi_j_projects")));
        HasMany<Instance, Instance> up = users.hasMany(projects, a -> a.as("Projects").foreignKey("lovelyUserId"));
        projects.belongsTo(users, a -> a.as("LovelyUser").foreignKey("lovelyUserId"));
        t.db().sync().block();
        return new Models(users, projects, up);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Instance i) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(i.toJSON()), Map.class);
    }

    @DatabaseTest
    void anIncludedAssociationThatIsNotThereIsNullOrEmpty(TestDb t) {
        Models m = models(t);
        Map<String, Object> noUser = new HashMap<>();
        noUser.put("lovelyUserId", null);
        Instance p0 = m.projects().create(noUser).block();
        Instance p = m.projects().findOne(q -> q.where("id", p0.get("id")).include(Include.of("LovelyUser"))).block();
        assertTrue(p.toJSON().containsKey("LovelyUser"));
        assertNull(p.toJSON().get("LovelyUser"));

        Instance u0 = m.users().create(Map.of("username", "cuss")).block();
        Instance u = m.users().findOne(q -> q.where("id", u0.get("id")).include(Include.of("Projects"))).block();
        assertEquals(List.of(), u.getMany("Projects", Instance.class));
        assertEquals(List.of(), u.toJSON().get("Projects"));
    }

    @DatabaseTest
    void aBuiltInstanceHasEveryValue(TestDb t) throws Exception {
        Models m = models(t);
        Instance user = m.users().build(map("username", "Adam", "age", 22, "level", -1, "isUser", false,
                "isAdmin", true));
        assertEquals(map("id", null, "username", "Adam", "age", 22, "level", -1, "isUser", false, "isAdmin", true),
                user.toJSON());
        Instance u2 = m.users().build(map("username", "test.user", "age", 99, "isAdmin", true, "isUser", false));
        assertEquals("{\"id\":null,\"username\":\"test.user\",\"age\":99,\"isUser\":false,\"isAdmin\":true}",
                JSON.writeValueAsString(u2.toJSON()), "attribute order, unset ones absent");
        Instance u3 = m.users().build(map("username", "test.user", "age", 99, "isAdmin", true));
        assertEquals(map("username", "test.user", "age", 99, "isAdmin", true, "isUser", false, "id", null),
                roundTrip(u3));
    }

    @DatabaseTest
    void aCreatedInstanceHasEveryValue(TestDb t) throws Exception {
        Models m = models(t);
        Instance user = m.users().create(map("username", "Adam", "age", 22, "level", -1, "isUser", false,
                "isAdmin", true)).block();
        assertEquals(map("id", user.get("id"), "username", "Adam", "age", 22, "level", -1, "isUser", false,
                "isAdmin", true), user.toJSON());
        Instance u2 = m.users().create(map("username", "test.user", "age", 99, "isAdmin", true, "isUser", false,
                "level", null)).block();
        assertEquals("{\"id\":" + u2.get("id") + ",\"username\":\"test.user\",\"age\":99,\"level\":null,"
                + "\"isUser\":false,\"isAdmin\":true}", JSON.writeValueAsString(u2.toJSON()));
        Instance u3 = m.users().create(map("username", "test.user", "age", 99, "isAdmin", true, "level", null))
                .block();
        assertEquals(map("age", 99, "id", u3.get("id"), "isAdmin", true, "isUser", false, "level", null,
                "username", "test.user"), roundTrip(u3));
    }

    @DatabaseTest
    void aFoundInstanceHasEveryColumn(TestDb t) throws Exception {
        Models m = models(t);
        Instance u0 = m.users().create(map("username", "Adam", "age", 22, "level", -1, "isUser", false,
                "isAdmin", true)).block();
        Instance user = m.users().findByPk(u0.get("id")).block();
        assertEquals(map("id", user.get("id"), "username", "Adam", "age", 22, "level", -1, "isUser", false,
                "isAdmin", true), user.toJSON());
        Instance u1 = m.users().create(map("username", "test.user", "age", 99, "isAdmin", true, "isUser", false))
                .block();
        Instance found = m.users().findByPk(u1.get("id")).block();
        assertEquals("{\"id\":" + found.get("id") + ",\"username\":\"test.user\",\"age\":99,\"level\":null,"
                + "\"isUser\":false,\"isAdmin\":true}", JSON.writeValueAsString(found.toJSON()));
        assertEquals(map("id", found.get("id"), "username", "test.user", "age", 99, "isAdmin", true,
                "isUser", false, "level", null), roundTrip(found));
    }

    @DatabaseTest
    void eagerlyLoadedAssociationsAreIncluded(TestDb t) throws Exception {
        Models m = models(t);
        Instance user = m.users().create(map("username", "fnord", "age", 1, "isAdmin", true)).block();
        Instance project = m.projects().create(map("title", "fnord")).block();
        m.userProjects().set(user, List.of(project)).block();
        Instance u = m.users().findAll(q -> q.include(Include.of("Projects"))).blockFirst();
        assertEquals(1, u.getMany("Projects", Instance.class).size());
        List<?> projects = assertInstanceOf(List.class, roundTrip(u).get("Projects"));
        assertEquals("fnord", ((Map<?, ?>) projects.get(0)).get("title"));
        Instance p = m.projects().findAll(q -> q.include(Include.of("LovelyUser"))).blockFirst();
        assertEquals(user.get("id"), p.getOne("LovelyUser", Instance.class).get("id"));
        assertEquals("fnord", ((Map<?, ?>) roundTrip(p).get("LovelyUser")).get("username"));
    }
}
