package io.resequel.it.assoc;

import static io.resequel.it.assoc.Shop.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.Instance;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Page;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;

/** findAndCountAll and count with includes count distinct roots; required includes filter the count. */
class EagerCountTest {

    @DatabaseTest
    void findAndCountAllCountsDistinctRoots(TestDb t) {
        Shop s = Shop.seeded(t);
        Page<Instance> page = s.users.findAndCountAll(q -> q.include(s.tasks, s.projects).order(Order.asc("name"))
                .limit(2)).block();
        assertEquals(3L, page.count(), "3 users, not 3 + 1 + 1 joined rows");
        assertEquals(List.of("Ada", "Bob"), names(page.rows()));
        assertEquals(2, page.rows().get(0).getMany("Tasks", Instance.class).size());
        String count = s.t.statements().stream().filter(x -> x.contains("COUNT(")).findFirst().orElseThrow();
        assertTrue(count.contains("DISTINCT"), count);
        Page<Instance> required = s.users.findAndCountAll(q -> q.include(Include.of(s.tasks).required(true))
                .limit(1)).block();
        assertEquals(2L, required.count());
        assertEquals(1, required.rows().size());
        Page<Instance> filtered = s.users.findAndCountAll(q -> q.include(Include.of(s.tasks).where(Where.eq("title",
                "a1")))).block();
        assertEquals(1L, filtered.count());
        assertEquals(List.of("Ada"), names(filtered.rows()));
        Page<Instance> none = s.users.findAndCountAll(q -> q.include(Include.of(s.tasks).where(Where.eq("title",
                "zz")))).block();
        assertEquals(0L, none.count());
        assertEquals(List.of(), none.rows());
        Page<Instance> nested = s.users.findAndCountAll(q -> q.include(s.tasks).where(Where.eq("$Tasks.id$", null)))
                .block();
        assertEquals(1L, nested.count());
        assertEquals(List.of("Cy"), names(nested.rows()));
    }

    @DatabaseTest
    void countWithIncludes(TestDb t) {
        Shop s = Shop.seeded(t);
        assertEquals(3L, s.users.count(q -> q.include(s.tasks)).block());
        assertEquals(2L, s.users.count(q -> q.include(Include.of(s.tasks).required(true))).block());
        assertEquals(2L, s.users.count(q -> q.include(Include.of(s.projects).required(true))).block());
        assertEquals(1L, s.users.count(q -> q.include(Include.of(s.projects).required(true)
                .throughWhere(Where.eq("role", "lead")))).block());
        assertEquals(3L, s.users.count(q -> q.include(Include.of(s.tasks).include(Include.of(s.comments)
                .where(Where.eq("body", "bad"))))).block(), "nested under an optional include: no root dropped");
        assertEquals(1L, s.users.count(q -> q.include(Include.of(s.tasks).required(true)
                .include(Include.of(s.comments).where(Where.eq("body", "bad"))))).block(),
                "the nested required include filters too");
        assertEquals(1L, s.users.count(q -> q.include(s.tasks).where(Where.eq("name", "Bob"))).block());
        assertEquals(3L, s.tasks.count(q -> q.include(s.comments)).block());
    }
}
