package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ResequelException;
import io.resequel.error.UnsupportedFeatureException;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.TableConstraint;
import io.resequel.query.Created;
import io.resequel.query.Expr;
import io.resequel.query.SyncOptions;
import io.resequel.query.UpsertOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.Map;

/**
 * The its of Sequelize v6.37.8 {@code test/integration/model/upsert.test.js} that {@link UpsertParityTest} left:
 * database functions as values, conflict keys from the model's {@code indexes}, {@code conflictFields} and
 * {@code conflictWhere}. Sequelize runs the conflictFields its on PostgreSQL and SQLite and the conflictWhere its on
 * PostgreSQL only; here conflictFields runs everywhere (MySQL's {@code ON DUPLICATE KEY} takes any key, the fields
 * choose the row read back) and conflictWhere is a typed refusal on H2 and MariaDB, which have no partial indexes.
 */
class SequelizeUpsertConflictTest {

    private static final UpsertOptions ON_MEMBER = UpsertOptions.builder().conflictFields("user_id", "group_id")
            .build();
    private static final UpsertOptions UNDER_UNIQUE = UpsertOptions.builder()
            .conflictWhere(Where.eq("isUnique", true)).build();

    /** The suite's user model, with the composite unique key (foo, bar). */
    private static Model<Instance> user(TestDb t) {
        Model<Instance> m = t.db().define("fid_user", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("foo", DataTypes.STRING, a -> a.unique("foobar"))
                .attribute("bar", DataTypes.INTEGER, a -> a.unique("foobar"))
                .attribute("baz", DataTypes.STRING, a -> a.field("zab").defaultValue("BAZ_DEFAULT_VALUE")));
        t.db().sync(m, SyncOptions.force()).block();
        return m;
    }

    @DatabaseTest
    void worksWithDatabaseFunctions(TestDb t) {
        Model<Instance> m = user(t);
        Created<Instance> first = m.upsert(Map.of("id", 42, "username", "john", "foo",
                Expr.fn("upper", "mixedCase1"))).block();
        assertTrue(first.created());
        Created<Instance> second = m.upsert(Map.of("id", 42, "username", "doe", "foo",
                Expr.fn("upper", "mixedCase2"))).block();
        assertFalse(second.created());
        Instance u = m.findByPk(42).block();
        assertNotNull(u.get("createdAt"));
        assertEquals("doe", u.get("username"));
        assertEquals("MIXEDCASE2", u.get("foo"));
        assertEquals("MIXEDCASE2", second.instance().get("foo"), "the row read back holds the function's result");
    }

    @DatabaseTest
    void aUniqueIndexOfTheModelsIndexesIsTheConflictKey(TestDb t) {
        Model<Instance> m = t.db().define("fid_User", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("email", DataTypes.STRING)
                .attribute("city", DataTypes.STRING)
                .options(o -> o.index(Index.on("username").unique(true)).index(Index.on("email").unique(true))));
        t.db().sync(m, SyncOptions.force()).block();
        assertTrue(m.upsert(Map.of("username", "user1", "email", "user1@domain.ext", "city", "City")).block()
                .created());
        Created<Instance> second = m.upsert(Map.of("username", "user1", "email", "user1@domain.ext",
                "city", "New City")).block();
        assertFalse(second.created());
        Instance u = m.findOne(q -> q.where(Where.eq("username", "user1").and(Where.eq("email",
                "user1@domain.ext")))).block();
        assertNotNull(u.get("createdAt"));
        assertEquals("New City", u.get("city"));
        assertEquals(1L, m.count().block());
        assertEquals("New City", second.instance().get("city"));
    }

    @DatabaseTest
    void aCompositeUniqueIndexOfTheModelsIndexesIsTheConflictKey(TestDb t) {
        Model<Instance> m = t.db().define("fid_User", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("address", DataTypes.STRING)
                .attribute("city", DataTypes.STRING)
                .options(o -> o.index(Index.on("name", "address").name("fid_users_name_address").unique(true))));
        t.db().sync(m, SyncOptions.force()).block();
        assertTrue(m.upsert(Map.of("name", "user1", "address", "address", "city", "City")).block().created());
        assertFalse(m.upsert(Map.of("name", "user1", "address", "address", "city", "New City")).block().created());
        Instance u = m.findOne(q -> q.where(Where.eq("name", "user1").and(Where.eq("address", "address")))).block();
        assertNotNull(u.get("createdAt"));
        assertEquals("New City", u.get("city"));
        assertEquals(1L, m.count().block());
    }

