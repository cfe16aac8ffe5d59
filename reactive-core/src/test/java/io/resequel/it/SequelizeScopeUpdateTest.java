package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Port of Sequelize v6's test/integration/model/scope/update.test.js: bulk update under scopes. */
class SequelizeScopeUpdateTest {

    private static List<Object> emails(Model<Instance> m, Where where) {
        return m.unscoped().findAll(q -> q.where(where).order(Order.asc("id"))).map(i -> i.get("email"))
                .collectList().block();
    }

    @DatabaseTest
    void appliesDefaultScope(TestDb t) {
        Model<Instance> m = SequelizeScopeDestroyTest.scopeMe(t);
        assertEquals(2L, m.update(Map.of("username", "ruben"), Where.and()).block());
        assertEquals(List.of("tobi@fakeemail.com", "dan@sequelizejs.com"), emails(m, Where.eq("username", "ruben")));
    }

    @DatabaseTest
    void overridesDefaultScope(TestDb t) {
        Model<Instance> m = SequelizeScopeDestroyTest.scopeMe(t);
        m.update(Map.of("username", "ruben"), Where.where("access_level", Op.LT, 5)).block();
        assertEquals(List.of("tony@sequelizejs.com", "fred@foobar.com"), emails(m, Where.eq("username", "ruben")));
    }

    @DatabaseTest
    void unscopesUpdate(TestDb t) {
        Model<Instance> m = SequelizeScopeDestroyTest.scopeMe(t);
        assertEquals(4L, m.unscoped().update(Map.of("username", "ruben"), Where.and()).block());
        assertEquals(List.of("ruben", "ruben", "ruben", "ruben"), SequelizeScopeDestroyTest.left(m));
    }

    @DatabaseTest
    void appliesOtherScopes(TestDb t) {
        Model<Instance> m = SequelizeScopeDestroyTest.scopeMe(t);
        m.scope("lowAccess").update(Map.of("username", "ruben"), Where.and()).block();
        assertEquals(List.of("tobi@fakeemail.com"), emails(m, Where.where("username", Op.NE, "ruben")));
    }

    @DatabaseTest
    void mergesScopesWithWhere(TestDb t) {
        Model<Instance> m = SequelizeScopeDestroyTest.scopeMe(t);
        m.scope("lowAccess").update(Map.of("username", "ruben"), Where.eq("username", "dan")).block();
        assertEquals(List.of("dan@sequelizejs.com"), emails(m, Where.eq("username", "ruben")));
    }

    @DatabaseTest
    void worksWithEmptyWhere(TestDb t) {
        Model<Instance> m = SequelizeScopeDestroyTest.scopeMe(t);
        assertEquals(3L, m.scope("lowAccess").update(Map.of("username", "ruby"), o -> { }).block().count());
        assertEquals(3, emails(m, Where.eq("username", "ruby")).size());
    }
}
