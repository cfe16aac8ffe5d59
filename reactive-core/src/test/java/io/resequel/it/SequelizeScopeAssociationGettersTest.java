package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.error.AssociationException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * The "get" its of Sequelize v6.37.8 {@code test/integration/model/scope/associations.test.js} (the others are in
 * {@link SequelizeScopeAssociationsTest}): association getters apply the target's default scope, and take
 * Sequelize's {@code scope} option. Sequelize's {@code getUsers({scope: false})} is {@code users.get(company,
 * scopeMe.unscoped(), q -> { })}, and {@code getUsers({scope: 'isTony'})} is {@code users.get(company,
 * scopeMe.scope("isTony"), q -> { })}: the getter reads through the scoped view of the target given.
 */
class SequelizeScopeAssociationGettersTest {

    /** Sequelize's beforeEach and the "get" beforeEach: users 1–4 in active company 1, user 5 in inactive 2. */
    private static final class Fixture {
        final Model<Instance> scopeMe;
        final Model<Instance> project;
        final Model<Instance> company;
        final Model<Instance> profile;
        final HasMany<Instance, Instance> users;
        final HasOne<Instance, Instance> userProfile;
        final BelongsTo<Instance, Instance> userCompany;
        final BelongsToMany<Instance, Instance> projectCompanies;

        Fixture(TestDb t) {
            scopeMe = t.db().define("fid_ScopeMe", s -> s.attribute("username", DataTypes.STRING)
                    .attribute("email", DataTypes.STRING).attribute("access_level", DataTypes.INTEGER)
                    .attribute("other_value", DataTypes.INTEGER).attribute("parent_id", DataTypes.INTEGER)
                    .options(o -> o.defaultScope(q -> q.where("access_level", Op.GTE, 5))
                            .scope("isTony", q -> q.where("username", "tony"))));
            project = t.db().define("fid_project", s -> s.attribute("active", DataTypes.BOOLEAN)
                    .options(o -> o.scope("active", q -> q.where("active", true))));
            company = t.db().define("fid_company", s -> s.attribute("active", DataTypes.BOOLEAN)
                    .options(o -> o.defaultScope(q -> q.where("active", true))
                            .scope("notActive", q -> q.where("active", false))
                            .scope("reversed", q -> q.order(Order.desc("id")))));
            profile = t.db().define("fid_profile", s -> s.attribute("active", DataTypes.BOOLEAN)
                    .options(o -> o.defaultScope(q -> q.where("active", true))
                            .scope("notActive", q -> q.where("active", false))));
            projectCompanies = project.belongsToMany(company, o -> o.through("fid_CompanyProjects"));
            company.belongsToMany(project, o -> o.through("fid_CompanyProjects"));
            userProfile = scopeMe.hasOne(profile, o -> o.foreignKey("userId"));
            userCompany = scopeMe.belongsTo(company, o -> o.foreignKey("companyId"));
            users = company.hasMany(scopeMe, o -> o.foreignKey("companyId").as("users"));
            t.db().sync().block();
            String[] names = {"dan", "tobi", "tony", "fred", "bob"};
            int[] levels = {5, 10, 3, 3, 1};
            for (int i = 0; i < 5; i++) {
                scopeMe.create(Map.of("id", i + 1, "username", names[i], "access_level", levels[i])).block();
            }
            Instance c1 = company.create(Map.of("id", 1, "active", true)).block();
            Instance c2 = company.create(Map.of("id", 2, "active", false)).block();
            users.set(c1, List.of(1, 2, 3, 4)).block();
            users.set(c2, List.of(5)).block();
            Instance p = project.create(Map.of()).block();
            projectCompanies.set(p, company.unscoped().findAll().collectList().block()).block();
        }

        Instance company1() {
            return company.findByPk(1).block();
        }

        Instance user1() {
            return scopeMe.findByPk(1).block();
        }

        Instance bob() {
            return scopeMe.unscoped().findOne(q -> q.where("username", "bob")).block();
        }

        Instance project() {
            return project.findAll().collectList().block().get(0);
        }
    }

    // ---- it should be able to unscope ---------------------------------------------------------------------

    @DatabaseTest
    void hasManyUnscoped(TestDb t) {
        Fixture f = new Fixture(t);
        assertEquals(4, f.users.get(f.company1(), f.scopeMe.unscoped(), q -> { }).collectList().block().size());
    }

