package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.FindOptions;
import io.resequel.query.Include;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Port of Sequelize v6's test/integration/model/scope/merge.test.js: scopes whose includes overlap merge into one
 * include tree, whatever the order of the scopes (and of a finder's options merged on top).
 */
class SequelizeScopeMergeTest {

    private static Model<Instance> model(TestDb t, String name) {
        return t.db().define(name, s -> s.attribute("name", DataTypes.STRING).options(o -> o.timestamps(false)));
    }

    @DatabaseTest
    void mergesSimpleScopes(TestDb t) {
        Model<Instance> foo = model(t, "sc_foo");
        Model<Instance> bar = model(t, "sc_bar");
        Model<Instance> baz = model(t, "sc_baz");
        foo.belongsTo(baz, o -> o.foreignKey("bazId").as("baz"));
        foo.hasOne(bar, o -> o.foreignKey("fooId").as("bar"));
        foo.addScope("includeBar", q -> q.include(Include.of("bar")));
        foo.addScope("includeBaz", q -> q.include(Include.of("baz")));
        t.db().sync().block();
        Instance z = baz.create(Map.of("name", "The Baz")).block();
        Instance f = foo.create(Map.of("name", "The Foo", "bazId", z.get("id"))).block();
        bar.create(Map.of("name", "The Bar", "fooId", f.get("id"))).block();
        Map<String, Object> json = foo.scope("includeBar", "includeBaz").findOne(q -> { }).block().toJSON();
        assertEquals("The Bar", ((Map<?, ?>) json.get("bar")).get("name"));
        assertEquals("The Baz", ((Map<?, ?>) json.get("baz")).get("name"));
    }

    /** The complex fixture: foo → 2 bars → 2 bazs each → 2 quxes each, and the four overlapping scopes. */
    private static final class Complex {
        final Model<Instance> foo;
        final Map<String, Consumer<FindOptions.Builder>> scopes = new LinkedHashMap<>();

        Complex(TestDb t) {
            foo = model(t, "sc_foo");
            Model<Instance> bar = model(t, "sc_bar");
            Model<Instance> baz = model(t, "sc_baz");
            Model<Instance> qux = model(t, "sc_qux");
            foo.hasMany(bar, o -> o.foreignKey("fooId").as("bars"));
            bar.hasMany(baz, o -> o.foreignKey("barId").as("bazs"));
            baz.hasMany(qux, o -> o.foreignKey("bazId").as("quxes"));
            t.db().sync().block();
            List<Map<String, Object>> bars = new ArrayList<>();
            int n = 1;
            for (int b = 1; b <= 2; b++) {
                List<Map<String, Object>> bazs = new ArrayList<>();
                for (int z = 1; z <= 2; z++) {
                    int k = (b - 1) * 2 + z;
                    bazs.add(Map.of("name", "baz" + k, "quxes", List.of(Map.of("name", "qux" + n++),
                            Map.of("name", "qux" + n++))));
                }
                bars.add(Map.of("name", "bar" + b, "bazs", bazs));
            }
            foo.create(Map.of("name", "foo1", "bars", bars),
                    Include.of("bars").include(Include.of("bazs").include(Include.of("quxes")))).block();
            scopes.put("includeEverything", q -> q.include(Include.of("bars").include(Include.of("bazs")
                    .include(Include.of("quxes")))));
            scopes.put("limitedBars", q -> q.include(Include.of("bars").limit(2)));
            scopes.put("limitedBazs", q -> q.include(Include.of("bars").include(Include.of("bazs").limit(2))));
            scopes.put("excludeBazName", q -> q.include(Include.of("bars").include(Include.of("bazs")
                    .exclude("name"))));
            scopes.forEach(foo::addScope);
        }

        List<List<String>> permutations() {
            List<List<String>> out = new ArrayList<>();
            permute(new ArrayList<>(scopes.keySet()), new ArrayList<>(), out);
            return out;
        }

        private static void permute(List<String> left, List<String> prefix, List<List<String>> out) {
            if (left.isEmpty()) {
                out.add(List.copyOf(prefix));
                return;
            }
            for (String s : left) {
                List<String> rest = new ArrayList<>(left);
                rest.remove(s);
                prefix.add(s);
                permute(rest, prefix, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    /** A canonical form of an instance's JSON: lists of rows sorted by id, so row order within a level is moot. */
    @SuppressWarnings("unchecked")
    private static Object canonical(Object json) {
        if (json instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put((String) k, canonical(v)));
            return out;
        }
        if (json instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(canonical(v)));
            out.sort(Comparator.comparing(v -> String.valueOf(((Map<String, Object>) v).get("id"))));
            return out;
        }
        return json instanceof Number n ? n.longValue() : json;
    }

    /** Checks the tree every order must give: 2 bars, 2 bazs each without their name, 2 quxes each. */
    @SuppressWarnings("unchecked")
    private static void assertShape(Object canonical) {
        List<Map<String, Object>> bars = (List<Map<String, Object>>) ((Map<String, Object>) canonical).get("bars");
        assertEquals(2, bars.size(), String.valueOf(canonical));
        for (Map<String, Object> b : bars) {
            List<Map<String, Object>> bazs = (List<Map<String, Object>>) b.get("bazs");
            assertEquals(2, bazs.size(), String.valueOf(canonical));
            for (Map<String, Object> z : bazs) {
                assertEquals(null, z.get("name"), String.valueOf(canonical));
                assertEquals(2, ((List<?>) z.get("quxes")).size(), String.valueOf(canonical));
            }
        }
    }

    private static void assertAllEqual(List<Object> results) {
        Object first = results.get(0);
        assertShape(first);
        for (Object r : results) {
            assertEquals(first, r);
        }
    }

    @DatabaseTest
    void mergesComplexScopesInAnyOrder(TestDb t) {
        Complex c = new Complex(t);
        List<Object> results = new ArrayList<>();
        for (List<String> p : c.permutations()) {
            results.add(canonical(c.foo.scope(p.get(0), p.subList(1, 4).toArray(String[]::new)).findOne(q -> { })
                    .block().toJSON()));
        }
        assertEquals(24, results.size());
        assertAllEqual(results);
    }

    @DatabaseTest
    void mergesComplexScopesWithFindAllOptionsInAnyOrder(TestDb t) {
        Complex c = new Complex(t);
        List<Object> results = new ArrayList<>();
        for (List<String> p : c.permutations()) {
            results.add(canonical(c.foo.scope(p.get(0), p.get(1), p.get(2)).findAll(c.scopes.get(p.get(3)))
                    .collectList().block().get(0).toJSON()));
        }
        assertAllEqual(results);
    }

    @DatabaseTest
    void mergesComplexScopesWithFindOneOptionsInAnyOrder(TestDb t) {
        Complex c = new Complex(t);
        List<Object> results = new ArrayList<>();
        for (List<String> p : c.permutations()) {
            results.add(canonical(c.foo.scope(p.get(0), p.get(1), p.get(2)).findOne(c.scopes.get(p.get(3)))
                    .block().toJSON()));
        }
        assertAllEqual(results);
    }
}
