package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.error.EagerLoadingException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * Ported from Sequelize v6.37.8 test/integration/model/findAll.test.js: eager loading, include all, empty include
 * attributes, and ordering by eager-loaded tables. Sequelize's order arrays of models ({@code [Country, Person,
 * 'lastName', 'ASC']}) are alias paths here ({@code Order.asc("countries.people.lastName")}).
 */
class SequelizeFindAllEagerTest {

    private static Model<Instance> model(TestDb t, String name, String... strings) {
        return t.db().define(name, s -> {
            for (String a : strings) {
                s.attribute(a, DataTypes.STRING);
            }
            s.options(o -> o.tableName("fmb_e_" + name.toLowerCase()));
        });
    }

    private static Exception fails(Model<Instance> m, Include include) {
        return assertThrows(Exception.class, () -> m.findAll(q -> q.include(include)).collectList().block());
    }

    @DatabaseTest
    void doesNotIgnoreTheWhereWithEmptyIncludes(TestDb t) {
        Model<Instance> m = SequelizeFindAllTest.users(t);
        m.bulkCreate(List.of(Map.of("username", "D.E.N.N.I.S", "intVal", 6), Map.of("username", "F.R.A.N.K", "intVal", 5),
                Map.of("username", "W.I.L.D C.A.R.D", "intVal", 8))).blockLast();
        List<Instance> found = m.findAll(q -> q.where("intVal", 8).include(new Include[0])).collectList().block();
        assertEquals(1, found.size());
        assertEquals("W.I.L.D C.A.R.D", found.get(0).get("username"));
    }

    /** belongsTo: not associated is a typed error; the worker comes with the task, also with limit and order. */
    @DatabaseTest
    void belongsTo(TestDb t) {
        Model<Instance> tasks = model(t, "TaskBelongsTo", "title");
        Model<Instance> workers = model(t, "Worker", "name");
        BelongsTo<Instance, Instance> of = tasks.belongsTo(workers);
        t.db().sync().block();
        Instance task = tasks.create(Map.of("title", "homework")).block();
        of.set(task, workers.create(Map.of("name", "worker")).block()).block();
        Exception e = fails(workers, Include.of(tasks));
        assertInstanceOf(EagerLoadingException.class, e);
        assertTrue(e.getMessage().contains("TaskBelongsTo") && e.getMessage().contains("Worker"), e.getMessage());
        Instance found = tasks.findAll(q -> q.where("title", "homework").include(workers)).blockFirst();
        assertEquals("worker", found.getOne("Worker", Instance.class).get("name"));
        Instance limited = tasks.findAll(q -> q.where("title", "homework").include(workers).limit(1)
                .order(Order.desc("title"))).blockFirst();
        assertEquals("worker", limited.getOne("Worker", Instance.class).get("name"));
    }

    @DatabaseTest
    void hasOne(TestDb t) {
        Model<Instance> tasks = model(t, "TaskHasOne", "title");
        Model<Instance> workers = model(t, "Worker", "name");
        HasOne<Instance, Instance> has = workers.hasOne(tasks);
        t.db().sync().block();
        Instance w = workers.create(Map.of("name", "worker")).block();
        has.set(w, tasks.create(Map.of("title", "homework")).block()).block();
        assertInstanceOf(EagerLoadingException.class, fails(tasks, Include.of(workers)));
        Instance found = workers.findAll(q -> q.where("name", "worker").include(tasks)).blockFirst();
        assertEquals("homework", found.getOne("TaskHasOne", Instance.class).get("title"));
    }

    /**
     * hasOne with alias: the model without the alias and a wrong alias are typed errors; with the alias (both
     * "returns ... via worker.task" cases) the task comes.
     */
    @DatabaseTest
    void hasOneWithAlias(TestDb t) {
        Model<Instance> tasks = model(t, "Task", "title");
        Model<Instance> workers = model(t, "Worker", "name");
        HasOne<Instance, Instance> has = workers.hasOne(tasks, o -> o.as("ToDo"));
        t.db().sync().block();
        Instance w = workers.create(Map.of("name", "worker")).block();
        has.set(w, tasks.create(Map.of("title", "homework")).block()).block();
        aliasErrors(workers, tasks, "ToDo");
        Instance found = workers.findAll(q -> q.where("name", "worker").include(Include.of(tasks).as("ToDo")))
                .blockFirst();
        assertEquals("homework", found.getOne("ToDo", Instance.class).get("title"));
    }

