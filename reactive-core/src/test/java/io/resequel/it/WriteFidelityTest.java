package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.BulkValidationException;
import io.resequel.error.ResequelException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.error.ValidationException;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.Order;
import io.resequel.query.UpsertOptions;
import io.resequel.query.Where;
import io.resequel.sql.Feature;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.validation.V;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/** Regression tests of the write paths: generated keys, bulk rows, upsert's update, DECIMAL, bulk atomicity. */
class WriteFidelityTest {

    private static long count(TestDb t, String table) {
        return BulkTest.count(t, table);
    }

    @DatabaseTest
    void camelCaseKeyAndReturnedColumnsAreReadBack(TestDb t) {
        Model<Instance> m = t.db().define("Account", s -> s
                .attribute("userId", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("displayName", DataTypes.STRING));
        t.db().sync().block();
        Instance one = m.create(Map.of("displayName", "Ada")).block();
        assertNotNull(one.get("userId"), "create reads the generated userId back");
        List<Instance> many = m.bulkCreate(List.of(Map.of("displayName", "Bob"), Map.of("displayName", "Cy")))
                .collectList().block();
        assertNotNull(many.get(1).get("userId"));
        if (t.db().dialect().supports(Feature.MULTI_ROW_GENERATED_KEYS)) {
            List<Instance> returned = m.bulkCreate(List.of(Map.of("displayName", "Dee"), Map.of("displayName", "Eve")),
                    BulkCreateOptions.builder().returning().build()).collectList().block();
            assertEquals(2, returned.size());
            assertNotNull(returned.get(1).get("createdAt"), "returning reads createdAt");
            assertEquals(Set.of("Dee", "Eve"), Set.of(returned.get(0).get("displayName"),
                    returned.get(1).get("displayName")));
        }
        assertEquals(t.db().dialect().supports(Feature.MULTI_ROW_GENERATED_KEYS) ? 5 : 3, count(t, "Accounts"));
    }

    @DatabaseTest
    void bulkCreateOfRecordsWithoutValuesInsertsEveryRecord(TestDb t) {
        Model<Instance> m = t.db().define("Blank", s -> s
                .attribute("note", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        List<Instance> made = m.bulkCreate(List.of(Map.of(), Map.of(), Map.of())).collectList().block();
        assertEquals(3, made.size());
        assertEquals(3, count(t, "Blanks"), "every record is a row");
        Set<Object> ids = new HashSet<>();
        made.forEach(i -> ids.add(i.get("id")));
        assertEquals(3, ids.size(), () -> "each instance has its own id: " + ids);
    }

    @DatabaseTest
    void bulkCreateWithSomeExplicitKeysLetsTheOthersBeGenerated(TestDb t) {
        Model<Instance> m = t.db().define("Tag", s -> s
                .attribute("label", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        Map<String, Object> absent = new HashMap<>();
        absent.put("id", null);
        absent.put("label", "null id");
        List<Instance> made = m.bulkCreate(List.of(Map.of("id", 100, "label", "hundred"), Map.of("label", "none"),
                absent, Map.of("id", 200, "label", "two hundred"))).collectList().block();
        assertEquals(4, count(t, "Tags"));
        assertEquals(100, made.get(0).get("id"));
        assertEquals(200, made.get(3).get("id"));
        List<Instance> read = m.findAll(q -> q.order(Order.asc("label"))).collectList().block();
        Set<Object> ids = new HashSet<>();
        read.forEach(i -> ids.add(i.get("id")));
        assertEquals(4, ids.size(), () -> "distinct keys " + ids);
        assertTrue(ids.containsAll(List.of(100, 200)));
        assertNotNull(made.get(1).get("id"), "a generated key is read back");
        assertEquals(made.get(1).get("id"), m.findOne(q -> q.where(Where.eq("label", "none"))).block().get("id"));
    }

    private static Model<Instance> members(TestDb t) {
        Model<Instance> m = t.db().define("Member", s -> s
                .attribute("email", DataTypes.STRING, a -> a.unique(true).allowNull(false))
                .attribute("name", DataTypes.STRING, a -> a.validate(V.len(2, 20)))
                .attribute("score", DataTypes.INTEGER, a -> a.defaultValue(5))
                .attribute("active", DataTypes.BOOLEAN, a -> a.defaultValue(true)));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void upsertUpdatesOnlyTheGivenValues(TestDb t) {
        Model<Instance> m = members(t);
        m.create(Map.of("email", "a@x.io", "name", "Ada", "score", 9, "active", false)).block();
        Instance updated = m.upsert(Map.of("email", "a@x.io", "name", "Ada L.")).block().instance();
        assertEquals("Ada L.", updated.get("name"));
        assertEquals(9, updated.get("score"), "a default does not overwrite the stored value");
        assertEquals(false, updated.get("active"));
        // fields: only these are updated (the insert would still write every value).
        Instance limited = m.upsert(Map.of("email", "a@x.io", "name", "Ada K.", "score", 1),
                UpsertOptions.builder().fields("name").build()).block().instance();
        assertEquals("Ada K.", limited.get("name"));
        assertEquals(9, limited.get("score"));
        // validate(false) lets a value through that the validators reject.
        assertThrows(ValidationException.class, () -> m.upsert(Map.of("email", "a@x.io", "name", "A")).block());
        m.upsert(Map.of("email", "a@x.io", "name", "A"), UpsertOptions.builder().validate(false).build()).block();
        assertEquals("A", m.findOne(q -> q.where(Where.eq("email", "a@x.io"))).block().get("name"));
        // returning(false): the write happens, no row is read back.
        t.clearStatements();
        var quiet = m.upsert(Map.of("email", "b@x.io", "name", "Bob"), UpsertOptions.builder().returning(false)
                .build()).block();
        assertEquals("Bob", quiet.instance().get("name"));
        // One statement (H2: the existence check, then MERGE); no SELECT reads the row back afterwards.
        List<String> ran = t.statements();
        assertEquals(t.is("h2") ? 2 : 1, ran.size(), ran::toString);
        assertTrue(!ran.get(ran.size() - 1).startsWith("SELECT"), ran::toString);
        assertEquals(2L, m.count().block());
    }

    @DatabaseTest
    void decimalWithoutPrecisionKeepsTheDigits(TestDb t) {
        Model<Instance> m = t.db().define("Price", s -> s
                .attribute("amount", DataTypes.DECIMAL)
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        // MySQL's and MariaDB's bare DECIMAL is DECIMAL(10,0): whole numbers of up to ten digits.
        String given = t.is("mysql") ? "1234.6" : "12345678901.123456";
        m.create(Map.of("amount", new BigDecimal(given))).block();
        BigDecimal read = (BigDecimal) m.findOne(q -> { }).block().get("amount");
        BigDecimal expected = new BigDecimal(t.is("mysql") ? "1235" : given);
        assertEquals(0, expected.compareTo(read), () -> "read " + read);
        t.clearStatements();
        t.db().sync(io.resequel.query.SyncOptions.alter()).block();
        assertTrue(t.statements().stream().noneMatch(x -> x.startsWith("ALTER")), () -> "in sync: " + t.statements());
        assertEquals(0, expected.compareTo((BigDecimal) m.findOne(q -> { }).block().get("amount")), "alter keeps the column");
    }

    @DatabaseTest
    void oneBulkCreateStampsEveryRowAlike(TestDb t) {
        Model<Instance> m = BulkTest.items(t);
        Model<Instance> stamped = t.db().define("Event", s -> s.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(Map.of("name", "e" + i));
        }
        List<Instance> made = stamped.bulkCreate(rows).collectList().block();
        Set<Object> stamps = new HashSet<>();
        made.forEach(i -> {
            stamps.add(i.get("createdAt"));
            stamps.add(i.get("updatedAt"));
        });
        assertEquals(1, stamps.size(), () -> "one timestamp for the call: " + stamps);
        assertEquals(1L, ((Number) t.raw("SELECT COUNT(DISTINCT " + t.q("createdAt") + ") AS n FROM "
                + t.q("Events")).blockFirst().get("n")).longValue());
        assertEquals(0L, m.count().block());
    }

    @DatabaseTest
    void updateOnDuplicateRefusesAnEmptyList(TestDb t) {
        Model<Instance> m = BulkTest.items(t);
        Throwable e = assertThrows(Throwable.class, () -> m.bulkCreate(List.of(Map.of("code", "a")),
                BulkCreateOptions.builder().updateOnDuplicate().build()).blockLast());
        assertTrue(e instanceof ResequelException && e.getMessage().contains("updateOnDuplicate"), e::toString);
        assertEquals(0, count(t, "Items"));
    }

    @DatabaseTest
    void bulkValidationErrorsCarryEachRecordAndIndex(TestDb t) {
        Model<Instance> m = members(t);
        List<Map<String, Object>> rows = List.of(Map.of("email", "a@x.io", "name", "Ada"),
                Map.of("email", "b@x.io", "name", "B"), Map.of("email", "c@x.io", "name", "Cy"),
                Map.of("email", "d@x.io", "name", "D"));
        BulkValidationException e = assertThrows(BulkValidationException.class, () -> m.bulkCreate(rows,
                BulkCreateOptions.builder().validate().build()).blockLast());
        assertEquals(2, e.failures().size());
        assertEquals(1, e.failures().get(0).index());
        assertEquals("b@x.io", e.failures().get(0).record().get("email"));
        assertEquals(3, e.failures().get(1).index());
        assertEquals("D", e.failures().get(1).record().get("name"));
        assertTrue(e.failures().get(1).error().items().get(0).attribute().equals("name"));
        assertEquals(2, e.items().size(), "the items of every record, as a ValidationException");
        assertEquals(0, count(t, "Members"));
    }

    @DatabaseTest
    void everyBulkPathIsAllOrNothingAndReportsWhatItWrote(TestDb t) {
        Model<Instance> m = BulkTest.items(t);
        // bulkCreate over several statements: the duplicate in the last one undoes the first ones.
        int perStatement = Math.max(1, Math.min(1000, t.db().dialect().maxBindParameters() / 3));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < perStatement + 5; i++) {
            rows.add(Map.of("code", i == perStatement + 4 ? "c0" : "c" + i, "qty", i));
        }
        assertThrows(UniqueConstraintException.class, () -> m.bulkCreate(rows).blockLast());
        assertEquals(0, count(t, "Items"));
        assertEquals(3, m.bulkCreate(List.of(Map.of("code", "a", "qty", 1), Map.of("code", "b", "qty", 2),
                Map.of("code", "c", "qty", 3))).count().block());
        assertEquals(3, count(t, "Items"));

        // Bulk update row by row: the second row's failure undoes the first.
        assertThrows(UniqueConstraintException.class, () -> m.update(Map.of("code", "same"),
                b -> b.where(Where.and()).individualHooks()).block());
        assertEquals(0L, m.count(Where.eq("code", "same")).block());
        assertEquals(2L, m.update(Map.of("qty", 7), Where.where("qty", io.resequel.query.Op.GTE, 2)).block());
        assertEquals(2L, m.count(Where.eq("qty", 7)).block(), "the count is the rows written");

        // Bulk destroy row by row: a failing hook after the first delete undoes it.
        int[] seen = {0};
        m.hooks().add(HookType.AFTER_DESTROY, e -> ++seen[0] == 2
                ? Mono.error(new IllegalStateException("stop")) : Mono.empty());
        assertThrows(IllegalStateException.class, () -> m.destroy(b -> b.where(Where.and()).individualHooks())
                .block());
        assertEquals(3, count(t, "Items"));
        seen[0] = -100;
        assertEquals(2L, m.destroy(b -> b.where(Where.eq("qty", 7))).block());
        assertEquals(1, count(t, "Items"));
    }
}