    // ---- conflictFields -----------------------------------------------------------------------------------

    /** A joiner table whose unique pair is added by the query interface, so the model cannot infer it. */
    private static Model<Instance> memberships(TestDb t) {
        Model<Instance> m = t.db().define("fid_memberships", s -> s
                .attribute("user_id", DataTypes.INTEGER)
                .attribute("group_id", DataTypes.INTEGER)
                .attribute("permissions", DataTypes.ENUM("admin", "member"))
                .options(o -> o.tableName("fid_memberships")));
        t.db().sync(m, SyncOptions.force()).block();
        t.db().queryInterface().addConstraint("fid_memberships", TableConstraint.unique("user_id", "group_id"))
                .block();
        return m;
    }

    @DatabaseTest
    void conflictFieldsInsertWithNoOtherRows(TestDb t) {
        Model<Instance> m = memberships(t);
        Created<Instance> row = m.upsert(Map.of("user_id", 1, "group_id", 1, "permissions", "member"), ON_MEMBER)
                .block();
        assertTrue(row.created());
        assertEquals("member", row.instance().get("permissions"));
        // without them the model knows no key among the values: a typed error, no SQL
        ResequelException e = assertThrows(ResequelException.class, () -> m.upsert(Map.of("user_id", 1,
                "group_id", 1, "permissions", "admin")).block());
        assertTrue(e.getMessage().contains("RSQ-607"), e.getMessage());
    }

    @DatabaseTest
    void conflictFieldsAreTheUpsertKeys(TestDb t) {
        Model<Instance> m = memberships(t);
        Instance original = m.upsert(Map.of("user_id", 1, "group_id", 1, "permissions", "member"), ON_MEMBER)
                .block().instance();
        assertEquals("member", original.get("permissions"));
        Created<Instance> updated = m.upsert(Map.of("user_id", 1, "group_id", 1, "permissions", "admin"),
                ON_MEMBER).block();
        assertFalse(updated.created());
        assertEquals("admin", updated.instance().get("permissions"));
        assertEquals(original.get("id"), updated.instance().get("id"));
        Instance other = m.upsert(Map.of("user_id", 2, "group_id", 1, "permissions", "member"), ON_MEMBER)
                .block().instance();
        assertEquals("member", other.get("permissions"));
        assertNotEquals(original.get("id"), other.get("id"));
        assertEquals(2L, m.count().block());
        if (t.is("postgres")) {
            assertTrue(t.statements().stream().anyMatch(s -> s.contains("ON CONFLICT (" + t.q("user_id") + ", "
                    + t.q("group_id") + ")")), String.valueOf(t.statements()));
        }
    }