    private static void aliasErrors(Model<Instance> workers, Model<Instance> tasks, String alias) {
        Exception noAlias = fails(workers, Include.of(tasks));
        assertInstanceOf(EagerLoadingException.class, noAlias);
        assertTrue(noAlias.getMessage().contains(alias), noAlias.getMessage());
        Exception wrong = fails(workers, Include.of(tasks).as("Work"));
        assertInstanceOf(EagerLoadingException.class, wrong);
        assertTrue(wrong.getMessage().contains("Work"), wrong.getMessage());
    }

    @DatabaseTest
    void hasMany(TestDb t) {
        Model<Instance> tasks = model(t, "task", "title");
        Model<Instance> workers = model(t, "worker", "name");
        HasMany<Instance, Instance> has = workers.hasMany(tasks);
        t.db().sync().block();
        Instance w = workers.create(Map.of("name", "worker")).block();
        has.set(w, List.of(tasks.create(Map.of("title", "homework")).block())).block();
        assertInstanceOf(EagerLoadingException.class, fails(tasks, Include.of(workers)));
        Instance found = workers.findAll(q -> q.where("name", "worker").include(tasks)).blockFirst();
        String alias = workers.associations().get(0).as();
        assertEquals("homework", found.getMany(alias, Instance.class).get(0).get("title"));
    }

    /** The three "supports sorting ... on renamed sub-query attribute(s)" cases (#8739): limit forces a sub-query. */
    @DatabaseTest
    void sortsOnRenamedSubQueryAttributes(TestDb t) {
        Model<Instance> users = t.db().define("user", s -> s.attribute("name", DataTypes.STRING,
                a -> a.field("some_other_name")).attribute("age", DataTypes.INTEGER, a -> a.field("a_g_e"))
                .options(o -> o.tableName("fmb_e_renamed_users")));
        Model<Instance> projects = model(t, "project", "title");
        users.hasMany(projects);
        t.db().sync().block();
        users.bulkCreate(List.of(Map.of("name", "a", "age", 1), Map.of("name", "a", "age", 2),
                Map.of("name", "b", "age", 3), Map.of("name", "c", "age", 4))).blockLast();
        assertEquals(List.of("a/1", "a/2"), names(users.findAll(q -> q.order(Order.asc("name"), Order.asc("age"))
                .limit(2).include(projects)).collectList().block()));
        assertEquals(List.of("c/4", "b/3"), names(users.findAll(q -> q.order(Order.desc("name")).limit(2)
                .include(projects)).collectList().block()));
        assertEquals(List.of("a/2", "a/1"), names(users.findAll(q -> q.order(Order.asc("name"), Order.desc("age"))
                .limit(2).include(projects)).collectList().block()));
        assertEquals(List.of("c/4", "b/3"), names(users.findAll(q -> q.order(Order.desc("name"), Order.asc("age"))
                .limit(2).include(projects)).collectList().block()));
    }

    private static List<String> names(List<Instance> rows) {
        return rows.stream().map(i -> i.get("name") + "/" + i.get("age")).toList();
    }

    @DatabaseTest
    void hasManyWithAlias(TestDb t) {
        Model<Instance> tasks = model(t, "Task", "title");
        Model<Instance> workers = model(t, "Worker", "name");
        HasMany<Instance, Instance> has = workers.hasMany(tasks, o -> o.as("ToDos"));
        t.db().sync().block();
        Instance w = workers.create(Map.of("name", "worker")).block();
        has.set(w, List.of(tasks.create(Map.of("title", "homework")).block())).block();
        aliasErrors(workers, tasks, "ToDos");
        Instance found = workers.findAll(q -> q.where("name", "worker").include(Include.of(tasks).as("ToDos")))
                .blockFirst();
        assertEquals("homework", found.getMany("ToDos", Instance.class).get(0).get("title"));
    }

