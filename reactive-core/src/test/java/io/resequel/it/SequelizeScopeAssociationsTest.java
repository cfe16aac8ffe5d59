package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasOne;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * Part of the port of Sequelize v6's test/integration/model/scope/associations.test.js: the tests that define their
 * own models ("scope with includes" with different format / with find options, "scope with options"). The tests on
 * the shared fixture (include, get with {@code scope: false} or another scope) are not ported yet.
 */
class SequelizeScopeAssociationsTest {

    @DatabaseTest
    void includesInScopesOfDifferentFormatsMerge(TestDb t) {
        Model<Instance> child = t.db().define("sc_Child", s -> { });
        Model<Instance> parent = t.db().define("sc_Parent", s -> s.options(o -> o
                .defaultScope(q -> q.include(Include.of(child)))
                .scope("children", q -> q.include(child))));
        parent.addScope("alsoChildren", q -> q.include(Include.of(child)));
        child.belongsTo(parent);
        HasOne<Instance, Instance> parentChild = parent.hasOne(child);
        t.db().sync().block();
        Instance c = child.create(Map.of()).block();
        Instance p = parent.create(Map.of()).block();
        parentChild.set(p, c).block();
        Instance found = parent.scope("children", "alsoChildren").findOne(q -> { }).block();
        assertEquals(c.get("id"), found.getOne("sc_Child", Instance.class).get("id"));
    }

    @DatabaseTest
    void mergesAFindersIncludeWithTheScopes(TestDb t) {
        Model<Instance> child = t.db().define("sc_Child", s -> s.attribute("name", DataTypes.STRING));
        Model<Instance> parent = t.db().define("sc_Parent", s -> s.attribute("name", DataTypes.STRING));
        parent.addScope("testScope1", q -> q.include(Include.of(child).where(Where.eq("name", "child2"))));
        var children = parent.hasMany(child);
        t.db().sync().block();
        children.create(parent.create(Map.of("name", "parent1")).block(), Map.of("name", "child1")).block();
        children.create(parent.create(Map.of("name", "parent2")).block(), Map.of("name", "child2")).block();
        Instance found = parent.scope("testScope1").findOne(q -> q.include(Include.of(child).exclude("name")))
                .block();
        assertEquals("parent2", found.get("name"));
        List<Instance> kids = found.getMany("sc_Children", Instance.class);
        assertEquals(1, kids.size());
        assertFalse(kids.get(0).toJSON().containsKey("name"), String.valueOf(kids.get(0).toJSON()));
    }

    @DatabaseTest
    void namedScopeExcludeKeepsTheForeignKey(TestDb t) {
        Model<Instance> child = t.db().define("sc_Child", s -> s.attribute("secret", DataTypes.STRING)
                .options(o -> o.scope("public", q -> q.exclude("secret"))));
        Model<Instance> parent = t.db().define("sc_Parent", s -> { });
        child.belongsTo(parent);
        parent.hasOne(child);
        t.db().sync().block();
        child.create(Map.of("secret", "super secret")).block();
        Map<String, Object> json = child.scope("public").findOne(q -> { }).block().toJSON();
        assertTrue(json.containsKey("sc_ParentId"), String.valueOf(json));
        assertFalse(json.containsKey("secret"), String.valueOf(json));
    }

    @DatabaseTest
    void defaultScopeExcludeKeepsTheForeignKey(TestDb t) {
        Model<Instance> child = t.db().define("sc_Child", s -> s.attribute("secret", DataTypes.STRING)
                .options(o -> o.defaultScope(q -> q.exclude("secret"))));
        Model<Instance> parent = t.db().define("sc_Parent", s -> { });
        child.belongsTo(parent);
        t.db().sync().block();
        child.create(Map.of("secret", "super secret")).block();
        Map<String, Object> json = child.findOne(q -> { }).block().toJSON();
        assertTrue(json.containsKey("sc_ParentId"), String.valueOf(json));
        assertFalse(json.containsKey("secret"), String.valueOf(json));
    }

    @DatabaseTest
    void includesByAssociationNameAndByAssociation(TestDb t) {
        Model<Instance> clientfile = t.db().define("sc_clientfile", s -> { });
        Model<Instance> mission = t.db().define("sc_mission", s -> s.attribute("secret", DataTypes.STRING));
        Model<Instance> building = t.db().define("sc_building", s -> { });
        HasOne<Instance, Instance> missionAssoc = clientfile.hasOne(mission);
        HasOne<Instance, Instance> buildingAssoc = clientfile.hasOne(building);
        t.db().sync().block();
        Instance cf = clientfile.create(Map.of()).block();
        missionAssoc.create(cf, Map.of("secret", "foo")).block();
        clientfile.create(Map.of()).block();
        List<Instance> rows = clientfile.findAll(q -> q.include(Include.of("sc_mission").where(Where.eq("secret", "foo")),
                Include.of("sc_building"))).collectList().block();
        assertEquals(1, rows.size());
        assertNotNull(rows.get(0).getOne("sc_mission", Instance.class));
        rows = clientfile.findAll(q -> q.include(Include.of(missionAssoc).where(Where.eq("secret", "foo")),
                Include.of(buildingAssoc))).collectList().block();
        assertEquals(1, rows.size());
    }
}
