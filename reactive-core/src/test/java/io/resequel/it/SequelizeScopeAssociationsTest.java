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
 * Part of the port of Sequelize v6's test/integration/model/scope/associations.test.js: "include", "scope with
 * includes" with different format / with find options, and "scope with options". The getters with {@code scope:}
 * options are in {@link SequelizeScopeAssociationGettersTest}.
 */
class SequelizeScopeAssociationsTest {

    /** The shared fixture, trimmed to what the include its read: users of companies 1 (active) and 2 (inactive). */
    private static final class Fixture {
        final Model<Instance> scopeMe;
        // not final: the includeActiveProjects scope reads them when it runs, after the constructor
        Model<Instance> company;
        final io.resequel.assoc.HasMany<Instance, Instance> users;
        Model<Instance> project;
        final io.resequel.assoc.BelongsToMany<Instance, Instance> companyProjects;

        Fixture(TestDb t) {
            scopeMe = t.db().define("sc_ScopeMe", s -> s.attribute("username", DataTypes.STRING)
                    .attribute("email", DataTypes.STRING).attribute("access_level", DataTypes.INTEGER)
                    .attribute("other_value", DataTypes.INTEGER).attribute("parent_id", DataTypes.INTEGER)
                    .options(o -> o.defaultScope(q -> q.where("access_level", io.resequel.query.Op.GTE, 5))
                            .scope("isTony", q -> q.where("username", "tony"))
                            .scope("includeActiveProjects", (q, args) -> q.include(Include.of(this.company)
                                    .include(Include.of(this.project.scope("active")))))));
            project = t.db().define("sc_project", s -> s.attribute("active", DataTypes.BOOLEAN)
                    .options(o -> o.scope("active", q -> q.where("active", true))));
            company = t.db().define("sc_company", s -> s.attribute("active", DataTypes.BOOLEAN)
                    .options(o -> o.defaultScope(q -> q.where("active", true))));
            scopeMe.belongsTo(company, o -> o.foreignKey("companyId"));
            users = company.hasMany(scopeMe, o -> o.foreignKey("companyId").as("users"));
            project.belongsToMany(company, o -> o.through("sc_CompanyProjects"));
            companyProjects = company.belongsToMany(project, o -> o.through("sc_CompanyProjects"));
            t.db().sync().block();
            company.create(Map.of("id", 1, "active", true)).block();
            company.create(Map.of("id", 2, "active", false)).block();
            String[] names = {"dan", "tobi", "tony", "fred", "bob"};
            int[] levels = {5, 10, 3, 3, 1};
            for (int i = 0; i < 5; i++) {
                scopeMe.create(Map.of("id", i + 1, "username", names[i], "access_level", levels[i],
                        "companyId", i < 4 ? 1 : 2)).block();
            }
        }

        List<Instance> companyUsers(Include include) {
            List<Instance> rows = company.findAll(q -> q.include(include)).collectList().block();
            assertEquals(1, rows.size(), "company 2 is hidden by its default scope");
            return rows.get(0).getMany("users", Instance.class);
        }
    }

    @DatabaseTest
    void includeScopesColumnsProperly(TestDb t) {
        Fixture f = new Fixture(t);
        List<Instance> rows = f.company.findAll(q -> q.where("id", 1).include(Include.of(f.users))).collectList()
                .block();
        assertEquals(1, rows.size());
    }

    @DatabaseTest
    void includeOfAnAssociationAppliesTheDefaultScope(TestDb t) {
        Fixture f = new Fixture(t);
        assertEquals(2, f.companyUsers(Include.of(f.users)).size());
    }

    @DatabaseTest
    void includeOfAModelAppliesTheDefaultScope(TestDb t) {
        Fixture f = new Fixture(t);
        assertEquals(2, f.companyUsers(Include.of(f.scopeMe).as("users")).size());
    }

    /** "scope with includes": company 1 has an active project 1 and an inactive project 2. */
    private static Fixture withProjects(TestDb t) {
        Fixture f = new Fixture(t);
        Instance c = f.company.findByPk(1).block();
        Instance p1 = f.project.create(Map.of("id", 1, "active", true)).block();
        Instance p2 = f.project.create(Map.of("id", 2, "active", false)).block();
        f.companyProjects.set(c, List.of(p1, p2)).block();
        return f;
    }

    @DatabaseTest
    void scopeWithIncludesScopesColumnsProperly(TestDb t) {
        Fixture f = withProjects(t);
        assertFalse(f.scopeMe.scope("includeActiveProjects").findAll().collectList().block().isEmpty());
    }

    @DatabaseTest
    void scopeWithIncludesAppliesScopeConditions(TestDb t) {
        Fixture f = withProjects(t);
        Instance user = f.scopeMe.scope("includeActiveProjects").findOne(q -> q.where("id", 1)).block();
        List<Instance> projects = user.getOne("sc_company", Instance.class).getMany("sc_projects", Instance.class);
        assertEquals(1, projects.size());
        assertEquals(1, ((Number) projects.get(0).get("id")).intValue());
    }

    @DatabaseTest
    void includesAScopedModel(TestDb t) {
        Fixture f = new Fixture(t);
        List<Instance> users = f.companyUsers(Include.of(f.scopeMe.scope("isTony")).as("users"));
        assertEquals(1, users.size());
        assertEquals("tony", users.get(0).get("username"));
    }

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