    /** queryOptions: instances unless raw; raw rows are maps (findAllRaw). */
    @DatabaseTest
    void queryOptionsRaw(TestDb t) {
        Model<Instance> m = SequelizeFindAllTest.users(t);
        m.create(Map.of("username", "barfooz")).block();
        List<Instance> instances = m.findAll(q -> q.where("username", "barfooz")).collectList().block();
        assertEquals(m, instances.get(0).model());
        Map<String, Object> raw = m.findAllRaw(q -> q.where("username", "barfooz")).blockFirst();
        assertEquals("barfooz", raw.get("username"));
    }

    // ---- include all --------------------------------------------------------------------------------------------

    private record World(Model<Instance> continents, Model<Instance> countries, Model<Instance> people) {
    }

    private static World world(TestDb t) {
        Model<Instance> continent = model(t, "continent", "name");
        Model<Instance> country = model(t, "country", "name");
        Model<Instance> industry = model(t, "industry", "name");
        Model<Instance> person = model(t, "person", "name", "lastName");
        continent.hasMany(country, o -> o.as("countries"));
        BelongsTo<Instance, Instance> inContinent = country.belongsTo(continent, o -> o.as("continent"));
        BelongsToMany<Instance, Instance> industries = country.belongsToMany(industry,
                o -> o.as("industries").through("fmb_e_country_industry"));
        industry.belongsToMany(country, o -> o.as("countries").through("fmb_e_country_industry"));
        country.hasMany(person, o -> o.as("people"));
        BelongsTo<Instance, Instance> inCountry = person.belongsTo(country, o -> o.as("country"));
        country.hasMany(person, o -> o.as("residents").foreignKey("CountryResidentId"));
        BelongsTo<Instance, Instance> resident = person.belongsTo(country, o -> o.as("CountryResident")
                .foreignKey("CountryResidentId"));
        t.db().sync().block();
        Instance europe = continent.create(Map.of("name", "Europe")).block();
        Instance england = country.create(Map.of("name", "England")).block();
        Instance coal = industry.create(Map.of("name", "Coal")).block();
        Instance bob = person.create(Map.of("name", "Bob", "lastName", "Becket")).block();
        inContinent.set(england, europe).block();
        industries.add(england, coal).block();
        inCountry.set(bob, england).block();
        resident.set(bob, england).block();
        return new World(continent, country, person);
    }

    /** includes all associations, a specific type, with attributes, over-ruled by a specified include. */
    @DatabaseTest
    void includeAll(TestDb t) {
        World w = world(t);
        Instance all = w.countries().findAll(q -> q.include(Include.all())).blockFirst();
        assertNotNull(all.getOne("continent", Instance.class));
        assertEquals(1, all.getMany("industries", Instance.class).size());
        assertEquals(1, all.getMany("people", Instance.class).size());
        assertEquals(1, all.getMany("residents", Instance.class).size());
        Instance belongs = w.countries().findAll(q -> q.include(Include.all(Include.Kind.BELONGS_TO)))
                .blockFirst();
        assertNotNull(belongs.getOne("continent", Instance.class));
        assertFalse(belongs.isIncluded("industries"));
        assertFalse(belongs.isIncluded("people"));
        assertFalse(belongs.isIncluded("residents"));
        Instance some = w.countries().findAll(q -> q.include(Include.all(Include.Kind.HAS_MANY)
                .attributes("name"))).blockFirst();
        for (String alias : List.of("people", "residents")) {
            Instance p = some.getMany(alias, Instance.class).get(0);
            assertEquals("Bob", p.get("name"));
            assertFalse(p.toJSON().containsKey("lastName"), p.toJSON().toString());
        }
        Instance overruled = w.countries().findAll(q -> q.include(Include.all(),
                Include.of(w.continents()).as("continent").attributes("id"))).blockFirst();
        assertNull(overruled.getOne("continent", Instance.class).get("name"));
    }

