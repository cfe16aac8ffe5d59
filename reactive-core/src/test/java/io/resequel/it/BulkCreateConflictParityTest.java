package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resequel.error.UnsupportedFeatureException;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.sql.Feature;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequelize v6.37.8 {@code test/integration/model/bulk-create.test.js}: the its {@link BulkCreateParityTest} left,
 * updateOnDuplicate over composite and field-mapped keys, schemas, {@code conflictAttributes} and
 * {@code conflictWhere}. Tables {@code sc_*}.
 */
class BulkCreateConflictParityTest {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<List<Object>> values(List<Instance> rows, String... attributes) {
        List<List<Object>> out = new ArrayList<>();
        for (Instance r : rows) {
            List<Object> v = new ArrayList<>();
            for (String a : attributes) {
                Object x = r.get(a);
                v.add(x instanceof Number n ? (Object) n.longValue() : x);
            }
            out.add(v);
        }
        return out;
    }

    @DatabaseTest
    void updateOnDuplicateWithAFieldMappedPrimaryKeyThatIsAlsoUnique(TestDb t) {
        Model<Instance> person = t.db().define("Person", s -> s
                .attribute("emailAddress", DataTypes.STRING, a -> a.allowNull(false).primaryKey(true).unique(true)
                        .field("email_address"))
                .attribute("name", DataTypes.STRING, a -> a.allowNull(false).field("name"))
                .options(o -> o.tableName("sc_people")));
        t.db().sync(person, io.resequel.query.SyncOptions.force()).block();
        List<Instance> first = person.bulkCreate(List.of(row("emailAddress", "a@example.com", "name", "Alice")))
                .collectList().block();
        assertEquals(List.of(List.of("a@example.com", "Alice")), values(first, "emailAddress", "name"));
        BulkCreateOptions options = BulkCreateOptions.builder().updateOnDuplicate("emailAddress", "name").build();
        List<Instance> people = person.bulkCreate(List.of(row("emailAddress", "a@example.com", "name", "CHANGED NAME"),
                row("emailAddress", "b@example.com", "name", "Bob")), options).collectList().block();
        assertEquals(List.of(List.of("a@example.com", "CHANGED NAME"), List.of("b@example.com", "Bob")),
                values(people, "emailAddress", "name"));
        assertEquals(List.of(List.of("a@example.com", "CHANGED NAME"), List.of("b@example.com", "Bob")),
                values(person.findAll(q -> q.order(Order.asc("emailAddress"))).collectList().block(),
                        "emailAddress", "name"));
    }

    /** Alice of system1, then CHANGED NAME for system1 and Bob for system2: one update, one insert. */
    private static void updatesTheFirstSystemAndInsertsTheSecond(TestDb t, Model<Instance> person) {
        t.db().sync(person, io.resequel.query.SyncOptions.force()).block();
        person.bulkCreate(List.of(row("systemId", 1, "system", "system1", "name", "Alice"))).blockLast();
        BulkCreateOptions options = BulkCreateOptions.builder().updateOnDuplicate("systemId", "system", "name")
                .build();
        List<Instance> people = person.bulkCreate(List.of(
                row("systemId", 1, "system", "system1", "name", "CHANGED NAME"),
                row("systemId", 1, "system", "system2", "name", "Bob")), options).collectList().block();
        List<List<Object>> expected = List.of(List.of(1L, "system1", "CHANGED NAME"), List.of(1L, "system2", "Bob"));
        assertEquals(expected, values(people, "systemId", "system", "name"));
        assertEquals(expected, values(person.findAll(q -> q.order(Order.asc("system"))).collectList().block(),
                "systemId", "system", "name"));
    }

