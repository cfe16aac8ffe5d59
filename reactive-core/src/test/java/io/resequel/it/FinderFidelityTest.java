package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.EmptySelectionException;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.query.WhereMergeStrategy;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sequelize fidelity of finders: Op.not with values, empty selections, JSON null paths, sync without models. */
class FinderFidelityTest {

    @DatabaseTest
    void opNotWithAValueIsNotEqualAndWithAListNotIn(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        t.clearStatements();
        assertEquals(List.of("50% off", "Ada", "Cy", "Di"), OperatorsTest.names(p, Where.where("age", Op.NOT, 17)));
        assertTrue(t.statements().get(0).contains(" <> "), t.statements().get(0));
        assertEquals(List.of("50% off", "Di", "Ed_1"),
                OperatorsTest.names(p, Where.where("name", Op.NOT, List.of("Ada", "Bob", "Cy"))));
        assertTrue(t.statements().get(1).contains(" NOT IN ("), t.statements().get(1));
        assertEquals(5, OperatorsTest.names(p, Where.where("city", Op.NOT, null)).size(), "IS NOT NULL");
    }

    @DatabaseTest
    void anEmptySelectionIsRefusedWithATypedError(TestDb t) {
        Model<Instance> m = t.db().define("Thing", s -> s.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        m.create(Map.of("name", "a")).block();
        t.clearStatements();
        Flux<Instance> lazy = m.findAll(q -> q.attributes());
        EmptySelectionException e = assertThrows(EmptySelectionException.class, () -> lazy.collectList().block());
        assertEquals("Thing", e.model());
        assertThrows(EmptySelectionException.class,
                () -> m.findAll(q -> q.attributes("name").exclude("name")).collectList().block());
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        assertEquals(1, m.findAll(q -> q.attributes("id")).collectList().block().size());
    }

    @DatabaseTest
    void aJsonPathComparedWithNullMatchesJsonNull(TestDb t) {
        if (t.is("h2")) {
            return; // H2 has no JSON path functions (OperatorsTest#jsonPaths checks the typed refusal)
        }
        Model<Instance> m = t.db().define("Doc", s -> s.attribute("name", DataTypes.STRING)
                .attribute("meta", DataTypes.JSON));
        t.db().sync().block();
        Map<String, Object> jsonNull = new HashMap<>();
        jsonNull.put("a", null);
        jsonNull.put("n", null);
        Map<String, Object> noMeta = new HashMap<>();
        noMeta.put("name", "sqlNull");
        noMeta.put("meta", null);
        m.bulkCreate(List.of(Map.of("name", "jsonNull", "meta", jsonNull), Map.of("name", "text", "meta",
                Map.of("a", "null")), Map.of("name", "number", "meta", Map.of("a", 0, "n", 0)), Map.of("name", "missing",
                "meta", Map.of("b", 1)), noMeta)).blockLast();
        assertEquals(List.of("jsonNull", "missing", "sqlNull"), OperatorsTest.names(m, Where.eq("meta.a", null)));
        assertEquals(List.of("number", "text"), OperatorsTest.names(m, Where.ne("meta.a", null)));
        assertEquals(List.of("number"), OperatorsTest.names(m, Where.where("meta.n", Op.GTE, 0)),
                "a JSON null is not 0");
    }

    @DatabaseTest
    void syncWithoutModelsStillConnects(TestDb t) {
        t.clearStatements();
        t.db().sync().block();
        assertEquals(1, t.statements().size(), "authenticates: " + t.statements());
        String unknown = t.is("postgres") ? "r2dbc:postgresql://postgres@127.0.0.1:5432/rsq_no_such_db"
                : t.is("mysql") ? "r2dbc:mysql://root@127.0.0.1:3306/rsq_no_such_db"
                : "r2dbc:h2:file:///tmp/resequel-no-such-dir/none?options=IFEXISTS=TRUE";
        Resequel bad = t.connect(b -> b.url(unknown));
        assertThrows(RuntimeException.class, () -> bad.sync().block());
    }

    @DatabaseTest
    void inAndNotInTakeASubQueryLiteral(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        String adults = "SELECT " + t.q("id") + " FROM " + t.q("People") + " WHERE " + t.q("age") + " >= ?";
        t.clearStatements();
        assertEquals(List.of("50% off", "Ada", "Cy", "Di"), OperatorsTest.names(p, Where.in("id", Expr.literal(adults, 18))));
        assertTrue(t.statements().get(0).contains(" IN (SELECT "), t.statements().get(0));
        assertEquals(List.of("Bob", "Ed_1"), OperatorsTest.names(p, Where.notIn("id", Expr.literal("(" + adults + ")", 18))));
        assertEquals(List.of("Bob", "Ed_1"), OperatorsTest.names(p, Where.where("id", Op.NOT, Expr.literal(adults, 18))));
        assertEquals(List.of("Ada", "Cy"), OperatorsTest.names(p, Where.in("id", Expr.literal(adults, 18))
                .and(Where.eq("city", "London"))), "binds keep their order");
    }

    @DatabaseTest
    void randomIsSpelledByTheDialect(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        t.clearStatements();
        List<Instance> all = p.findAll(q -> q.order(Order.by(Expr.random(), false))).collectList().block();
        assertEquals(6, all.size());
        String sql = t.statements().get(0);
        assertTrue(sql.contains(t.is("mysql") ? "ORDER BY RAND()" : "ORDER BY RANDOM()"), sql);
        assertEquals(6, p.findAll(q -> q.where(Where.where(Expr.random(), Op.LT, 1))).collectList().block().size());
    }

    @DatabaseTest
    void bulkUpdateWithParanoidFalseReachesSoftDeletedRows(TestDb t) {
        Model<Instance> posts = ParanoidTest.posts(t);
        posts.destroy(Where.eq("title", "a")).block();
        assertEquals(0L, posts.update(Map.of("title", "a2"), Where.eq("title", "a")).block(), "skipped by default");
        assertEquals(1L, posts.update(Map.of("title", "a3"), o -> o.where(Where.eq("title", "a")).paranoid(false))
                .block().count());
        assertEquals(List.of("a3", "b", "c"), posts.findAll(q -> q.paranoid(false).order(Order.asc("title")))
                .map(i -> i.get("title")).collectList().block());
        List<Object> hooked = new java.util.ArrayList<>();
        posts.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.fromRunnable(() -> hooked.add(e.instance().get("title"))));
        assertEquals(1, posts.update(Map.of("title", "a4"), o -> o.where(Where.eq("title", "a3")).paranoid(false)
                .individualHooks()).block().count(), "also when the rows are loaded for instance hooks");
        assertEquals(List.of("a4"), hooked);
    }

