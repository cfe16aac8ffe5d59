package io.resequel.it.assoc;

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
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;

/** include all, by kind, nested (cycle-safe), and merged with explicit includes. */
class EagerAllTest {

    @DatabaseTest
    void includeAll(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(Include.all()).order(Order.asc("name"))).collectList()
                .block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(all));
        Instance ada = all.get(0);
        assertEquals(List.of("a1", "a2"), titles(ada));
        assertEquals("ada-bio", ada.getOne("Profile", Instance.class).get("bio"));
        assertEquals(2, ada.getMany("Projects", Instance.class).size());
        assertFalse(ada.getMany("Tasks", Instance.class).get(0).isIncluded("Comments"), "not nested");
        List<Instance> many = s.users.findAll(q -> q.include(Include.all(Include.Kind.HAS_MANY))
                .order(Order.asc("name"))).collectList().block();
        assertTrue(many.get(0).isIncluded("Tasks"));
        assertFalse(many.get(0).isIncluded("Profile"));
        assertFalse(many.get(0).isIncluded("Projects"));
        List<Instance> ones = s.tasks.findAll(q -> q.include(Include.all(Include.Kind.BELONGS_TO, Include.Kind.HAS_ONE))
                .order(Order.asc("title"))).collectList().block();
        assertEquals("Ada", ones.get(0).getOne("User", Instance.class).get("name"));
        assertFalse(ones.get(0).isIncluded("Comments"));
    }

    @DatabaseTest
    void includeAllNestedIsCycleSafe(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(Include.all().nested()).order(Order.asc("name")))
                .collectList().block();
        Instance ada = all.get(0);
        List<Instance> tasks = ada.getMany("Tasks", Instance.class);
        assertEquals(List.of("ok", "bad"), values(tasks.get(0).getMany("Comments", Instance.class), "body"));
        assertFalse(tasks.get(0).isIncluded("User"), "User is on the path: not joined again");
        assertFalse(tasks.get(0).getMany("Comments", Instance.class).get(0).isIncluded("Task"), "Task on the path");
        assertFalse(ada.getMany("Projects", Instance.class).get(0).isIncluded("Users"));
        assertEquals(List.of("Ada", "Bob", "Cy"), names(all));
        // from the other end: Comment -> Task -> User -> (Profile, Projects), Tasks skipped (Task on the path)
        Instance bad = s.comments.findOne(q -> q.include(Include.all().nested()).where("body", "bad")).block();
        Instance user = bad.getOne("Task", Instance.class).getOne("User", Instance.class);
        assertEquals("Ada", user.get("name"));
        assertEquals("ada-bio", user.getOne("Profile", Instance.class).get("bio"));
        assertEquals(2, user.getMany("Projects", Instance.class).size());
        assertFalse(user.isIncluded("Tasks"));
    }

    @DatabaseTest
    void explicitIncludesAreNotAddedTwice(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(Include.of(s.tasks).attributes("title")
                .include(s.comments), Include.all()).order(Order.asc("name"))).collectList().block();
        Instance ada = all.get(0);
        assertEquals(List.of("a1", "a2"), titles(ada));
        assertEquals(2, ada.getMany("Tasks", Instance.class).get(0).getMany("Comments", Instance.class).size());
        assertNull(ada.getMany("Tasks", Instance.class).get(0).get("UserId"), "the explicit attributes win");
        assertEquals("ada-bio", ada.getOne("Profile", Instance.class).get("bio"));
        String sql = t.statements().get(t.statements().size() - 1);
        assertEquals(sql.indexOf(" AS " + t.q("Tasks") + " ON "), sql.lastIndexOf(" AS " + t.q("Tasks") + " ON "), sql);
        // attributes on the all-include are copied to each generated include
        List<Instance> ids = s.users.findAll(q -> q.include(Include.all(Include.Kind.HAS_ONE).attributes("id"))
                .order(Order.asc("name"))).collectList().block();
        assertNull(ids.get(0).getOne("Profile", Instance.class).get("bio"));
        assertTrue(ids.get(0).getOne("Profile", Instance.class).get("id") != null);
    }
}
