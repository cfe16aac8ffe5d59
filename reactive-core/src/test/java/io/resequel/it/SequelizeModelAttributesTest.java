package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.SaveOptions;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * Port of Sequelize v6's test/integration/model/attributes/types.test.js (VIRTUAL) and of
 * test/integration/model/attributes.test.js.
 */
class SequelizeModelAttributesTest {

    private record Models(Model<Instance> users, Model<Instance> tasks, Model<Instance> projects) {
    }

    private static Models virtuals(TestDb t) {
        Model<Instance> users = t.db().define("fma_user", s -> s.attribute("storage", DataTypes.STRING)
                .virtual("field1", a -> a.set((i, v) -> {
                    i.setDataValue("storage", v);
                    i.setDataValue("field1", v);
                }).get(i -> i.getDataValue("field1")))
                .virtual("field2", a -> a.get(i -> 42))
                .virtual("virtualWithDefault", a -> a.defaultValue("cake"))
                .options(o -> o.timestamps(false)));
        Model<Instance> tasks = t.db().define("fma_task", s -> { });
        Model<Instance> projects = t.db().define("fma_project", s -> { });
        tasks.belongsTo(users, o -> o.as("user"));
        users.hasMany(tasks, o -> o.as("tasks"));
        projects.belongsToMany(users, o -> o.through("fma_project_user").as("users"));
        users.belongsToMany(projects, o -> o.through("fma_project_user").as("projects"));
        t.db().sync().block();
        return new Models(users, tasks, projects);
    }

    private static void noVirtualColumns(TestDb t) {
        for (String sql : t.statements()) {
            assertFalse(sql.contains("field1") || sql.contains("field2") || sql.contains("virtualWithDefault"), sql);
        }
    }

    @DatabaseTest
    void virtualsAppearInTheValues(TestDb t) {
        Models m = virtuals(t);
        Instance user = m.users().build(Map.of("field1", "field1_value", "field2", "field2_value"));
        Map<String, Object> json = user.toJSON();
        assertEquals("field1_value", json.get("storage"));
        assertEquals("field1_value", json.get("field1"));
        assertEquals(42, json.get("field2"));
        assertEquals("cake", json.get("virtualWithDefault"));
    }

    @DatabaseTest
    void virtualsAreNoColumnsAndNotSelected(TestDb t) {
        Models m = virtuals(t);
        assertEquals(java.util.Set.of("id", "storage"), SyncTest.columns(t, "fma_users"));
        t.clearStatements();
        m.users().findOne(q -> { }).block();
        m.users().findAll().collectList().block();
        m.tasks().findAll(q -> q.include("user")).collectList().block();
        m.projects().findAll(q -> q.include("users")).collectList().block();
        assertEquals(4, t.statements().size());
        noVirtualColumns(t);
    }

    @DatabaseTest
    void virtualsIgnoredInCreateAndUpdate(TestDb t) {
        Models m = virtuals(t);
        Instance user = m.users().create(Map.of("field1", "something")).block();
        assertEquals("cake", user.get("virtualWithDefault"));
        assertEquals("something", user.get("storage"));
        // Deliberate deviation (issue 12): with fields(...), keys outside the fields are ignored, setters included;
        // Sequelize runs field1's setter and then saves storage ("something else").
        user = user.update(Map.of("field1", "something else"), SaveOptions.fields("storage")).block();
        assertEquals("something", user.get("storage"));
        user = user.update(Map.of("field1", "something else")).block();
        assertEquals("something else", user.get("storage"));
        assertEquals("something else", m.users().findByPk(user.get("id")).block().get("storage"));
    }

    @DatabaseTest
    void virtualsIgnoredInBulkCreateAndExcludable(TestDb t) {
        Models m = virtuals(t);
        t.clearStatements();
        m.users().bulkCreate(List.of(Map.of("field1", "something"))).blockLast();
        Map<String, Object> user = m.users().findAll().blockFirst().toJSON();
        noVirtualColumns(t);
        assertEquals("something", user.get("storage"));
        assertTrue(user.keySet().containsAll(List.of("field1", "field2")), user.toString());
        // gap: exclude("field1") of a VIRTUAL is refused (UnknownAttributeException); Sequelize drops it from get()
    }

    @DatabaseTest
    void includedModelWithAVirtualAttribute(TestDb t) {
        Models m = virtuals(t);
        Instance user = m.users().create(Map.of()).block();
        m.tasks().create(Map.of(m.tasks().association("user").foreignKey(), user.get("id"))).block();
        List<Instance> tasks = m.tasks().findAll(q -> q.include(Include.of("user").attributes("id")))
                .collectList().block();
        assertEquals(42, tasks.get(0).getOne("user", Instance.class).get("field2"));
    }

    // ---- test/integration/model/attributes.test.js ------------------------------------------------------------

    @DatabaseTest
    void anAliasCalledToString(TestDb t) {
        Model<Instance> people = t.db().define("fma_person", s -> s.attribute("name", DataTypes.STRING)
                .attribute("nick", DataTypes.STRING));
        Model<Instance> computers = t.db().define("fma_computer", s -> s.attribute("hostname", DataTypes.STRING));
        people.hasMany(computers, o -> o.as("computers"));
        t.db().sync().block();
        Instance jozef = people.create(Map.of("name", "Jozef", "nick", "Joe")).block();
        computers.create(Map.of("hostname", "laptop", people.association("computers").foreignKey(), jozef.get("id")))
                .block();
        Instance p = people.findOne(q -> q.attributes("nick").attribute("name", "toString").where("name", "Jozef"))
                .block();
        assertEquals("Jozef", p.get("toString"));
        List<Instance> withComputers = people.findAll(q -> q.attributes("id", "nick").attribute("name", "toString")
                .include("computers").where("name", "Jozef")).collectList().block();
        assertEquals(1, withComputers.size());
        assertEquals("Jozef", withComputers.get(0).get("toString"));
        assertEquals("laptop", withComputers.get(0).getMany("computers", Instance.class).get(0).get("hostname"));
    }
}