    @DatabaseTest
    void includeAllNested(TestDb t) {
        World w = world(t);
        Instance europe = w.continents().findAll(q -> q.include(Include.all().nested())).blockFirst();
        Instance england = europe.getMany("countries", Instance.class).get(0);
        assertEquals(1, england.getMany("industries", Instance.class).size());
        assertEquals(1, england.getMany("people", Instance.class).size());
        assertEquals(1, england.getMany("residents", Instance.class).size());
        assertFalse(england.isIncluded("continent"), "no way back up the tree");
    }

    // ---- attributes: [] --------------------------------------------------------------------------------------

    private static Model<Instance> kingdoms(TestDb t) {
        Model<Instance> animals = t.db().define("Animal", s -> s.attribute("name", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER).options(o -> o.tableName("fmb_e_animals")));
        Model<Instance> kingdoms = model(t, "Kingdom", "name");
        Model<Instance> through = t.db().define("AnimalKingdom", s -> s.attribute("relation", DataTypes.STRING)
                .attribute("mutation", DataTypes.BOOLEAN).options(o -> o.tableName("fmb_e_animal_kingdoms")));
        BelongsToMany<Instance, Instance> has = kingdoms.belongsToMany(animals, o -> o.through(through));
        t.db().sync().block();
        List<Instance> a = animals.bulkCreate(List.of(Map.of("name", "Dog", "age", 20), Map.of("name", "Cat", "age", 30),
                Map.of("name", "Peacock", "age", 25), Map.of("name", "Fish", "age", 100))).collectList().block();
        List<Instance> k = kingdoms.bulkCreate(List.of(Map.of("name", "Earth"), Map.of("name", "Water"),
                Map.of("name", "Wind"))).collectList().block();
        has.add(k.get(0), a.get(0), a.get(1)).block();
        has.add(k.get(1), a.get(3)).block();
        has.add(k.get(2), a.get(2)).block();
        return kingdoms;
    }

    /** The three N:M cases: empty include attributes drop the target; empty through attributes drop the junction. */
    @DatabaseTest
    void handlesEmptyAttributesOnManyToMany(TestDb t) {
        Model<Instance> kingdoms = kingdoms(t);
        Model<?> animals = kingdoms.associations().get(0).target();
        Where old = Where.where("age", Op.GTE, 29);
        List<Instance> noTarget = kingdoms.findAll(q -> q.include(Include.of(animals).where(old).attributes()))
                .collectList().block();
        assertEquals(2, noTarget.size());
        for (Instance k : noTarget) {
            // deviation: the target's key stays (rows are folded by it), none of its other attributes
            for (Instance a : k.getMany("Animals", Instance.class)) {
                assertFalse(a.toJSON().containsKey("name") || a.toJSON().containsKey("age"), a.toJSON().toString());
            }
        }
        List<Instance> noThrough = kingdoms.findAll(q -> q.include(Include.of(animals).where(old)
                .throughAttributes())).collectList().block();
        assertEquals(2, noThrough.size());
        for (Instance k : noThrough) {
            Instance animal = k.getMany("Animals", Instance.class).get(0);
            assertFalse(animal.isIncluded("AnimalKingdom"), animal.toJSON().toString());
        }
        List<Instance> onlyThrough = kingdoms.findAll(q -> q.include(Include.of(animals).where(old).attributes()
                .throughAttributes("mutation"))).collectList().block();
        assertEquals(2, onlyThrough.size());
    }

    // ---- order by eager loaded tables ------------------------------------------------------------------------

