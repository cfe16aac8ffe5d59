package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Page;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;

/** Port of Sequelize v6's test/integration/model/scope/findAndCountAll.test.js. */
class SequelizeScopeFindAndCountAllTest {

    private static Model<Instance> scopeMe(TestDb t) {
        Model<Instance> m = t.db().define("sc_ScopeMe", s -> s.attribute("username", DataTypes.STRING)
                .attribute("email", DataTypes.STRING).attribute("access_level", DataTypes.INTEGER)
                .attribute("other_value", DataTypes.INTEGER)
                .options(o -> o.defaultScope(q -> q.where("access_level", Op.GTE, 5)
                                .attributes("username", "email", "access_level"))
                        .scope("lowAccess", q -> q.where("access_level", Op.LTE, 5))
                        .scope("withOrder", q -> q.order(Order.asc("username")))));
        t.db().sync().block();
        m.bulkCreate(SequelizeScopeTest.users()).blockLast();
        t.clearStatements();
        return m;
    }

    @DatabaseTest
    void appliesDefaultScope(TestDb t) {
        Page<Instance> page = scopeMe(t).findAndCountAll(q -> { }).block();
        assertEquals(2L, page.count());
        assertEquals(2, page.rows().size());
        assertNull(page.rows().get(0).get("other_value"), "the default scope's attributes apply");
    }

    @DatabaseTest
    void overridesDefaultScope(TestDb t) {
        Page<Instance> page = scopeMe(t).findAndCountAll(q -> q.where("access_level", Op.GT, 5)).block();
        assertEquals(1L, page.count());
        assertEquals(1, page.rows().size());
    }

    @DatabaseTest
    void unscopes(TestDb t) {
        Page<Instance> page = scopeMe(t).unscoped().findAndCountAll(q -> q.limit(1)).block();
        assertEquals(4L, page.count());
        assertEquals(1, page.rows().size());
    }

    @DatabaseTest
    void appliesOtherScopes(TestDb t) {
        assertEquals(3L, scopeMe(t).scope("lowAccess").findAndCountAll(q -> { }).block().count());
    }

    @DatabaseTest
    void mergesScopesWithWhere(TestDb t) {
        assertEquals(1L, scopeMe(t).scope("lowAccess").findAndCountAll(q -> q.where("username", "dan")).block()
                .count());
    }

    @DatabaseTest
    void ignoresTheScopesOrderInTheCount(TestDb t) {
        Page<Instance> page = scopeMe(t).scope("withOrder").findAndCountAll(q -> { }).block();
        assertEquals(4L, page.count());
        assertEquals("dan", page.rows().get(0).get("username"), "the rows keep the scope's order");
        String count = t.statements().stream().filter(s -> s.contains("COUNT")).findFirst().orElseThrow();
        assertFalse(count.contains("ORDER BY"), count);
    }
}
