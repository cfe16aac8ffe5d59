package io.resequel.it.assoc;

import static io.resequel.it.assoc.AssocSupport.WAIT;
import static io.resequel.it.assoc.AssocSupport.asLong;
import static io.resequel.it.assoc.AssocSupport.count;
import static io.resequel.it.assoc.AssocSupport.eq;
import static io.resequel.it.assoc.AssocSupport.id;
import static io.resequel.it.assoc.AssocSupport.matching;
import static io.resequel.it.assoc.AssocSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsToMany;
import io.resequel.error.AssociationException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.test.StepVerifier;

/** belongsToMany mixins: get, count, has, add, set, remove, create, junction values, through scope, atomicity. */
class AssocBelongsToManyTest {

    record Fixture(Model<Instance> users, Model<Instance> projects, Model<Instance> memberships,
            BelongsToMany<Instance, Instance> up, BelongsToMany<Instance, Instance> pu, Instance ada, Instance bob,
            List<Instance> p) {
    }

    /** Users Ada, Bob; projects p1..p4; junction "Membership" with a role; nothing linked yet. */
    static Fixture fixture(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> projects = t.db().define("Project", m -> m.attribute("title", DataTypes.STRING)
                .attribute("size", DataTypes.INTEGER));
        Model<Instance> memberships = t.db().define("Membership", m -> m.attribute("role", DataTypes.STRING));
        BelongsToMany<Instance, Instance> up = users.belongsToMany(projects, a -> a.through(memberships));
        BelongsToMany<Instance, Instance> pu = projects.belongsToMany(users, a -> a.through(memberships));
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance bob = users.create(Map.of("name", "Bob")).block(WAIT);
        List<Instance> ps = projects.bulkCreate(List.of(Map.of("title", "p1", "size", 1),
                Map.of("title", "p2", "size", 2), Map.of("title", "p3", "size", 3), Map.of("title", "p4", "size", 4)))
                .collectList().block(WAIT);
        ps = projects.findAll(q -> q.order(Order.asc("title"))).collectList().block(WAIT);
        return new Fixture(users, projects, memberships, up, pu, ada, bob, ps);
    }

    /** @return the source's links from raw SQL: project title → role (or "null") */
    static Map<String, String> links(TestDb t, Instance user) {
        Map<String, String> out = new TreeMap<>();
        List<Map<String, Object>> js = rows(t, "Memberships", eq(t, "UserId", id(user)), null, "ProjectId", "role");
        for (Map<String, Object> j : js) {
            Object title = t.raw("SELECT " + t.q("title") + " FROM " + t.q("Projects") + " WHERE "
                    + eq(t, "id", asLong(j.get("ProjectId")))).blockFirst(WAIT).get("title");
            out.put((String) title, String.valueOf(j.get("role")));
        }
        return out;
    }