    private static World orderWorld(TestDb t) {
        Model<Instance> continent = model(t, "continent", "name");
        Model<Instance> country = model(t, "country", "name");
        Model<Instance> person = model(t, "person", "name", "lastName");
        continent.hasMany(country, o -> o.as("countries"));
        BelongsTo<Instance, Instance> inContinent = country.belongsTo(continent, o -> o.as("continent"));
        country.hasMany(person, o -> o.as("people"));
        BelongsTo<Instance, Instance> inCountry = person.belongsTo(country, o -> o.as("country"));
        country.hasMany(person, o -> o.as("residents").foreignKey("CountryResidentId"));
        BelongsTo<Instance, Instance> resident = person.belongsTo(country, o -> o.as("CountryResident")
                .foreignKey("CountryResidentId"));
        t.db().sync().block();
        Map<String, Instance> c = new java.util.HashMap<>();
        for (String n : List.of("Europe", "Asia")) {
            c.put(n, continent.create(Map.of("name", n)).block());
        }
        for (String n : List.of("England", "France", "Korea")) {
            c.put(n, country.create(Map.of("name", n)).block());
        }
        String[][] people = {{"Bob", "Becket"}, {"Fred", "Able"}, {"Pierre", "Paris"}, {"Kim", "Z"}};
        for (String[] p : people) {
            c.put(p[0], person.create(Map.of("name", p[0], "lastName", p[1])).block());
        }
        inContinent.set(c.get("England"), c.get("Europe")).block();
        inContinent.set(c.get("France"), c.get("Europe")).block();
        inContinent.set(c.get("Korea"), c.get("Asia")).block();
        inCountry.set(c.get("Bob"), c.get("England")).block();
        inCountry.set(c.get("Fred"), c.get("England")).block();
        inCountry.set(c.get("Pierre"), c.get("France")).block();
        inCountry.set(c.get("Kim"), c.get("Korea")).block();
        resident.set(c.get("Bob"), c.get("England")).block();
        resident.set(c.get("Fred"), c.get("France")).block();
        resident.set(c.get("Pierre"), c.get("Korea")).block();
        resident.set(c.get("Kim"), c.get("England")).block();
        return new World(continent, country, person);
    }

    private static Order order(String path, boolean asc) {
        return asc ? Order.asc(path) : Order.desc(path);
    }

    /** sorts simply; by 1st degree association; simply and by 1st degree with limit and a non-required where. */
    @DatabaseTest
    void hasManySortsSimplyAndByFirstDegree(TestDb t) {
        World w = orderWorld(t);
        assertEquals("Asia", w.continents().findAll(q -> q.order(Order.asc("name"))).blockFirst().get("name"));
        assertEquals("Europe", w.continents().findAll(q -> q.order(Order.desc("name"))).blockFirst().get("name"));
        for (boolean asc : new boolean[] {true, false}) {
            Instance first = w.continents().findAll(q -> q.include(Include.of(w.countries()).as("countries"))
                    .order(order("countries.name", asc))).blockFirst();
            assertEquals(asc ? "Europe" : "Asia", first.get("name"));
            assertEquals(asc ? "England" : "Korea", first.getMany("countries", Instance.class).get(0).get("name"));
        }
        List<Instance> limited = w.continents().findAll(q -> q.include(Include.of(w.countries()).as("countries")
                .required(false).where(Where.eq("name", "England"))).limit(2).order(Order.asc("name"),
                Order.asc("countries.name"))).collectList().block();
        assertEquals("Asia", limited.get(0).get("name"));
        assertEquals(0, limited.get(0).getMany("countries", Instance.class).size());
        assertEquals("Europe", limited.get(1).get("name"));
        assertEquals(List.of("England"), limited.get(1).getMany("countries", Instance.class).stream()
                .map(i -> i.get("name")).toList());
    }

    /** by 2nd degree association; with alias; with alias while using limit. */
    @DatabaseTest
    void hasManySortsBySecondDegree(TestDb t) {
        World w = orderWorld(t);
        for (boolean asc : new boolean[] {true, false}) {
            Instance first = w.continents().findAll(q -> q.include(Include.of(w.countries()).as("countries")
                    .include(Include.of(w.people()).as("people"))).order(order("countries.people.lastName", asc)))
                    .blockFirst();
            Instance country = first.getMany("countries", Instance.class).get(0);
            assertEquals(asc ? "Europe" : "Asia", first.get("name"));
            assertEquals(asc ? "England" : "Korea", country.get("name"));
            assertEquals(asc ? "Fred" : "Kim", country.getMany("people", Instance.class).get(0).get("name"));
            for (boolean limit : new boolean[] {false, true}) {
                List<Instance> rows = w.continents().findAll(q -> {
                    q.include(Include.of(w.countries()).as("countries").include(Include.of(w.people()).as("people"),
                            Include.of(w.people()).as("residents"))).order(order("countries.residents.lastName", asc));
                    if (limit) {
                        q.limit(3);
                    }
                }).collectList().block();
                Instance c = rows.get(0).getMany("countries", Instance.class).get(0);
                assertEquals("Europe", rows.get(0).get("name"));
                assertEquals(asc ? "France" : "England", c.get("name"));
                assertEquals(asc ? "Fred" : "Kim", c.getMany("residents", Instance.class).get(0).get("name"));
            }
        }
    }

