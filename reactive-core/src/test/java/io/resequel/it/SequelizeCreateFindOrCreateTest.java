package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UniqueConstraintException;
import io.resequel.error.UnknownAttributeException;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Created;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ported from Sequelize v6.37.8 test/integration/model/create.test.js, its {@code findOrCreate} and
 * {@code findCreateFind} cases that need no transaction (those with one are {@code FindOrCreateTransactionTest}).
 */
class SequelizeCreateFindOrCreateTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Sequelize's beforeEach User. */
    static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING)
                .attribute("data", DataTypes.STRING)
                .attribute("intVal", DataTypes.INTEGER)
                .attribute("theDate", DataTypes.DATE)
                .attribute("aBool", DataTypes.BOOLEAN)
                .attribute("uniqueName", DataTypes.STRING, a -> a.unique(true))
                .options(o -> o.tableName("fmb_users")));
        t.db().sync().block(WAIT);
        return m;
    }

    private static Model<Instance> twoUniques(TestDb t) {
        Model<Instance> m = t.db().define("user2", s -> s
                .attribute("objectId", DataTypes.STRING, a -> a.unique(true))
                .attribute("username", DataTypes.STRING, a -> a.unique(true))
                .options(o -> o.tableName("fmb_two_uniques")));
        t.db().sync().block(WAIT);
        m.create(Map.of("username", "gottlieb")).block(WAIT);
        return m;
    }

    @DatabaseTest
    void errorsCorrectlyWhenDefaultsContainAUniqueKey(TestDb t) {
        Model<Instance> m = twoUniques(t);
        Exception e = assertThrows(Exception.class, () -> m.findOrCreate(Where.eq("objectId", "asdasdasd"),
                Map.of("username", "gottlieb")).block(WAIT));
        assertInstanceOf(UniqueConstraintException.class, e);
    }

    /** Deviation: an unknown attribute in the defaults is a typed error before SQL (Sequelize drops it). */
    @DatabaseTest
    void unknownAttributesInTheDefaultsAreRefused(TestDb t) {
        Model<Instance> m = twoUniques(t);
        t.clearStatements();
        Exception e = assertThrows(Exception.class, () -> m.findOrCreate(Where.eq("objectId", "asdasdasd"),
                Map.of("username", "gottlieb", "foo", "bar", "bar", 121)).block(WAIT));
        assertInstanceOf(UnknownAttributeException.class, e);
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("INSERT")), t.statements().toString());
    }

    @DatabaseTest
    void errorsCorrectlyWhenTheWhereIsComplex(TestDb t) {
        Model<Instance> m = twoUniques(t);
        Exception e = assertThrows(Exception.class, () -> m.findOrCreate(Where.or(Where.eq("objectId", "asdasdasd1"),
                Where.eq("objectId", "asdasdasd2")), Map.of("username", "gottlieb")).block(WAIT));
        UniqueConstraintException u = assertInstanceOf(UniqueConstraintException.class, e);
        assertNotNull(u.fields());
    }

    @DatabaseTest
    void worksWithAnEmptyWhereAndAUuidKey(TestDb t) {
        Model<Instance> m = t.db().define("UuidUser", s -> s
                .attribute("id", DataTypes.UUID, a -> a.primaryKey(true).allowNull(false)
                        .defaultValue(DefaultValue.UUIDV4))
                .attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("fmb_uuid_users")));
        t.db().sync().block(WAIT);
        Created<Instance> c = m.findOrCreate(Where.and(), Map.of("name", "r")).block(WAIT);
        assertTrue(c.created());
        assertNotNull(c.instance().get("id"));
        Created<Instance> again = m.findOrCreate(Where.and(), Map.of("name", "r")).block(WAIT);
        assertFalse(again.created());
        assertEquals(c.instance().get("id"), again.instance().get("id"));
    }

    private static Model<Instance> companyUsers(TestDb t) {
        Model<Instance> m = t.db().define("CompanyUser", s -> s
                .attribute("email", DataTypes.STRING, a -> a.unique("company_user_email"))
                .attribute("companyId", DataTypes.INTEGER, a -> a.unique("company_user_email"))
                .options(o -> o.tableName("fmb_company_users")));
        t.db().sync().block(WAIT);
        return m;
    }

    private static List<Created<Instance>> concurrently(Model<Instance> m, int n, java.util.function.IntFunction<Where> w) {
        return Flux.merge(IntStream.range(0, n).mapToObj(i -> m.findOrCreate(w.apply(i), Map.of())).toList())
                .collectList().block(WAIT);
    }

    /** The three "should not deadlock ... and no outer transaction" cases, 50 concurrent calls each. */
    @DatabaseTest
    void doesNotDeadlockWithoutAnOuterTransaction(TestDb t) {
        Model<Instance> m = companyUsers(t);
        // no existing entries
        assertEquals(50, concurrently(m, 50, i -> Where.and(Where.eq("email", "unique.email." + i + "@x.com"),
                Where.eq("companyId", i % 5))).size());
        assertEquals(50L, m.count().block(WAIT));
        // existing entries: twice, the second round finds every row
        Model<Instance> fresh = m;
        concurrently(fresh, 50, i -> Where.and(Where.eq("email", "again." + i + "@x.com"), Where.eq("companyId", 2)));
        List<Created<Instance>> second = concurrently(fresh, 50, i -> Where.and(
                Where.eq("email", "again." + i + "@x.com"), Where.eq("companyId", 2)));
        assertTrue(second.stream().noneMatch(Created::created));
        // concurrent duplicates: one row
        List<Created<Instance>> dup = concurrently(m, 50, i -> Where.and(Where.eq("email", "unique.email.1@dup.com"),
                Where.eq("companyId", 2)));
        assertEquals(1, dup.stream().filter(Created::created).count());
        assertEquals(1, dup.stream().map(c -> c.instance().get("id")).distinct().count());
        assertEquals(101L, m.count().block(WAIT));
    }

    @DatabaseTest
    void supportsSpecialCharactersAndBooleansInDefaults(TestDb t) {
        Model<Instance> m = t.db().define("SpecialUser", s -> s
                .attribute("objectId", DataTypes.INTEGER, a -> a.unique(true))
                .attribute("description", DataTypes.TEXT)
                .attribute("bool", DataTypes.BOOLEAN)
                .options(o -> o.tableName("fmb_special_users")));
        t.db().sync().block(WAIT);
        String special = "$$ and !! and :: and ? and ^ and * and '";
        assertTrue(m.findOrCreate(Where.eq("objectId", 1), Map.of("description", special)).block(WAIT).created());
        assertTrue(m.findOrCreate(Where.eq("objectId", 2), Map.of("bool", false)).block(WAIT).created());
        assertEquals(special, m.findOne(q -> q.where("objectId", 1)).block(WAIT).get("description"));
        assertEquals(false, m.findOne(q -> q.where("objectId", 2)).block(WAIT).get("bool"));
    }

    @DatabaseTest
    void returnsTheInstanceIfItExistsBySingleAndMultipleFields(TestDb t) {
        Model<Instance> m = users(t);
        Instance u = m.create(Map.of("username", "Username", "data", "ThisIsData")).block(WAIT);
        Created<Instance> single = m.findOrCreate(Where.eq("username", "Username"), Map.of()).block(WAIT);
        assertFalse(single.created());
        assertEquals(u.get("id"), single.instance().get("id"));
        Created<Instance> multiple = m.findOrCreate(Where.and(Where.eq("username", "Username"),
                Where.eq("data", "ThisIsData")), Map.of()).block(WAIT);
        assertFalse(multiple.created());
        assertEquals(u.get("id"), multiple.instance().get("id"));
        assertEquals("ThisIsData", multiple.instance().get("data"));
    }

    /** The instance holds the model's attributes only, created or found (no internal marker leaks into it). */
    @DatabaseTest
    void doesNotIncludeAnExceptionCatcherInTheResponse(TestDb t) {
        Model<Instance> m = users(t);
        Where where = Where.and(Where.eq("username", "Username"), Where.eq("data", "ThisIsData"));
        Set<String> attributes = Set.copyOf(m.definition().attributes().stream().map(a -> a.name()).toList());
        Instance created = m.findOrCreate(where, Map.of()).block(WAIT).instance();
        assertTrue(attributes.containsAll(created.toJSON().keySet()), created.toJSON().toString());
        Instance found = m.findOrCreate(where, Map.of()).block(WAIT).instance();
        assertTrue(attributes.containsAll(found.toJSON().keySet()), found.toJSON().toString());
    }

    /** Also Sequelize's "should ignore option returning": findOrCreate has no returning option to ignore. */
    @DatabaseTest
    void createsANewInstanceWithDefaultValues(TestDb t) {
        Model<Instance> m = users(t);
        Created<Instance> c = m.findOrCreate(Where.eq("username", "Username"), Map.of("data", "ThisIsData"))
                .block(WAIT);
        assertTrue(c.created());
        assertEquals("Username", c.instance().get("username"));
        assertEquals("ThisIsData", c.instance().get("data"));
    }

    @DatabaseTest
    void supportsOrUsingOnlyDefaultValues(TestDb t) {
        Model<Instance> m = users(t);
        Created<Instance> c = m.findOrCreate(Where.or(Where.eq("username", "Fooobzz"), Where.eq("secretValue", "Yolo")),
                Map.of("username", "Fooobzz", "secretValue", "Yolo")).block(WAIT);
        assertTrue(c.created());
        assertEquals("Fooobzz", c.instance().get("username"));
        assertEquals("Yolo", c.instance().get("secretValue"));
    }

    @DatabaseTest
    void findCreateFindWorksWithMultipleConcurrentCalls(TestDb t) {
        Model<Instance> m = users(t);
        List<Created<Instance>> r = Flux.merge(List.of(
                m.findCreateFind(Where.eq("uniqueName", "winner"), Map.of()),
                m.findCreateFind(Where.eq("uniqueName", "winner"), Map.of()),
                m.findCreateFind(Where.eq("uniqueName", "winner"), Map.of()))).collectList().block(WAIT);
        assertEquals(1, r.stream().filter(Created::created).count(), r.toString());
        assertEquals(1, r.stream().map(c -> c.instance().get("id")).distinct().count());
        assertEquals(1L, Mono.from(m.count()).block(WAIT));
    }
}
