package io.resequel.it.assoc;

import static io.resequel.it.assoc.Shop.names;
import static io.resequel.it.assoc.Shop.titles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.Instance;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** limit/offset with to-many includes: the root in a limited sub-query; subQuery(false); duplicating(false). */
class EagerLimitTest {

    /** u00..u14 with 3 tasks each (uNN-0..2), u15..u19 without tasks. */
    static Shop many(TestDb t) {
        Shop s = Shop.empty(t);
        List<Map<String, Object>> us = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            us.add(Map.of("name", String.format("u%02d", i)));
        }
        List<Instance> created = s.users.bulkCreate(us).collectList().block();
        List<Map<String, Object>> ts = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            for (int k = 0; k < 3; k++) {
                ts.add(Map.of("title", String.format("u%02d-%d", i, k), "UserId", created.get(i).get("id")));
            }
        }
        s.tasks.bulkCreate(ts).blockLast();
        t.clearStatements();
        return s;
    }

    private static int children(List<Instance> roots) {
        return roots.stream().mapToInt(r -> r.getMany("Tasks", Instance.class).size()).sum();
    }

    @DatabaseTest
    void limitCountsRootsNotRows(TestDb t) {
        Shop s = many(t);
        List<Instance> page = s.users.findAll(q -> q.include(s.tasks).order(Order.asc("name")).limit(10))
                .collectList().block();
        assertEquals(10, page.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(String.format("u%02d", i), page.get(i).get("name"));
            assertEquals(List.of(String.format("u%02d-0", i), String.format("u%02d-1", i), String.format("u%02d-2", i)),
                    titles(page.get(i)), "every child of " + page.get(i).get("name"));
        }
        String sql = s.last();
        assertTrue(sql.contains(" FROM (SELECT "), sql);
        assertTrue(sql.contains(") " + t.q("User") + " LEFT OUTER JOIN " + t.q("Tasks") + " AS " + t.q("Tasks")), sql);
        int inner = sql.indexOf(" FROM (SELECT ");
        int close = sql.indexOf(") " + t.q("User") + " LEFT OUTER JOIN");
        String sub = sql.substring(inner, close);
        assertFalse(sub.contains(t.q("Tasks")), "no include inside the sub-query: " + sub);
        assertTrue(sub.contains("ORDER BY " + t.q("User") + "." + t.q("name") + " ASC"), sub);
        assertTrue(sql.substring(close).contains("ORDER BY " + t.q("User") + "." + t.q("name") + " ASC"),
                "the outer query repeats the order: " + sql);
    }

    @DatabaseTest
    void offsetPagesRoots(TestDb t) {
        Shop s = many(t);
        List<Instance> page = s.users.findAll(q -> q.include(s.tasks).order(Order.asc("name")).limit(10).offset(10))
                .collectList().block();
        assertEquals(List.of("u10", "u11", "u12", "u13", "u14", "u15", "u16", "u17", "u18", "u19"), names(page));
        assertEquals(15, children(page));
        List<Instance> tail = s.users.findAll(q -> q.include(s.tasks).order(Order.desc("name")).offset(18))
                .collectList().block();
        assertEquals(List.of("u01", "u00"), names(tail), "offset without limit");
        assertEquals(6, children(tail));
    }

    @DatabaseTest
    void subQueryFalseCountsJoinedRows(TestDb t) {
        Shop s = many(t);
        List<Instance> rows = s.users.findAll(q -> q.include(s.tasks).order(Order.asc("name")).limit(10)
                .subQuery(false)).collectList().block();
        assertEquals(List.of("u00", "u01", "u02", "u03"), names(rows), "10 joined rows: 3 + 3 + 3 + 1");
        assertEquals(10, children(rows));
        assertEquals(1, rows.get(3).getMany("Tasks", Instance.class).size());
        assertFalse(s.last().contains("(SELECT"), s.last());
    }

    @DatabaseTest
    void duplicatingFalseCountsJoinedRows(TestDb t) {
        Shop s = many(t);
        List<Instance> rows = s.users.findAll(q -> q.include(Include.of(s.tasks).duplicating(false))
                .order(Order.asc("name")).limit(7)).collectList().block();
        assertEquals(List.of("u00", "u01", "u02"), names(rows));
        assertEquals(7, children(rows));
        assertFalse(s.last().contains("(SELECT"), s.last());
    }

    @DatabaseTest
    void requiredIncludesFilterRootsInsideTheSubQuery(TestDb t) {
        Shop s = many(t);
        List<Instance> page = s.users.findAll(q -> q.include(Include.of(s.tasks).where(Where.where("title", Op.LIKE,
                "%-1"))).order(Order.desc("name")).limit(5)).collectList().block();
        assertEquals(List.of("u14", "u13", "u12", "u11", "u10"), names(page), "users without tasks are skipped");
        for (Instance u : page) {
            assertEquals(List.of(u.get("name") + "-1"), titles(u));
        }
        String sql = s.last();
        assertTrue(sql.contains("EXISTS (SELECT 1 FROM " + t.q("Tasks") + " AS " + t.q("Tasks") + " WHERE "), sql);
        assertTrue(sql.contains(") " + t.q("User") + " INNER JOIN " + t.q("Tasks")), sql);
        List<Instance> required = s.users.findAll(q -> q.include(Include.of(s.tasks).required(true)).limit(100))
                .collectList().block();
        assertEquals(15, required.size());
        assertEquals(45, children(required));
        // a nested required include filters through a nested EXISTS
        List<Instance> nested = s.users.findAll(q -> q.include(Include.of(s.tasks).required(true)
                .include(Include.of(s.users)
                .where(Where.eq("name", "u03")))).limit(3)).collectList().block();
        assertEquals(List.of("u03"), names(nested));
        assertEquals(3, titles(nested.get(0)).size());
    }

    @DatabaseTest
    void singleIncludesNeedNoSubQuery(TestDb t) {
        Shop s = many(t);
        List<Instance> ts = s.tasks.findAll(q -> q.include(s.users).order(Order.asc("title")).limit(5))
                .collectList().block();
        assertEquals(5, ts.size());
        assertEquals("u01", ts.get(4).getOne("User", Instance.class).get("name"));
        assertFalse(s.last().contains("(SELECT"), s.last());
    }

    @DatabaseTest
    void findOneAndFindByPkLoadEveryChild(TestDb t) {
        Shop s = many(t);
        Instance u = s.users.findOne(q -> q.include(s.tasks).where("name", "u04")).block();
        assertEquals(List.of("u04-0", "u04-1", "u04-2"), titles(u));
        Instance same = s.users.findByPk(u.get("id"), q -> q.include(s.tasks)).block();
        assertEquals(List.of("u04-0", "u04-1", "u04-2"), titles(same));
        Instance none = s.users.findOne(q -> q.include(Include.of(s.tasks).required(true)).where("name", "u17"))
                .block();
        assertEquals(null, none);
    }

    @DatabaseTest
    void aNestedWhereWithLimitAndToManyIsATypedError(TestDb t) {
        Shop s = many(t);
        reactor.test.StepVerifier.create(s.users.findAll(q -> q.include(s.tasks).where(Where.eq("$Tasks.id$", null))
                        .limit(2)))
                .expectErrorSatisfies(e -> {
                    assertEquals(io.resequel.error.EagerLoadingException.class, e.getClass(), e.toString());
                    assertTrue(e.getMessage().contains("subQuery(false)"), e.getMessage());
                    assertTrue(e.getMessage().contains("User"), e.getMessage());
                })
                .verify();
        List<Instance> idle = s.users.findAll(q -> q.include(s.tasks).where(Where.eq("$Tasks.id$", null))
                .order(Order.asc("name")).limit(2).subQuery(false)).collectList().block();
        assertEquals(List.of("u15", "u16"), names(idle));
    }
}
