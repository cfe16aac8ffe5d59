package io.resequel.it.assoc;

import static io.resequel.it.assoc.Shop.names;
import static io.resequel.it.assoc.Shop.titles;
import static io.resequel.it.assoc.Shop.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.Instance;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** separate: true includes: a second query per window of roots, per-parent order and limit, nesting, transactions. */
class EagerSeparateTest {

    @DatabaseTest
    void separateHasManyWithOrder(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(Include.of(s.tasks).separate(true)
                .order(Order.desc("title"))).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(all));
        assertEquals(List.of("a2", "a1"), titles(all.get(0)));
        assertEquals(List.of("b1"), titles(all.get(1)));
        assertEquals(List.of(), titles(all.get(2)));
        assertTrue(all.get(2).isIncluded("Tasks"));
        List<String> selects = s.selects();
        assertEquals(2, selects.size(), selects.toString());
        assertFalse(selects.get(0).contains("JOIN"), selects.get(0));
        assertTrue(selects.get(1).contains(" IN ("), selects.get(1));
        assertTrue(selects.get(1).contains("ORDER BY " + t.q("title") + " DESC")
                || selects.get(1).contains("ORDER BY " + t.q("Task") + "." + t.q("title") + " DESC"), selects.get(1));
    }

    @DatabaseTest
    void separateLimitIsPerParent(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(Include.of(s.tasks).order(Order.desc("title")).limit(1))
                .order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("a2"), titles(all.get(0)), "limit implies separate; one per parent");
        assertEquals(List.of("b1"), titles(all.get(1)));
        assertEquals(List.of(), titles(all.get(2)));
        // a separate include's where filters children, never parents
        List<Instance> filtered = s.users.findAll(q -> q.include(Include.of(s.tasks).separate(true)
                .where(Where.eq("title", "b1"))).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy"), names(filtered));
        assertEquals(List.of(), titles(filtered.get(0)));
        assertEquals(List.of("b1"), titles(filtered.get(1)));
    }

    @DatabaseTest
    void separateBelongsToMany(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(Include.of(s.projects).separate(true)
                .order(Order.desc("title"))).order(Order.asc("name"))).collectList().block();
        List<Instance> adas = all.get(0).getMany("Projects", Instance.class);
        assertEquals(List.of("Zeus", "Apollo"), values(adas, "title"));
        assertEquals("dev", adas.get(0).getOne("UserProjects", Instance.class).get("role"));
        assertEquals("lead", adas.get(1).getOne("UserProjects", Instance.class).get("role"));
        List<Instance> bobs = all.get(1).getMany("Projects", Instance.class);
        assertEquals(List.of("Apollo"), values(bobs, "title"));
        assertEquals("dev", bobs.get(0).getOne("UserProjects", Instance.class).get("role"));
        assertEquals(List.of(), all.get(2).getMany("Projects", Instance.class));
        assertEquals(2, s.selects().size(), s.selects().toString());
        List<Instance> one = s.users.findAll(q -> q.include(Include.of(s.projects).order(Order.asc("title")).limit(1)
                .throughAttributes()).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Apollo"), values(one.get(0).getMany("Projects", Instance.class), "title"));
        assertFalse(one.get(0).getMany("Projects", Instance.class).get(0).isIncluded("UserProjects"));
        assertEquals(List.of("Apollo"), values(one.get(1).getMany("Projects", Instance.class), "title"));
        List<Instance> lead = s.users.findAll(q -> q.include(Include.of(s.projects).separate(true)
                .throughWhere(Where.eq("role", "lead"))).order(Order.asc("name"))).collectList().block();
        assertEquals(List.of("Apollo"), values(lead.get(0).getMany("Projects", Instance.class), "title"));
        assertEquals(List.of(), lead.get(1).getMany("Projects", Instance.class));
    }

    @DatabaseTest
    void nestedUnderAndAboveSeparate(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = s.users.findAll(q -> q.include(Include.of(s.tasks).separate(true).include(s.comments))
                .order(Order.asc("name"))).collectList().block();
        List<Instance> adaTasks = all.get(0).getMany("Tasks", Instance.class);
        assertEquals(List.of("a1", "a2"), values(adaTasks, "title"));
        assertEquals(List.of("ok", "bad"), values(adaTasks.get(0).getMany("Comments", Instance.class), "body"));
        assertEquals(List.of("meh"), values(all.get(1).getMany("Tasks", Instance.class).get(0)
                .getMany("Comments", Instance.class), "body"));
        // a separate include below a joined one
        List<Instance> below = s.users.findAll(q -> q.include(Include.of(s.tasks).include(Include.of(s.comments)
                .separate(true).order(Order.asc("body")))).order(Order.asc("name"))).collectList().block();
        List<Instance> a = below.get(0).getMany("Tasks", Instance.class);
        assertEquals(List.of("bad", "ok"), values(a.get(0).getMany("Comments", Instance.class), "body"));
        assertEquals(List.of("ok"), values(a.get(1).getMany("Comments", Instance.class), "body"));
        assertEquals(List.of(), titles(below.get(2)));
    }

    @DatabaseTest
    void separateInsideATransaction(TestDb t) {
        Shop s = Shop.seeded(t);
        List<Instance> all = t.db().transactionMany(tx -> s.users.create(Map.of("name", "Dee"))
                .flatMap(dee -> s.userTasks.create(dee, Map.of("title", "d1")))
                .thenMany(s.users.findAll(q -> q.include(Include.of(s.tasks).separate(true)
                        .include(Include.of(s.comments).separate(true))).order(Order.asc("name")))))
                .collectList().block();
        assertEquals(List.of("Ada", "Bob", "Cy", "Dee"), names(all));
        assertEquals(List.of("d1"), titles(all.get(3)), "sees the transaction's own rows");
        assertEquals(2, all.get(0).getMany("Tasks", Instance.class).get(0).getMany("Comments", Instance.class).size());
    }

    @DatabaseTest
    void manyWindowsOfRoots(TestDb t) {
        Shop s = Shop.empty(t);
        List<Map<String, Object>> us = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            us.add(Map.of("name", String.format("u%03d", i)));
        }
        List<Instance> created = s.users.bulkCreate(us).collectList().block();
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Instance u : created) {
            ts.add(Map.of("title", u.get("name") + "-t", "UserId", u.get("id")));
        }
        s.tasks.bulkCreate(ts).blockLast();
        t.clearStatements();
        List<Instance> all = s.users.findAll(q -> q.include(Include.of(s.tasks).separate(true))
                .order(Order.asc("name"))).collectList().block();
        assertEquals(300, all.size());
        for (Instance u : all) {
            assertEquals(List.of(u.get("name") + "-t"), titles(u));
        }
        assertEquals(3, s.selects().size(), "the roots and one query per window of 256: " + s.selects().size());
    }
}