    @DatabaseTest
    void hasOneUnscoped(TestDb t) {
        Fixture f = new Fixture(t);
        f.profile.create(Map.of("active", false, "userId", 1)).block();
        assertNotNull(f.userProfile.get(f.user1(), f.profile.unscoped(), q -> { }).block());
    }

    @DatabaseTest
    void belongsToUnscoped(TestDb t) {
        Fixture f = new Fixture(t);
        Instance company = f.userCompany.get(f.bob(), f.company.unscoped(), q -> { }).block();
        assertNotNull(company);
        assertEquals(2, ((Number) company.get("id")).intValue());
    }

    @DatabaseTest
    void belongsToManyUnscoped(TestDb t) {
        Fixture f = new Fixture(t);
        assertEquals(2, f.projectCompanies.get(f.project(), f.company.unscoped(), q -> { }).collectList().block()
                .size());
    }

    // ---- it should apply default scope --------------------------------------------------------------------

    @DatabaseTest
    void hasManyAppliesTheDefaultScope(TestDb t) {
        Fixture f = new Fixture(t);
        List<Instance> users = f.users.get(f.company1()).collectList().block();
        assertEquals(2, users.size());
        assertTrue(users.stream().allMatch(u -> ((Number) u.get("access_level")).intValue() >= 5));
    }

    @DatabaseTest
    void hasOneAppliesTheDefaultScope(TestDb t) {
        Fixture f = new Fixture(t);
        f.profile.create(Map.of("active", false, "userId", 1)).block();
        assertNull(f.userProfile.get(f.user1()).block());
    }

    @DatabaseTest
    void belongsToAppliesTheDefaultScope(TestDb t) {
        Fixture f = new Fixture(t);
        assertNull(f.userCompany.get(f.bob()).block());
    }

    @DatabaseTest
    void belongsToManyAppliesTheDefaultScope(TestDb t) {
        Fixture f = new Fixture(t);
        List<Instance> companies = f.projectCompanies.get(f.project()).collectList().block();
        assertEquals(1, companies.size());
        assertEquals(Boolean.TRUE, companies.get(0).get("active"));
    }

    // ---- it should be able to apply another scope ---------------------------------------------------------

    @DatabaseTest
    void hasManyWithAnotherScope(TestDb t) {
        Fixture f = new Fixture(t);
        List<Instance> users = f.users.get(f.company1(), f.scopeMe.scope("isTony"), q -> { }).collectList().block();
        assertEquals(1, users.size());
        assertEquals("tony", users.get(0).get("username"));
    }

    @DatabaseTest
    void hasOneWithAnotherScope(TestDb t) {
        Fixture f = new Fixture(t);
        f.profile.create(Map.of("active", true, "userId", 1)).block();
        assertNull(f.userProfile.get(f.user1(), f.profile.scope("notActive"), q -> { }).block());
        assertNotNull(f.userProfile.get(f.user1()).block(), "the default scope finds the active profile");
    }

    @DatabaseTest
    void belongsToWithAnotherScope(TestDb t) {
        Fixture f = new Fixture(t);
        Instance company = f.userCompany.get(f.bob(), f.company.scope("notActive"), q -> { }).block();
        assertNotNull(company);
        assertEquals(Boolean.FALSE, company.get("active"));
    }

    @DatabaseTest
    void belongsToManyWithAnotherScope(TestDb t) {
        Fixture f = new Fixture(t);
        List<Instance> companies = f.projectCompanies.get(f.project(), f.company.scope("reversed"), q -> { })
                .collectList().block();
        assertEquals(List.of(2, 1), companies.stream().map(c -> ((Number) c.get("id")).intValue()).toList());
    }

    /** Not in Sequelize: a view of another model is refused at once, naming the association. */
    @DatabaseTest
    void aViewOfAnotherModelIsRefused(TestDb t) {
        Fixture f = new Fixture(t);
        Instance c = f.company1();
        AssociationException e = assertThrows(AssociationException.class,
                () -> f.users.get(c, (Model) f.profile.unscoped(), q -> { }));
        assertTrue(e.getMessage().contains("fid_company.users"), e.getMessage());
    }
}
