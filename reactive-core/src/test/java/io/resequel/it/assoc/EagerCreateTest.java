package io.resequel.it.assoc;

import static io.resequel.it.assoc.Shop.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ValidationException;
import io.resequel.model.Instance;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import reactor.test.StepVerifier;

/** create/bulkCreate with associations: keys flow both ways, junction rows, nesting, all-or-nothing. */
class EagerCreateTest {

    private static int indexOf(List<String> statements, String prefix) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @DatabaseTest
    void belongsToParentIsCreatedFirst(TestDb t) {
        Shop s = Shop.empty(t);
        t.clearStatements();
        Instance task = s.tasks.create(Map.of("title", "t1", "User", Map.of("name", "Ann")), Include.of(s.users))
                .block();
        Instance ann = task.getOne("User", Instance.class);
        assertEquals("Ann", ann.get("name"));
        assertEquals(ann.get("id"), task.get("UserId"));
        List<String> st = t.statements();
        int users = indexOf(st, "INSERT INTO " + t.q("Users"));
        int tasks = indexOf(st, "INSERT INTO " + t.q("Tasks"));
        assertTrue(users >= 0 && users < tasks, st.toString());
        assertEquals(0, st.stream().filter(x -> x.startsWith("UPDATE")).count(), "the key is copied before insert");
        Instance read = s.tasks.findOne(q -> q.include(s.users).where("title", "t1")).block();
        assertEquals("Ann", read.getOne("User", Instance.class).get("name"));
    }

    @DatabaseTest
    void hasOneAndHasManyChildrenGetTheKey(TestDb t) {
        Shop s = Shop.empty(t);
        Instance ada = s.users.create(Map.of("name", "Ada", "Profile", Map.of("bio", "b"),
                "Tasks", List.of(Map.of("title", "x"), Map.of("title", "y"))), Include.of(s.profiles),
                Include.of(s.tasks)).block();
        assertEquals(List.of("x", "y"), values(ada.getMany("Tasks", Instance.class), "title"));
        assertEquals(ada.get("id"), ada.getOne("Profile", Instance.class).get("UserId"));
        for (Instance task : ada.getMany("Tasks", Instance.class)) {
            assertEquals(ada.get("id"), task.get("UserId"));
            assertTrue(task.get("id") != null);
        }
        Instance read = s.users.findByPk(ada.get("id"), q -> q.include(s.tasks, s.profiles)).block();
        assertEquals(2, read.getMany("Tasks", Instance.class).size());
        assertEquals("b", read.getOne("Profile", Instance.class).get("bio"));
        assertEquals(2, s.rows("Tasks"));
    }

    @DatabaseTest
    void belongsToManyTargetsAndJunctionRows(TestDb t) {
        Shop s = Shop.empty(t);
        Instance ada = s.users.create(Map.of("name", "Ada", "Projects", List.of(
                Map.of("title", "P1", "UserProjects", Map.of("role", "lead")), Map.of("title", "P2"))),
                Include.of(s.projects)).block();
        List<Instance> ps = ada.getMany("Projects", Instance.class);
        assertEquals(List.of("P1", "P2"), values(ps, "title"));
        assertEquals("lead", ps.get(0).getOne("UserProjects", Instance.class).get("role"));
        assertEquals(2, s.rows("Projects"));
        assertEquals(2, s.rows(s.userProjects.tableName()));
        Instance read = s.users.findOne(q -> q.include(s.projects).order(Order.asc("Projects.title"))).block();
        List<Instance> rp = read.getMany("Projects", Instance.class);
        assertEquals("lead", rp.get(0).getOne("UserProjects", Instance.class).get("role"));
        assertEquals(null, rp.get(1).getOne("UserProjects", Instance.class).get("role"));
        assertEquals(ada.get("id"), rp.get(1).getOne("UserProjects", Instance.class).get("UserId"));
    }

