package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** REFERENCE §25: underscored columns, table names, the global define defaults, association names. */
class NamingTest {

    /** @return the column names of a table, read from a row of it with plain R2DBC */
    static Set<String> columns(TestDb t, String table) {
        return t.raw("SELECT * FROM " + t.q(table)).blockFirst().keySet();
    }

    @DatabaseTest
    void underscoredAttributesTimestampsAndForeignKeys(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m
                .attribute("firstName", DataTypes.STRING)
                .attribute("eMailAddress", DataTypes.STRING, a -> a.field("EMail"))
                .options(o -> o.underscored(true).paranoid(true)));
        Model<Instance> tasks = t.db().define("Task", m -> m
                .attribute("dueTitle", DataTypes.STRING)
                .options(o -> o.underscored(true)));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks);
        tasks.belongsTo(users);
        assertEquals("UserId", userTasks.foreignKey());
        assertEquals("user_id", tasks.definition().fieldOf("UserId"));
        assertEquals("Users", users.tableName());
        t.db().sync().block();

        Instance ada = users.create(Map.of("firstName", "Ada", "eMailAddress", "ada@x")).block();
        userTasks.create(ada, Map.of("dueTitle", "write")).block();
        assertEquals(Set.of("id", "first_name", "EMail", "created_at", "updated_at", "deleted_at"),
                columns(t, "Users"));
        assertEquals(Set.of("id", "due_title", "created_at", "updated_at", "user_id"), columns(t, "Tasks"));

        // the attribute names stay camelCase everywhere in the API
        ada.destroy().block();
        assertEquals(0L, users.count().block());
        Instance gone = users.findOne(q -> q.paranoid(false).where("firstName", "Ada")).block();
        assertTrue(gone.get("deletedAt") != null);
        Instance task = tasks.findOne(q -> q.include(Include.of(users).paranoid(false))
                .order(Order.asc("createdAt"))).block();
        assertEquals("ada@x", task.getOne("User", Instance.class).get("eMailAddress"));
        assertEquals(ada.get("id"), task.get("UserId"));
    }

    @DatabaseTest
    void tableNames(TestDb t) {
        Resequel db = t.db();
        assertEquals("People", db.define("Person", m -> m.attribute("n", DataTypes.STRING)).tableName());
        assertEquals("Categories", db.define("Category", m -> m.attribute("n", DataTypes.STRING)).tableName());
        assertEquals("UserProfiles", db.define("UserProfile", m -> m.attribute("n", DataTypes.STRING)).tableName());
        assertEquals("UserProjects", db.define("UserProjects", m -> m.attribute("n", DataTypes.STRING)).tableName());
        assertEquals("Addresses", db.define("Address", m -> m.attribute("n", DataTypes.STRING)).tableName());
        assertEquals("Statuses", db.define("Status", m -> m.attribute("n", DataTypes.STRING)).tableName());
        assertEquals("Child", db.define("Child", m -> m.attribute("n", DataTypes.STRING)
                .options(o -> o.freezeTableName(true))).tableName());
        assertEquals("my_things", db.define("Thing", m -> m.attribute("n", DataTypes.STRING)
                .options(o -> o.tableName("my_things").freezeTableName(true))).tableName());
        db.sync().block();
        db.define("Child", m -> m.attribute("n", DataTypes.STRING).options(o -> o.freezeTableName(true)))
                .create(Map.of("n", "c")).block();
        assertEquals("c", t.raw("SELECT " + t.q("n") + " AS n FROM " + t.q("Child")).blockFirst().get("n"));
        assertEquals(Set.of("id", "n", "createdAt", "updatedAt"), columns(t, "Child"));
    }

    @DatabaseTest
    void globalDefineDefaults(TestDb t) {
        Resequel db = t.connect(b -> b.define(o -> o.underscored(true).freezeTableName(true)));
        Model<Instance> people = db.define("Person", m -> m.attribute("lastName", DataTypes.STRING));
        Model<Instance> camel = db.define("Camel", m -> m.attribute("humpCount", DataTypes.INTEGER)
                .options(o -> o.underscored(false).freezeTableName(false)));
        assertEquals("Person", people.tableName());
        assertEquals("Camels", camel.tableName());
        db.sync().block();
        people.create(Map.of("lastName", "Lovelace")).block();
        camel.create(Map.of("humpCount", 2)).block();
        assertEquals(Set.of("id", "last_name", "created_at", "updated_at"), columns(t, "Person"));
        assertEquals(Set.of("id", "humpCount", "createdAt", "updatedAt"), columns(t, "Camels"));
        // the default instance is untouched
        assertEquals("People", t.db().define("Person", m -> m.attribute("lastName", DataTypes.STRING)).tableName());
    }

    @DatabaseTest
    void aliasFormsNameTheMixins(TestDb t) {
        Model<Instance> people = t.db().define("Person", m -> m.attribute("name", DataTypes.STRING));
        HasMany<Instance, Instance> kids = people.hasMany(people, a -> a.as("child", "children")
                .foreignKey("parentId"));
        assertEquals("children", kids.as());
        assertEquals("child", kids.singular());
        assertEquals("children", kids.plural());
        Map<String, String> acc = kids.accessors();
        assertEquals("getChildren", acc.get("get"));
        assertEquals("setChildren", acc.get("set"));
        assertEquals("addChild", acc.get("add"));
        assertEquals("addChildren", acc.get("addMultiple"));
        assertEquals("createChild", acc.get("create"));
        assertEquals("countChildren", acc.get("count"));
        assertEquals("hasChild", acc.get("hasSingle"));
        assertEquals("removeChildren", acc.get("removeMultiple"));

        HasMany<Instance, Instance> plain = people.hasMany(t.db().define("Task",
                m -> m.attribute("title", DataTypes.STRING)));
        assertEquals("getTasks", plain.accessors().get("get"));
        assertEquals("addTask", plain.accessors().get("add"));

        t.db().sync().block();
        Instance ada = people.create(Map.of("name", "Ada")).block();
        kids.create(ada, Map.of("name", "Byron")).block();
        kids.create(ada, Map.of("name", "Anne")).block();
        Instance back = people.findOne(q -> q.where("name", "Ada").include("children")
                .order(Order.asc("children.name"))).block();
        List<Instance> children = back.getMany("children", Instance.class);
        assertEquals(List.of("Anne", "Byron"), children.stream().map(c -> c.get("name")).toList());
        assertTrue(back.toJSON().containsKey("children"), back.toJSON().toString());
    }

    @DatabaseTest
    void belongsToAliasNamesTheForeignKey(TestDb t) {
        Model<Instance> customers = t.db().define("Customer", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> orders = t.db().define("Order", m -> m.attribute("total", DataTypes.INTEGER));
        BelongsTo<Instance, Instance> buyer = orders.belongsTo(customers, a -> a.as("Buyer"));
        HasMany<Instance, Instance> custOrders = customers.hasMany(orders);
        assertEquals("BuyerId", buyer.foreignKey());
        assertEquals("CustomerId", custOrders.foreignKey());
        assertEquals("getBuyer", buyer.accessors().get("get"));
        assertEquals("setBuyer", buyer.accessors().get("set"));
        assertEquals("createBuyer", buyer.accessors().get("create"));
        t.db().sync().block();
        Instance c = customers.create(Map.of("name", "Acme")).block();
        Instance o = orders.create(Map.of("total", 5)).block();
        buyer.set(o, c).block();
        // two FK columns, as in Sequelize when the two sides don't pass the same foreignKey
        assertEquals(Set.of("id", "total", "BuyerId", "CustomerId", "createdAt", "updatedAt"), columns(t, "Orders"));
        Instance back = orders.findByPk(o.get("id"), q -> q.include("Buyer")).block();
        assertEquals("Acme", back.getOne("Buyer", Instance.class).get("name"));
        assertEquals(0L, custOrders.count(c).block());
    }

    @DatabaseTest
    void modelNameSingularAndPlural(TestDb t) {
        Model<Instance> people = t.db().define("Person", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.name("Human", "Humans")));
        Model<Instance> pets = t.db().define("Pet", m -> m.attribute("name", DataTypes.STRING));
        assertEquals("People", people.tableName()); // Sequelize: the table follows the model name
        HasMany<Instance, Instance> owned = people.hasMany(pets);
        BelongsTo<Instance, Instance> owner = pets.belongsTo(people);
        HasMany<Instance, Instance> crowd = pets.hasMany(people, a -> a.foreignKey("favouritePetId").constraints(false));
        assertEquals("HumanId", owned.foreignKey());
        assertEquals("Human", owner.as());
        assertEquals("HumanId", owner.foreignKey());
        assertEquals("Humans", crowd.as());
        assertEquals("addHuman", crowd.accessors().get("add"));
        assertEquals("getHumans", crowd.accessors().get("get"));
        t.db().sync().block();
        Instance ada = people.create(Map.of("name", "Ada")).block();
        owned.create(ada, Map.of("name", "Rex")).block();
        Instance rex = pets.findOne(q -> q.include("Human")).block();
        assertEquals("Ada", rex.getOne("Human", Instance.class).get("name"));
        assertEquals(Set.of("id", "name", "HumanId", "createdAt", "updatedAt"), columns(t, "Pets"));
    }
}
