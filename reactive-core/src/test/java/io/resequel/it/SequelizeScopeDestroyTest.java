package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;

/** Port of Sequelize v6's test/integration/model/scope/destroy.test.js: bulk destroy under scopes. */
class SequelizeScopeDestroyTest {

    /** Sequelize's ScopeMe of destroy/update.test.js: default scope access_level ≥ 5, lowAccess ≤ 5. */
    static Model<Instance> scopeMe(TestDb t) {
        Model<Instance> m = t.db().define("sc_ScopeMe", s -> s.attribute("username", DataTypes.STRING)
                .attribute("email", DataTypes.STRING).attribute("access_level", DataTypes.INTEGER)
                .attribute("other_value", DataTypes.INTEGER)
                .options(o -> o.defaultScope(q -> q.where("access_level", Op.GTE, 5))
                        .scope("lowAccess", q -> q.where("access_level", Op.LTE, 5))));
        t.db().sync().block();
        m.bulkCreate(SequelizeScopeTest.users()).blockLast();
        return m;
    }

    /** @return the usernames of all rows, ignoring scopes, by id */
    static List<Object> left(Model<Instance> m) {
        return m.unscoped().findAll(q -> q.order(Order.asc("id"))).map(i -> i.get("username")).collectList().block();
    }

    @DatabaseTest
    void appliesDefaultScope(TestDb t) {
        Model<Instance> m = scopeMe(t);
        assertEquals(2L, m.destroy(Where.and()).block());
        assertEquals(List.of("tony", "fred"), left(m));
    }

    @DatabaseTest
    void overridesDefaultScope(TestDb t) {
        Model<Instance> m = scopeMe(t);
        assertEquals(2L, m.destroy(Where.where("access_level", Op.LT, 5)).block());
        assertEquals(List.of("tobi", "dan"), left(m));
    }

    @DatabaseTest
    void unscopesDestroy(TestDb t) {
        Model<Instance> m = scopeMe(t);
        m.unscoped().destroy(Where.and()).block();
        assertEquals(List.of(), left(m));
    }

    @DatabaseTest
    void appliesOtherScopes(TestDb t) {
        Model<Instance> m = scopeMe(t);
        m.scope("lowAccess").destroy(Where.and()).block();
        assertEquals(List.of("tobi"), left(m));
    }

    @DatabaseTest
    void mergesScopesWithWhere(TestDb t) {
        Model<Instance> m = scopeMe(t);
        m.scope("lowAccess").destroy(Where.eq("username", "dan")).block();
        assertEquals(List.of("tony", "tobi", "fred"), left(m));
    }

    @DatabaseTest
    void worksWithEmptyWhere(TestDb t) {
        Model<Instance> m = scopeMe(t);
        assertEquals(3L, m.scope("lowAccess").destroy(o -> { }).block(), "the scope's where is the where");
        assertEquals(List.of("tobi"), left(m));
    }
}