    @DatabaseTest
    void twoLevelsNested(TestDb t) {
        Shop s = Shop.empty(t);
        Instance ada = s.users.create(Map.of("name", "Ada", "Tasks", List.of(
                Map.of("title", "x", "Comments", List.of(Map.of("body", "c1"), Map.of("body", "c2"))),
                Map.of("title", "y"))), Include.of(s.tasks).include(s.comments)).block();
        Instance x = ada.getMany("Tasks", Instance.class).get(0);
        assertEquals(List.of("c1", "c2"), values(x.getMany("Comments", Instance.class), "body"));
        assertEquals(x.get("id"), x.getMany("Comments", Instance.class).get(1).get("TaskId"));
        Instance read = s.users.findOne(q -> q.include(Include.of(s.tasks).include(s.comments))).block();
        assertEquals(List.of("c1", "c2"), values(read.getMany("Tasks", Instance.class).get(0)
                .getMany("Comments", Instance.class), "body"));
        assertEquals(List.of(), read.getMany("Tasks", Instance.class).get(1).getMany("Comments", Instance.class));
        // belongsTo at the second level: comment -> task -> user
        Instance c = s.comments.create(Map.of("body", "c3", "Task", Map.of("title", "z", "User", Map.of("name",
                "Bob"))), Include.of(s.tasks).include(s.users)).block();
        Instance bob = c.getOne("Task", Instance.class).getOne("User", Instance.class);
        assertEquals(bob.get("id"), c.getOne("Task", Instance.class).get("UserId"));
        assertEquals(c.getOne("Task", Instance.class).get("id"), c.get("TaskId"));
        assertEquals(2, s.rows("Users"));
    }

    @DatabaseTest
    void bulkCreateWithInclude(TestDb t) {
        Shop s = Shop.empty(t);
        List<Instance> created = s.users.bulkCreate(List.of(
                Map.of("name", "A", "Tasks", List.of(Map.of("title", "a1"))),
                Map.of("name", "B", "Tasks", List.of(Map.of("title", "b1"), Map.of("title", "b2"))),
                Map.of("name", "C")), Include.of(s.tasks)).collectList().block();
        assertEquals(List.of("A", "B", "C"), values(created, "name"));
        assertEquals(2, created.get(1).getMany("Tasks", Instance.class).size());
        List<Instance> read = s.users.findAll(q -> q.include(s.tasks).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("a1"), Shop.titles(read.get(0)));
        assertEquals(List.of("b1", "b2"), Shop.titles(read.get(1)));
        assertEquals(List.of(), Shop.titles(read.get(2)));
        // one failing record leaves none
        StepVerifier.create(s.users.bulkCreate(List.of(
                Map.of("name", "D", "Tasks", List.of(Map.of("title", "d1", "Comments", List.of(Map.of("body", "ok"))))),
                Map.of("name", "E", "Tasks", List.of(Map.of("title", "e1", "Comments", List.of(Map.of("body", "x")))))),
                Include.of(s.tasks).include(s.comments)).collectList()).expectError(ValidationException.class).verify();
        assertEquals(3, s.rows("Users"));
        assertEquals(3, s.rows("Tasks"));
        assertEquals(0, s.rows("Comments"));
    }

    @DatabaseTest
    void valuesOfAssociationsNotIncludedAreIgnored(TestDb t) {
        Shop s = Shop.empty(t);
        Instance ada = s.users.create(Map.of("name", "Ada", "Tasks", List.of(Map.of("title", "x")),
                "Profile", Map.of("bio", "b")), Include.of(s.profiles)).block();
        assertEquals("b", ada.getOne("Profile", Instance.class).get("bio"));
        assertTrue(!ada.isIncluded("Tasks"));
        assertEquals(0, s.rows("Tasks"));
        assertEquals(1, s.rows("Profiles"));
        Instance plain = s.users.create(Map.of("name", "Bob", "Tasks", List.of(Map.of("title", "y"))),
                Include.of(s.projects)).block();
        assertEquals("Bob", plain.get("name"));
        assertEquals(0, s.rows("Tasks"));
    }

    @DatabaseTest
    void aFailingGrandchildRollsBackTheWholeGraph(TestDb t) {
        Shop s = Shop.empty(t);
        StepVerifier.create(s.users.create(Map.of("name", "Ada", "Tasks", List.of(
                        Map.of("title", "x", "Comments", List.of(Map.of("body", "fine"))),
                        Map.of("title", "y", "Comments", List.of(Map.of("body", "fine too"), Map.of("body", "!"))))),
                        Include.of(s.tasks).include(s.comments)))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(ValidationException.class, e);
                    assertTrue(e.getMessage().contains("body"), e.getMessage());
                })
                .verify();
        assertEquals(0, s.rows("Users"));
        assertEquals(0, s.rows("Tasks"));
        assertEquals(0, s.rows("Comments"));
        // inside the caller's transaction, the same
        StepVerifier.create(t.db().transaction(tx -> s.users.create(Map.of("name", "Bob"))
                        .then(s.users.create(Map.of("name", "Cy", "Tasks", List.of(Map.of("title", "z",
                                "Comments", List.of(Map.of("body", "?"))))), Include.of(s.tasks).include(s.comments)))))
                .expectError(ValidationException.class).verify();
        assertEquals(0, s.rows("Users"));
        assertEquals(0, s.rows("Tasks"));
    }
}
