package io.resequel.it;

import static io.resequel.it.BtmSupport.WAIT;
import static io.resequel.it.BtmSupport.model;
import static io.resequel.it.BtmSupport.queries;
import static io.resequel.it.BtmSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.error.EagerLoadingException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.FindOptions;
import io.resequel.query.Include;
import io.resequel.query.IncludeTarget;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Port of Sequelize v6 {@code test/unit/model/include.test.js}. Sequelize's unit tests read the options that
 * {@code _validateIncludedElements} / {@code _conformIncludes} compute (attributes, where, duplicating, subQuery,
 * subQueryFilter); these run the query and assert what those options decide: the SELECT sent (the include's columns,
 * its ON condition, whether the root is limited in a subquery and filtered by an EXISTS) and the rows read back.
 * Tables are prefixed {@code ua_}.
 */
class SequelizeUnitIncludeTest {

    /** The its' beforeEach: User hasMany Task, User belongsTo Company, Company hasMany User, Company belongsTo Owner. */
    private record Fixture(TestDb t, Model<Instance> user, Model<Instance> task, Model<Instance> company,
            HasMany<Instance, Instance> tasks, BelongsTo<Instance, Instance> userCompany,
            HasMany<Instance, Instance> employees, BelongsTo<Instance, Instance> owner) {

        /** Runs the find, asserting exactly one SELECT, and returns the rows. */
        List<Instance> find(Model<Instance> root, Consumer<FindOptions.Builder> q) {
            t.clearStatements();
            List<Instance> rows = root.findAll(q).collectList().block(WAIT);
            return rows;
        }

        String select() {
            List<String> q = queries(t);
            return q.get(0);
        }

        /** Sequelize's {@code subQuery: true}: the root is limited inside a derived table. */
        boolean subQuery() {
            return select().contains("FROM (SELECT");
        }

        /** Sequelize's {@code subQueryFilter: true}: the limited root is filtered by the include's rows. */
        boolean subQueryFilter() {
            return select().contains("EXISTS (SELECT");
        }

        String col(String table, String column) {
            return t.q(table) + "." + t.q(column);
        }
    }

