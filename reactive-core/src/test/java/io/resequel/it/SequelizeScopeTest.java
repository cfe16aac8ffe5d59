package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Port of Sequelize v6's test/integration/model/scope.test.js: named scopes with operators and merged attributes. */
class SequelizeScopeTest {

    /** The four users of Sequelize's fixture, with its six scopes. */
    static Model<Instance> scopeMe(TestDb t) {
        Model<Instance> m = t.db().define("sc_ScopeMe", s -> s.attribute("username", DataTypes.STRING)
                .attribute("email", DataTypes.STRING).attribute("access_level", DataTypes.INTEGER)
                .attribute("other_value", DataTypes.INTEGER)
                .options(o -> o
                        .scope("lowAccess", q -> q.attributes("other_value", "access_level")
                                .where("access_level", Op.LTE, 5))
                        .scope("withName", q -> q.attributes("username"))
                        .scope("highAccess", q -> q.where(Where.or(Where.where("access_level", Op.GTE, 5),
                                Where.where("access_level", Op.EQ, 10))))
                        .scope("lessThanFour", q -> q.where(Where.and(new Where[] {Where.where("access_level", Op.LT, 4)})))
                        .scope("issue8473", q -> q.where(Where.or(Where.eq("access_level", 3),
                                Where.eq("other_value", 10))).where("access_level", 5))
                        .scope("like_t", q -> q.where(Where.where(Expr.fn("LOWER", Expr.col("username")), Op.LIKE,
                                "%t%")))));
        t.db().sync().block();
        m.bulkCreate(users()).blockLast();
        return m;
    }

    /** Sequelize's four records (tony, tobi, dan, fred). */
    static List<Map<String, Object>> users() {
        return List.of(
                Map.of("username", "tony", "email", "tony@sequelizejs.com", "access_level", 3, "other_value", 7),
                Map.of("username", "tobi", "email", "tobi@fakeemail.com", "access_level", 10, "other_value", 11),
                Map.of("username", "dan", "email", "dan@sequelizejs.com", "access_level", 5, "other_value", 10),
                Map.of("username", "fred", "email", "fred@foobar.com", "access_level", 3, "other_value", 7));
    }

    private static int level(Instance i) {
        return ((Number) i.get("access_level")).intValue();
    }

    @DatabaseTest
    void mergesAttributesAsArray(TestDb t) {
        Instance record = scopeMe(t).scope("lowAccess", "withName").findOne(q -> q.order(Order.asc("id"))).block();
        assertNotNull(record.get("other_value"));
        assertNotNull(record.get("username"));
        assertNotNull(record.get("access_level"));
        assertNull(record.get("email"), "only the union of the two scopes' attributes is selected");
    }

    @DatabaseTest
    void worksWithOperators(TestDb t) {
        Model<Instance> m = scopeMe(t);
        assertEquals("tobi", m.scope("highAccess").findOne(q -> q.order(Order.asc("id"))).block().get("username"));
        List<Instance> rows = m.scope("lessThanFour").findAll().collectList().block();
        assertEquals(2, rows.size());
        assertEquals(3, level(rows.get(0)));
        assertEquals(3, level(rows.get(1)));
        rows = m.scope("issue8473").findAll().collectList().block();
        assertEquals(1, rows.size());
        assertEquals(5, level(rows.get(0)));
        assertEquals(10, ((Number) rows.get(0).get("other_value")).intValue());
    }

    @DatabaseTest
    void keepsOperatorsAfterAnEmptyFinderWhere(TestDb t) {
        Model<Instance> m = scopeMe(t);
        assertEquals("tobi", m.scope("highAccess").findOne(q -> q.order(Order.asc("id"))).block().get("username"));
        List<Instance> rows = m.scope("lessThanFour").findAll(q -> q.where(Where.and())).collectList().block();
        assertEquals(2, rows.size());
        assertEquals(3, level(rows.get(0)));
        assertEquals(3, level(rows.get(1)));
        assertEquals(1, m.scope("issue8473").findAll().collectList().block().size());
    }

    @DatabaseTest
    void worksWithAnExpressionWhere(TestDb t) {
        assertEquals(2, scopeMe(t).scope("like_t").findAll().collectList().block().size());
    }
}
