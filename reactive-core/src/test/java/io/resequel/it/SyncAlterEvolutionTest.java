package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnsupportedTypeException;
import io.resequel.model.DataTypes;
import io.resequel.model.Deferrable;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.SyncOptions;
import io.resequel.schema.ForeignKeyReference;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code sync({alter})} built on the query interface: foreign keys compared and replaced (target, ON DELETE,
 * deferrable), a column with a foreign key added or dropped, and ARRAY(ENUM) columns on PostgreSQL.
 */
class SyncAlterEvolutionTest {

    private static Model<Instance> parent(TestDb t) {
        return t.db().define("ev_parent", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("ev_parent").timestamps(false)));
    }

    private static Model<Instance> child(TestDb t, Deferrable deferrable, ReferentialAction onDelete) {
        return t.db().define("ev_child", s -> s.attribute("parentId", DataTypes.INTEGER, a -> {
            a.references("ev_parent", "id");
            if (deferrable != null) {
                a.deferrable(deferrable);
            }
            if (onDelete != null) {
                a.onDelete(onDelete);
            }
        }).options(o -> o.tableName("ev_child").timestamps(false)));
    }

    private static List<ForeignKeyReference> keys(TestDb t) {
        return t.db().queryInterface().getForeignKeyReferencesForTable("ev_child").block();
    }

    private static boolean anyAlter(TestDb t) {
        return t.statements().stream().anyMatch(s -> s.startsWith("ALTER") || s.startsWith("CREATE")
                || s.startsWith("DROP"));
    }

    /** Sequelize's "with alter: updates the deferrable property of a foreign key" (PostgreSQL has deferrable keys). */
    @DatabaseTest
    void alterChangesTheDeferrableOfAForeignKey(TestDb t) {
        parent(t);
        child(t, Deferrable.INITIALLY_IMMEDIATE, null);
        t.db().sync().block();
        List<ForeignKeyReference> before = keys(t);
        assertEquals(1, before.size(), before.toString());
        if (!t.is("postgres")) {
            // Ignored where the database has no deferrable keys, as at create: nothing to compare, nothing altered.
            assertNull(before.get(0).deferrable());
            child(t, Deferrable.INITIALLY_DEFERRED, null);
            t.clearStatements();
            t.db().sync(SyncOptions.alter()).block();
            assertTrue(!anyAlter(t), t.statements().toString());
            return;
        }
        assertEquals("DEFERRABLE INITIALLY IMMEDIATE", before.get(0).deferrable());
        Model<Instance> c = child(t, Deferrable.INITIALLY_DEFERRED, null);
        t.db().sync(SyncOptions.alter()).block();
        List<ForeignKeyReference> after = keys(t);
        assertEquals(1, after.size(), after.toString());
        assertEquals("DEFERRABLE INITIALLY DEFERRED", after.get(0).deferrable());
        // Deferred indeed: a child before its parent commits, the key checked at COMMIT.
        Model<Instance> p = parent(t);
        t.db().transaction(tx -> c.create(Map.of("parentId", 7))
                .then(p.create(Map.of("id", 7, "name", "late")))).block();
        assertEquals(1L, c.count().block());
        t.clearStatements();
        t.db().sync(SyncOptions.alter()).block();
        assertTrue(!anyAlter(t), "a second alter finds the key as declared: " + t.statements());
    }

    @DatabaseTest
    void alterReplacesAForeignKeyWhoseOnDeleteChanged(TestDb t) {
        Model<Instance> p = parent(t);
        child(t, null, ReferentialAction.CASCADE);
        t.db().sync().block();
        assertEquals("CASCADE", keys(t).get(0).onDelete());
        Model<Instance> c = child(t, null, ReferentialAction.SET_NULL);
        t.db().sync(SyncOptions.alter()).block();
        List<ForeignKeyReference> after = keys(t);
        assertEquals(1, after.size(), after.toString());
        assertEquals("SET NULL", after.get(0).onDelete());
        Instance parent = p.create(Map.of("name", "p")).block();
        c.create(Map.of("parentId", parent.get("id"))).block();
        p.destroy(io.resequel.query.Where.eq("id", parent.get("id"))).block();
        assertEquals(List.of(Arrays.asList((Object) null)), t.raw("SELECT " + t.q("parentId") + " AS p FROM "
                + t.q("ev_child")).map(r -> Arrays.asList(r.get("p"))).collectList().block(),
                "the child kept, key nulled");
        t.clearStatements();
        t.db().sync(SyncOptions.alter()).block();
        assertTrue(!anyAlter(t), "a second alter changes nothing: " + t.statements());
    }

    /** A column added by alter gets its foreign key; one the model dropped goes with its key (MariaDB needs that). */
    @DatabaseTest
    void alterAddsAndDropsAColumnWithItsForeignKey(TestDb t) {
        Model<Instance> p = parent(t);
        t.db().define("ev_child", s -> s.attribute("note", DataTypes.STRING)
                .options(o -> o.tableName("ev_child").timestamps(false)));
        t.db().sync().block();
        Model<Instance> c = child(t, null, null);
        t.db().sync(SyncOptions.alter()).block();
        List<ForeignKeyReference> added = keys(t);
        assertEquals(1, added.size(), added.toString());
        assertEquals("parentId", added.get(0).columnName());
        assertEquals("ev_parent", added.get(0).referencedTableName());
        assertThrows(io.resequel.error.ForeignKeyConstraintException.class,
                () -> c.create(Map.of("parentId", 99)).block());
        Instance parent = p.create(Map.of("name", "p")).block();
        c.create(Map.of("parentId", parent.get("id"))).block();

        t.db().define("ev_child", s -> s.attribute("note", DataTypes.STRING)
                .options(o -> o.tableName("ev_child").timestamps(false)));
        t.db().sync(SyncOptions.alter()).block();
        assertEquals(List.of(), keys(t));
        assertEquals(List.of("id", "note"), List.copyOf(t.db().queryInterface().describeTable("ev_child").block()
                .keySet()));
        assertEquals(1L, t.raw("SELECT COUNT(*) AS n FROM " + t.q("ev_child")).map(r -> ((Number) r.get("n"))
                .longValue()).blockFirst(), "the row stays");
    }

    private static Model<Instance> tags(TestDb t, String... labels) {
        return t.db().define("ev_tagged", s -> s.attribute("tags", DataTypes.ARRAY(DataTypes.ENUM(labels)))
                .options(o -> o.tableName("ev_tagged").timestamps(false)));
    }

    private static List<Object> tagsOf(Model<Instance> m) {
        return m.findAll(q -> q.order(io.resequel.query.Order.asc("id"))).map(i -> i.get("tags"))
                .collectList().block();
    }

    /** PostgreSQL: labels added in place (the type keeps its OID), removed labels by a new type, data kept. */
    @DatabaseTest
    void alterOfAnArrayOfEnum(TestDb t) {
        if (!t.is("postgres")) {
            UnsupportedTypeException e = assertThrows(UnsupportedTypeException.class, () -> tags(t, "a", "b"));
            assertTrue(e.getMessage().contains("ev_tagged") && e.getMessage().contains("tags"), e.getMessage());
            return;
        }
        Model<Instance> v1 = tags(t, "a", "b");
        t.db().sync(SyncOptions.alter()).block();
        v1.create(Map.of("tags", List.of("b", "a"))).block();
        assertEquals("ENUM('a','b')[]", t.db().queryInterface().describeTable("ev_tagged").block().get("tags").type());
        t.clearStatements();
        t.db().sync(SyncOptions.alter()).block();
        assertTrue(!anyAlter(t), "unchanged: " + t.statements());

        Model<Instance> v2 = tags(t, "a", "b", "c");
        t.clearStatements();
        t.db().sync(SyncOptions.alter()).block();
        assertTrue(t.statements().stream().anyMatch(s -> s.contains("ADD VALUE IF NOT EXISTS 'c'")),
                t.statements().toString());
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("CREATE TYPE")), t.statements().toString());
        v2.create(Map.of("tags", List.of("c"))).block();
        assertEquals(List.of(List.of("b", "a"), List.of("c")), tagsOf(v2));

        Model<Instance> v3 = tags(t, "c", "a", "b");
        t.db().sync(SyncOptions.alter()).block();
        assertEquals(List.of("c", "a", "b"), t.db().queryInterface().describeTable("ev_tagged").block()
                .get("tags").values(), "reordered by a new type");
        assertEquals(List.of(List.of("b", "a"), List.of("c")), tagsOf(v3));
        assertEquals(0L, t.raw("SELECT COUNT(*) AS n FROM pg_type WHERE typname LIKE 'tmp_enum_ev_tagged%'")
                .map(r -> ((Number) r.get("n")).longValue()).blockFirst(), "no temporary type left");
    }
}