    @DatabaseTest
    void whereMergeStrategyAndCombinesScopesOnTheSameAttribute(TestDb t) {
        Model<Instance> overwrite = ages(t, "Overwriting", WhereMergeStrategy.OVERWRITE);
        Model<Instance> and = ages(t, "Anding", WhereMergeStrategy.AND);
        t.db().sync().block();
        for (Model<Instance> m : List.of(overwrite, and)) {
            m.bulkCreate(List.of(Map.of("age", 5), Map.of("age", 15), Map.of("age", 25))).blockLast();
        }
        assertEquals(List.of(5, 15), ages(overwrite.scope("adult", "young")), "the later scope wins");
        assertEquals(List.of(15), ages(and.scope("adult", "young")), "both scopes hold");
        assertEquals(List.of(15, 25), ages(and.scope("adult")));
        assertEquals(List.of(15), and.scope("adult").findAll(q -> q.where(Where.where("age", Op.LT, 20)))
                .map(i -> ((Number) i.get("age")).intValue()).collectList().block(), "the finder's where is ANDed too");
        assertEquals(1L, and.scope("adult").update(Map.of("age", 16), Where.where("age", Op.LT, 20)).block(),
                "and a bulk write's");
    }

    private static Model<Instance> ages(TestDb t, String name, WhereMergeStrategy strategy) {
        return t.db().define(name, s -> s.attribute("age", DataTypes.INTEGER).options(o -> o
                .whereMergeStrategy(strategy)
                .scope("adult", q -> q.where(Where.where("age", Op.GTE, 10)))
                .scope("young", q -> q.where(Where.where("age", Op.LT, 20)))));
    }

    private static List<Integer> ages(Model<Instance> m) {
        return m.findAll(q -> q.order(Order.asc("age"))).map(i -> ((Number) i.get("age")).intValue()).collectList()
                .block();
    }
}
