package io.resequel.it.assoc;

import static io.resequel.it.assoc.Shop.named;
import static io.resequel.it.assoc.Shop.names;
import static io.resequel.it.assoc.Shop.titles;
import static io.resequel.it.assoc.Shop.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.Instance;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Joined includes of every association kind, nesting, required/optional, order by included columns, $nested$. */
class EagerJoinTest {

    @DatabaseTest
    void hasOneIsAnInstanceOrNull(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(s.profiles).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(all));
        assertEquals("ada-bio", all.get(0).getOne("Profile", Instance.class).get("bio"));
        assertEquals(s.ada.get("id"), all.get(0).getOne("Profile", Instance.class).get("UserId"));
        assertTrue(all.get(1).isIncluded("Profile"));
        assertNull(all.get(1).getOne("Profile", Instance.class));
        assertNull(all.get(2).getOne("Profile", Instance.class));
        assertEquals(1, t.statements().size(), "one joined statement");
        String sql = s.last();
        assertTrue(sql.contains("FROM " + t.q("Users") + " AS " + t.q("User") + " LEFT OUTER JOIN "
                + t.q("Profiles") + " AS " + t.q("Profile") + " ON "), sql);
        assertTrue(sql.contains(t.q("Profile") + "." + t.q("bio")), sql);
    }

    @DatabaseTest
    void belongsToIsTheParent(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.tasks.findAll(q -> q.include(s.users).order(Order.asc("title"))).collectList().block();
        assertEquals(List.of("a1", "a2", "b1"), values(all, "title"));
        assertEquals(List.of("Ada", "Ada", "Bob"), all.stream().map(x -> x.getOne("User", Instance.class).get("name"))
                .toList());
        String sql = s.last();
        assertTrue(sql.contains(t.q("User") + "." + t.q("id") + " = " + t.q("Task") + "." + t.q("UserId")), sql);
        // included by the association itself, and by alias string: the same graph
        Instance a2 = s.tasks.findOne(q -> q.include(s.taskUser).where("title", "a2")).block();
        assertEquals("Ada", a2.getOne("User", Instance.class).get("name"));
        Instance b1 = s.tasks.findOne(q -> q.include("User").where("title", "b1")).block();
        assertEquals("Bob", b1.getOne("User", Instance.class).get("name"));
    }

    @DatabaseTest
    void hasManyIsAListEmptyWhenNone(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(s.tasks).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(all));
        assertEquals(List.of("a1", "a2"), titles(all.get(0)));
        assertEquals(List.of("b1"), titles(all.get(1)));
        assertEquals(List.of(), titles(all.get(2)));
        assertEquals(List.of(), all.get(2).included("Tasks"), "an empty list, not null");
        Map<String, Object> json = all.get(0).toJSON();
        assertEquals(2, ((List<?>) json.get("Tasks")).size());
        assertEquals("a1", ((Map<?, ?>) ((List<?>) json.get("Tasks")).get(0)).get("title"));
        assertEquals(1, t.statements().size());
    }

    @DatabaseTest
    void belongsToManyCarriesTheJunctionUnderTheThroughModelName(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(s.projects).order(Order.asc("name"), Order.asc("Projects.title")))
                .collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(all));
        List<Instance> adas = all.get(0).getMany("Projects", Instance.class);
        assertEquals(List.of("Apollo", "Zeus"), values(adas, "title"));
        Instance junction = adas.get(0).getOne("UserProjects", Instance.class);
        assertEquals("lead", junction.get("role"));
        assertEquals(s.ada.get("id"), junction.get("UserId"));
        assertEquals(s.apollo.get("id"), junction.get("ProjectId"));
        assertEquals("dev", adas.get(1).getOne("UserProjects", Instance.class).get("role"));
        List<Instance> bobs = all.get(1).getMany("Projects", Instance.class);
        assertEquals(List.of("Apollo"), values(bobs, "title"));
        assertEquals("dev", bobs.get(0).getOne("UserProjects", Instance.class).get("role"),
                "the same project under two users carries each user's junction row");
        assertEquals(List.of(), all.get(2).getMany("Projects", Instance.class));
        String sql = s.last();
        assertTrue(sql.contains(t.q(s.userProjects.tableName()) + " AS " + t.q("Projects->UserProjects")), sql);
        assertTrue(sql.contains(t.q("Projects") + " AS " + t.q("Projects")), sql);
        // the other side
        Instance apollo = s.projects.findOne(q -> q.include(s.users).where("title", "Apollo")).block();
        assertEquals(List.of("Ada", "Bob"), names(apollo.getMany("Users", Instance.class)));
    }

    @DatabaseTest
    void throughAttributesAndThroughWhere(TestDb t) {
        Shop s = Shop.seeded(t);
        Instance ada = s.users.findOne(q -> q.include(Include.of(s.projects).throughAttributes("role"))
                .where("name", "Ada")).block();
        Instance junction = ada.getMany("Projects", Instance.class).get(0).getOne("UserProjects", Instance.class);
        assertEquals("lead", junction.get("role"));
        assertFalse(junction.toJSON().containsKey("UserId"), "only the listed junction attribute: " + junction);
        t.clearStatements();
        Instance bare = s.users.findOne(q -> q.include(Include.of(s.projects).throughAttributes())
                .where("name", "Ada")).block();
        List<Instance> projects = bare.getMany("Projects", Instance.class);
        assertEquals(2, projects.size());
        assertFalse(projects.get(0).isIncluded("UserProjects"), "no junction: " + projects.get(0).toJSON());
        assertFalse(s.last().contains(t.q("Projects->UserProjects") + "." + t.q("role")), s.last());
        // throughWhere filters the junction rows; it does not make the include required
        List<Instance> leads = s.users.findAll(q -> q.include(Include.of(s.projects).throughWhere(Where.eq("role", "lead")))
                .order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(leads));
        assertEquals(List.of("Apollo"), values(leads.get(0).getMany("Projects", Instance.class), "title"));
        assertEquals(List.of(), leads.get(1).getMany("Projects", Instance.class));
        List<Instance> required = s.users.findAll(q -> q.include(Include.of(s.projects).required(true)
                .throughWhere(Where.eq("role", "dev"))).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob"), names(required));
        assertEquals(List.of("Zeus"), values(required.get(0).getMany("Projects", Instance.class), "title"));
    }

    @DatabaseTest
    void threeLevelsWithAWhereOnTheMiddle(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(Include.of(s.tasks).where(Where.eq("title", "a1"))
                .include(Include.of(s.comments).include(s.tasks))).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada"), names(all), "the where makes Tasks required");
        assertEquals(List.of("a1"), titles(all.get(0)));
        List<Instance> cs = all.get(0).getMany("Tasks", Instance.class).get(0).getMany("Comments", Instance.class);
        assertEquals(List.of("ok", "bad"), values(cs, "body"));
        assertEquals("a1", cs.get(1).getOne("Task", Instance.class).get("title"), "third level");
        String sql = s.last();
        assertTrue(sql.contains(" AS " + t.q("Tasks->Comments") + " ON "), sql);
        assertTrue(sql.contains(" AS " + t.q("Tasks->Comments->Task") + " ON "), sql);
        assertTrue(sql.contains("INNER JOIN " + t.q("Tasks") + " AS " + t.q("Tasks")), sql);
        // the same where, not required: every user, only matching tasks
        List<Instance> optional = s.users.findAll(q -> q.include(Include.of(s.tasks).where(Where.eq("title", "a1"))
                .required(false).include(s.comments)).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(optional));
        assertEquals(List.of("a1"), titles(optional.get(0)));
        assertEquals(2, optional.get(0).getMany("Tasks", Instance.class).get(0).getMany("Comments", Instance.class)
                .size());
        assertEquals(List.of(), titles(optional.get(1)));
    }

    @DatabaseTest
    void aRequiredNestedIncludeDropsRootsUnlessNotRequired(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> inner = s.users.findAll(q -> q.include(Include.of(s.tasks)
                .include(Include.of(s.comments).where(Where.eq("body", "bad")))).order(Order.asc("name")))
                .collectList().block();
        // issue 13: the INNER JOIN of Comments is nested in the LEFT JOIN of Tasks, as in Sequelize: it drops the
        // tasks without a bad comment, never a user
        assertEquals(List.of("Ada", "Bob", "Cy"), names(inner));
        assertEquals(List.of("a1"), titles(inner.get(0)));
        assertEquals(List.of(), titles(inner.get(1)));
        List<Instance> dropped = s.users.findAll(q -> q.include(Include.of(s.tasks).required(true)
                .include(Include.of(s.comments).where(Where.eq("body", "bad")))).order(Order.asc("name")))
                .collectList().block();
        assertEquals(List.of("Ada"), names(dropped), "Tasks required too: Bob and Cy are dropped");
        List<Instance> kept = s.users.findAll(q -> q.include(Include.of(s.tasks)
                .include(Include.of(s.comments).where(Where.eq("body", "bad")).required(false)))
                .order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(kept));
        assertEquals(List.of("a1", "a2"), titles(kept.get(0)));
        List<Instance> adaTasks = kept.get(0).getMany("Tasks", Instance.class);
        assertEquals(List.of("bad"), values(adaTasks.get(0).getMany("Comments", Instance.class), "body"));
        assertEquals(List.of(), adaTasks.get(1).getMany("Comments", Instance.class));
        assertEquals(List.of("b1"), titles(kept.get(1)));
    }

    @DatabaseTest
    void requiredOptionalAndWhere(TestDb t) {
        Shop s = Shop.seeded(t);
        assertEquals(3, s.users.findAll(q -> q.include(s.tasks)).collectList().block().size());
        assertTrue(s.last().contains("LEFT OUTER JOIN"), s.last());
        List<Instance> required = s.users.findAll(q -> q.include(Include.of(s.tasks).required(true))
                .order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob"), names(required));
        assertTrue(s.last().contains("INNER JOIN"), s.last());
        assertEquals(List.of("a1", "a2"), titles(required.get(0)));
        List<Instance> byWhere = s.users.findAll(q -> q.include(Include.of(s.tasks).where(Where.eq("title", "b1"))))
                .collectList().block();
        assertEquals(List.of("Bob"), names(byWhere));
        List<Instance> optional = s.users.findAll(q -> q.include(Include.of(s.tasks).where(Where.eq("title", "b1"))
                .required(false)).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(optional));
        assertEquals(List.of(), titles(optional.get(0)));
        assertEquals(List.of("b1"), titles(optional.get(1)));
        String sql = s.last();
        assertTrue(sql.contains("LEFT OUTER JOIN"), sql);
        assertFalse(sql.contains(" WHERE "), "the include where is in the ON clause: " + sql);
        // a to-one where too
        List<Instance> withBio = s.users.findAll(q -> q.include(Include.of(s.profiles).where(Where.eq("bio", "ada-bio"))))
                .collectList().block();
        assertEquals(List.of("Ada"), names(withBio));
    }

    @DatabaseTest
    void orderByAnIncludedColumn(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> desc = s.users.findAll(q -> q.include(Include.of(s.tasks).required(true))
                .order(Order.desc("Tasks.title"))).collectList().block();
        assertEquals(List.of("Bob", "Ada"), names(desc));
        assertEquals(List.of("a2", "a1"), titles(desc.get(1)), "children in the order too");
        assertTrue(s.last().contains("ORDER BY " + t.q("Tasks") + "." + t.q("title") + " DESC"), s.last());
        List<Instance> asc = s.users.findAll(q -> q.include(Include.of(s.tasks).required(true))
                .order(Order.asc("$Tasks.title$"))).collectList().block();
        assertEquals(List.of("Ada", "Bob"), names(asc));
        assertEquals(List.of("a1", "a2"), titles(asc.get(0)));
        // by a nested include's column
        List<Instance> byComment = s.tasks.findAll(q -> q.include(Include.of(s.comments).required(true))
                .order(Order.asc("Comments.body"))).collectList().block();
        assertEquals(List.of("a1", "b1", "a2"), values(byComment, "title"), "bad < meh < ok (a1 first by 'bad')");
        // by a to-one include's column
        List<Instance> byUser = s.tasks.findAll(q -> q.include(s.users).order(Order.desc("User.name"),
                Order.asc("title"))).collectList().block();
        assertEquals(List.of("b1", "a1", "a2"), values(byUser, "title"));
    }

    @DatabaseTest
    void orderByRootColumnsWithIncludes(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(s.tasks, s.profiles, s.projects)
                .order(Order.desc("name"))).collectList().block();
        assertEquals(List.of("Cy", "Bob", "Ada"), names(all));
        assertEquals(List.of("a1", "a2"), titles(all.get(2)));
        assertEquals(2, all.get(2).getMany("Projects", Instance.class).size(), "not multiplied by the 2 tasks");
        assertEquals("ada-bio", all.get(2).getOne("Profile", Instance.class).get("bio"));
        assertEquals(List.of("b1"), titles(all.get(1)));
        assertEquals(1, all.get(1).getMany("Projects", Instance.class).size());
    }

    @DatabaseTest
    void nestedColumnsInTheTopLevelWhere(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> idle = s.users.findAll(q -> q.include(s.tasks).where(Where.eq("$Tasks.id$", null)))
                .collectList().block();
        assertEquals(List.of("Cy"), names(idle));
        assertTrue(s.last().contains("WHERE " + t.q("Tasks") + "." + t.q("id") + " IS NULL"), s.last());
        List<Instance> a2 = s.users.findAll(q -> q.include(s.tasks).where(Where.eq("$Tasks.title$", "a2")))
                .collectList().block();
        assertEquals(List.of("Ada"), names(a2));
        assertEquals(List.of("a2"), titles(a2.get(0)));
        List<Instance> bad = s.users.findAll(q -> q.include(Include.of(s.tasks).include(s.comments))
                .where(Where.eq("$Tasks.Comments.body$", "meh"))).collectList().block();
        assertEquals(List.of("Bob"), names(bad));
        assertTrue(s.last().contains(t.q("Tasks->Comments") + "." + t.q("body") + " = "), s.last());
        List<Instance> mixed = s.users.findAll(q -> q.include(s.tasks).where(Where.or(Where.eq("name", "Cy"),
                Where.eq("$Tasks.title$", "b1"))).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Bob", "Cy"), names(mixed));
    }
}
