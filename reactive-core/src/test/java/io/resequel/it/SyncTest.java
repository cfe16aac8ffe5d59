package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.SyncOptions;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code sync} in its three modes, foreign-key ordering and {@code drop}. */
class SyncTest {

    static boolean tableExists(TestDb t, String table) {
        String sql = switch (t.kind()) {
            case "postgres" -> "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() "
                    + "AND table_name = '" + table + "'";
            case "mysql" -> "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() "
                    + "AND table_name = '" + table + "'";
            default -> "SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' "
                    + "AND TABLE_NAME = '" + table + "'";
        };
        return ((Number) t.raw(sql).blockFirst().get("n")).longValue() > 0;
    }

    static Set<String> columns(TestDb t, String table) {
        String sql = switch (t.kind()) {
            case "postgres" -> "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() "
                    + "AND table_name = '" + table + "'";
            case "mysql" -> "SELECT COLUMN_NAME AS c FROM information_schema.columns WHERE table_schema = DATABASE() "
                    + "AND table_name = '" + table + "'";
            default -> "SELECT COLUMN_NAME AS c FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' "
                    + "AND TABLE_NAME = '" + table + "'";
        };
        return t.raw(sql).map(r -> (String) r.get("c")).collect(Collectors.toSet()).block();
    }

    @DatabaseTest
    void defaultSyncCreatesOnceAndKeepsData(TestDb t) {
        Model<Instance> m = t.db().define("Thing", s -> s.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        m.create(Map.of("name", "kept")).block();
        t.db().sync().block();
        assertEquals(1L, m.count().block());
    }

    @DatabaseTest
    void forceDropsAndRecreates(TestDb t) {
        Model<Instance> m = t.db().define("Thing", s -> s.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        m.create(Map.of("name", "gone")).block();
        t.db().sync(SyncOptions.force()).block();
        assertEquals(0L, m.count().block());
        assertTrue(tableExists(t, "Things"));
    }

    @DatabaseTest
    void alterKeepsDataAddsDropsAndChangesColumns(TestDb t) {
        Model<Instance> v1 = t.db().define("Thing", s -> s
                .attribute("name", DataTypes.STRING(20))
                .attribute("obsolete", DataTypes.INTEGER)
                .attribute("score", DataTypes.INTEGER)
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        v1.bulkCreate(List.of(Map.of("name", "a", "obsolete", 1, "score", 5),
                Map.of("name", "b", "obsolete", 2, "score", 7))).blockLast();

        Model<Instance> v2 = t.db().define("Thing", s -> s
                .attribute("name", DataTypes.STRING(200))
                .attribute("score", DataTypes.BIGINT)
                .attribute("note", DataTypes.TEXT)
                .options(o -> o.timestamps(false)));
        t.db().sync(SyncOptions.alter()).block();

        assertEquals(Set.of("id", "name", "score", "note"), columns(t, "Things"));
        List<Instance> rows = v2.findAll(q -> q.order(io.resequel.query.Order.asc("name"))).collectList().block();
        assertEquals(2, rows.size());
        assertEquals("a", rows.get(0).get("name"));
        assertEquals(5L, rows.get(0).get("score"), "score kept and now BIGINT");
        // the widened column accepts what the old one could not
        v2.create(Map.of("name", "x".repeat(150), "score", Long.MAX_VALUE, "note", "n")).block();
        assertEquals(3L, v2.count().block());
        // altering again with nothing to change is a no-op that keeps the data
        t.db().sync(SyncOptions.alter()).block();
        assertEquals(3L, v2.count().block());
    }

    @DatabaseTest
    void alterCreatesMissingTable(TestDb t) {
        Model<Instance> m = t.db().define("Thing", s -> s.attribute("name", DataTypes.STRING));
        t.db().sync(SyncOptions.alter()).block();
        assertTrue(tableExists(t, "Things"));
        m.create(Map.of("name", "x")).block();
    }

    @DatabaseTest
    void createsInForeignKeyOrderAndDropsInReverse(TestDb t) {
        // defined leaf first: Comment -> Post -> Blog
        Model<Instance> blogs = t.db().define("Blog", s -> s.attribute("name", DataTypes.STRING));
        Model<Instance> posts = t.db().define("Post", s -> s
                .attribute("blogId", DataTypes.INTEGER, a -> a.references("Blogs", "id")));
        Model<Instance> comments = t.db().define("Comment", s -> s
                .attribute("postId", DataTypes.INTEGER, a -> a.references("Posts", "id")
                        .onDelete(ReferentialAction.CASCADE)));
        // now re-register in reverse definition order in a second instance: the registry order is leaf first
        var other = t.connect(b -> { });
        Model<Instance> c2 = other.define("Comment", s -> s
                .attribute("postId", DataTypes.INTEGER, a -> a.references("Posts", "id")));
        Model<Instance> p2 = other.define("Post", s -> s
                .attribute("blogId", DataTypes.INTEGER, a -> a.references("Blogs", "id")));
        other.define("Blog", s -> s.attribute("name", DataTypes.STRING));
        other.sync().block();
        assertTrue(tableExists(t, "Blogs") && tableExists(t, "Posts") && tableExists(t, "Comments"));
        Instance b = blogs.create(Map.of("name", "b")).block();
        Instance p = posts.create(Map.of("blogId", b.get("id"))).block();
        comments.create(Map.of("postId", p.get("id"))).block();
        other.drop().block();
        assertFalse(tableExists(t, "Blogs"));
        assertFalse(tableExists(t, "Posts"));
        assertFalse(tableExists(t, "Comments"));
        // force on a populated chain drops dependents first
        t.db().sync().block();
        Instance b2 = blogs.create(Map.of("name", "b")).block();
        posts.create(Map.of("blogId", b2.get("id"))).block();
        other.sync(SyncOptions.force()).block();
        assertEquals(0L, p2.count().block());
        assertEquals(0L, c2.count().block());
    }

    @DatabaseTest
    void dropOneModel(TestDb t) {
        Model<Instance> a = t.db().define("Apple", s -> s.attribute("name", DataTypes.STRING));
        t.db().define("Pear", s -> s.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        t.db().drop(a).block();
        assertFalse(tableExists(t, "Apples"));
        assertTrue(tableExists(t, "Pears"));
    }
}