    private static Fixture fixture(TestDb t) {
        Model<Instance> user = model(t, "User", "ua_users");
        Model<Instance> task = model(t, "Task", "ua_tasks", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> company = model(t, "Company", "ua_companies", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true).field("field_id"))
                .attribute("name", DataTypes.STRING));
        HasMany<Instance, Instance> tasks = user.hasMany(task);
        BelongsTo<Instance, Instance> userCompany = user.belongsTo(company);
        HasMany<Instance, Instance> employees = company.hasMany(user);
        // constraints(false): Sequelize's unit test never syncs; users → companies → users would be a cycle
        BelongsTo<Instance, Instance> owner = company.belongsTo(user, a -> a.as("Owner").foreignKey("ownerId")
                .constraints(false));
        t.db().sync().block(WAIT);
        // c1 (owner u1) employs u1 (2 tasks) and u2 (1 task); c2 employs u3 (no task); u4 has neither
        Instance c1 = company.create(Map.of("name", "c1")).block(WAIT);
        Instance c2 = company.create(Map.of("name", "c2")).block(WAIT);
        Instance u1 = user.create(Map.of("CompanyId", c1.get("id"))).block(WAIT);
        user.create(Map.of("CompanyId", c1.get("id"))).block(WAIT);
        user.create(Map.of("CompanyId", c2.get("id"))).block(WAIT);
        user.create(Map.of()).block(WAIT);
        owner.set(c1, u1).block(WAIT);
        task.bulkCreate(List.of(Map.of("title", "a", "UserId", 1), Map.of("title", "b", "UserId", 1),
                Map.of("title", "c", "UserId", 2))).blockLast(WAIT);
        return new Fixture(t, user, task, company, tasks, userCompany, employees, owner);
    }

    private static List<Integer> ids(List<Instance> rows) {
        return values(rows, "id").stream().map(v -> ((Number) v).intValue()).toList();
    }

    // ---- all ----------------------------------------------------------------------------------------------

    @DatabaseTest
    void canExpandNestedSelfReference(TestDb t) {
        Model<Instance> referral = model(t, "referal", "ua_referals");
        // deviation: aliased; without an alias the include's alias is the root's ("referal") and the SELECT is
        // ambiguous, as Sequelize's would be (its unit test only expands the options)
        BelongsTo<Instance, Instance> parent = referral.belongsTo(referral, a -> a.as("parent"));
        t.db().sync().block(WAIT);
        Instance root = referral.create(Map.of()).block(WAIT);
        Instance child = referral.create(Map.of()).block(WAIT);
        parent.set(child, root).block(WAIT);
        t.clearStatements();
        List<Instance> rows = referral.findAll(q -> q.include(Include.all().nested()).order(Order.asc("id")))
                .collectList().block(WAIT);
        String select = queries(t).get(0);
        // the self-reference is expanded once: one join, not an endless nesting
        assertEquals(1, select.split(" JOIN ").length - 1, select);
        assertNull(rows.get(0).getOne("parent", Instance.class));
        assertEquals(root.get("id"), rows.get(1).getOne("parent", Instance.class).get("id"));
    }

    // ---- attributes ---------------------------------------------------------------------------------------

    @DatabaseTest
    void shouldNotInjectTheAliasedPkAgainIfItsAlreadyThere(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> rows = f.find(f.user(), q -> q.include(Include.of(f.userCompany()).attributes("name"))
                .order(Order.asc("id")));
        String select = f.select();
        assertTrue(select.contains(f.col("Company", "field_id") + ", " + f.col("Company", "name") + " FROM"),
                select);
        assertEquals(1, select.split(java.util.regex.Pattern.quote(f.col("Company", "field_id")) + ",").length - 1,
                "the key once: " + select);
        Instance c = rows.get(0).getOne("Company", Instance.class);
        assertEquals("c1", c.get("name"));
        assertNotNull(c.get("id"), "the key is read under its attribute name");
        // the same include again (Sequelize validates twice): still one key
        f.find(f.user(), q -> q.include(Include.of(f.userCompany()).attributes("id", "name")));
        String again = f.select();
        assertEquals(1, again.split(java.util.regex.Pattern.quote(f.col("Company", "field_id")) + ",").length - 1,
                again);
    }

    @DatabaseTest
    void allowsMeToExcludeAttributes(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> rows = f.find(f.user(), q -> q.include(Include.of(f.userCompany()).exclude("name"))
                .order(Order.asc("id")));
        String select = f.select();
        assertTrue(select.contains(f.col("Company", "field_id") + ", " + f.col("Company", "ownerId") + ", "
                + f.col("Company", "createdAt") + ", " + f.col("Company", "updatedAt") + " FROM"), select);
        assertFalse(select.contains(f.col("Company", "name")), select);
        Instance c = rows.get(0).getOne("Company", Instance.class);
        assertNull(c.get("name"));
        assertEquals(1, ((Number) c.get("ownerId")).intValue());
    }

    // ---- scope --------------------------------------------------------------------------------------------

    private record Projects(Model<Instance> project, HasMany<Instance, Instance> projects) {
    }

    private static Projects projects(Fixture f) {
        Model<Instance> project = model(f.t(), "project", "ua_projects", m -> m
                .attribute("bar", DataTypes.STRING, a -> a.field("foo"))
                .attribute("active", DataTypes.BOOLEAN)
                .attribute("this", DataTypes.BOOLEAN)
                .attribute("that", DataTypes.BOOLEAN)
                .attribute("baz", DataTypes.STRING)
                .options(o -> o.defaultScope(q -> q.where("active", true))
                        .scope("this", q -> q.where("this", true))
                        .scope("that", q -> q.where("that", false).limit(12))
                        .scope("attr", q -> q.attributes("baz"))
                        .scope("foobar", q -> q.where("bar", "42"))));
        HasMany<Instance, Instance> projects = f.user().hasMany(project);
        f.t().db().sync().block(WAIT);
        // u1: active this (bar 42), inactive that; u2: active that
        project.unscoped().bulkCreate(List.of(
                Map.of("UserId", 1, "active", true, "this", true, "that", true, "bar", "42", "baz", "z1"),
                Map.of("UserId", 1, "active", false, "this", false, "that", false, "bar", "1", "baz", "z2"),
                Map.of("UserId", 2, "active", true, "this", false, "that", false, "bar", "2", "baz", "z3")))
                .blockLast(WAIT);
        return new Projects(project, projects);
    }

    private static Map<Integer, List<Object>> projectsByUser(List<Instance> users, String as, String attribute) {
        Map<Integer, List<Object>> out = new java.util.TreeMap<>();
        for (Instance u : users) {
            out.put(((Number) u.get("id")).intValue(), values(u.getMany(as, Instance.class), attribute));
        }
        return out;
    }

    @DatabaseTest
    void addsTheDefaultScopeToWhere(TestDb t) {
        Fixture f = fixture(t);
        Projects p = projects(f);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(p.project())).order(Order.asc("id")));
        assertTrue(f.select().contains(f.col("projects", "active") + " = "), f.select());
        // the scope's where makes the include required, as a where given on it (Sequelize: required = !!where)
        assertEquals(Map.of(1, List.of("z1"), 2, List.of("z3")), projectsByUser(users, "projects", "baz"));
    }

    @DatabaseTest
    void addsTheWhereFromAScopedModel(TestDb t) {
        Fixture f = fixture(t);
        Projects p = projects(f);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(p.project().scope("that")))
                .order(Order.asc("id")));
        String select = f.select();
        assertTrue(select.contains(f.col("projects", "that") + " = "), select);
        assertFalse(select.contains(f.col("projects", "active") + " = "), "scope('that') replaces the default: "
                + select);
        // deviation: the scope's limit (12) is not applied to a joined include (Sequelize copies it onto the
        // include, where only a separate include would use it); the where makes the include required
        assertEquals(Map.of(1, List.of("z2"), 2, List.of("z3")), projectsByUser(users, "projects", "baz"));
    }

    @DatabaseTest
    void addsTheAttributesFromAScopedModel(TestDb t) {
        Fixture f = fixture(t);
        Projects p = projects(f);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(p.project().scope("attr")))
                .order(Order.asc("id")));
        String select = f.select();
        assertTrue(select.contains(f.col("projects", "baz")), select);
        assertFalse(select.contains(f.col("projects", "foo")), "only baz (and the key): " + select);
        assertEquals(List.of("z1", "z2"), projectsByUser(users, "projects", "baz").get(1));
    }

    @DatabaseTest
    void mergesWhereWithTheWhereFromAScopedModel(TestDb t) {
        Fixture f = fixture(t);
        Projects p = projects(f);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(p.project().scope("that"))
                .where(Where.eq("active", false))).order(Order.asc("id")));
        String select = f.select();
        assertTrue(select.contains(f.col("projects", "active")) && select.contains(f.col("projects", "that")),
                select);
        assertEquals(Map.of(1, List.of("z2")), projectsByUser(users, "projects", "baz"));
    }

    @DatabaseTest
    void handlesAScopeWithAnAliasedColumn(TestDb t) {
        Fixture f = fixture(t);
        Projects p = projects(f);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(p.project().scope("foobar")))
                .order(Order.asc("id")));
        assertTrue(f.select().contains(f.col("projects", "foo") + " = "), "the column, not the attribute: "
                + f.select());
        assertEquals(Map.of(1, List.of("42")), projectsByUser(users, "projects", "bar"));
    }

    // ---- duplicating --------------------------------------------------------------------------------------

    @DatabaseTest
    void shouldTagAHasManyAssociationAsDuplicatingIfUndefined(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(f.tasks()).limit(1));
        assertTrue(f.subQuery(), "duplicating: the limit applies to users, in a subquery: " + f.select());
        assertEquals(1, users.size());
        assertEquals(2, users.get(0).getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void shouldRespectIncludeDuplicatingForAHasMany(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.tasks()).duplicating(false)).limit(1));
        assertFalse(f.subQuery(), f.select());
        assertEquals(1, users.size());
        assertEquals(1, users.get(0).getMany("Tasks", Instance.class).size(), "the limit cut the joined rows");
    }

    // ---- _conformInclude ----------------------------------------------------------------------------------

    @DatabaseTest
    void shouldExpandAssociationFromStringAlias(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> companies = f.find(f.company(), q -> q.include("Owner").order(Order.asc("id")));
        assertTrue(f.select().contains("JOIN " + f.t().q("ua_users") + " AS " + f.t().q("Owner")), f.select());
        assertEquals(1, ((Number) companies.get(0).getOne("Owner", Instance.class).get("id")).intValue());
        assertNull(companies.get(1).getOne("Owner", Instance.class));
    }

    @DatabaseTest
    void shouldExpandStringAssociation(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> companies = f.find(f.company(), q -> q.include(Include.of("Owner").attributes("id"))
                .order(Order.asc("id")));
        String select = f.select();
        assertTrue(select.contains(f.col("Owner", "id") + " FROM"), select);
        assertFalse(select.contains(f.col("Owner", "createdAt")), select);
        assertEquals(1, ((Number) companies.get(0).getOne("Owner", Instance.class).get("id")).intValue());
    }

    @DatabaseTest
    void shouldThrowAnErrorIfInvalidModelOrAssociationIsPassed(TestDb t) {
        // Java typing: an include is an Include, a model or an association; null is refused where it is built
        assertThrows(NullPointerException.class, () -> Include.of((IncludeTarget) null));
        assertThrows(NullPointerException.class, () -> Include.of((String) null));
        Fixture f = fixture(t);
        // a model that is no association of the root is the typed error Sequelize gives at the query
        Model<Instance> stranger = model(t, "Stranger", "ua_strangers");
        EagerLoadingException e = assertThrows(EagerLoadingException.class,
                () -> f.company().findAll(q -> q.include(Include.of(stranger))).collectList().block(WAIT));
        assertTrue(e.getMessage().contains("Stranger is not associated to Company"), e.getMessage());
    }

    // ---- _getIncludedAssociation --------------------------------------------------------------------------

    @DatabaseTest
    void returnsAnAssociationWhenThereIsASingleUnaliasedAssociation(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.task())).order(Order.asc("id")));
        assertTrue(f.select().contains(f.col("Tasks", "UserId") + " = " + f.col("User", "id")), f.select());
        assertEquals(2, users.get(0).getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void returnsAnAssociationWhenThereIsASingleAliasedAssociation(TestDb t) {
        Model<Instance> user = model(t, "User", "ua_users");
        Model<Instance> task = model(t, "Task", "ua_tasks");
        task.belongsTo(user, a -> a.as("owner"));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        task.create(Map.of("ownerId", u.get("id"))).block(WAIT);
        Instance found = task.findOne(q -> q.include(Include.of(user).as("owner"))).block(WAIT);
        assertEquals(u.get("id"), found.getOne("owner", Instance.class).get("id"));
        EagerLoadingException e = assertThrows(EagerLoadingException.class,
                () -> task.findOne(q -> q.include(Include.of(user))).block(WAIT));
        assertTrue(e.getMessage().contains("owner"), "the alias is needed and named: " + e.getMessage());
    }

    @DatabaseTest
    void returnsAnAssociationWhenThereAreMultipleAliasedAssociations(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> companies = f.find(f.company(), q -> q.include(Include.of(f.user()).as("Owner"))
                .order(Order.asc("id")));
        assertTrue(f.select().contains(f.col("Owner", "id") + " = " + f.col("Company", "ownerId")), f.select());
        assertEquals(1, ((Number) companies.get(0).getOne("Owner", Instance.class).get("id")).intValue());
    }

    // ---- subQuery -----------------------------------------------------------------------------------------

    @DatabaseTest
    void subQueryShouldBeTrueIfTheresADuplicatingAssociation(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.tasks())).limit(3)
                .order(Order.asc("id")));
        assertTrue(f.subQuery(), f.select());
        assertFalse(f.subQueryFilter(), f.select());
        assertEquals(List.of(1, 2, 3), ids(users));
    }

    @DatabaseTest
    void subQueryShouldBeFalseIfTheresADuplicatingAssociationButNoLimit(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.tasks())).order(Order.asc("id")));
        assertFalse(f.subQuery(), f.select());
        assertEquals(List.of(1, 2, 3, 4), ids(users));
    }

    @DatabaseTest
    void subQueryShouldBeTrueIfTheresANestedDuplicatingAssociation(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.userCompany())
                .include(Include.of(f.employees()))).limit(3).order(Order.asc("id")));
        assertTrue(f.subQuery(), f.select());
        assertEquals(List.of(1, 2, 3), ids(users));
        assertEquals(2, users.get(0).getOne("Company", Instance.class).getMany("Users", Instance.class).size());
    }

    @DatabaseTest
    void subQueryShouldBeFalseIfTheresANestedDuplicatingAssociationButNoLimit(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.userCompany())
                .include(Include.of(f.employees()))).order(Order.asc("id")));
        assertFalse(f.subQuery(), f.select());
        assertEquals(4, users.size());
    }

    @DatabaseTest
    void shouldTagARequiredHasManyAssociation(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.tasks()).required(true)).limit(3)
                .order(Order.asc("id")));
        assertTrue(f.subQuery(), f.select());
        assertTrue(f.subQueryFilter(), "the limited users are those with a task: " + f.select());
        assertEquals(List.of(1, 2), ids(users));
        assertEquals(2, users.get(0).getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void shouldNotTagARequiredHasManyAssociationWithDuplicatingFalse(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.tasks()).required(true)
                .duplicating(false)).limit(3).order(Order.asc("id")));
        assertFalse(f.subQuery(), f.select());
        assertFalse(f.subQueryFilter(), f.select());
        assertTrue(f.select().contains("INNER JOIN"), f.select());
        assertEquals(List.of(1, 2), ids(users), "three joined rows: u1 twice, then u2");
    }

    @DatabaseTest
    void shouldNotTagASeparateHasManyAssociationWithSubQueryTrue(TestDb t) {
        Fixture f = fixture(t);
        t.clearStatements();
        List<Instance> companies = f.company().findAll(q -> q.include(Include.of(f.employees()).separate(true)
                .include(Include.of(f.tasks()).required(true))).order(Order.asc("id"))).collectList().block(WAIT);
        List<String> q = queries(t);
        assertEquals(2, q.size(), "the companies, then their employees with tasks: " + q);
        assertFalse(q.get(0).contains("FROM (SELECT") || q.get(0).contains("JOIN"), q.get(0));
        assertFalse(q.get(1).contains("FROM (SELECT"), q.get(1));
        assertTrue(q.get(1).contains("INNER JOIN"), q.get(1));
        assertEquals(List.of(1, 2), ids(companies.get(0).getMany("Users", Instance.class)));
        assertEquals(List.of(), companies.get(1).getMany("Users", Instance.class), "u3 has no task");
    }

    @DatabaseTest
    void shouldTagAHasManyAssociationWithWhere(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.tasks()).where(Where.eq("title", "c")))
                .limit(3));
        assertTrue(f.subQuery(), f.select());
        assertTrue(f.subQueryFilter(), f.select());
        assertEquals(List.of(2), ids(users));
    }

    @DatabaseTest
    void shouldNotTagAHasManyAssociationWithWhereAndDuplicatingFalse(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.tasks()).where(Where.eq("title", "c"))
                .duplicating(false)).limit(3));
        assertFalse(f.subQuery(), f.select());
        assertFalse(f.subQueryFilter(), f.select());
        assertEquals(List.of(2), ids(users));
    }

    @DatabaseTest
    void shouldTagARequiredBelongsToAlongsideADuplicatingAssociation(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.userCompany()).required(true),
                Include.of(f.tasks())).limit(3).order(Order.asc("id")));
        assertTrue(f.subQuery(), f.select());
        assertTrue(f.subQueryFilter(), "the belongsTo filters inside the subquery: " + f.select());
        assertEquals(List.of(1, 2, 3), ids(users));
    }

    @DatabaseTest
    void shouldNotTagARequiredBelongsToAlongsideADuplicatingAssociationWithDuplicatingFalse(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.userCompany()).required(true),
                Include.of(f.tasks()).duplicating(false)).limit(3).order(Order.asc("id")));
        assertFalse(f.subQuery(), f.select());
        assertEquals(List.of(1, 2), ids(users), "three joined rows: u1 twice, u2");
    }

    @DatabaseTest
    void shouldTagABelongsToAssociationWithWhereAlongsideADuplicatingAssociation(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.userCompany())
                .where(Where.eq("name", "c2")), Include.of(f.tasks())).limit(3));
        assertTrue(f.subQuery(), f.select());
        assertTrue(f.subQueryFilter(), f.select());
        assertEquals(List.of(3), ids(users));
    }

    @DatabaseTest
    void shouldTagARequiredBelongsToAlongsideADuplicatingAssociationWithANestedBelongsTo(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.userCompany()).required(true)
                .include(Include.of(f.owner())), Include.of(f.tasks())).limit(3).order(Order.asc("id")));
        String select = f.select();
        assertTrue(f.subQuery(), select);
        // the nested Owner is joined outside the subquery, to the company (Sequelize: its subQuery false, its
        // parent's true)
        int sub = select.indexOf(") ");
        assertTrue(select.indexOf("AS " + t.q("Company->Owner")) > sub, select);
        assertEquals(List.of(1, 2, 3), ids(users));
        assertEquals(1, ((Number) users.get(1).getOne("Company", Instance.class).getOne("Owner", Instance.class)
                .get("id")).intValue());
    }

    @DatabaseTest
    void shouldNotTagABelongsToWithWhereAlongsideADuplicatingAssociationWithDuplicatingFalse(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> users = f.find(f.user(), q -> q.include(Include.of(f.userCompany())
                .where(Where.eq("name", "c1")), Include.of(f.tasks()).duplicating(false)).limit(3)
                .order(Order.asc("id")));
        assertFalse(f.subQuery(), f.select());
        assertEquals(List.of(1, 2), ids(users));
    }
}
