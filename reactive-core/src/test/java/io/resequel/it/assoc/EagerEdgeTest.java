package io.resequel.it.assoc;

import static io.resequel.it.assoc.Shop.names;
import static io.resequel.it.assoc.Shop.titles;
import static io.resequel.it.assoc.Shop.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/** Corners: attributes without keys, order by included columns under a limit, mixins writing in a transaction. */
class EagerEdgeTest {

    @DatabaseTest
    void attributesWithoutTheKeyStillFold(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.attributes("name").include(Include.of(s.tasks).attributes("title")
                .include(Include.of(s.comments).attributes("body"))).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("a1", "a2"), titles(all.get(0)), "tasks de-duplicated by their (added) key");
        assertNotNull(all.get(0).getMany("Tasks", Instance.class).get(0).get("id"));
        assertEquals(List.of("ok", "bad"), values(all.get(0).getMany("Tasks", Instance.class).get(0)
                .getMany("Comments", Instance.class), "body"));
        // a separate include reads the parent key and its own foreign key even when not listed
        List<Instance> sep = s.users.findAll(q -> q.attributes("name").include(Include.of(s.tasks).attributes("title")
                .separate(true)).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("a1", "a2"), titles(sep.get(0)));
        assertEquals(List.of("b1"), titles(sep.get(1)));
    }

    @DatabaseTest
    void orderByAnIncludedColumnUnderALimit(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> page = s.users.findAll(q -> q.include(s.tasks).order(Order.asc("name"), Order.desc("Tasks.title"))
                .limit(2)).collectList().block();
        assertEquals(List.of("Ada", "Bob"), names(page));
        assertEquals(List.of("a2", "a1"), titles(page.get(0)));
        String sql = s.last();
        assertTrue(sql.contains("ORDER BY " + t.q("User") + "." + t.q("name") + " ASC, " + t.q("Tasks") + "."
                + t.q("title") + " DESC"), sql);
        // the included column does not pick the roots: only the root order goes into the sub-query
        List<Instance> byTask = s.users.findAll(q -> q.include(s.tasks).order(Order.desc("$Tasks.title$"))
                .limit(1)).collectList().block();
        assertEquals(1, byTask.size());
        assertEquals(List.of("Ada"), names(byTask), "the first user by key, its tasks ordered: " + s.last());
        assertEquals(List.of("a2", "a1"), titles(byTask.get(0)));
    }

    @DatabaseTest
    void includeWhereOnABelongsToManyTarget(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> zeus = s.users.findAll(q -> q.include(Include.of(s.projects).where(Where.eq("title", "Zeus"))))
                .collectList().block();
        assertEquals(List.of("Ada"), names(zeus));
        assertEquals(List.of("Zeus"), values(zeus.get(0).getMany("Projects", Instance.class), "title"));
        List<Instance> all = s.users.findAll(q -> q.include(Include.of(s.projects).where(Where.eq("title", "Zeus"))
                .required(false)).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(all));
        assertEquals(List.of(), all.get(1).getMany("Projects", Instance.class),
                "Bob's Apollo junction row matched, but its project did not");
        List<Instance> limited = s.users.findAll(q -> q.include(Include.of(s.projects).where(Where.eq("title",
                "Apollo"))).order(Order.asc("name")).limit(5)).collectList().block();
        assertEquals(List.of("Ada", "Bob"), names(limited));
    }

    @DatabaseTest
    void belongsToManyMixinCreateCommits(TestDb t) {
        Shop s = Shop.seeded(t);
        Instance p = s.userProjectLinks.create(s.cy, Map.of("title", "Hera"), Map.of("role", "owner")).block();
        assertEquals("Hera", p.get("title"));
        assertEquals(3, s.rows("Projects"), "the created target is committed");
        Instance cy = s.users.findOne(q -> q.include(s.projects).where("name", "Cy")).block();
        assertEquals(List.of("Hera"), values(cy.getMany("Projects", Instance.class), "title"));
        assertEquals("owner", cy.getMany("Projects", Instance.class).get(0).getOne("UserProjects", Instance.class)
                .get("role"));
    }

    @DatabaseTest
    void findOneWithASingleIncludeByItsKey(TestDb t) {
        Shop s = Shop.seeded(t);
        Instance task = s.tasks.findByPk(s.ada.get("id"), q -> q.include(s.users)).block();
        assertNotNull(task);
        Instance none = s.users.findByPk(-1, q -> q.include(s.tasks)).block();
        assertNull(none);
        Instance cy = s.users.findByPk(s.cy.get("id"), q -> q.include(s.tasks, s.profiles)).block();
        assertEquals(List.of(), titles(cy));
        assertNull(cy.getOne("Profile", Instance.class));
    }

    @DatabaseTest
    void hasOneMixinSetCommits(TestDb t) {
        Shop s = Shop.seeded(t);
        Instance fresh = s.profiles.create(Map.of("bio", "new-bio")).block();
        s.userProfile.set(s.ada, fresh).block();
        Instance ada = s.users.findOne(q -> q.include(s.profiles).where("name", "Ada")).block();
        assertEquals("new-bio", ada.getOne("Profile", Instance.class).get("bio"), "the swap is committed");
        assertEquals(1L, s.profiles.count(Where.eq("UserId", null)).block(), "the old profile is unlinked");
    }

    @DatabaseTest
    void requiredToOneIncludesFilterTheLimitedRoots(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> tasks = s.tasks.findAll(q -> q.include(Include.of(s.users).where(Where.eq("name", "Ada")),
                Include.of(s.comments)).order(Order.desc("title")).limit(1)).collectList().block();
        assertEquals(List.of("a2"), values(tasks, "title"), "Bob's b1 is filtered inside the sub-query");
        assertEquals("Ada", tasks.get(0).getOne("User", Instance.class).get("name"));
        assertEquals(List.of("ok"), values(tasks.get(0).getMany("Comments", Instance.class), "body"));
        assertTrue(s.last().contains("EXISTS (SELECT 1 FROM " + t.q("Users")), s.last());
        List<Instance> withBio = s.users.findAll(q -> q.include(Include.of(s.profiles).required(true), Include.of(s.tasks))
                .limit(3)).collectList().block();
        assertEquals(List.of("Ada"), names(withBio));
        assertEquals(List.of("a1", "a2"), titles(withBio.get(0)));
    }

    @DatabaseTest
    void createWithAnAliasedBelongsTo(TestDb t) {
        Shop s = Shop.empty(t);
        io.resequel.model.Model<Instance> notes = t.db().define("Note", m -> m.attribute("text",
                io.resequel.model.DataTypes.STRING));
        notes.belongsTo(s.users, a -> a.as("Author").foreignKey("authorId"));
        t.db().sync().block();
        Instance n = notes.create(Map.of("text", "hi", "Author", Map.of("name", "Zed")), Include.of(s.users).as("Author"))
                .block();
        assertEquals(n.getOne("Author", Instance.class).get("id"), n.get("authorId"));
        Instance read = notes.findOne(q -> q.include("Author")).block();
        assertEquals("Zed", read.getOne("Author", Instance.class).get("name"));
        reactor.test.StepVerifier.create(notes.create(Map.of("text", "x", "Author", Map.of("name", "Y")),
                Include.of(s.users))).expectErrorSatisfies(e -> {
                    assertEquals(io.resequel.error.EagerLoadingException.class, e.getClass());
                    assertTrue(e.getMessage().contains("User is associated to Note using an alias"), e.getMessage());
                }).verify();
        assertEquals(1, s.rows("Users"));
    }
}
