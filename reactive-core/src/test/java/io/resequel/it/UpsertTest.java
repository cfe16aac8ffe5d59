package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.Created;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** upsert with the created flag, bulkCreate fields/ignoreDuplicates/updateOnDuplicate, truncate. */
class UpsertTest {

    static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("Member", s -> s
                .attribute("email", DataTypes.STRING, a -> a.unique(true).allowNull(false))
                .attribute("name", DataTypes.STRING)
                .attribute("score", DataTypes.INTEGER));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void upsertReportsCreatedThenUpdated(TestDb t) {
        Model<Instance> m = users(t);
        Created<Instance> first = m.upsert(Map.of("email", "a@x.io", "name", "Ada", "score", 1)).block();
        assertTrue(first != null && first.created(), () -> "first upsert inserts " + t.statements());
        assertEquals("Ada", first.instance().get("name"));
        Object createdAt = first.instance().get("createdAt");
        Created<Instance> second = m.upsert(Map.of("email", "a@x.io", "name", "Ada L.", "score", 2)).block();
        assertEquals(false, second.created(), "second upsert updates");
        assertEquals("Ada L.", second.instance().get("name"));
        assertEquals(2, second.instance().get("score"));
        assertEquals(first.instance().get("id"), second.instance().get("id"));
        assertEquals(createdAt, second.instance().get("createdAt"), "createdAt is written on insert only");
        Created<Instance> byPk = m.upsert(Map.of("id", first.instance().get("id"), "email", "a@x.io", "score", 3))
                .block();
        assertEquals(false, byPk.created());
        assertEquals(3, byPk.instance().get("score"));
        assertEquals(1L, m.count().block());
        String sql = String.join("\n", t.statements());
        assertTrue(sql.contains(t.is("postgres") ? "ON CONFLICT" : t.is("mysql") ? "ON DUPLICATE KEY" : "MERGE INTO"),
                sql);
    }

    @DatabaseTest
    void bulkCreateConflictOptionsAndTruncate(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("email", "a@x.io", "name", "Ada", "score", 1),
                Map.of("email", "b@x.io", "name", "Bob", "score", 2))).blockLast();
        m.bulkCreate(List.of(Map.of("email", "a@x.io", "name", "Other", "score", 9),
                Map.of("email", "c@x.io", "name", "Cy", "score", 3)),
                BulkCreateOptions.builder().ignoreDuplicates().build()).blockLast();
        assertEquals(List.of("Ada:1", "Bob:2", "Cy:3"), rows(m));
        m.bulkCreate(List.of(Map.of("email", "b@x.io", "name", "Bobby", "score", 20),
                Map.of("email", "d@x.io", "name", "Di", "score", 4)),
                BulkCreateOptions.builder().updateOnDuplicate("score").build()).blockLast();
        assertEquals(List.of("Ada:1", "Bob:20", "Cy:3", "Di:4"), rows(m), "only score is overwritten");
        m.bulkCreate(List.of(Map.of("email", "e@x.io", "name", "Ed", "score", 5)),
                BulkCreateOptions.builder().fields("email", "score").build()).blockLast();
        assertNull(m.findOne(q -> q.where("email", "e@x.io")).block().get("name"), "name is not in fields");
        m.truncate().block();
        assertEquals(0L, m.count().block());
    }

    @DatabaseTest
    void bulkUpdateAndDestroyOptions(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("email", "a@x.io", "name", "Ada", "score", 1),
                Map.of("email", "b@x.io", "name", "Bob", "score", 2),
                Map.of("email", "c@x.io", "name", "Cy", "score", 3))).blockLast();
        Object updatedAt = m.findOne(q -> q.where("email", "a@x.io")).block().get("updatedAt");
        assertEquals(2L, m.update(Map.of("score", 0), o -> o.where(io.resequel.query.Where.and()).limit(2).silent())
                .block().count());
        assertEquals(2L, m.count(io.resequel.query.Where.eq("score", 0)).block());
        assertEquals(updatedAt, m.findOne(q -> q.where("email", "a@x.io")).block().get("updatedAt"), "silent");
        if (t.is("postgres")) {
            io.resequel.query.UpdateResult<Instance> r = m.update(Map.of("name", "Zed"),
                    o -> o.where(io.resequel.query.Where.eq("email", "c@x.io")).returning()).block();
            assertEquals(1, r.count());
            assertEquals("Zed", r.rows().get(0).get("name"));
        } else {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> m.update(
                    Map.of("name", "Zed"), o -> o.where(io.resequel.query.Where.and()).returning()).block());
            assertTrue(e instanceof io.resequel.error.UnsupportedOperatorException, e.toString());
        }
        Exception missing = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> m.destroy(o -> { }).block());
        assertTrue(missing.getMessage().contains("missing where"), missing.getMessage());
        assertEquals(1L, m.destroy(o -> o.where(io.resequel.query.Where.and()).limit(1)).block());
        assertEquals(2L, m.count().block());
        m.destroy(o -> o.truncate()).block();
        assertEquals(0L, m.count().block());
    }

    private static List<String> rows(Model<Instance> m) {
        return m.findAll(q -> q.order(Order.asc("email"))).map(i -> i.get("name") + ":" + i.get("score"))
                .collectList().block();
    }
}
