package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Port of Sequelize v6's test/integration/model/scope/find.test.js: finders under default, named and ad-hoc scopes. */
class SequelizeScopeFindTest {

    private static final class Fixture {
        final Model<Instance> scopeMe;
        final Model<Instance> exclude;

        Fixture(TestDb t) {
            scopeMe = t.db().define("sc_ScopeMe", s -> s.attribute("username", DataTypes.STRING)
                    .attribute("email", DataTypes.STRING).attribute("access_level", DataTypes.INTEGER)
                    .attribute("other_value", DataTypes.INTEGER).attribute("parent_id", DataTypes.INTEGER)
                    .options(o -> o.defaultScope(q -> q.where("access_level", Op.GTE, 5))
                            .scope("highValue", q -> q.where("other_value", Op.GTE, 10))
                            .scope("andScope", q -> q.where(Where.and(Where.where("email", Op.LIKE, "%@sequelizejs.com"),
                                    Where.eq("access_level", 3))))));
            exclude = t.db().define("sc_DefaultScopeExclude", s -> s.attribute("name", DataTypes.STRING)
                    .attribute("other_value", DataTypes.STRING, a -> a.field("otherValue"))
                    .options(o -> o.defaultScope(q -> q.exclude("name"))));
            scopeMe.hasMany(exclude);
            t.db().sync().block();
            int[] parents = {1, 2, 1, 1};
            List<Map<String, Object>> records = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Map<String, Object> r = new HashMap<>(SequelizeScopeTest.users().get(i));
                r.put("parent_id", parents[i]);
                records.add(r);
            }
            scopeMe.bulkCreate(records).blockLast();
        }
    }

    private static List<Object> names(Model<Instance> m, java.util.function.Consumer<io.resequel.query.FindOptions.Builder> q) {
        return m.findAll(q).map(i -> i.get("username")).collectList().block();
    }

    @DatabaseTest
    void usesWhereInAnOptionsScope(TestDb t) {
        Fixture f = new Fixture(t);
        assertEquals(List.of("tobi"), names(f.scopeMe.scope(q -> q.where("parent_id", 2)), q -> { }));
    }

    @DatabaseTest
    void combinesScopeAndFindAllWhere(TestDb t) {
        Fixture f = new Fixture(t);
        List<Object> rows = names(f.scopeMe.scope(q -> q.where("parent_id", 1)), q -> q.where("access_level", 3));
        assertEquals(Set.of("tony", "fred"), Set.copyOf(rows));
        assertEquals(2, rows.size());
    }

    @DatabaseTest
    void usesTheDefaultScope(TestDb t) {
        Fixture f = new Fixture(t);
        List<Instance> rows = f.scopeMe.findAll().collectList().block();
        assertEquals(Set.of("dan", "tobi"), Set.copyOf(rows.stream().map(i -> i.get("username")).toList()));
        assertEquals(Set.of(10, 5), Set.copyOf(rows.stream().map(i -> ((Number) i.get("access_level")).intValue())
                .toList()));
        assertEquals(2, rows.size());
    }

    @DatabaseTest
    void handlesAndInScopes(TestDb t) {
        assertEquals(List.of("tony"), names(new Fixture(t).scopeMe.scope("andScope"), q -> { }));
    }

    @DatabaseTest
    void doesNotOverwriteTheDefaultScopeWithAPreviousFind(TestDb t) {
        Fixture f = new Fixture(t);
        assertEquals(1, names(f.scopeMe, q -> q.where("other_value", 10)).size());
        assertEquals(2, names(f.scopeMe, q -> { }).size());
    }

    @DatabaseTest
    void doesNotOverwriteOtherScopesWithAPreviousFind(TestDb t) {
        Fixture f = new Fixture(t);
        Model<Instance> high = f.scopeMe.scope("highValue");
        assertEquals(1, names(high, q -> q.where("access_level", 10)).size());
        assertEquals(2, names(high, q -> { }).size());
        assertEquals(2, names(f.scopeMe.scope("highValue"), q -> { }).size());
    }

    @DatabaseTest
    void findOrCreateWorks(TestDb t) {
        Fixture f = new Fixture(t);
        Instance user = f.scopeMe.findOrCreate(Where.eq("username", "fake"), Map.of()).block().instance();
        assertEquals("fake", user.get("username"));
    }

    @DatabaseTest
    void worksWhenIncludedWithADefaultScope(TestDb t) {
        Fixture f = new Fixture(t);
        Instance tobi = f.scopeMe.findOne(q -> q.where("username", "tobi")).block();
        f.exclude.create(Map.of("name", "hidden", "other_value", "x", "sc_ScopeMeId", tobi.get("id"))).block();
        t.clearStatements();
        Instance found = f.scopeMe.findOne(q -> q.include(Include.of(f.exclude)).where("username", "tobi")).block();
        Instance child = found.getMany("sc_DefaultScopeExcludes", Instance.class).get(0);
        assertEquals("x", child.get("other_value"));
        assertNull(child.get("name"), "the included model's default scope excludes name");
        assertFalse(t.statements().get(0).contains(t.q("name")), t.statements().get(0));
        assertTrue(t.statements().get(0).contains(t.q("otherValue")), t.statements().get(0));
    }

    @DatabaseTest
    void includesAModelWithAVirtualGetterAndAnExcludingDefaultScope(TestDb t) {
        Model<Instance> game = t.db().define("sc_Game", s -> s.attribute("name", DataTypes.TEXT));
        Model<Instance> user = t.db().define("sc_User", s -> s.attribute("login", DataTypes.TEXT)
                .virtual("session", a -> a.get(i -> "New"))
                .options(o -> o.defaultScope(q -> q.exclude("login"))));
        game.hasMany(user);
        t.db().sync().block();
        assertEquals(List.of(), game.findAll(q -> q.include(Include.of(user))).collectList().block());
        // and with rows, the virtual getter still answers and login is not read
        Instance g = game.create(Map.of("name", "g")).block();
        user.create(Map.of("login", "l", "sc_GameId", g.get("id"))).block();
        Instance u = game.findAll(q -> q.include(Include.of(user))).collectList().block().get(0)
                .getMany("sc_Users", Instance.class).get(0);
        assertEquals("New", u.get("session"));
        assertNull(u.get("login"));
    }
}
