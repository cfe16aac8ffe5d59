package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.error.ConnectionException;
import io.resequel.error.EmptyResultException;
import io.resequel.error.EmptySelectionException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Page;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Ported from Sequelize v6.37.8 test/integration/model/findAll.test.js: findAll without eager loading, the special
 * where conditions, findAndCountAll, all, logging and rejectOnEmpty ({@code SequelizeFindAllEagerTest} has the rest).
 */
class SequelizeFindAllTest {

    /** Sequelize's beforeEach User; {@code binary} (Sequelize's STRING(16, true)) is a BLOB here. */
    static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING)
                .attribute("data", DataTypes.STRING)
                .attribute("intVal", DataTypes.INTEGER)
                .attribute("theDate", DataTypes.DATE)
                .attribute("aBool", DataTypes.BOOLEAN)
                .attribute("binary", DataTypes.BLOB)
                .options(o -> o.tableName("fmb_fa_users")));
        t.db().sync().block();
        return m;
    }

    private static List<String> names(Model<Instance> m, Where where) {
        return m.findAll(q -> q.where(where).order(Order.asc("id"))).map(i -> (String) i.get("username"))
                .collectList().block();
    }

    @DatabaseTest
    void supportsTransactions(TestDb t) {
        Model<Instance> m = users(t);
        Transaction tx = t.db().startTransaction().block();
        m.create(Map.of("username", "foo"), io.resequel.query.SaveOptions.in(tx)).block();
        assertEquals(0, m.findAll(q -> q.where("username", "foo")).collectList().block().size());
        assertEquals(1, m.findAll(q -> q.transaction(tx)).collectList().block().size());
        assertEquals(1, m.findAll(q -> q.where("username", "foo").transaction(tx)).collectList().block().size());
        // findAndCountAll and "all" supports transactions
        assertEquals(0L, m.findAndCountAll(q -> { }).block().count());
        assertEquals(1L, m.findAndCountAll(q -> q.transaction(tx)).block().count());
        tx.rollback().block();
    }

    /** Also "should return all users" ({@code all}) and "should support logging". */
    @DatabaseTest
    void doesNotCrashOnAnEmptyWhere(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "user"), Map.of("username", "user2"))).blockLast();
        t.clearStatements();
        assertEquals(2, m.findAll(q -> q.where(Where.and())).collectList().block().size());
        assertFalse(t.statements().isEmpty());
        assertEquals(2, m.findAll().collectList().block().size());
    }

    @DatabaseTest
    void throwsOnAnAttemptToFetchNoAttributes(TestDb t) {
        Model<Instance> m = users(t);
        t.clearStatements();
        Exception e = assertThrows(Exception.class, () -> m.findAll(q -> q.attributes()).collectList().block());
        assertInstanceOf(EmptySelectionException.class, e);
        assertTrue(t.statements().isEmpty());
    }

    @DatabaseTest
    void doesNotThrowIfOverallAttributesAreNonEmpty(TestDb t) {
        Model<Instance> posts = t.db().define("Post", s -> s.attribute("foo", DataTypes.STRING)
                .options(o -> o.tableName("fmb_posts")));
        Model<Instance> comments = t.db().define("Comment", s -> s.attribute("bar", DataTypes.STRING)
                .options(o -> o.tableName("fmb_comments")));
        HasMany<Instance, Instance> has = posts.hasMany(comments, o -> o.as("comments"));
        t.db().sync().block();
        Instance p = posts.create(Map.of("foo", "p")).block();
        has.create(p, Map.of("bar", "c")).block();
        List<Instance> found = posts.findAll(q -> q.attributes().include(Include.of(comments).as("comments")
                .attributes("bar"))).collectList().block();
        assertEquals("c", found.get(0).getMany("comments", Instance.class).get(0).get("bar"));
    }

    // ---- special where conditions -------------------------------------------------------------------------------

    private static final OffsetDateTime JAN1 = OffsetDateTime.of(2013, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime JAN10 = OffsetDateTime.of(2013, 1, 10, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final byte[] BUF = filled((byte) 1);

    private static byte[] filled(byte b) {
        byte[] a = new byte[16];
        Arrays.fill(a, b);
        return a;
    }

    private static Model<Instance> special(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "boo", "intVal", 5, "theDate", JAN1),
                Map.of("username", "boo2", "intVal", 10, "theDate", JAN10, "binary", BUF))).blockLast();
        return m;
    }

    /** Also "should not break when trying to find rows using an array of primary keys". */
    @DatabaseTest
    void findsRowsWhereAnAttributeIsInAList(TestDb t) {
        Model<Instance> m = special(t);
        assertEquals(List.of("boo", "boo2"), names(m, Where.in("username", List.of("boo", "boo2"))));
        assertEquals(List.of("boo", "boo2"), names(m, Where.in("id", List.of(1, 2, 3))));
    }

    @DatabaseTest
    void doesNotBreakWhenUsingAListOnBinaryFields(TestDb t) {
        Model<Instance> m = special(t);
        List<Instance> found = m.findAll(q -> q.where(Where.in("binary", List.of(BUF, BUF)))).collectList().block();
        assertEquals(1, found.size());
        assertArrayEquals(BUF, (byte[]) found.get(0).get("binary"));
        assertEquals("boo2", found.get(0).get("username"));
    }

    /** Also not like, and (on every database; Sequelize: PostgreSQL only) ilike and not ilike. */
    @DatabaseTest
    void findsARowUsingLike(TestDb t) {
        Model<Instance> m = special(t);
        assertEquals(List.of("boo2"), names(m, Where.where("username", Op.LIKE, "%2")));
        assertEquals(List.of("boo"), names(m, Where.where("username", Op.NOT_LIKE, "%2")));
        assertEquals(List.of("boo2"), names(m, Where.where("username", Op.ILIKE, "BOO%2")));
        assertEquals(List.of("boo"), names(m, Where.where("username", Op.NOT_ILIKE, "%2")));
    }

    /**
     * The between/not between cases, with dates and with integers. Sequelize's date strings
     * ({@code '2013-01-02'}) are {@code java.time} values here (strings are not dates: deviation).
     */
    @DatabaseTest
    void findsRowsBetweenAndNotBetween(TestDb t) {
        Model<Instance> m = special(t);
        LocalDateTime jan2 = LocalDateTime.of(2013, 1, 2, 0, 0);
        LocalDateTime jan11 = LocalDateTime.of(2013, 1, 11, 0, 0);
        assertEquals(List.of("boo2"), names(m, Where.between("theDate", jan2, jan11)));
        assertEquals(List.of("boo2"), names(m, Where.and(Where.between("theDate", jan2, jan11), Where.eq("intVal", 10))));
        assertEquals(List.of("boo"), names(m, Where.where("intVal", Op.NOT_BETWEEN, List.of(8, 10))));
        Where both = Where.and(Where.between("theDate", LocalDateTime.of(2012, 12, 10, 0, 0), jan2),
                Where.where("theDate", Op.NOT_BETWEEN, List.of(LocalDateTime.of(2013, 1, 4, 0, 0),
                        LocalDateTime.of(2013, 1, 20, 0, 0))));
        assertEquals(List.of("boo"), names(m, both));
        Where withDates = Where.and(Where.between("theDate", OffsetDateTime.of(2012, 12, 10, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2013, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC)), Where.where("theDate", Op.NOT_BETWEEN,
                List.of(OffsetDateTime.of(2013, 1, 4, 0, 0, 0, 0, ZoneOffset.UTC),
                        OffsetDateTime.of(2013, 1, 20, 0, 0, 0, 0, ZoneOffset.UTC))));
        assertEquals(List.of("boo"), names(m, withDates));
    }

    @DatabaseTest
    void handlesFalseAndTrueValues(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "boo5", "aBool", false), Map.of("username", "boo6", "aBool", true)))
                .blockLast();
        assertEquals(List.of("boo5"), names(m, Where.eq("aBool", false)));
        assertEquals(List.of("boo6"), names(m, Where.eq("aBool", true)));
    }

    @DatabaseTest
    void handlesFalseAndTrueValuesThroughAssociations(TestDb t) {
        Model<Instance> m = users(t);
        Model<Instance> passports = t.db().define("Passports", s -> s.attribute("isActive", DataTypes.BOOLEAN)
                .options(o -> o.tableName("fmb_passports")));
        HasMany<Instance, Instance> has = m.hasMany(passports);
        passports.belongsTo(m);
        t.db().sync().block();
        m.bulkCreate(List.of(Map.of("username", "boo5", "aBool", false), Map.of("username", "boo6", "aBool", true)))
                .blockLast();
        passports.bulkCreate(List.of(Map.of("isActive", true), Map.of("isActive", false))).blockLast();
        Instance u1 = m.findByPk(1).block();
        Instance u2 = m.findByPk(2).block();
        has.set(u1, List.of(passports.findByPk(1).block())).block();
        has.set(u2, List.of(passports.findByPk(2).block())).block();
        List<Instance> falseOnes = has.get(u2, q -> q.where("isActive", false)).collectList().block();
        List<Instance> trueOnes = has.get(u1, q -> q.where("isActive", true)).collectList().block();
        assertEquals(1, falseOnes.size());
        assertEquals(false, falseOnes.get(0).get("isActive"));
        assertEquals(1, trueOnes.size());
        assertEquals(true, trueOnes.get(0).get("isActive"));
    }

    /** Sequelize's key is a STRING(16, true); a BLOB key is not indexable everywhere, so the key is a UUID here. */
    @DatabaseTest
    void handlesBinaryValuesThroughAssociations(TestDb t) {
        Model<Instance> m = users(t);
        Model<Instance> binaries = t.db().define("Binary", s -> s.attribute("id", DataTypes.UUID,
                a -> a.primaryKey(true)).attribute("payload", DataTypes.BLOB).options(o -> o.tableName("fmb_binaries")));
        BelongsTo<Instance, Instance> owns = m.belongsTo(binaries, o -> o.foreignKey("binaryId"));
        t.db().sync(io.resequel.query.SyncOptions.force()).block(); // the users table gains the key
        m.bulkCreate(List.of(Map.of("username", "boo5"), Map.of("username", "boo6"))).blockLast();
        java.util.UUID k1 = java.util.UUID.randomUUID();
        java.util.UUID k2 = java.util.UUID.randomUUID();
        binaries.bulkCreate(List.of(Map.of("id", k1, "payload", BUF), Map.of("id", k2, "payload", filled((byte) 2))))
                .blockLast();
        Instance u1 = m.findByPk(1).block();
        Instance u2 = m.findByPk(2).block();
        owns.set(u1, binaries.findByPk(k1).block()).block();
        owns.set(u2, binaries.findByPk(k2).block()).block();
        assertArrayEquals(BUF, (byte[]) owns.get(u1).block().get("payload"));
        assertArrayEquals(filled((byte) 2), (byte[]) owns.get(u2).block().get("payload"));
    }

    /** The comparison cases: gte with dates (also "moment" dates: a ZonedDateTime), gte, gt, lte, lt, ne, combined. */
    @DatabaseTest
    void findsRowsWithComparisons(TestDb t) {
        Model<Instance> m = special(t);
        assertEquals(List.of("boo2"), names(m, Where.where("theDate", Op.GTE,
                OffsetDateTime.of(2013, 1, 9, 0, 0, 0, 0, ZoneOffset.UTC))));
        assertEquals(List.of("boo2"), names(m, Where.where("theDate", Op.GTE,
                ZonedDateTime.of(2013, 1, 9, 0, 0, 0, 0, ZoneOffset.UTC))));
        assertEquals("boo2", m.findOne(q -> q.where("intVal", Op.GTE, 6)).block().get("username"));
        assertEquals("boo2", m.findOne(q -> q.where("intVal", Op.GT, 5)).block().get("username"));
        assertEquals("boo", m.findOne(q -> q.where("intVal", Op.LTE, 5)).block().get("username"));
        assertEquals("boo", m.findOne(q -> q.where("intVal", Op.LT, 6)).block().get("username"));
        assertEquals(List.of("boo"), names(m, Where.and(Where.where("intVal", Op.LT, 6), Where.where("intVal", Op.GT, 4))));
        assertEquals("boo", m.findOne(q -> q.where("intVal", Op.NE, 10)).block().get("username"));
        assertEquals(List.of("boo", "boo2"), names(m, Where.where("intVal", Op.LTE, 10)));
    }

    // ---- normal findAll -----------------------------------------------------------------------------------------

    private static Model<Instance> normal(TestDb t) {
        Model<Instance> m = users(t);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        m.create(Map.of("username", "user", "data", "foobar", "theDate", now)).block();
        m.create(Map.of("username", "user2", "data", "bar", "theDate", now)).block();
        return m;
    }

    private static List<Integer> ids(List<Instance> rows) {
        return rows.stream().map(i -> ((Number) i.get("id")).intValue()).toList();
    }

    /** Finds all entries, by object notation, sorted by id ascending and descending. */
    @DatabaseTest
    void findsAllEntriesAndSortsById(TestDb t) {
        Model<Instance> m = normal(t);
        List<Instance> all = m.findAll().collectList().block();
        assertEquals(2, all.size());
        assertEquals(List.of(2), ids(m.findAll(q -> q.where("id", 2)).collectList().block()));
        assertEquals(List.of(1, 2), ids(m.findAll(q -> q.order(Order.asc("id"))).collectList().block()));
        assertEquals(List.of(2, 1), ids(m.findAll(q -> q.order(Order.desc("id"))).collectList().block()));
    }

    @DatabaseTest
    void sortsViaADateColumn(TestDb t) {
        Model<Instance> m = normal(t);
        m.create(Map.of("username", "user3", "data", "bar", "theDate",
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(2))).block();
        List<Integer> ids = ids(m.findAll(q -> q.order(Order.desc("theDate"), Order.asc("id"))).collectList().block());
        assertEquals(3, ids.get(0));
    }

    @DatabaseTest
    void handlesOffsetAndLimit(TestDb t) {
        Model<Instance> m = normal(t);
        m.bulkCreate(List.of(Map.of("username", "bobby"), Map.of("username", "tables"))).blockLast();
        List<Instance> page = m.findAll(q -> q.limit(2).offset(2).order(Order.asc("id"))).collectList().block();
        assertEquals(List.of(3, 4), ids(page));
    }

    @DatabaseTest
    void findsIdsUsingCapitalLetters(TestDb t) {
        Model<Instance> m = t.db().define("UserCaps", s -> s.attribute("ID", DataTypes.INTEGER,
                a -> a.primaryKey(true).autoIncrement(true)).attribute("Login", DataTypes.STRING)
                .options(o -> o.tableName("fmb_user_caps")));
        t.db().sync().block();
        m.create(Map.of("Login", "foo")).block();
        assertEquals(1, m.findAll(q -> q.where("ID", 1)).collectList().block().size());
    }

    @DatabaseTest
    void ordersByCol(TestDb t) {
        Model<Instance> m = t.db().define("Company", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("fmb_companies")));
        t.db().sync().block();
        m.bulkCreate(List.of(Map.of("name", "b"), Map.of("name", "a"))).blockLast();
        assertEquals(List.of("a", "b"), m.findAll(q -> q.order(Order.by(Expr.col("name"), false)))
                .map(i -> i.get("name")).collectList().block());
    }

    @DatabaseTest
    void pullsInDependentFieldsForAVirtual(TestDb t) {
        Model<Instance> m = t.db().define("ActiveUser", s -> s.virtual("active", a -> a.type(DataTypes.BOOLEAN)
                .dependsOn("createdAt").get(i -> ((OffsetDateTime) i.get("createdAt"))
                        .isAfter(OffsetDateTime.now().minusDays(7)))).options(o -> o.tableName("fmb_active_users")));
        t.db().sync().block();
        m.create(Map.of()).block();
        List<Instance> found = m.findAll(q -> q.attributes("active")).collectList().block();
        assertEquals(1, found.size());
        assertNotNull(found.get(0).get("createdAt"));
        assertEquals(true, found.get(0).get("active"));
    }

    // ---- findAndCountAll ---------------------------------------------------------------------------------------

    private static Model<Instance> three(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "user", "data", "foobar"), Map.of("username", "user2", "data", "bar"),
                Map.of("username", "bobby", "data", "foo"))).blockLast();
        return m;
    }

    /** The where / where-with-order / offset / limit / offset-and-limit / attributes cases. */
    @DatabaseTest
    void findAndCountAllHandlesWhereOrderOffsetLimitAndAttributes(TestDb t) {
        Model<Instance> m = three(t);
        Page<Instance> where = m.findAndCountAll(q -> q.where("id", Op.NE, 1)).block();
        assertEquals(2, where.count());
        assertEquals(2, where.rows().size());
        Page<Instance> ordered = m.findAndCountAll(q -> q.where("id", Op.NE, 1).order(Order.asc("id"))).block();
        assertEquals(2, ordered.count());
        assertEquals(List.of(2, 3), ids(ordered.rows()));
        Page<Instance> offset = m.findAndCountAll(q -> q.offset(1)).block();
        assertEquals(3, offset.count());
        assertEquals(2, offset.rows().size());
        Page<Instance> limit = m.findAndCountAll(q -> q.limit(1)).block();
        assertEquals(3, limit.count());
        assertEquals(1, limit.rows().size());
        Page<Instance> both = m.findAndCountAll(q -> q.offset(1).limit(1)).block();
        assertEquals(3, both.count());
        assertEquals(1, both.rows().size());
        Page<Instance> attrs = m.findAndCountAll(q -> q.where("id", Op.NE, 1).attributes("data")).block();
        assertEquals(2, attrs.count());
        attrs.rows().forEach(r -> assertFalse(r.toJSON().containsKey("username")));
    }

    @DatabaseTest
    void findAndCountAllHandlesOffsetWithIncludes(TestDb t) {
        Model<Instance> elections = t.db().define("Election", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("fmb_elections")));
        Model<Instance> citizens = t.db().define("Citizen", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("fmb_citizens")));
        BelongsTo<Instance, Instance> creator = elections.belongsTo(citizens);
        var voters = elections.belongsToMany(citizens, o -> o.as("Voters").through("fmb_elections_votes"));
        citizens.hasMany(elections);
        citizens.belongsToMany(elections, o -> o.as("Votes").through("fmb_elections_votes"));
        t.db().sync().block();
        Instance alice = citizens.create(Map.of("name", "Alice")).block();
        Instance bob = citizens.create(Map.of("name", "Bob")).block();
        elections.create(Map.of("name", "Some election")).block();
        Instance election = elections.create(Map.of("name", "Some other election")).block();
        creator.set(election, alice).block();
        voters.set(election, List.of(alice, bob)).block();
        Page<Instance> page = elections.findAndCountAll(q -> q.offset(5).limit(1).where("name", "Some election")
                .include(Include.of(citizens).as("Citizen"), Include.of(citizens).as("Voters"))).block();
        assertEquals(1, page.count());
        assertEquals(0, page.rows().size());
    }

    // ---- rejectOnEmpty mode -------------------------------------------------------------------------------------

    @DatabaseTest
    void rejectOnEmptyWorksFromModelOptions(TestDb t) {
        Model<Instance> m = t.db().define("Test", s -> s.attribute("username", DataTypes.STRING(100))
                .options(o -> o.rejectOnEmpty(true).tableName("fmb_rejecting")));
        t.db().sync().block();
        Exception e = assertThrows(Exception.class, () -> m.findAll(q -> q.where("username", "not-used-anywhere"))
                .collectList().block());
        assertInstanceOf(EmptyResultException.class, e);
        assertEquals(List.of(), m.findAll(q -> q.where("username", "x").rejectOnEmpty(false)).collectList().block());
    }

    /**
     * Both custom-error cases ("with initialized" and "with instance"): a supplier makes the model's error; a
     * query's own {@code rejectOnEmpty(...)} still wins.
     */
    @DatabaseTest
    void rejectOnEmptyThrowsTheModelsCustomError(TestDb t) {
        Model<Instance> m = t.db().define("TestCustom", s -> s.attribute("username", DataTypes.STRING(100))
                .options(o -> o.rejectOnEmpty(() -> new ConnectionException("Some Error", (String) null, (Throwable) null))
                        .tableName("fmb_rejecting_custom")));
        t.db().sync().block();
        Exception e = assertThrows(Exception.class, () -> m.findAll(q -> q.where("username", "unused"))
                .collectList().block());
        assertTrue(assertInstanceOf(ConnectionException.class, e).getMessage().contains("Some Error"));
        assertThrows(ConnectionException.class, () -> m.findOne(q -> q.where("username", "unused")).block());
        Exception own = assertThrows(Exception.class, () -> m.findAll(q -> q.where("username", "unused")
                .rejectOnEmpty(() -> new IllegalStateException("mine"))).collectList().block());
        assertInstanceOf(IllegalStateException.class, own);
        assertInstanceOf(EmptyResultException.class, assertThrows(Exception.class, () -> m.findAll(q -> q
                .where("username", "unused").rejectOnEmpty(true)).collectList().block()));
    }
}
