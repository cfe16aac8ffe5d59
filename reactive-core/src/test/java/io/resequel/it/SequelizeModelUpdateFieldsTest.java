package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UniqueConstraintException;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.IndexField;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Order;
import io.resequel.query.SyncOptions;
import io.resequel.query.UpdateResult;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The its of Sequelize v6.37.8 {@code test/integration/model.test.js} that {@link SequelizeModelUpdateTest} and
 * {@link SequelizeModelDefineTest} left: a bulk {@code update} with {@code fields} and with {@code sideEffects: false},
 * and custom messages of unique constraints (by the attributes' shared unique name, and by the name of an index made
 * beforehand).
 */
class SequelizeModelUpdateFieldsTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("fid_User", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("secretValue", DataTypes.STRING));
        t.db().sync(m, SyncOptions.force()).block();
        return m;
    }

    @DatabaseTest
    void updatesOnlyValuesThatMatchTheAllowedFields(TestDb t) {
        Model<Instance> m = users(t);
        m.bulkCreate(List.of(Map.of("username", "Peter", "secretValue", "42"))).blockLast();
        UpdateResult<Instance> r = m.update(Map.of("username", "Bill", "secretValue", "43"),
                o -> o.where(Where.eq("secretValue", "42")).fields("username")).block();
        assertEquals(1L, r.count());
        List<Instance> rows = m.findAll(q -> q.order(Order.asc("id"))).collectList().block();
        assertEquals(1, rows.size());
        assertEquals("Bill", rows.get(0).get("username"));
        assertEquals("42", rows.get(0).get("secretValue"));
        assertTrue(t.statements().stream().filter(s -> s.startsWith("UPDATE")).noneMatch(s -> s.substring(0,
                s.indexOf(" WHERE ")).contains(t.q("secretValue"))), String.valueOf(t.statements()));
    }

    @DatabaseTest
    void fieldsAlsoBindTheIndividualHooksPath(TestDb t) {
        Model<Instance> m = users(t);
        m.hooks().add(HookType.BEFORE_UPDATE, e -> Mono.empty());
        m.bulkCreate(List.of(Map.of("username", "Peter", "secretValue", "42"))).blockLast();
        UpdateResult<Instance> r = m.update(Map.of("username", "Bill", "secretValue", "43"),
                o -> o.where(Where.eq("secretValue", "42")).fields("username").individualHooks()).block();
        assertEquals(1L, r.count());
        Instance row = m.findOne(q -> { }).block();
        assertEquals("Bill", row.get("username"));
        assertEquals("42", row.get("secretValue"));
    }

    private static Model<Instance> withVirtualSetters(TestDb t) {
        Model<Instance> m = t.db().define("fid_UserWithVirtualSetters", s -> s
                .attribute("username", DataTypes.STRING)
                .attribute("illness_name", DataTypes.STRING)
                .attribute("illness_pain", DataTypes.INTEGER)
                .virtual("illness", a -> a.set((i, v) -> {
                    Map<?, ?> value = (Map<?, ?>) v;
                    i.set("illness_name", value.get("name"));
                    i.set("illness_pain", value.get("pain"));
                })));
        t.db().sync(m, SyncOptions.force()).block();
        m.create(Map.of("username", "Jan", "illness_name", "Headache", "illness_pain", 5)).block();
        return m;
    }

    @DatabaseTest
    void sideEffectsFalseLeavesWhatVirtualSettersChange(TestDb t) {
        Model<Instance> m = withVirtualSetters(t);
        m.update(Map.of("illness", Map.of("pain", 10, "name", "Backache")),
                o -> o.where(Where.eq("username", "Jan")).sideEffects(false)).block();
        Instance row = m.findOne(q -> { }).block();
        assertEquals(5, ((Number) row.get("illness_pain")).intValue());
        assertEquals("Headache", row.get("illness_name"));
        // the default writes them (Sequelize's "updates attributes that are altered by virtual setters")
        m.update(Map.of("illness", Map.of("pain", 10, "name", "Backache")),
                o -> o.where(Where.eq("username", "Jan"))).block();
        assertEquals(10, ((Number) m.findOne(q -> { }).block().get("illness_pain")).intValue());
    }

    @DatabaseTest
    void sideEffectsFalseStillWritesThePlainValues(TestDb t) {
        Model<Instance> m = withVirtualSetters(t);
        m.update(Map.of("username", "Kurt", "illness", Map.of("pain", 10, "name", "Backache")),
                o -> o.where(Where.eq("username", "Jan")).sideEffects(false)).block();
        Instance row = m.findOne(q -> { }).block();
        assertEquals("Kurt", row.get("username"));
        assertEquals(5, ((Number) row.get("illness_pain")).intValue());
    }

    // ---- custom unique messages ---------------------------------------------------------------------------

    @DatabaseTest
    void aUniqueConstraintsCustomMessageIsTheErrorsMessage(TestDb t) {
        Model<Instance> m = t.db().define("fid_UserWithUniqueUsername", s -> s
                .attribute("username", DataTypes.STRING, a -> a.unique("fid_user_and_email")
                        .uniqueMessage("User and email must be unique"))
                .attribute("email", DataTypes.STRING, a -> a.unique("fid_user_and_email")));
        t.db().sync(m, SyncOptions.force()).block();
        m.create(Map.of("username", "tobi", "email", "tobi@tobi.me")).block();
        UniqueConstraintException e = assertThrows(UniqueConstraintException.class,
                () -> m.create(Map.of("username", "tobi", "email", "tobi@tobi.me")).block());
        assertTrue(e.getMessage().startsWith("RSQ-501 User and email must be unique"), e.getMessage());
        assertEquals("User and email must be unique", e.items().get(0).message(), String.valueOf(e.items()));
        assertEquals(1L, m.count().block());
    }

    /**
     * The index is made by a first definition (as a migration would); a second definition of the same table names
     * it in {@code unique(...)} with a message, and a violation of the index carries that message.
     */
    @DatabaseTest
    void aCustomMessageIsFoundByTheConstraintsName(TestDb t) {
        Model<Instance> first = t.db().define("fid_UserWithUniqueUsername", s -> s
                .attribute("user_id", DataTypes.INTEGER)
                .attribute("email", DataTypes.STRING)
                .options(o -> o.index(Index.on(IndexField.of("user_id"), IndexField.of("email").desc())
                        .name("fid_user_and_email_index").unique(true))));
        t.db().sync(first, SyncOptions.force()).block();
        Model<Instance> m = t.db().define("fid_UserWithUniqueUsername", s -> s
                .attribute("user_id", DataTypes.INTEGER, a -> a.unique("fid_user_and_email_index")
                        .uniqueMessage("User and email must be unique"))
                .attribute("email", DataTypes.STRING, a -> a.unique("fid_user_and_email_index")));
        m.create(Map.of("user_id", 1, "email", "tobi@tobi.me")).block();
        UniqueConstraintException e = assertThrows(UniqueConstraintException.class,
                () -> m.create(Map.of("user_id", 1, "email", "tobi@tobi.me")).block());
        assertTrue(e.getMessage().startsWith("RSQ-501 User and email must be unique"), e.getMessage());
        assertEquals(1L, m.count().block());
    }
}
