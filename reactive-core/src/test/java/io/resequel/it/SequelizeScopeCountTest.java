package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Port of Sequelize v6's test/integration/model/scope/count.test.js: {@code count} under default and named scopes. */
class SequelizeScopeCountTest {

    /** Sequelize's ScopeMe (default scope access_level ≥ 5) with children; tobi has a priority-1 child, dan a 2. */
    static final class Fixture {
        final Model<Instance> child;
        final Model<Instance> scopeMe;

        /**
         * @param t         the database
         * @param countShape whether to add count.test.js's extras (aliasValue, the default scope's attributes)
         */
        Fixture(TestDb t, boolean countShape) {
            // Named Child (table sc_Children) so that its association is "Children", as in Sequelize.
            child = t.db().define("Child", s -> s.attribute("priority", DataTypes.INTEGER)
                    .options(o -> o.tableName("sc_Children")));
            scopeMe = t.db().define("sc_ScopeMe", s -> {
                s.attribute("username", DataTypes.STRING).attribute("email", DataTypes.STRING);
                if (countShape) {
                    s.attribute("aliasValue", DataTypes.INTEGER, a -> a.field("alias_value"));
                }
                s.attribute("access_level", DataTypes.INTEGER).attribute("other_value", DataTypes.INTEGER);
                s.options(o -> o
                        .defaultScope(q -> {
                            q.where("access_level", Op.GTE, 5);
                            if (countShape) {
                                q.attributes("id", "username", "email", "access_level");
                            }
                        })
                        .scope("lowAccess", q -> q.where("access_level", Op.LTE, 5))
                        .scope("withOrder", q -> q.order(Order.asc("username")))
                        .scope("withInclude", q -> q.include(Include.of(child).where(Where.eq("priority", 1))))
                        .scope("withIncludeFunction", (q, args) -> q.include(Include.of(child)
                                .where(Where.eq("priority", 1))))
                        .scope("withIncludeFunctionAndStringAssociation", (q, args) -> q.include(
                                Include.of("Children").where(Where.eq("priority", 1))))
                        .scope("withAliasedField", q -> {
                            if (countShape) {
                                q.where("aliasValue", Op.NE, 1);
                            }
                        }));
            });
            child.belongsTo(scopeMe);
            HasMany<Instance, Instance> children = scopeMe.hasMany(child);
            t.db().sync().block();
            List<Map<String, Object>> records = new ArrayList<>();
            int[] alias = {12, 5, 1, 10};
            List<Map<String, Object>> base = SequelizeScopeTest.users();
            for (int i = 0; i < base.size(); i++) {
                Map<String, Object> r = new HashMap<>(base.get(i));
                if (countShape) {
                    r.put("aliasValue", alias[i]);
                }
                records.add(r);
            }
            scopeMe.bulkCreate(records).blockLast();
            List<Instance> found = scopeMe.findAll(q -> q.order(Order.asc("id"))).collectList().block();
            assertEquals(List.of("tobi", "dan"), found.stream().map(r -> r.get("username")).toList());
            children.create(found.get(0), Map.of("priority", 1)).block();
            children.create(found.get(1), Map.of("priority", 2)).block();
            t.clearStatements();
        }
    }

    @DatabaseTest
    void appliesDefaultScope(TestDb t) {
        assertEquals(2L, new Fixture(t, true).scopeMe.count().block());
    }

    @DatabaseTest
    void overridesDefaultScope(TestDb t) {
        assertEquals(1L, new Fixture(t, true).scopeMe.count(q -> q.where("access_level", Op.GT, 5)).block());
    }

    @DatabaseTest
    void unscopes(TestDb t) {
        assertEquals(4L, new Fixture(t, true).scopeMe.unscoped().count().block());
    }

    @DatabaseTest
    void appliesOtherScopes(TestDb t) {
        assertEquals(3L, new Fixture(t, true).scopeMe.scope("lowAccess").count().block());
    }

    @DatabaseTest
    void mergesScopesWithWhere(TestDb t) {
        assertEquals(1L, new Fixture(t, true).scopeMe.scope("lowAccess").count(q -> q.where("username", "dan"))
                .block());
    }

    @DatabaseTest
    void mergesScopesWithWhereOnAliasedFields(TestDb t) {
        Fixture f = new Fixture(t, true);
        assertEquals(1L, f.scopeMe.scope("withAliasedField").count(q -> q.where("aliasValue", 5)).block());
        String sql = t.statements().get(t.statements().size() - 1);
        assertTrue(sql.contains(t.q("alias_value")), sql);
    }

    @DatabaseTest
    void ignoresTheScopesOrder(TestDb t) {
        Fixture f = new Fixture(t, true);
        assertEquals(4L, f.scopeMe.scope("withOrder").count().block());
        String sql = t.statements().get(t.statements().size() - 1);
        assertTrue(!sql.contains("ORDER BY"), sql);
    }

    @DatabaseTest
    void usesWhereOnInclude(TestDb t) {
        assertEquals(1L, new Fixture(t, true).scopeMe.scope("withInclude").count().block());
    }

    @DatabaseTest
    void usesIncludeWithFunctionScope(TestDb t) {
        assertEquals(1L, new Fixture(t, true).scopeMe.scope("withIncludeFunction").count().block());
    }

    @DatabaseTest
    void usesIncludeWithFunctionScopeAndAssociationName(TestDb t) {
        assertEquals(1L, new Fixture(t, true).scopeMe.scope("withIncludeFunctionAndStringAssociation").count()
                .block());
    }
}