    @DatabaseTest
    void updateOnDuplicateWithACompositePrimaryKeyOfMappedFields(TestDb t) {
        Model<Instance> person = t.db().define("Person", s -> s
                .attribute("systemId", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).field("system_id"))
                .attribute("system", DataTypes.STRING, a -> a.allowNull(false).primaryKey(true).field("system"))
                .attribute("name", DataTypes.STRING, a -> a.allowNull(false).field("name"))
                .options(o -> o.tableName("sc_systems")));
        updatesTheFirstSystemAndInsertsTheSecond(t, person);
    }

    @DatabaseTest
    void updateOnDuplicateWithACompositeUniqueConstraintOfMappedFields(TestDb t) {
        Model<Instance> person = t.db().define("Person", s -> s
                .attribute("id", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).field("id"))
                .attribute("systemId", DataTypes.INTEGER, a -> a.allowNull(false).unique("system_id_system_unique")
                        .field("system_id"))
                .attribute("system", DataTypes.STRING, a -> a.allowNull(false).unique("system_id_system_unique")
                        .field("system"))
                .attribute("name", DataTypes.STRING, a -> a.allowNull(false).field("name"))
                .options(o -> o.tableName("sc_unique_systems")));
        t.db().sync(person, io.resequel.query.SyncOptions.force()).block();
        person.bulkCreate(List.of(row("id", 1, "systemId", 1, "system", "system1", "name", "Alice"))).blockLast();
        BulkCreateOptions options = BulkCreateOptions.builder().updateOnDuplicate("systemId", "system", "name")
                .build();
        List<Instance> people = person.bulkCreate(List.of(
                row("id", 1, "systemId", 1, "system", "system1", "name", "CHANGED NAME"),
                row("id", 2, "systemId", 1, "system", "system2", "name", "Bob")), options).collectList().block();
        List<List<Object>> expected = List.of(List.of(1L, 1L, "system1", "CHANGED NAME"),
                List.of(2L, 1L, "system2", "Bob"));
        assertEquals(expected, values(people, "id", "systemId", "system", "name"));
        assertEquals(expected, values(person.findAll(q -> q.order(Order.asc("id"))).collectList().block(),
                "id", "systemId", "system", "name"));
    }

    /** Sequelize #12516: the conflict key is a unique index named by column names; the id is generated. */
    @DatabaseTest
    void updateOnDuplicateWithACompositeUniqueIndexOfMappedFields(TestDb t) {
        Model<Instance> person = t.db().define("Person", s -> s
                .attribute("id", DataTypes.INTEGER, a -> a.allowNull(false).autoIncrement(true).primaryKey(true)
                        .field("id"))
                .attribute("systemId", DataTypes.INTEGER, a -> a.allowNull(false).field("system_id"))
                .attribute("system", DataTypes.STRING, a -> a.allowNull(false).field("system"))
                .attribute("name", DataTypes.STRING, a -> a.allowNull(false).field("name"))
                .options(o -> o.tableName("sc_indexed_systems").index(Index.on("system_id", "system").unique(true))));
        updatesTheFirstSystemAndInsertsTheSecond(t, person);
        assertEquals(2L, person.count().block(), "the first row was updated in place, not inserted again");
    }

    /** should support schemas: the rows land in the table of the other schema (MySQL: database). */
    @DatabaseTest
    void supportsSchemas(TestDb t) {
        String schema = "sc_space1";
        t.rawUpdate(t.is("mysql") ? "DROP DATABASE IF EXISTS " + t.q(schema)
                : "DROP SCHEMA IF EXISTS " + t.q(schema) + " CASCADE").block();
        t.db().queryInterface().createSchema(schema).block();
        try {
            Model<Instance> dummy = t.db().define("Dummy", s -> s
                    .attribute("foo", DataTypes.STRING)
                    .attribute("bar", DataTypes.STRING)
                    .options(o -> o.schema(schema).tableName("sc_Dummy")));
            t.db().sync(dummy, io.resequel.query.SyncOptions.force()).block();
            dummy.bulkCreate(List.of(row("foo", "a", "bar", "b"), row("foo", "c", "bar", "d"))).blockLast();
            List<Map<String, Object>> rows = t.raw("SELECT " + t.q("foo") + ", " + t.q("bar") + " FROM "
                    + t.q(schema) + "." + t.q("sc_Dummy") + " ORDER BY " + t.q("foo")).collectList().block();
            assertEquals(List.of("a", "c"), rows.stream().map(r -> r.get("foo")).toList());
        } finally {
            t.db().queryInterface().dropSchema(schema).block();
        }
    }

    @DatabaseTest
    void respectsTheConflictAttributesOption(TestDb t) {
        Model<Instance> permissions = t.db().define("permissions", s -> s
                .attribute("userId", DataTypes.INTEGER, a -> a.allowNull(false).field("user_id"))
                .attribute("permissions", DataTypes.ENUM("owner", "admin", "member"), a -> a.allowNull(false))
                .options(o -> o.timestamps(false).tableName("sc_permissions")));
        t.db().sync(permissions, io.resequel.query.SyncOptions.force()).block();
        // Made outside the model, so only conflictAttributes can name it as the conflict target.
        t.db().queryInterface().addIndex("sc_permissions", Index.on("user_id").unique(true)).block();
        BulkCreateOptions options = BulkCreateOptions.builder().conflictAttributes("userId")
                .updateOnDuplicate("permissions").build();
        List<Map<String, Object>> initial = List.of(row("userId", 1, "permissions", "member"),
                row("userId", 2, "permissions", "admin"), row("userId", 3, "permissions", "owner"));
        List<Instance> first = permissions.bulkCreate(initial, options).collectList().block();
        assertEquals(List.of(List.of(1L, "member"), List.of(2L, "admin"), List.of(3L, "owner")),
                values(first, "userId", "permissions"));
        List<Object> ids = permissions.findAll(q -> q.order(Order.asc("userId"))).map(p -> p.get("id"))
                .collectList().block();
        t.clearStatements();
        List<Instance> second = permissions.bulkCreate(List.of(row("userId", 1, "permissions", "owner"),
                row("userId", 2, "permissions", "member"), row("userId", 3, "permissions", "admin")), options)
                .collectList().block();
        assertEquals(List.of(List.of(1L, "owner"), List.of(2L, "member"), List.of(3L, "admin")),
                values(second, "userId", "permissions"));
        if (t.is("postgres")) {
            String insert = t.statements().stream().filter(s -> s.startsWith("INSERT")).findFirst().orElseThrow();
            assertEquals(true, insert.contains("ON CONFLICT (\"user_id\")"), insert);
        }
        // deviation: the ids are not on the returned instances (no RETURNING with a duplicate option); each row kept
        // its id, which is what Sequelize's `result.id === initialResults[i].id` checks.
        List<Instance> stored = permissions.findAll(q -> q.order(Order.asc("userId"))).collectList().block();
        assertEquals(ids, stored.stream().map(p -> p.get("id")).toList());
        assertEquals(List.of(List.of(1L, "owner"), List.of(2L, "member"), List.of(3L, "admin")),
                values(stored, "userId", "permissions"));
    }

    /** Sequelize's memberships with a unique index over the rows not soft deleted (a partial index). */
    private static Model<Instance> memberships(TestDb t) {
        boolean partial = t.db().dialect().supports(Feature.UPSERT_CONFLICT_WHERE);
        Model<Instance> m = t.db().define("memberships", s -> s
                .attribute("user_id", DataTypes.INTEGER)
                .attribute("foreign_id", DataTypes.INTEGER)
                .attribute("time_deleted", DataTypes.DATE)
                .options(o -> {
                    o.timestamps(false).tableName("sc_memberships");
                    if (partial) {
                        o.index(Index.on("user_id", "foreign_id").unique(true).where(Where.eq("time_deleted", null)));
                    }
                }));
        t.db().sync(m, io.resequel.query.SyncOptions.force()).block();
        return m;
    }

    private static final BulkCreateOptions CONFLICT_WHERE = BulkCreateOptions.builder()
            .conflictWhere(Where.eq("time_deleted", null))
            .conflictAttributes("user_id", "foreign_id")
            .updateOnDuplicate("user_id", "foreign_id", "time_deleted").build();

    private static List<Map<String, Object>> members(java.util.function.IntFunction<Object> deleted) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(row("user_id", i + 1, "foreign_id", i + 20, "time_deleted", deleted.apply(i)));
        }
        return out;
    }

    /** Where the database has no partial unique index, conflictWhere is refused before any SQL. */
    private static boolean refusedWithoutPartialIndexes(TestDb t, Model<Instance> m) {
        if (t.db().dialect().supports(Feature.UPSERT_CONFLICT_WHERE)) {
            return false;
        }
        t.clearStatements();
        assertThrows(UnsupportedFeatureException.class,
                () -> m.bulkCreate(members(i -> null), CONFLICT_WHERE).blockLast());
        assertEquals(List.of(), t.statements().stream().filter(s -> s.startsWith("INSERT")).toList());
        return true;
    }

    @DatabaseTest
    void conflictWhereInsertsItems(TestDb t) {
        Model<Instance> m = memberships(t);
        if (refusedWithoutPartialIndexes(t, m)) {
            return;
        }
        List<Instance> results = m.bulkCreate(members(i -> null), CONFLICT_WHERE).collectList().block();
        for (int i = 0; i < 10; i++) {
            assertEquals(i + 1, ((Number) results.get(i).get("user_id")).intValue());
            assertNull(results.get(i).get("time_deleted"));
        }
        assertEquals(10L, m.count().block());
    }

    @DatabaseTest
    void conflictWhereDoesNotConflictWithSoftDeletedMemberships(TestDb t) {
        Model<Instance> m = memberships(t);
        if (refusedWithoutPartialIndexes(t, m)) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        List<Instance> results = m.bulkCreate(members(i -> now), CONFLICT_WHERE).collectList().block();
        results.forEach(r -> assertNotNull(r.get("time_deleted")));
        results = m.bulkCreate(members(i -> null), CONFLICT_WHERE).collectList().block();
        results.forEach(r -> assertNull(r.get("time_deleted")));
        assertEquals(20L, m.count().block());
    }

    @DatabaseTest
    void conflictWhereUpsertsExistingMemberships(TestDb t) {
        Model<Instance> m = memberships(t);
        if (refusedWithoutPartialIndexes(t, m)) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        m.bulkCreate(members(i -> i % 2 == 1 ? now : null), CONFLICT_WHERE).blockLast();
        List<Instance> results = m.bulkCreate(members(i -> null), CONFLICT_WHERE).collectList().block();
        results.forEach(r -> assertNull(r.get("time_deleted")));
        // The 5 live rows were updated in place, the 5 soft-deleted ones got a live twin.
        assertEquals(15L, m.count().block());
        assertEquals(10L, m.count(Where.eq("time_deleted", null)).block());
    }
}
