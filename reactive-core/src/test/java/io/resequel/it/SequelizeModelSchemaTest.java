package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Page;
import io.resequel.query.SyncOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sequelize v6.37.8 {@code test/integration/model/schema.test.js}: models in other schemas (PostgreSQL and H2
 * schemas, MySQL databases), through the {@code schema} define option, a global define default, and
 * {@code Model.schema(name)} copies. Tables {@code sc_*}, schemas {@code sc_*} (dropped after each test).
 */
class SequelizeModelSchemaTest {

    /** Two fresh schemas, dropped when the test is done, whatever happened. */
    private static void withSchemas(TestDb t, Consumer<String[]> body) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String[] schemas = {"sc_one_" + suffix, "sc_two_" + suffix};
        for (String s : schemas) {
            t.db().queryInterface().createSchema(s).block();
        }
        try {
            body.accept(schemas);
        } finally {
            for (String s : schemas) {
                t.db().queryInterface().dropSchema(s).block();
            }
        }
    }

    // ---- global schema ------------------------------------------------------------------------------------

    /** Sequelize's {@code current.options.schema = SCHEMA_TWO}: a define default of another Resequel. */
    private record Global(Model<Instance> restaurantOne, Model<Instance> locationOne,
            Model<Instance> restaurantTwo, Model<Instance> locationTwo) {
    }

    private static Model<Instance> restaurant(Resequel db, Model<Instance> location) {
        Model<Instance> r = db.define("restaurant", s -> s
                .attribute("foo", DataTypes.STRING)
                .attribute("bar", DataTypes.STRING)
                .options(o -> o.tableName("sc_restaurants")));
        r.belongsTo(location, a -> a.foreignKey("location_id").constraints(false));
        return r;
    }

    private static Model<Instance> location(Resequel db) {
        return db.define("location", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("sc_locations")));
    }

    private static Global global(TestDb t, String schemaTwo) {
        Model<Instance> locationOne = location(t.db());
        Model<Instance> restaurantOne = restaurant(t.db(), locationOne);
        Resequel two = t.connect(b -> b.define(o -> o.schema(schemaTwo)));
        Model<Instance> locationTwo = location(two);
        Model<Instance> restaurantTwo = restaurant(two, locationTwo);
        for (Model<Instance> m : List.of(restaurantOne, locationOne)) {
            t.db().sync(m, SyncOptions.force()).block();
        }
        for (Model<Instance> m : List.of(restaurantTwo, locationTwo)) {
            two.sync(m, SyncOptions.force()).block();
        }
        return new Global(restaurantOne, locationOne, restaurantTwo, locationTwo);
    }

    @DatabaseTest
    void globalSchemaModelsSyncWithAndWithoutTheOption(TestDb t) {
        withSchemas(t, s -> {
            Global g = global(t, s[1]);
            assertNull(g.restaurantOne().definition().schema());
            assertEquals(s[1], g.restaurantTwo().definition().schema());
        });
    }

    @DatabaseTest
    void globalSchemaCreateWritesTheDefaultOrTheSchemaTable(TestDb t) {
        withSchemas(t, s -> {
            Global g = global(t, s[1]);
            g.restaurantOne().create(Map.of("foo", "one")).block();
            assertEquals("one", g.restaurantOne().findOne(q -> q.where("foo", "one")).block().get("foo"));
            assertNull(g.restaurantTwo().findOne(q -> q.where("foo", "one")).block());

            g.restaurantTwo().create(Map.of("foo", "two")).block();
            assertEquals("two", g.restaurantTwo().findOne(q -> q.where("foo", "two")).block().get("foo"));
            assertNull(g.restaurantOne().findOne(q -> q.where("foo", "two")).block());
            assertEquals(1L, t.raw("SELECT * FROM " + t.q(s[1]) + "." + t.q("sc_restaurants")).count().block());
        });
    }

    @DatabaseTest
    void globalSchemaIncludeReadsTheSchemasAssociatedTable(TestDb t) {
        withSchemas(t, s -> {
            Global g = global(t, s[1]);
            g.locationTwo().create(Map.of("name", "HQ")).block();
            Instance hq = g.locationTwo().findOne(q -> q.where("name", "HQ")).block();
            assertNull(g.locationOne().findOne(q -> q.where("name", "HQ")).block());
            g.restaurantTwo().create(Map.of("foo", "two", "location_id", hq.get("id"))).block();
            Instance found = g.restaurantTwo().findOne(q -> q.where("foo", "two")
                    .include(Include.of(g.locationTwo()).as("location"))).block();
            assertEquals("HQ", ((Instance) found.get("location")).get("name"));
            assertNull(g.restaurantOne().findOne(q -> q.where("foo", "two")).block());
        });
    }

    // ---- schemas: Model.schema(name) ----------------------------------------------------------------------

    /** The file's second fixture: restaurants, their location, their employees; copies per schema. */
    private record Fixture(Model<Instance> restaurant, Model<Instance> location, Model<Instance> employee,
            HasMany<Instance, Instance> employees, BelongsTo<Instance, Instance> employer) {
    }

    private static Fixture fixture(TestDb t, String[] s) {
        Model<Instance> restaurant = t.db().define("restaurant", m -> m
                .attribute("foo", DataTypes.STRING)
                .attribute("bar", DataTypes.STRING)
                .options(o -> o.tableName("sc_restaurants")));
        Model<Instance> location = t.db().define("location", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("sc_locations")));
        Model<Instance> employee = t.db().define("employee", m -> m
                .attribute("first_name", DataTypes.STRING)
                .attribute("last_name", DataTypes.STRING)
                .options(o -> o.tableName("sc_employees")));
        // Sequelize makes EmployeeOne before the associations: the copy must see the keys added later.
        Model<Instance> employeeOne = employee.schema(s[0]);
        restaurant.belongsTo(location, a -> a.foreignKey("location_id").constraints(false));
        BelongsTo<Instance, Instance> employer = employee.belongsTo(restaurant,
                a -> a.foreignKey("restaurant_id").constraints(false));
        HasMany<Instance, Instance> employees = restaurant.hasMany(employee,
                a -> a.foreignKey("restaurant_id").constraints(false));
        assertTrue(employeeOne.definition().hasAttribute("restaurant_id"));
        t.db().sync(restaurant.schema(s[0]), SyncOptions.force()).block();
        t.db().sync(restaurant.schema(s[1]), SyncOptions.force()).block();
        return new Fixture(restaurant, location, employee, employees, employer);
    }

    @DatabaseTest
    void createAndFindInEachSchemaCopy(TestDb t) {
        withSchemas(t, s -> {
            Fixture f = fixture(t, s);
            for (int i = 0; i < 2; i++) {
                Model<Instance> here = f.restaurant().schema(s[i]);
                Model<Instance> there = f.restaurant().schema(s[1 - i]);
                String foo = i == 0 ? "one" : "two";
                here.create(Map.of("foo", foo)).block();
                Instance found = here.findOne(q -> q.where("foo", foo)).block();
                assertEquals(foo, found.get("foo"));
                assertEquals(foo, here.findByPk(found.get("id")).block().get("foo"));
                assertNull(there.findOne(q -> q.where("foo", foo)).block());
            }
            assertSame(f.restaurant().schema(s[0]), f.restaurant().schema(s[0]), "one copy per schema");
            assertSame(f.restaurant(), f.restaurant().schema(s[0]).schema(null));
            assertEquals(s[0], f.restaurant().schema(s[0]).definition().schema());
            assertNull(f.restaurant().definition().schema(), "the model itself stays where it was");
        });
    }

    @DatabaseTest
    void saveFindAllCountAndFindAndCountAllPerSchema(TestDb t) {
        withSchemas(t, s -> {
            Fixture f = fixture(t, s);
            Model<Instance> one = f.restaurant().schema(s[0]);
            Model<Instance> two = f.restaurant().schema(s[1]);
            // Built and saved in turns: a copy's build must not change the model or the other copy.
            for (Object[] step : new Object[][] {{one, "one.1"}, {two, "two.1"}, {one, "one.2"}, {two, "two.2"},
                    {two, "two.3"}}) {
                @SuppressWarnings("unchecked")
                Model<Instance> m = (Model<Instance>) step[0];
                m.build(Map.of("bar", step[1])).save().block();
            }
            for (Object[] expect : new Object[][] {{one, "one", 2L, "%.1"}, {two, "two", 3L, "%.3"}}) {
                @SuppressWarnings("unchecked")
                Model<Instance> m = (Model<Instance>) expect[0];
                String word = (String) expect[1];
                List<Instance> all = m.findAll().collectList().block();
                assertEquals(expect[2], (long) all.size());
                all.forEach(r -> assertTrue(((String) r.get("bar")).contains(word)));
                Page<Instance> page = m.findAndCountAll(q -> { }).block();
                assertEquals(expect[2], page.count());
                assertEquals(expect[2], (long) page.rows().size());
                List<Instance> like = m.findAll(q -> q.where(Where.where("bar", io.resequel.query.Op.LIKE, (String) expect[3]))).collectList()
                        .block();
                assertEquals(1, like.size());
                assertTrue(((String) like.get(0).get("bar")).contains(word));
                assertEquals(expect[2], m.count().block());
            }
        });
    }

    @DatabaseTest
    void aCopyIncludesATargetOfTheDefaultSchema(TestDb t) {
        withSchemas(t, s -> {
            Fixture f = fixture(t, s);
            t.db().sync(f.location(), SyncOptions.force()).block();
            Object locationId = f.location().create(Map.of("name", "HQ")).block().get("id");
            Model<Instance> one = f.restaurant().schema(s[0]);
            one.create(Map.of("foo", "one", "location_id", locationId)).block();
            Instance found = one.findOne(q -> q.where("foo", "one")
                    .include(Include.of(f.location()).as("location"))).block();
            assertEquals("one", found.get("foo"));
            assertEquals("HQ", ((Instance) found.get("location")).get("name"));
        });
    }

    @DatabaseTest
    void schemaSpecificAssociatedDataViaIncludeAndGetters(TestDb t) {
        withSchemas(t, s -> {
            Fixture f = fixture(t, s);
            t.db().sync(f.employee().schema(s[0]), SyncOptions.force()).block();
            t.db().sync(f.employee().schema(s[1]), SyncOptions.force()).block();
            for (int i = 0; i < 2; i++) {
                String word = i == 0 ? "one" : "two";
                Model<Instance> restaurants = f.restaurant().schema(s[i]);
                Model<Instance> employees = f.employee().schema(s[i]);
                restaurants.create(Map.of("foo", word)).block();
                Object restaurantId = restaurants.findOne(q -> q.where("foo", word)).block().get("id");
                employees.create(Map.of("first_name", "Restaurant", "last_name", word, "restaurant_id",
                        restaurantId)).block();

                Instance r = restaurants.findOne(q -> q.where("foo", word)
                        .include(Include.of(employees).as("employees"))).block();
                List<?> included = (List<?>) r.get("employees");
                assertEquals(1, included.size());
                assertEquals(word, ((Instance) included.get(0)).get("last_name"));
                // getEmployees({schema}): the association read through the copy.
                List<Instance> got = f.employees().get(r, employees, q -> { }).collectList().block();
                assertEquals(List.of(word), got.stream().map(e -> e.get("last_name")).toList());

                Instance e = employees.findOne(q -> q.where("last_name", word)
                        .include(Include.of(restaurants).as("restaurant"))).block();
                assertEquals(word, ((Instance) e.get("restaurant")).get("foo"));
                assertEquals(word, f.employer().get(e, restaurants, q -> { }).block().get("foo"));
            }
            // Each schema's table holds its own row only.
            assertEquals(1L, t.raw("SELECT * FROM " + t.q(s[0]) + "." + t.q("sc_employees")).count().block());
            assertEquals(1L, t.raw("SELECT * FROM " + t.q(s[1]) + "." + t.q("sc_employees")).count().block());
        });
    }

    @DatabaseTest
    void buildsAndPersistsToTwoSchemasInAnyOrder(TestDb t) {
        withSchemas(t, s -> {
            Fixture f = fixture(t, s);
            Instance one1 = f.restaurant().schema(s[0]).build(Map.of("bar", "one.1"));
            Instance two1 = f.restaurant().schema(s[1]).build(Map.of("bar", "two.1"));
            one1.save().block();
            Instance one2 = f.restaurant().schema(s[0]).build(Map.of("bar", "one.2"));
            two1.save().block();
            one2.save().block();
            List<Instance> ones = f.restaurant().schema(s[0]).findAll().collectList().block();
            assertEquals(2, ones.size());
            ones.forEach(r -> assertTrue(((String) r.get("bar")).contains("one")));
            List<Instance> twos = f.restaurant().schema(s[1]).findAll().collectList().block();
            assertEquals(1, twos.size());
            assertTrue(((String) twos.get(0).get("bar")).contains("two"));
            // An instance of a copy updates and reloads in its schema too.
            one1.update(Map.of("bar", "one.1b")).block();
            assertEquals(1L, f.restaurant().schema(s[0]).count(Where.eq("bar", "one.1b")).block());
            assertFalse(f.restaurant().schema(s[1]).count(Where.eq("bar", "one.1b")).block() > 0);
        });
    }

    /** The README's example of a schema copy. */
    @DatabaseTest
    void aSchemaCopyAsTheReadmeShowsIt(TestDb t) {
        withSchemas(t, s -> {
            Resequel db = t.db();
            String tenantA = s[0];
            // tag::model-schema[]
            Model<Instance> notes = db.define("Note", m -> m.attribute("text", DataTypes.STRING)
                    .options(o -> o.tableName("sc_notes")));
            Model<Instance> notesA = notes.schema(tenantA);    // the same model, its table in schema tenantA
            db.sync(notesA, SyncOptions.force()).block();
            Instance note = notesA.create(Map.of("text", "only in A")).block();
            note.update(Map.of("text", "still in A")).block();  // an instance of the copy writes there too
            Long inA = notesA.count().block();                 // 1
            // end::model-schema[]
            assertEquals(1L, inA);
            assertEquals(List.of("still in A"), t.raw("SELECT " + t.q("text") + " FROM " + t.q(tenantA) + "."
                    + t.q("sc_notes")).map(r -> r.get("text")).collectList().block());
        });
    }

    @DatabaseTest
    void syncsModelsWithASchemaAndSameNamedIndexes(TestDb t) {
        withSchemas(t, s -> {
            Model<Instance> user = t.db().define("User1", m -> m
                    .attribute("name", DataTypes.STRING)
                    .attribute("value", DataTypes.INTEGER)
                    .options(o -> o.schema(s[0]).tableName("sc_user1")
                            .index(Index.on("name").name("sc_test_slug_idx"))));
            Model<Instance> task = t.db().define("Task2", m -> m
                    .attribute("name", DataTypes.STRING)
                    .attribute("value", DataTypes.INTEGER)
                    .options(o -> o.schema(s[1]).tableName("sc_task2")
                            .index(Index.on("name").name("sc_test_slug_idx"))));
            t.db().sync(user, SyncOptions.force()).block();
            t.db().sync(task, SyncOptions.force()).block();
            assertNotNull(t.db().queryInterface().withSchema(s[0]).describeTable("sc_user1").block().get("name"));
            assertNotNull(t.db().queryInterface().withSchema(s[1]).describeTable("sc_task2").block().get("name"));
        });
    }
}
