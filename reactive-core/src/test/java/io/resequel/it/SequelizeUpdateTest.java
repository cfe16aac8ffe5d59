package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnknownAttributeException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.error.ValidationException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.IncrementOptions;
import io.resequel.query.UpdateResult;
import io.resequel.query.Where;
import io.resequel.sql.Feature;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Ported from Sequelize v6.37.8 test/integration/model/update.test.js (static {@code update}) and
 * test/integration/model/increment.test.js (static {@code increment}/{@code decrement}: each case runs both ways).
 */
class SequelizeUpdateTest {

    private static Model<Instance> accounts(TestDb t, boolean timestamps) {
        Model<Instance> m = t.db().define(timestamps ? "Account" : "AccountNoTs", s -> s
                .attribute("ownerId", DataTypes.INTEGER, a -> a.allowNull(false).field("owner_id"))
                .attribute("name", DataTypes.STRING)
                .options(o -> o.tableName(timestamps ? "fmb_accounts" : "fmb_accounts_nots").timestamps(timestamps)));
        t.db().sync().block();
        return m;
    }

    // ---- update.test.js ---------------------------------------------------------------------------------------

    @DatabaseTest
    void onlyUpdatesThePassedFields(TestDb t) {
        Model<Instance> m = accounts(t, true);
        Instance a = m.create(Map.of("ownerId", 2)).block();
        t.clearStatements();
        assertEquals(1L, m.update(Map.of("name", "x"), Where.eq("id", a.get("id"))).block());
        String sql = t.statements().get(0);
        assertTrue(sql.contains("name") && !sql.contains("owner_id"), sql);
        Instance back = m.findByPk(a.get("id")).block();
        assertEquals(2, ((Number) back.get("ownerId")).intValue());
        assertEquals("x", back.get("name"));
    }

    /** Unknown attributes are errors here (deviation); with nothing to write, no UPDATE is sent. */
    @DatabaseTest
    void skipsTheQueryWhenNothingIsToUpdate(TestDb t) {
        for (boolean ts : new boolean[] {true, false}) {
            Model<Instance> m = accounts(t, ts);
            m.create(Map.of("ownerId", 3)).block();
            t.clearStatements();
            assertEquals(0L, m.update(Map.of(), Where.eq("ownerId", 3)).block());
            assertTrue(t.statements().isEmpty(), t.statements().toString());
            assertThrows(UnknownAttributeException.class,
                    () -> m.update(Map.of("unknownField", "haha"), Where.eq("ownerId", 3)).block());
            assertTrue(t.statements().isEmpty(), t.statements().toString());
        }
    }

    @DatabaseTest
    void changedIsEmptyAfterReload(TestDb t) {
        Model<Instance> m = accounts(t, true);
        Instance a = m.create(Map.of("ownerId", 2, "name", "foo")).block();
        a.set("name", "bar");
        assertEquals(List.of("name"), List.copyOf(a.changed()));
        a.reload().block();
        assertTrue(a.changed().isEmpty());
        assertEquals("foo", a.get("name"));
    }

    /**
     * Java has no {@code undefined}: leaving the key out is its counterpart and keeps the column; an explicit null
     * for a NOT NULL attribute is refused before SQL.
     */
    @DatabaseTest
    void absentValuesAreNotWrittenAndNullIsValidated(TestDb t) {
        Model<Instance> m = accounts(t, true);
        Instance a = m.create(Map.of("ownerId", 2, "name", "n")).block();
        m.update(Map.of("name", "other"), Where.eq("id", a.get("id"))).block();
        assertEquals(2, ((Number) m.findOne(q -> { }).block().get("ownerId")).intValue());
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("name", "third");
        withNull.put("ownerId", null);
        t.clearStatements();
        assertThrows(ValidationException.class, () -> m.update(withNull, Where.eq("id", a.get("id"))).block());
        assertTrue(t.statements().isEmpty());
    }

    @DatabaseTest
    void returnsTheUpdatedRecordWhereTheDatabaseHasReturning(TestDb t) {
        Model<Instance> m = accounts(t, true);
        Instance a = m.create(Map.of("ownerId", 2)).block();
        Mono<UpdateResult<Instance>> update = m.update(Map.of("name", "FooBar"),
                o -> o.where(Where.eq("id", a.get("id"))).returning());
        if (t.db().dialect().supports(Feature.RETURNING)) {
            UpdateResult<Instance> r = update.block();
            assertEquals(1, r.count());
            assertEquals(2, ((Number) r.rows().get(0).get("ownerId")).intValue());
            assertEquals("FooBar", r.rows().get(0).get("name"));
        } else {
            assertThrows(UnsupportedOperatorException.class, update::block);
        }
    }