    @DatabaseTest
    void conflictFieldsMustHaveValues(TestDb t) {
        Model<Instance> m = memberships(t);
        t.clearStatements();
        ResequelException e = assertThrows(ResequelException.class, () -> m.upsert(Map.of("user_id", 1,
                "permissions", "member"), ON_MEMBER).block());
        assertTrue(e.getMessage().contains("group_id"), e.getMessage());
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("INSERT") || s.startsWith("MERGE")),
                String.valueOf(t.statements()));
    }

    // ---- conflictWhere ------------------------------------------------------------------------------------

    /** Users whose name is unique among the rows with {@code isUnique} (a partial unique index, PostgreSQL). */
    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("fid_users", s -> s
                .attribute("name", DataTypes.STRING)
                .attribute("bio", DataTypes.STRING)
                .attribute("isUnique", DataTypes.BOOLEAN)
                .options(o -> o.tableName("fid_users").index(t.is("postgres")
                        ? Index.on("name").unique(true).where(Where.eq("isUnique", true))
                        : Index.on("bio"))));
        t.db().sync(m, SyncOptions.force()).block();
        return m;
    }

    /** H2 and MariaDB have no partial indexes: the option is refused before any SQL. */
    private static boolean refusedWithoutPartialIndexes(TestDb t, Model<Instance> m) {
        if (t.is("postgres")) {
            return false;
        }
        t.clearStatements();
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> m.upsert(
                Map.of("name", "John", "isUnique", true), UNDER_UNIQUE).block());
        assertTrue(e.getMessage().contains("conflictWhere"), e.getMessage());
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("INSERT") || s.startsWith("MERGE")),
                String.valueOf(t.statements()));
        assertEquals(0L, m.count().block());
        return true;
    }

    @DatabaseTest
    void conflictWhereInsertWithNoOtherRows(TestDb t) {
        Model<Instance> m = users(t);
        if (refusedWithoutPartialIndexes(t, m)) {
            return;
        }
        Created<Instance> row = m.upsert(Map.of("name", "John", "isUnique", true), UNDER_UNIQUE).block();
        assertTrue(row.created());
        assertEquals("John", row.instance().get("name"));
        assertTrue(t.statements().stream().anyMatch(s -> s.contains("ON CONFLICT (" + t.q("name") + ") WHERE "
                + t.q("isUnique") + " = TRUE DO UPDATE")), String.valueOf(t.statements()));
    }

    @DatabaseTest
    void conflictWhereUpdatesTheOtherUniqueUser(TestDb t) {
        Model<Instance> m = users(t);
        if (refusedWithoutPartialIndexes(t, m)) {
            return;
        }
        Instance first = m.upsert(Map.of("name", "John", "isUnique", true, "bio", "before"), UNDER_UNIQUE).block()
                .instance();
        assertEquals("before", first.get("bio"));
        // more than PostgreSQL's five custom plans: the predicate must not become a parameter of a generic plan
        for (int i = 0; i < 7; i++) {
            Created<Instance> again = m.upsert(Map.of("name", "John", "isUnique", true, "bio", "after" + i),
                    UNDER_UNIQUE).block();
            assertFalse(again.created());
            assertEquals("John", again.instance().get("name"));
            assertEquals("after" + i, again.instance().get("bio"));
        }
        assertEquals(1L, m.count().block());
    }

    @DatabaseTest
    void conflictWhereAllowsUniqueAndNonUniqueUsersOfOneName(TestDb t) {
        Model<Instance> m = users(t);
        if (refusedWithoutPartialIndexes(t, m)) {
            return;
        }
        Instance first = m.upsert(Map.of("name", "John", "isUnique", true, "bio", "first"), UNDER_UNIQUE).block()
                .instance();
        assertEquals("first", first.get("bio"));
        Created<Instance> second = m.upsert(Map.of("name", "John", "isUnique", false, "bio", "second"),
                UNDER_UNIQUE).block();
        assertTrue(second.created());
        assertEquals("John", second.instance().get("name"));
        assertEquals("second", second.instance().get("bio"), "the row written is read back, not the other John");
        assertEquals(2L, m.count().block());
        // the unique John is still the one updated
        Created<Instance> third = m.upsert(Map.of("name", "John", "isUnique", true, "bio", "third"), UNDER_UNIQUE)
                .block();
        assertFalse(third.created());
        assertEquals(first.get("id"), third.instance().get("id"));
        assertEquals("third", third.instance().get("bio"));
    }

    @DatabaseTest
    void conflictWhereAllowsUniqueUsersOfDifferentNames(TestDb t) {
        Model<Instance> m = users(t);
        if (refusedWithoutPartialIndexes(t, m)) {
            return;
        }
        assertEquals("first", m.upsert(Map.of("name", "John", "isUnique", true, "bio", "first"), UNDER_UNIQUE)
                .block().instance().get("bio"));
        Created<Instance> second = m.upsert(Map.of("name", "Bob", "isUnique", false, "bio", "second"),
                UNDER_UNIQUE).block();
        assertEquals("Bob", second.instance().get("name"));
        assertEquals("second", second.instance().get("bio"));
        assertEquals(2L, m.count().block());
    }
}