    /** ManyToMany: by 1st degree association (also with limit), and by a through-table attribute. */
    @DatabaseTest
    void manyToManySorts(TestDb t) {
        Model<Instance> country = model(t, "country", "name");
        Model<Instance> industry = model(t, "industry", "name");
        Model<Instance> through = t.db().define("IndustryCountry", s -> s.attribute("numYears", DataTypes.INTEGER)
                .options(o -> o.tableName("fmb_e_industry_countries")));
        BelongsToMany<Instance, Instance> industries = country.belongsToMany(industry,
                o -> o.as("industries").through(through));
        industry.belongsToMany(country, o -> o.as("countries").through(through));
        t.db().sync().block();
        Map<String, Instance> c = new java.util.HashMap<>();
        for (String n : List.of("England", "France", "Korea")) {
            c.put(n, country.create(Map.of("name", n)).block());
        }
        for (String n : List.of("Energy", "Media", "Tech")) {
            c.put(n, industry.create(Map.of("name", n)).block());
        }
        industries.add(c.get("England"), List.of(c.get("Energy")), Map.of("numYears", 20)).block();
        industries.add(c.get("England"), List.of(c.get("Media")), Map.of("numYears", 40)).block();
        industries.add(c.get("France"), List.of(c.get("Media")), Map.of("numYears", 80)).block();
        industries.add(c.get("Korea"), List.of(c.get("Tech")), Map.of("numYears", 30)).block();
        for (boolean asc : new boolean[] {true, false}) {
            for (boolean limit : new boolean[] {false, true}) {
                Instance first = country.findAll(q -> {
                    q.include(Include.of(industry).as("industries")).order(order("industries.name", asc));
                    if (limit) {
                        q.limit(3);
                    }
                }).blockFirst();
                assertEquals(asc ? "England" : "Korea", first.get("name"));
                assertEquals(asc ? "Energy" : "Tech", first.getMany("industries", Instance.class).get(0).get("name"));
            }
        }
        // Not supported yet: ordering by a through-table attribute is refused with a typed error before SQL.
        assertThrows(io.resequel.error.UnknownAttributeException.class, () -> country.findAll(q -> q
                .include(Include.of(industry).as("industries")).order(Order.asc("industries.IndustryCountry.numYears")))
                .blockFirst());
    }

    @DatabaseTest
    void pullsInDependentFieldsForAVirtualInInclude(TestDb t) {
        Model<Instance> users = model(t, "VUser", "name");
        Model<Instance> images = t.db().define("Image", s -> s.attribute("path", DataTypes.STRING,
                a -> a.allowNull(false)).virtual("url", a -> a.type(DataTypes.STRING).dependsOn("path")
                .get(i -> "https://my-cool-domain.com/" + i.get("path"))).options(o -> o.tableName("fmb_e_images")));
        users.hasOne(images, o -> o.as("Image"));
        images.belongsTo(users);
        t.db().sync().block();
        users.create(Map.of("name", "some user", "Image", Map.of("path", "folder1/folder2/logo.png")),
                Include.of(images).as("Image")).block();
        Instance u = users.findAll(q -> q.attributes("name").include(Include.of(images).as("Image").attributes("url")))
                .blockFirst();
        assertEquals("some user", u.get("name"));
        Instance image = u.getOne("Image", Instance.class);
        assertEquals("https://my-cool-domain.com/folder1/folder2/logo.png", image.get("url"));
        assertEquals("folder1/folder2/logo.png", image.get("path"));
    }
}
