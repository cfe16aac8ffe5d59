package io.resequel.it;

import static io.resequel.it.SequelizeIncludeTest.def;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelSpec;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Page;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ported from Sequelize v6.37.8 test/integration/include/findAndCountAll.test.js. With includes our count is always
 * of distinct roots (Sequelize's {@code distinct: true}); in these its both give the same numbers.
 */
class SequelizeIncludeFindAndCountAllTest {

    private static Consumer<ModelSpec> named(int length, Consumer<ModelSpec> more) {
        return s -> {
            s.attribute("name", DataTypes.STRING(length));
            more.accept(s);
        };
    }

    private static Consumer<ModelSpec> serial(String column) {
        return s -> s.attribute("id", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).autoIncrement(true))
                .attribute(column, DataTypes.STRING);
    }

    @DatabaseTest
    void includesTwoRequiredModelsWithALimit(TestDb t) {
        Model<Instance> project = def(t, "Project", s -> s.attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("name", DataTypes.STRING(40)));
        Model<Instance> task = def(t, "Task", named(40, s -> s.attribute("fk", DataTypes.INTEGER)));
        Model<Instance> employee = def(t, "Employee", named(40, s -> s.attribute("fk", DataTypes.INTEGER)));
        project.hasMany(task, o -> o.foreignKey("fk").constraints(false));
        project.hasMany(employee, o -> o.foreignKey("fk").constraints(false));
        task.belongsTo(project, o -> o.foreignKey("fk").constraints(false));
        employee.belongsTo(project, o -> o.foreignKey("fk").constraints(false));
        t.db().sync().block();
        project.bulkCreate(List.of(Map.of("id", 1, "name", "No tasks"), Map.of("id", 2, "name", "No tasks no employees"),
                Map.of("id", 3, "name", "No employees"), Map.of("id", 4, "name", "In progress A"),
                Map.of("id", 5, "name", "In progress B"), Map.of("id", 6, "name", "In progress C"))).blockLast();
        task.bulkCreate(List.of(Map.of("name", "Important task", "fk", 3), Map.of("name", "Important task", "fk", 4),
                Map.of("name", "Important task", "fk", 5), Map.of("name", "Important task", "fk", 6))).blockLast();
        employee.bulkCreate(List.of(Map.of("name", "Jane Doe", "fk", 1), Map.of("name", "John Doe", "fk", 4),
                Map.of("name", "Jane John Doe", "fk", 5), Map.of("name", "John Jane Doe", "fk", 6))).blockLast();
        Page<Instance> page = project.findAndCountAll(q -> q.include(Include.of(task).required(true),
                Include.of(employee).required(true)).limit(2)).block();
        assertEquals(3, page.count());
        assertEquals(2, page.rows().size(), "the limit counts projects, not joined rows");
    }

    @DatabaseTest
    void includesARequiredModelAndRowsMatchTheCount(TestDb t) {
        Model<Instance> user = def(t, "User", named(40, s -> s.options(o -> o.paranoid(true))));
        Model<Instance> conn = def(t, "SomeConnection", s -> s.attribute("m", DataTypes.STRING(40))
                .attribute("fk", DataTypes.INTEGER).attribute("u", DataTypes.INTEGER).options(o -> o.paranoid(true)));
        Model<Instance> a = def(t, "A", named(40, s -> s.options(o -> o.paranoid(true))));
        Model<Instance> b = def(t, "B", named(40, s -> s.options(o -> o.paranoid(true))));
        Model<Instance> c = def(t, "C", named(40, s -> s.options(o -> o.paranoid(true))));
        user.hasMany(conn, o -> o.foreignKey("u").constraints(false));
        conn.belongsTo(user, o -> o.foreignKey("u").constraints(false));
        conn.belongsTo(a, o -> o.foreignKey("fk").constraints(false));
        conn.belongsTo(b, o -> o.foreignKey("fk").constraints(false));
        conn.belongsTo(c, o -> o.foreignKey("fk").constraints(false));
        a.hasMany(conn, o -> o.foreignKey("fk").constraints(false));
        b.hasMany(conn, o -> o.foreignKey("fk").constraints(false));
        c.hasMany(conn, o -> o.foreignKey("fk").constraints(false));
        t.db().sync().block();
        user.bulkCreate(List.of(Map.of("name", "Youtube"), Map.of("name", "Facebook"), Map.of("name", "Google"),
                Map.of("name", "Yahoo"), Map.of("name", "404"))).blockLast();
        int[][] rows = {{1, 'A', 1}, {2, 'A', 1}, {3, 'A', 1}, {4, 'A', 1}, {5, 'A', 1}, {1, 'B', 1}, {2, 'B', 1},
            {3, 'B', 1}, {4, 'B', 1}, {5, 'B', 1}, {1, 'C', 1}, {2, 'C', 1}, {3, 'C', 1}, {4, 'C', 1}, {5, 'C', 1},
            {1, 'A', 2}, {4, 'A', 2}, {2, 'A', 2}, {1, 'A', 3}, {2, 'A', 3}, {3, 'A', 3}, {2, 'B', 2}, {1, 'A', 4},
            {4, 'A', 2}};
        conn.bulkCreate(java.util.Arrays.stream(rows).map(r -> Map.of("u", r[0], "m", String.valueOf((char) r[1]),
                "fk", r[2])).toList()).blockLast();
        a.bulkCreate(List.of(Map.of("name", "Just"), Map.of("name", "for"), Map.of("name", "testing"),
                Map.of("name", "proposes"), Map.of("name", "only"))).blockLast();
        b.bulkCreate(List.of(Map.of("name", "this should not"), Map.of("name", "be loaded"))).blockLast();
        c.bulkCreate(List.of(Map.of("name", "because we only want A"))).blockLast();
        conn.destroy(Where.eq("m", "A").and(Where.eq("u", 1)).and(Where.in("fk", List.of(1, 2)))).block();
        Page<Instance> page = a.findAndCountAll(q -> q.include(Include.of(conn).required(true)
                .where(Where.eq("m", "A").and(Where.eq("u", 1)))).limit(5)).block();
        assertEquals(2, page.count());
        assertEquals(2, page.rows().size());
    }

    @DatabaseTest
    void countsOnAWhereWithAnInclude(TestDb t) {
        Model<Instance> project = def(t, "Project", serial("project_name"));
        Model<Instance> user = def(t, "User", serial("user_name"));
        HasMany<Instance, Instance> projects = user.hasMany(project);
        t.db().sync().block();
        Instance u = user.create(Map.of()).block();
        projects.set(u, List.of(project.create(Map.of()).block(), project.create(Map.of()).block(),
                project.create(Map.of()).block())).block();
        Page<Instance> page = user.findAndCountAll(q -> q.where("id", u.get("id")).include(project)).block();
        assertEquals(1, page.rows().size());
        assertEquals(3, page.rows().get(0).getMany("Projects", Instance.class).size());
        assertEquals(1, page.count());
    }

    @DatabaseTest
    void countsAndLimitsWithARequiredInclude(TestDb t) {
        Model<Instance> foo = def(t, "Foo");
        Model<Instance> bar = def(t, "Bar");
        foo.hasMany(bar);
        bar.belongsTo(foo);
        t.db().sync().block();
        foo.bulkCreate(List.of(Map.of("id", 1), Map.of("id", 2), Map.of("id", 3), Map.of("id", 4), Map.of("id", 5)))
                .blockLast();
        bar.bulkCreate(List.of(Map.of("FooId", 2), Map.of("FooId", 3), Map.of("FooId", 4), Map.of("FooId", 5)))
                .blockLast();
        Page<Instance> page = foo.findAndCountAll(q -> q.include(Include.of(bar).required(true)).limit(2)).block();
        List<Instance> items = foo.findAll(q -> q.include(Include.of(bar).required(true)).limit(2)).collectList()
                .block();
        assertEquals(2, items.size());
        assertEquals(4, page.count());
        assertEquals(2, page.rows().size());
    }

    @DatabaseTest
    void countsAndLimitsWithARequiredIncludeWithAWhere(TestDb t) {
        Model<Instance> foo = def(t, "Foo");
        Model<Instance> bar = def(t, "Bar", s -> s.attribute("m", DataTypes.STRING(40)));
        foo.hasMany(bar);
        bar.belongsTo(foo);
        t.db().sync().block();
        foo.bulkCreate(List.of(Map.of("id", 1), Map.of("id", 2), Map.of("id", 3), Map.of("id", 4), Map.of("id", 5)))
                .blockLast();
        bar.bulkCreate(List.of(Map.of("FooId", 1, "m", "yes"), Map.of("FooId", 1, "m", "yes"),
                Map.of("FooId", 1, "m", "no"), Map.of("FooId", 2, "m", "yes"))).blockLast();
        Page<Instance> page = foo.findAndCountAll(q -> q.include(Include.of(bar).where(Where.eq("m", "yes")))
                .limit(1)).block();
        assertEquals(2, page.count());
        assertEquals(1, page.rows().size());
        assertEquals(2, page.rows().get(0).getMany("Bars", Instance.class).size(), "both of the first Foo's yes bars");
    }

    @DatabaseTest
    void filtersLimitsAndSortsWithSeveralKindsOfIncludes(TestDb t) {
        Model<Instance> taskTag = def(t, "TaskTag", serial("name"));
        Model<Instance> tag = def(t, "Tag", serial("name"));
        Model<Instance> task = def(t, "Task", serial("name"));
        Model<Instance> project = def(t, "Project", serial("m"));
        Model<Instance> user = def(t, "User", serial("name"));
        project.belongsTo(user);
        task.belongsTo(project);
        task.belongsToMany(tag, o -> o.through(taskTag));
        t.db().sync().block();
        user.bulkCreate(List.of(Map.of("name", "user-name-1"), Map.of("name", "user-name-2"))).blockLast();
        project.bulkCreate(List.of(Map.of("m", "A", "UserId", 1), Map.of("m", "A", "UserId", 2))).blockLast();
        task.bulkCreate(List.of(Map.of("ProjectId", 1, "name", "Just"), Map.of("ProjectId", 1, "name", "for"),
                Map.of("ProjectId", 2, "name", "testing"), Map.of("ProjectId", 2, "name", "proposes"))).blockLast();
        Page<Instance> page = task.findAndCountAll(q -> q.limit(1).offset(0).order(Order.desc("id")).include(
                Include.of(project).where(Where.and(new Where[] {Where.eq("m", "A")})).include(Include.of(user)
                        .where(Where.and(new Where[] {Where.eq("name", "user-name-2")}))),
                Include.of(tag))).block();
        assertEquals(2, page.count());
        assertEquals(1, page.rows().size());
        assertEquals("proposes", page.rows().get(0).get("name"));
    }

    @DatabaseTest
    void worksWithAnOrOfLikesAndARequiredInclude(TestDb t) {
        Model<Instance> user = def(t, "User", s -> serial("first_name").accept(s.attribute("last_name",
                DataTypes.STRING)));
        Model<Instance> project = def(t, "Project", serial("name"));
        user.hasMany(project);
        t.db().sync().block();
        user.bulkCreate(List.of(Map.of("first_name", "user-fname-1", "last_name", "user-lname-1"),
                Map.of("first_name", "user-fname-2", "last_name", "user-lname-2"),
                Map.of("first_name", "user-xfname-1", "last_name", "user-xlname-1"))).blockLast();
        project.bulkCreate(List.of(Map.of("name", "naam-satya", "UserId", 1), Map.of("name", "guru-satya", "UserId", 2),
                Map.of("name", "app-satya", "UserId", 2))).blockLast();
        Page<Instance> page = user.findAndCountAll(q -> q.limit(1).offset(1)
                .where(Where.or(Where.where("first_name", Op.LIKE, "%user-fname%"),
                        Where.where("last_name", Op.LIKE, "%user-lname%")))
                .include(Include.of(project).required(true)
                        .where(Where.in("name", List.of("naam-satya", "guru-satya"))))).block();
        assertEquals(2, page.count());
        assertEquals(1, page.rows().size());
    }
}