    static Map<String, String> expect(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> titles(BelongsToMany<Instance, Instance> a, Instance src,
            java.util.function.Consumer<io.resequel.query.FindOptions.Builder> q) {
        return a.get(src, q).map(i -> i.get("title")).collectList().block(WAIT);
    }

    @DatabaseTest
    void addWithThroughValuesAndGetCarriesTheJunctionRow(TestDb t) {
        Fixture f = fixture(t);
        f.up().add(f.ada(), List.of(f.p().get(0), f.p().get(1).get("id")), Map.of("role", "dev")).block(WAIT);
        f.up().add(f.ada(), f.p().get(2)).block(WAIT);
        assertEquals(expect("p1", "dev", "p2", "dev", "p3", "null"), links(t, f.ada()));
        List<Instance> got = f.up().get(f.ada(), q -> q.order(Order.asc("title"))).collectList().block(WAIT);
        assertEquals(List.of("p1", "p2", "p3"), got.stream().map(i -> i.get("title")).toList());
        Instance j = got.get(0).getOne("Membership", Instance.class);
        assertNotNull(j, "the junction row under the through model's name");
        assertEquals("dev", j.get("role"));
        assertEquals(id(f.ada()), asLong(j.get("UserId")));
        assertEquals(id(f.p().get(0)), asLong(j.get("ProjectId")));
        assertNull(got.get(2).getOne("Membership", Instance.class).get("role"));
        assertEquals(List.of("Ada"), f.pu().get(f.p().get(0)).map(i -> i.get("name")).collectList().block(WAIT));
        assertEquals(List.of(), titles(f.up(), f.bob(), q -> { }));
    }

    @DatabaseTest
    void getWithWhereOrderLimitAndJoinTableAttributes(TestDb t) {
        Fixture f = fixture(t);
        f.up().add(f.ada(), List.of(f.p().get(0), f.p().get(1), f.p().get(2)), Map.of("role", "dev")).block(WAIT);
        f.up().add(f.bob(), List.of(f.p().get(3)), Map.of()).block(WAIT);
        assertEquals(List.of("p3", "p2"), titles(f.up(), f.ada(), q -> q.where("size", Op.GTE, 2)
                .order(Order.desc("size"))));
        assertEquals(List.of("p3"), titles(f.up(), f.ada(), q -> q.order(Order.desc("size")).limit(1)));
        assertEquals(List.of(), titles(f.up(), f.ada(), q -> q.where(Where.or(Where.eq("title", "p4"),
                Where.eq("title", "none")))), "Bob's project is not reachable through Ada's where");
        t.clearStatements();
        List<Instance> bare = f.up().get(f.ada(), q -> q.order(Order.asc("title")), List.of()).collectList()
                .block(WAIT);
        assertEquals(3, bare.size());
        String sql = t.statements().get(t.statements().size() - 1);
        assertFalse(sql.contains(t.q("role")), sql);
        Instance none = bare.get(0).getOne("Membership", Instance.class);
        assertTrue(none == null || none.get("role") == null, "no junction attributes read: " + none);
        List<Instance> roleOnly = f.up().get(f.ada(), q -> { }, List.of("role")).collectList().block(WAIT);
        assertEquals("dev", roleOnly.get(0).getOne("Membership", Instance.class).get("role"));
    }

    @DatabaseTest
    void countAndHas(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> p = f.p();
        f.up().add(f.ada(), p.get(0), p.get(1), p.get(2)).block(WAIT);
        f.up().add(f.bob(), p.get(3)).block(WAIT);
        assertEquals(3L, f.up().count(f.ada()).block(WAIT));
        assertEquals(1L, f.up().count(f.bob()).block(WAIT));
        assertEquals(2L, f.up().count(f.ada(), Where.where("size", Op.GT, 1)).block(WAIT));
        assertEquals(1L, f.pu().count(p.get(3)).block(WAIT));
        assertTrue(f.up().has(f.ada(), p.get(0)).block(WAIT));
        assertTrue(f.up().has(f.ada(), p.get(1).get("id")).block(WAIT));
        assertTrue(f.up().has(f.ada(), List.of(p.get(0), p.get(1), p.get(2))).block(WAIT));
        assertFalse(f.up().has(f.ada(), p.get(3)).block(WAIT));
        assertFalse(f.up().has(f.ada(), List.of(p.get(0), p.get(3))).block(WAIT), "false when one is missing");
        assertFalse(f.up().has(f.ada(), 987654).block(WAIT));
    }

    @DatabaseTest
    void addTwiceWithOtherValuesUpdatesTheJunctionRow(TestDb t) {
        Fixture f = fixture(t);
        Instance p1 = f.p().get(0);
        f.up().add(f.ada(), List.of(p1), Map.of("role", "dev")).block(WAIT);
        Object created = rows(t, "Memberships", null, null, "createdAt").get(0).get("createdAt");
        t.clearStatements();
        f.up().add(f.ada(), List.of(p1), Map.of("role", "dev")).block(WAIT);
        assertEquals(List.of(), matching(t, "INSERT"), "same values: nothing written");
        assertEquals(List.of(), matching(t, "UPDATE"), "same values: nothing written");
        f.up().add(f.ada(), List.of(p1), Map.of("role", "lead")).block(WAIT);
        assertEquals(1, matching(t, "UPDATE").size(), t.statements().toString());
        assertEquals(0, matching(t, "INSERT").size(), t.statements().toString());
        assertEquals(expect("p1", "lead"), links(t, f.ada()));
        assertEquals(1, count(t, "Memberships", null));
        assertEquals(String.valueOf(created), String.valueOf(rows(t, "Memberships", null, null, "createdAt").get(0)
                .get("createdAt")), "the row is updated, not replaced");
    }

    @DatabaseTest
    void perTargetJunctionValuesWinOverTheDefaults(TestDb t) {
        Fixture f = fixture(t);
        Instance p1 = f.p().get(0);
        Instance p2 = f.p().get(1);
        p2.setIncluded("Membership", Map.of("role", "owner"));
        f.up().add(f.ada(), List.of(p1, p2), Map.of("role", "dev")).block(WAIT);
        assertEquals(expect("p1", "dev", "p2", "owner"), links(t, f.ada()));
    }

    @DatabaseTest
    void setReplacesTheLinks(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> p = f.p();
        f.up().add(f.ada(), List.of(p.get(0), p.get(1)), Map.of("role", "dev")).block(WAIT);
        f.up().add(f.bob(), List.of(p.get(0)), Map.of("role", "bob")).block(WAIT);
        f.up().set(f.ada(), List.of(p.get(1), p.get(2).get("id")), Map.of("role", "ops")).block(WAIT);
        assertEquals(expect("p2", "ops", "p3", "ops"), links(t, f.ada()), "p1 unlinked, p2 updated, p3 added");
        assertEquals(expect("p1", "bob"), links(t, f.bob()), "other sources untouched");
        f.up().set(f.ada(), List.of(p.get(2))).block(WAIT);
        assertEquals(expect("p3", "ops"), links(t, f.ada()), "set without values keeps the row's values");
        assertEquals(4, count(t, "Projects", null), "targets are never deleted");
    }

    @DatabaseTest
    void setEmptyDeletesAllJunctionRowsOfTheSource(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> p = f.p();
        f.up().add(f.ada(), p.get(0), p.get(1), p.get(2)).block(WAIT);
        f.up().add(f.bob(), p.get(0)).block(WAIT);
        f.up().set(f.ada(), List.of()).block(WAIT);
        assertEquals(0, count(t, "Memberships", eq(t, "UserId", id(f.ada()))));
        assertEquals(1, count(t, "Memberships", null));
        assertEquals(0L, f.up().count(f.ada()).block(WAIT));
        f.up().set(f.bob(), null).block(WAIT);
        assertEquals(0, count(t, "Memberships", null));
    }

    @DatabaseTest
    void removeDeletesOnlyTheGivenPairs(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> p = f.p();
        f.up().add(f.ada(), p.get(0), p.get(1), p.get(2)).block(WAIT);
        f.up().add(f.bob(), p.get(0)).block(WAIT);
        t.clearStatements();
        f.up().remove(f.ada(), p.get(0)).block(WAIT);
        assertEquals(1, matching(t, "DELETE", "Memberships").size(), t.statements().toString());
        assertEquals(expect("p2", "null", "p3", "null"), links(t, f.ada()));
        assertEquals(expect("p1", "null"), links(t, f.bob()));
        f.up().remove(f.ada(), List.of(p.get(1).get("id"), p.get(2), p.get(3))).block(WAIT);
        assertEquals(expect(), links(t, f.ada()));
        assertEquals(4, count(t, "Projects", null));
    }

    @DatabaseTest
    void createMakesTheTargetAndTheJunctionRow(TestDb t) {
        Fixture f = fixture(t);
        Instance p5 = f.up().create(f.ada(), Map.of("title", "p5", "size", 5), Map.of("role", "founder"))
                .block(WAIT);
        assertFalse(p5.isNewRecord());
        assertEquals(1, count(t, "Projects", eq(t, "title", "p5")));
        assertEquals(expect("p5", "founder"), links(t, f.ada()));
        Instance p6 = f.up().create(f.bob(), Map.of("title", "p6")).block(WAIT);
        assertEquals(List.of("Bob"), f.pu().get(p6).map(i -> i.get("name")).collectList().block(WAIT));
    }

    @DatabaseTest
    void throughScopeIsWrittenAndFilters(TestDb t) {
        Fixture f = fixture(t);
        BelongsToMany<Instance, Instance> leads = f.users().belongsToMany(f.projects(), a -> a.as("LedProjects")
                .through(f.memberships()).throughScope(Map.of("role", "lead")));
        assertEquals("UserId", leads.foreignKey());
        assertEquals("ProjectId", leads.otherKey());
        List<Instance> p = f.p();
        f.up().add(f.ada(), List.of(p.get(0)), Map.of("role", "dev")).block(WAIT);
        leads.add(f.ada(), p.get(1)).block(WAIT);
        assertEquals(expect("p1", "dev", "p2", "lead"), links(t, f.ada()), "add writes the through scope");
        assertEquals(List.of("p2"), titles(leads, f.ada(), q -> { }));
        assertEquals(1L, leads.count(f.ada()).block(WAIT));
        assertEquals(2L, f.up().count(f.ada()).block(WAIT));
        assertFalse(leads.has(f.ada(), p.get(0)).block(WAIT));
        assertTrue(leads.has(f.ada(), p.get(1)).block(WAIT));
        Instance p5 = leads.create(f.ada(), Map.of("title", "p5")).block(WAIT);
        assertEquals("lead", links(t, f.ada()).get("p5"));
        leads.set(f.ada(), List.of()).block(WAIT);
        assertEquals(expect("p1", "dev"), links(t, f.ada()), "set([]) on the scoped alias keeps other rows");
        leads.add(f.ada(), p5).block(WAIT);
        leads.remove(f.ada(), p5, p.get(0)).block(WAIT);
        assertEquals(expect("p1", "dev"), links(t, f.ada()), "remove honours the through scope");
    }

    @DatabaseTest
    void setIsAtomic(TestDb t) {
        Fixture f = fixture(t);
        List<Instance> p = f.p();
        f.up().add(f.ada(), List.of(p.get(0), p.get(1)), Map.of("role", "dev")).block(WAIT);
        StepVerifier.create(f.up().set(f.ada(), List.of(p.get(2), 987654), Map.of("role", "x")))
                .expectError(ForeignKeyConstraintException.class).verify(WAIT);
        assertEquals(expect("p1", "dev", "p2", "dev"), links(t, f.ada()), "the DELETE of p1, p2 was rolled back");
        StepVerifier.create(f.up().add(f.ada(), List.of(p.get(0), p.get(3), 987654), Map.of("role", "y")))
                .expectError(ForeignKeyConstraintException.class).verify(WAIT);
        assertEquals(expect("p1", "dev", "p2", "dev"), links(t, f.ada()), "the update of p1 was rolled back");
        StepVerifier.create(f.up().create(f.ada(), Map.of("title", "p9"), Map.of("noSuchAttribute", 1)))
                .expectError().verify(WAIT);
        assertEquals(0, count(t, "Projects", eq(t, "title", "p9")), "create's target insert was rolled back");
    }

    @DatabaseTest
    void autoJunctionByTableName(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> tags = t.db().define("Tag", m -> m.attribute("label", DataTypes.STRING));
        BelongsToMany<Instance, Instance> ut = users.belongsToMany(tags, a -> a.through("UserTags"));
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance x = tags.create(Map.of("label", "x")).block(WAIT);
        Instance y = tags.create(Map.of("label", "y")).block(WAIT);
        ut.add(ada, x, y).block(WAIT);
        ut.add(ada, x).block(WAIT);
        assertEquals(2, count(t, "UserTags", null));
        List<Instance> got = ut.get(ada, q -> q.order(Order.asc("label"))).collectList().block(WAIT);
        assertEquals(id(x), asLong(got.get(0).getOne("UserTags", Instance.class).get("TagId")));
        ut.set(ada, List.of(y)).block(WAIT);
        assertEquals(List.of(id(y)), AssocSupport.longs(t, "UserTags", "TagId", "TagId"));
    }

    @DatabaseTest
    void unsavedSourceWrongModelAndUnsavedTargetAreAssociationErrors(TestDb t) {
        Fixture f = fixture(t);
        Instance unsaved = f.users().build(Map.of("name", "new"));
        Instance p1 = f.p().get(0);
        t.clearStatements();
        StepVerifier.create(f.up().get(unsaved)).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.up().count(unsaved)).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.up().has(unsaved, p1)).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.up().add(unsaved, p1)).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.up().set(unsaved, List.of(p1))).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.up().remove(unsaved, p1)).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.up().create(unsaved, Map.of("title", "x"))).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.up().add(f.ada(), f.bob())).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.up().set(f.ada(), List.of(p1, f.bob()))).expectError(AssociationException.class)
                .verify(WAIT);
        StepVerifier.create(f.up().add(f.ada(), f.projects().build(Map.of("title", "new"))))
                .expectError(AssociationException.class).verify(WAIT);
        assertEquals(List.of(), t.statements());
        assertEquals(0, count(t, "Projects", eq(t, "title", "x")));
        assertEquals(0, count(t, "Memberships", null));
    }

    @DatabaseTest
    void sourceKeyAndTargetKeyOnUniqueColumns(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m
                .attribute("email", DataTypes.STRING, a -> a.unique(true).allowNull(false)));
        Model<Instance> groups = t.db().define("Group", m -> m
                .attribute("code", DataTypes.STRING, a -> a.unique(true).allowNull(false)));
        BelongsToMany<Instance, Instance> ug = users.belongsToMany(groups, a -> a.through("UserGroups")
                .sourceKey("email").targetKey("code"));
        BelongsToMany<Instance, Instance> gu = groups.belongsToMany(users, a -> a.through("UserGroups")
                .sourceKey("code").targetKey("email"));
        assertEquals("UserEmail", ug.foreignKey());
        assertEquals("GroupCode", ug.otherKey());
        assertEquals("GroupCode", gu.foreignKey());
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("email", "ada@x")).block(WAIT);
        Instance bob = users.create(Map.of("email", "bob@x")).block(WAIT);
        Instance red = groups.create(Map.of("code", "RED")).block(WAIT);
        Instance blue = groups.create(Map.of("code", "BLUE")).block(WAIT);
        ug.add(ada, red, blue).block(WAIT);
        ug.add(bob, "RED").block(WAIT);
        List<Map<String, Object>> raw = rows(t, "UserGroups", eq(t, "UserEmail", "ada@x"), "GroupCode", "GroupCode");
        assertEquals(List.of("BLUE", "RED"), raw.stream().map(r -> r.get("GroupCode")).toList());
        assertEquals(List.of("BLUE", "RED"), ug.get(ada, q -> q.order(Order.asc("code"))).map(i -> i.get("code"))
                .collectList().block(WAIT));
        assertEquals(List.of("ada@x", "bob@x"), gu.get(red, q -> q.order(Order.asc("email")))
                .map(i -> i.get("email")).collectList().block(WAIT));
        assertEquals(2L, ug.count(ada).block(WAIT));
        assertTrue(ug.has(ada, List.of(red, "BLUE")).block(WAIT));
        assertFalse(ug.has(bob, blue).block(WAIT));
        ug.set(ada, List.of(blue)).block(WAIT);
        assertEquals(List.of("BLUE"), ug.get(ada).map(i -> i.get("code")).collectList().block(WAIT));
        ug.remove(ada, blue).block(WAIT);
        assertEquals(0L, ug.count(ada).block(WAIT));
        assertEquals(1L, gu.count(red).block(WAIT));
    }
}
