package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.EmptyResultException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.util.List;
import java.util.Map;

/** Ported from Sequelize v6.37.8 test/integration/model/findOne.test.js (general / basic function). */
class FindOneParityTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING)
                .attribute("data", DataTypes.STRING)
                .attribute("intVal", DataTypes.INTEGER)
                .attribute("theDate", DataTypes.DATE)
                .attribute("aBool", DataTypes.BOOLEAN));
        t.db().sync().block();
        m.create(Map.of("username", "barfooz")).block();
        return m;
    }

    private static Model<Instance> keyed(TestDb t, String name, String key) {
        Model<Instance> m = t.db().define(name, s -> s.attribute(key, DataTypes.STRING, a -> a.primaryKey(true))
                .attribute("name", DataTypes.STRING));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void supportsTransactions(TestDb t) {
        Model<Instance> m = users(t);
        Transaction tx = t.db().startTransaction().block();
        m.create(Map.of("username", "foo"), SaveOptions.in(tx)).block();
        assertNull(m.findOne(q -> q.where("username", "foo")).block());
        assertNotNull(m.findOne(q -> q.where("username", "foo").transaction(tx)).block());
        tx.rollback().block();
    }

    @DatabaseTest
    void treatsQuestionMarksAsValuesAndFindsByANonIntegerKey(TestDb t) {
        users(t);
        Model<Instance> p = keyed(t, "UserPrimary", "specialkey");
        p.create(Map.of("specialkey", "a string")).block();
        t.clearStatements();
        assertNull(p.findOne(q -> q.where("specialkey", "awesome?")).block());
        assertFalse(t.statements().get(0).contains("awesome"), "bound, not inlined: " + t.statements());
        assertEquals("a string", p.findByPk("a string").block().get("specialkey"));
    }

    @DatabaseTest
    void returnsASingleInstanceGivenANumberOrAStringId(TestDb t) {
        Model<Instance> m = users(t);
        assertEquals(1, ((Number) m.findByPk(1).block().get("id")).intValue());
        assertEquals(1, ((Number) m.findByPk("1").block().get("id")).intValue());
    }

    @DatabaseTest
    void makesAliasedAttributesAvailable(TestDb t) {
        Model<Instance> m = users(t);
        Instance u = m.findOne(q -> q.where("id", 1).attributes("id").attribute("username", "name")).block();
        assertEquals("barfooz", u.get("name"));
    }

    @DatabaseTest
    void doesNotConvertBooleansThatAreNotSelected(TestDb t) {
        Model<Instance> m = users(t);
        Instance u = m.findOne(q -> q.where("id", 1).attributes("id")).block();
        assertNull(u.get("aBool"));
        assertFalse(u.toJSON().containsKey("aBool"));
    }

    @DatabaseTest
    void findsBySpecificWhereAndNotWhenNothingMatches(TestDb t) {
        Model<Instance> m = users(t);
        assertEquals("barfooz", m.findOne(q -> q.where("username", "barfooz")).block().get("username"));
        assertNull(m.findOne(q -> q.where("username", "foo")).block());
    }

    @DatabaseTest
    void allowsSqlLoggingAndIgnoresAPassedLimit(TestDb t) {
        Model<Instance> m = users(t);
        m.create(Map.of("username", "second")).block();
        t.clearStatements();
        Instance u = m.findOne(q -> q.limit(10)).block();
        assertNotNull(u.get("username"));
        assertTrue(t.statements().get(0).toUpperCase().startsWith("SELECT"), t.statements().toString());
    }

    @DatabaseTest
    void findsEntriesViaStringAndBigintPrimaryKeys(TestDb t) {
        users(t);
        Model<Instance> a = keyed(t, "UserWithPrimaryKey", "identifier");
        Instance u = a.create(Map.of("identifier", "an identifier", "name", "John")).block();
        assertFalse(u.toJSON().containsKey("id"));
        assertEquals("John", a.findByPk("an identifier").block().get("name"));
        Model<Instance> b = keyed(t, "UserWithStringId", "id");
        b.create(Map.of("id", "a string based id", "name", "Johnno")).block();
        assertEquals("Johnno", b.findByPk("a string based id").block().get("name"));
        Model<Instance> c = t.db().define("UserWithBigId", s -> s.attribute("id", DataTypes.BIGINT,
                x -> x.primaryKey(true)).attribute("name", DataTypes.STRING));
        t.db().sync().block();
        c.create(Map.of("id", 9007199254740993L, "name", "Johnno")).block();
        Instance big = c.findByPk(9007199254740993L).block();
        assertEquals(9007199254740993L, big.get("id"), "exact, as a Long (Sequelize returns a string)");
    }

    @DatabaseTest
    void alwaysHonorsZeroAsPrimaryKey(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "jack"), Map.of("username", "jack"))).blockLast();
        assertNull(m.findByPk(0).block());
        assertNull(m.findByPk("0").block());
    }

    @DatabaseTest
    void findsIdsUsingCapitalLetters(TestDb t) {
        Model<Instance> m = t.db().define("UserCaps", s -> s.attribute("ID", DataTypes.INTEGER, a -> a.primaryKey(true)
                .autoIncrement(true)).attribute("Login", DataTypes.STRING));
        t.db().sync().block();
        m.create(Map.of("Login", "foo")).block();
        assertEquals(1, ((Number) m.findByPk(1).block().get("ID")).intValue());
    }

    @DatabaseTest
    void returnsRawDataWhenRawIsTrue(TestDb t) {
        Model<Instance> m = users(t);
        assertInstanceOf(Instance.class, m.findOne(q -> q.where("id", 1)).block());
        Map<String, Object> raw = m.findAllRaw(q -> q.where("id", 1)).blockFirst();
        assertEquals("barfooz", raw.get("username"));
    }

    @DatabaseTest
    void rejectOnEmpty(TestDb t) {
        Model<Instance> m = users(t);
        assertThrows(EmptyResultException.class, () -> m.findOne(q -> q.where("username", "ux")
                .rejectOnEmpty()).block());
        assertThrows(EmptyResultException.class, () -> m.findByPk(4732322, q -> q.rejectOnEmpty()).block());
        assertNull(m.findOne(q -> q.where("username", "ux").rejectOnEmpty(false)).block(), "disabled: null");
        Model<Instance> strict = t.db().define("Strict", s -> s.attribute("username", DataTypes.STRING)
                .options(o -> o.rejectOnEmpty(true)));
        t.db().sync().block();
        assertThrows(EmptyResultException.class, () -> strict.findOne(q -> q.where("username", "ux")).block(),
                "from the model options");
        assertNull(strict.findOne(q -> q.where("username", "ux").rejectOnEmpty(false)).block(),
                "the query overrides the model option");
    }
}