    @DatabaseTest
    void updatesOnlyOneRowWithLimit(TestDb t) {
        Model<Instance> m = accounts(t, true);
        for (int i = 1; i <= 3; i++) {
            m.create(Map.of("ownerId", 2, "name", "Account Name " + i)).block();
        }
        UpdateResult<Instance> r = m.update(Map.of("name", "New Name"),
                o -> o.where(Where.eq("ownerId", 2)).limit(1)).block();
        assertEquals(1, r.count());
        assertEquals(1L, m.count(Where.eq("name", "New Name")).block());
    }

    // ---- increment.test.js --------------------------------------------------------------------------------------

    private static Model<Instance> numbers(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("aNumber", DataTypes.INTEGER)
                .attribute("bNumber", DataTypes.INTEGER)
                .attribute("cNumber", DataTypes.INTEGER, a -> a.field("c_number"))
                .options(o -> o.tableName("fmb_inc_users")));
        t.db().sync().block();
        return m;
    }

    /** Empties the table and writes the four rows of Sequelize's beforeEach. */
    private static Model<Instance> seed(Model<Instance> m) {
        m.truncate().block();
        m.bulkCreate(List.of(Map.of("id", 1, "aNumber", 0, "bNumber", 0), Map.of("id", 2, "aNumber", 0, "bNumber", 0),
                Map.of("id", 3, "aNumber", 0, "bNumber", 0),
                Map.of("id", 4, "aNumber", 0, "bNumber", 0, "cNumber", 0))).blockLast();
        return m;
    }

    private static Mono<Long> change(Model<Instance> m, boolean inc, List<String> fields, IncrementOptions o) {
        return inc ? m.increment(fields, o) : m.decrement(fields, o);
    }

    private static int a(Model<Instance> m, int id) {
        return ((Number) m.findByPk(id).block().get("aNumber")).intValue();
    }

    private static List<Integer> all(Model<Instance> m, String attribute) {
        return m.findAll(q -> q.order(io.resequel.query.Order.asc("id"))).map(i -> ((Number) i.get(attribute))
                .intValue()).collectList().block();
    }

    @DatabaseTest
    void incrementSupportsWhereConditionsAndColumnNames(TestDb t) {
        Model<Instance> n = numbers(t);
        for (boolean inc : new boolean[] {true, false}) {
            Model<Instance> m = seed(n);
            change(m, inc, List.of("aNumber"), IncrementOptions.by(2).where(Where.eq("id", 1))).block();
            assertEquals(0, a(m, 2));
            assertEquals(inc ? 2 : -2, a(m, 1));
            // cNumber is stored as c_number
            change(m, inc, List.of("aNumber"), IncrementOptions.by(2).where(Where.eq("cNumber", 0))).block();
            assertEquals(inc ? 2 : -2, a(m, 4));
        }
    }

    @DatabaseTest
    void incrementWorksWithConcurrentIncrementsAndUpdates(TestDb t) {
        Model<Instance> n = numbers(t);
        for (boolean inc : new boolean[] {true, false}) {
            Model<Instance> m = seed(n);
            IncrementOptions by2 = IncrementOptions.by(2).where(Where.and());
            Mono.when(change(m, inc, List.of("aNumber"), by2), change(m, inc, List.of("aNumber"), by2),
                    change(m, inc, List.of("aNumber"), by2)).block();
            assertEquals(List.of(inc ? 6 : -6, inc ? 6 : -6, inc ? 6 : -6, inc ? 6 : -6), all(m, "aNumber"));
            m.update(Map.of("aNumber", 2), Where.and()).block();
            change(m, inc, List.of("aNumber"), by2).block();
            assertEquals(List.of(inc ? 4 : 0, inc ? 4 : 0, inc ? 4 : 0, inc ? 4 : 0), all(m, "aNumber"));
        }
    }

    @DatabaseTest
    void incrementWithArraySingleFieldDefaultAndPairs(TestDb t) {
        Model<Instance> n = numbers(t);
        for (boolean inc : new boolean[] {true, false}) {
            Model<Instance> m = seed(n);
            int s = inc ? 1 : -1;
            change(m, inc, List.of("aNumber"), IncrementOptions.by(2).where(Where.and())).block();
            assertEquals(List.of(2 * s, 2 * s, 2 * s, 2 * s), all(m, "aNumber"));
            // no value: by 1
            change(m, inc, List.of("aNumber"), IncrementOptions.DEFAULTS.where(Where.and())).block();
            assertEquals(List.of(3 * s, 3 * s, 3 * s, 3 * s), all(m, "aNumber"));
            // key/value pairs
            if (inc) {
                m.increment(Map.of("aNumber", 1, "bNumber", 2), Where.and()).block();
            } else {
                m.decrement(Map.of("aNumber", 1, "bNumber", 2), Where.and()).block();
            }
            assertEquals(List.of(4 * s, 4 * s, 4 * s, 4 * s), all(m, "aNumber"));
            assertEquals(List.of(2 * s, 2 * s, 2 * s, 2 * s), all(m, "bNumber"));
        }
    }

    @DatabaseTest
    void incrementTouchesUpdatedAtUnlessSilent(TestDb t) {
        Model<Instance> m = t.db().define("IncrementUser", s -> s.attribute("aNumber", DataTypes.INTEGER)
                .options(o -> o.tableName("fmb_increment_users")));
        t.db().sync().block();
        Instance u = m.create(Map.of("aNumber", 1)).block();
        Instance old = u;
        Map<String, Object> past = Map.of("updatedAt", Instant.parse("2001-01-01T00:00:00Z"));
        for (boolean inc : new boolean[] {true, false}) {
            m.update(past, o -> o.where(Where.and()).silent()).block();
            change(m, inc, List.of("aNumber"), IncrementOptions.by(1).where(Where.and()).silent()).block();
            assertEquals(Instant.parse("2001-01-01T00:00:00Z"), instant(m.findByPk(old.get("id")).block()));
            change(m, inc, List.of("aNumber"), IncrementOptions.by(1).where(Where.and())).block();
            assertTrue(instant(m.findByPk(old.get("id")).block()).isAfter(Instant.parse("2020-01-01T00:00:00Z")));
        }
        assertEquals(1, ((Number) m.findByPk(old.get("id")).block().get("aNumber")).intValue());
    }

    private static Instant instant(Instance i) {
        Object v = i.get("updatedAt");
        return v instanceof Instant x ? x : ((java.time.OffsetDateTime) v).toInstant();
    }

    @DatabaseTest
    void incrementWorksWithScopes(TestDb t) {
        for (boolean inc : new boolean[] {true, false}) {
            Model<Instance> m = t.db().define("ScopedUser" + inc, s -> s.attribute("aNumber", DataTypes.INTEGER)
                    .attribute("name", DataTypes.STRING)
                    .options(o -> o.tableName("fmb_scoped_users_" + inc).scope("jeff", q -> q.where("name", "Jeff"))));
            t.db().sync().block();
            m.bulkCreate(List.of(Map.of("aNumber", 1, "name", "Jeff"), Map.of("aNumber", 3, "name", "Not Jeff")))
                    .blockLast();
            change(m.scope("jeff"), inc, List.of("aNumber"), IncrementOptions.DEFAULTS.where(Where.and())).block();
            assertEquals(inc ? 2 : 0, ((Number) m.scope("jeff").findOne(q -> { }).block().get("aNumber")).intValue());
            assertEquals(3, ((Number) m.findOne(q -> q.where("name", "Not Jeff")).block().get("aNumber")).intValue());
        }
    }

    /**
     * The scope's attributes (Sequelize: {@code ['foo', 'bar']}, unknown names; here known ones, as unknown names are
     * errors) do not limit an instance's increment; neither do {@code exclude} nor extra attributes.
     */
    @DatabaseTest
    void instanceIncrementIgnoresTheScopesAttributes(TestDb t) {
        Model<Instance> m = seed(numbers(t));
        m.addScope("test", q -> q.attributes("id", "bNumber"));
        m.addScope("testExclude", q -> q.exclude("aNumber", "bNumber"));
        int id = 5;
        for (String scope : List.of("test", "testExclude")) {
            for (boolean inc : new boolean[] {true, false}) {
                Instance created = m.scope(scope).create(Map.of("id", id, "aNumber", 5)).block();
                (inc ? created.increment("aNumber", 2) : created.decrement("aNumber", 2)).block();
                assertEquals(inc ? 7 : 3, a(m, id));
                id++;
            }
        }
        assertFalse(m.findAll().collectList().block().isEmpty());
    }
}
