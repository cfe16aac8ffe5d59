package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.SyncOptions;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Port of Sequelize v6's test/integration/model/scope/aggregate.test.js. Sequelize's {@code aggregate('*', 'count')}
 * is our {@code count(...)} (the aggregate helpers are count, max, min, sum), so these run the same scopes through
 * it; max shows another aggregate honours them too.
 */
class SequelizeScopeAggregateTest {

    private static Model<Instance> scopeMe(TestDb t) {
        return new SequelizeScopeCountTest.Fixture(t, false).scopeMe;
    }

    @DatabaseTest
    void appliesDefaultScope(TestDb t) {
        Model<Instance> m = scopeMe(t);
        assertEquals(2L, m.count().block());
        assertEquals(5, ((Number) m.scope("lowAccess").max("access_level", null).block()).intValue());
    }

    @DatabaseTest
    void overridesDefaultScope(TestDb t) {
        assertEquals(1L, scopeMe(t).count(q -> q.where("access_level", Op.GT, 5)).block());
    }

    @DatabaseTest
    void unscopes(TestDb t) {
        Model<Instance> m = scopeMe(t);
        assertEquals(4L, m.unscoped().count().block());
        assertEquals(3, ((Number) m.unscoped().min("access_level", null).block()).intValue());
        assertEquals(5, ((Number) m.min("access_level", null).block()).intValue(), "min under the default scope");
    }

    @DatabaseTest
    void appliesOtherScopes(TestDb t) {
        assertEquals(3L, scopeMe(t).scope("lowAccess").count().block());
    }

    @DatabaseTest
    void mergesScopesWithWhere(TestDb t) {
        assertEquals(1L, scopeMe(t).scope("lowAccess").count(q -> q.where("username", "dan")).block());
    }

    @DatabaseTest
    void usesWhereOnInclude(TestDb t) {
        assertEquals(1L, scopeMe(t).scope("withInclude").count(q -> q.attributes()).block());
    }

    @DatabaseTest
    void aggregatesInASchema(TestDb t) {
        String schema = "sc_heroschema_" + UUID.randomUUID().toString().substring(0, 8);
        String create = t.is("mysql") ? "CREATE DATABASE " + t.q(schema) : "CREATE SCHEMA " + t.q(schema);
        String drop = t.is("mysql") ? "DROP DATABASE " + t.q(schema) : "DROP SCHEMA " + t.q(schema) + " CASCADE";
        t.rawUpdate(create).block();
        try {
            Model<Instance> hero = t.db().define("sc_Hero", s -> s.attribute("codename", DataTypes.STRING)
                    .options(o -> o.schema(schema)));
            t.db().sync(hero, SyncOptions.force()).block();
            hero.bulkCreate(List.of(Map.of("codename", "hulk"), Map.of("codename", "rantanplan"))).blockLast();
            assertEquals(2L, hero.unscoped().count().block());
        } finally {
            t.rawUpdate(drop).block();
        }
    }
}
