package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.InstanceException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** paranoid: soft deletes, finders and counts skipping deleted rows, restore, force, includes. */
class ParanoidTest {

    static Model<Instance> posts(TestDb t) {
        Model<Instance> posts = t.db().define("Post", m -> m
                .attribute("title", DataTypes.STRING, a -> a.unique(true))
                .options(o -> o.paranoid(true).underscored(true).deletedAt("destroyTime")));
        t.db().sync().block();
        posts.bulkCreate(List.of(Map.of("title", "a"), Map.of("title", "b"), Map.of("title", "c"))).blockLast();
        return posts;
    }

    @DatabaseTest
    void destroySetsDeletedAtAndFindsSkipTheRow(TestDb t) {
        Model<Instance> posts = posts(t);
        Instance a = posts.findOne(q -> q.where("title", "a")).block();
        a.destroy().block();
        assertNotNull(a.get("destroyTime"));
        assertTrue(t.statements().get(t.statements().size() - 1).startsWith("UPDATE"), "a soft delete is an UPDATE");
        Map<String, Object> row = t.raw("SELECT " + t.q("destroy_time") + " FROM " + t.q("Posts") + " WHERE "
                + t.q("title") + " = 'a'").blockFirst();
        assertNotNull(row.get("destroy_time"), "the underscored column is set");
        assertEquals(List.of("b", "c"), posts.findAll(q -> q.order(Order.asc("title"))).map(p -> p.get("title"))
                .collectList().block());
        assertEquals(2L, posts.count().block());
        assertEquals(3L, posts.count(q -> q.paranoid(false)).block());
        assertNull(posts.findByPk(a.get("id")).block(), "findByPk of a soft-deleted row finds nothing");
        assertEquals(3, posts.findAll(q -> q.paranoid(false)).collectList().block().size());
        assertEquals("c", posts.max("title", null).block());
        assertThrows(UniqueConstraintException.class, () -> posts.create(Map.of("title", "a")).block(),
                "unique constraints still see soft-deleted rows");
    }

    @DatabaseTest
    void restoreAndForce(TestDb t) {
        Model<Instance> posts = posts(t);
        Instance b = posts.findOne(q -> q.where("title", "b")).block();
        b.destroy().block();
        b.restore().block();
        assertNull(b.get("destroyTime"));
        assertEquals(3L, posts.count().block());
        b.destroy(true).block();
        assertEquals(2L, posts.count(q -> q.paranoid(false)).block(), "force deletes the row");
        assertEquals(2L, posts.destroy(Where.and()).block());
        assertEquals(0L, posts.count().block());
        assertEquals(0L, posts.destroy(Where.and()).block(), "deleted rows are not deleted again");
        assertEquals(2L, posts.restore(Where.and()).block());
        assertEquals(2L, posts.count().block());
        assertEquals(1L, posts.destroy(o -> o.where(Where.eq("title", "a")).force()).block());
        assertEquals(1L, posts.count(q -> q.paranoid(false)).block());
        posts.destroy(Where.eq("title", "c")).block();
        assertEquals(0L, posts.update(Map.of("title", "z"), Where.and()).block(), "bulk update skips deleted rows");
    }

    @DatabaseTest
    void includesHideDeletedChildrenUnlessParanoidFalse(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> notes = t.db().define("Note", m -> m.attribute("text", DataTypes.STRING)
                .options(o -> o.paranoid(true)));
        users.hasMany(notes);
        t.db().sync().block();
        Instance u = users.create(Map.of("name", "Ada", "Notes", List.of(Map.of("text", "kept"),
                Map.of("text", "gone"))), Include.of(notes)).block();
        notes.destroy(Where.eq("text", "gone")).block();
        Instance found = users.findOne(q -> q.include(notes)).block();
        assertEquals(List.of("kept"), found.getMany("Notes", Instance.class).stream().map(n -> n.get("text")).toList());
        Instance all = users.findOne(q -> q.include(Include.of(notes).paranoid(false))).block();
        assertEquals(2, all.getMany("Notes", Instance.class).size());
        Instance separate = users.findOne(q -> q.include(Include.of(notes).separate(true))).block();
        assertEquals(1, separate.getMany("Notes", Instance.class).size());
        assertEquals(u.get("id"), separate.get("id"));
    }

    @DatabaseTest
    void restoreOnAModelThatIsNotParanoidFails(TestDb t) {
        Model<Instance> plain = t.db().define("Plain", m -> m.attribute("x", DataTypes.INTEGER));
        t.db().sync().block();
        Instance p = plain.create(Map.of("x", 1)).block();
        InstanceException e = assertThrows(InstanceException.class, () -> p.restore().block());
        assertTrue(e.getMessage().contains("Plain is not paranoid"), e.getMessage());
    }
}
