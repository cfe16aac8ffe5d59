package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 13, defect 1: a required include below an optional one must only decide whether the optional one matches,
 * never drop the root (Sequelize nests the join: {@code LEFT OUTER JOIN (a INNER JOIN b ON ..) ON ..}). Every
 * required/optional combination at depth 2 and 3, joined, paged (limit: sub-query) and counted, against the rows
 * Sequelize returns for this data:
 *
 * <pre>
 * r1: a1 → b1 → c1        r2: a2 → b2 (no c)        r3: a3 (no b)        r4: (no a)
 * </pre>
 */
class NestedRequiredIncludeTest {

    /** The chain root → Alpha → Beta → Gamma, all hasMany, plus root belongsToMany Alpha through a junction. */
    private static final class Chain {
        final Model<Instance> roots;
        final HasMany<Instance, Instance> alphas;
        final HasMany<Instance, Instance> betas;
        final HasMany<Instance, Instance> gammas;
        final BelongsToMany<Instance, Instance> linked;

        Chain(TestDb t) {
            roots = t.db().define("Root", m -> m.attribute("name", DataTypes.STRING)
                    .options(o -> o.tableName("as_nr_roots")));
            Model<Instance> a = t.db().define("Alpha", m -> m.attribute("name", DataTypes.STRING)
                    .options(o -> o.tableName("as_nr_alphas")));
            Model<Instance> b = t.db().define("Beta", m -> m.attribute("name", DataTypes.STRING)
                    .options(o -> o.tableName("as_nr_betas")));
            Model<Instance> c = t.db().define("Gamma", m -> m.attribute("name", DataTypes.STRING)
                    .options(o -> o.tableName("as_nr_gammas")));
            Model<Instance> j = t.db().define("RootAlpha", m -> m.options(o -> o.tableName("as_nr_root_alphas")));
            alphas = roots.hasMany(a);
            betas = a.hasMany(b);
            gammas = b.hasMany(c);
            linked = roots.belongsToMany(a, x -> x.through(j).as("Linked", "Linkeds"));
            t.db().sync().block();
            for (int i = 1; i <= 4; i++) {
                Instance r = roots.create(Map.of("name", "r" + i)).block();
                if (i == 4) {
                    continue;
                }
                Instance ai = alphas.create(r, Map.of("name", "a" + i)).block();
                linked.add(r, ai).block();
                if (i == 3) {
                    continue;
                }
                Instance bi = betas.create(ai, Map.of("name", "b" + i)).block();
                if (i == 1) {
                    gammas.create(bi, Map.of("name", "c1")).block();
                }
            }
        }
    }

    /** The data above as a tree: what Sequelize's nested joins keep for given required flags. */
    private static final Map<String, List<String>> CHILDREN = Map.of("r1", List.of("a1"), "r2", List.of("a2"),
            "r3", List.of("a3"), "r4", List.of(), "a1", List.of("b1"), "a2", List.of("b2"), "a3", List.of(),
            "b1", List.of("c1"), "b2", List.of(), "c1", List.of());

    /** @return "name[children]" of a kept node, or null when a required level below it has no kept child */
    private static String expected(String name, boolean[] required, int depth) {
        if (depth == required.length) {
            return name;
        }
        List<String> kept = new ArrayList<>();
        for (String c : CHILDREN.get(name)) {
            String k = expected(c, required, depth + 1);
            if (k != null) {
                kept.add(k);
            }
        }
        return kept.isEmpty() && required[depth] ? null : name + kept;
    }

    private static String expectedRoots(boolean[] required) {
        List<String> out = new ArrayList<>();
        for (String r : List.of("r1", "r2", "r3", "r4")) {
            String k = expected(r, required, 0);
            if (k != null) {
                out.add(k);
            }
        }
        return out.toString();
    }

    private static String shape(Instance node, List<String> levels, int depth) {
        String name = String.valueOf(node.get("name"));
        if (depth == levels.size()) {
            return name;
        }
        List<String> kids = new ArrayList<>();
        for (Instance c : node.getMany(levels.get(depth), Instance.class)) {
            kids.add(shape(c, levels, depth + 1));
        }
        return name + kids;
    }

    private static String actual(List<Instance> roots, List<String> levels) {
        List<String> out = new ArrayList<>();
        for (Instance r : roots) {
            out.add(shape(r, levels, 0));
        }
        return out.toString();
    }

    /** Alpha (required[0]) → Beta (required[1]) [→ Gamma (required[2])], nested in that order. */
    private static Include chain(Chain c, boolean[] required) {
        Include inner = null;
        List<HasMany<Instance, Instance>> levels = List.of(c.alphas, c.betas, c.gammas);
        for (int i = required.length - 1; i >= 0; i--) {
            Include here = Include.of(levels.get(i)).required(required[i]);
            inner = inner == null ? here : here.include(inner);
        }
        return inner;
    }

    private static List<boolean[]> combinations(int depth) {
        List<boolean[]> out = new ArrayList<>();
        for (int bits = 0; bits < 1 << depth; bits++) {
            boolean[] r = new boolean[depth];
            for (int i = 0; i < depth; i++) {
                r[i] = (bits & 1 << i) != 0;
            }
            out.add(r);
        }
        return out;
    }

    private static void check(Chain c, int depth) {
        List<String> levels = List.of("Alphas", "Betas", "Gammas").subList(0, depth);
        for (boolean[] required : combinations(depth)) {
            String want = expectedRoots(required);
            String label = java.util.Arrays.toString(required);
            List<Instance> joined = c.roots.findAll(q -> q.include(chain(c, required)).order(Order.asc("name")))
                    .collectList().block();
            assertEquals(want, actual(joined, levels), "joined " + label);
            List<Instance> paged = c.roots.findAll(q -> q.include(chain(c, required)).order(Order.asc("name"))
                    .limit(10)).collectList().block();
            assertEquals(want, actual(paged, levels), "paged " + label);
            long count = c.roots.count(q -> q.include(chain(c, required))).block();
            assertEquals(want.equals("[]") ? 0 : want.split(", r").length, count, "count " + label);
        }
    }

    @DatabaseTest
    void everyCombinationAtDepthTwo(TestDb t) {
        Chain c = new Chain(t);
        check(c, 2);
        // the optional-then-required shape nests the inner join, as Sequelize writes it
        t.clearStatements();
        c.roots.findAll(q -> q.include(chain(c, new boolean[] {false, true}))).collectList().block();
        String sql = t.statements().get(t.statements().size() - 1);
        assertTrue(sql.contains("LEFT OUTER JOIN (" + t.q("as_nr_alphas") + " AS " + t.q("Alphas") + " INNER JOIN "
                + t.q("as_nr_betas")), sql);
    }

    @DatabaseTest
    void everyCombinationAtDepthThree(TestDb t) {
        check(new Chain(t), 3);
    }

    @DatabaseTest
    void belongsToManyOptionalWithARequiredChild(TestDb t) {
        Chain c = new Chain(t);
        for (boolean outer : new boolean[] {false, true}) {
            List<Instance> all = c.roots.findAll(q -> q.include(Include.of(c.linked).required(outer)
                    .include(Include.of(c.betas).required(true))).order(Order.asc("name"))).collectList().block();
            String want = outer ? "[r1[a1[b1]], r2[a2[b2]]]" : "[r1[a1[b1]], r2[a2[b2]], r3[], r4[]]";
            assertEquals(want, actual(all, List.of("Linkeds", "Betas")), "required " + outer);
        }
    }
}
