package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.EagerLoadingException;
import io.resequel.error.InvalidNameException;
import io.resequel.error.UnknownAttributeException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issue 11, defect 13 (and issue 12): dotted names in {@code Expr.col}, {@code Where.col}, group and order are
 * resolved against the model and the query's includes (attribute → its field, include path → the include's table
 * alias) or refused with a typed error before any SQL; function names are plain identifiers. Also the ports of
 * Sequelize's {@code test/unit/sql/order.test.js}, {@code test/unit/sql/group.test.js} and the integration
 * {@code findAll/order.test.js} and {@code findAll/group.test.js}.
 */
class ColumnReferenceTest {

    /** Sequelize's order.test.js models: underscored tables with created_at columns. */
    record Models(Model<Instance> projects, Model<Instance> tasks, Model<Instance> subtasks) {
    }

    static Models define(TestDb t) {
        Model<Instance> projects = t.db().define("Project", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("project").underscored(true)));
        Model<Instance> tasks = t.db().define("Task", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("task").underscored(true)));
        Model<Instance> subtasks = t.db().define("Subtask", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("subtask").underscored(true)));
        tasks.belongsTo(projects, a -> a.as("Project").foreignKey("projectId"));
        projects.hasMany(tasks, a -> a.as("Tasks").foreignKey("projectId"));
        subtasks.belongsTo(tasks, a -> a.as("Task").foreignKey("taskId"));
        tasks.hasMany(subtasks, a -> a.as("Subtasks").foreignKey("taskId"));
        t.db().sync().block();
        return new Models(projects, tasks, subtasks);
    }

    private static OffsetDateTime day(int d) {
        return OffsetDateTime.of(2024, 1, d, 0, 0, 0, 0, ZoneOffset.UTC);
    }

    /** p1 (older) ← t2 ← s2, s3; p2 ← t1 ← s1; a subtask named like its project. */
    static Models seeded(TestDb t) {
        Models m = define(t);
        Instance p1 = m.projects.create(Map.of("name", "x", "createdAt", day(1))).block();
        Instance p2 = m.projects.create(Map.of("name", "y", "createdAt", day(2))).block();
        Instance t1 = m.tasks.create(Map.of("name", "t1", "projectId", p2.get("id"), "createdAt", day(3))).block();
        Instance t2 = m.tasks.create(Map.of("name", "t2", "projectId", p1.get("id"), "createdAt", day(4))).block();
        m.subtasks.create(Map.of("name", "s1", "taskId", t1.get("id"), "createdAt", day(5))).block();
        m.subtasks.create(Map.of("name", "x", "taskId", t2.get("id"), "createdAt", day(6))).block();
        m.subtasks.create(Map.of("name", "s3", "taskId", t2.get("id"), "createdAt", day(7))).block();
        t.clearStatements();
        return m;
    }

    private static String last(TestDb t) {
        List<String> s = t.statements();
        return s.get(s.size() - 1);
    }

    private static List<Object> names(List<Instance> all) {
        return all.stream().map(i -> i.get("name")).toList();
    }

    /** The typed error of a query, after checking that no SQL was sent. */
    private static <E extends Throwable> E refused(TestDb t, Class<E> type, Supplier<Object> query) {
        t.clearStatements();
        E e = assertInstanceOf(type, assertThrows(Exception.class, query::get));
        assertTrue(t.statements().isEmpty(), "no SQL: " + t.statements());
        return e;
    }

    /** unit/sql/order.test.js, first case: every way to name an included column, the same ORDER BY term. */
    @DatabaseTest
    void orderByIncludedColumnsInEveryForm(TestDb t) {
        Models m = seeded(t);
        Include task = Include.of(m.subtasks.association("Task")).required(true)
                .include(Include.of(m.tasks.association("Project")).required(true));
        List<Instance> all = m.subtasks.findAll(q -> q.include(task).order(
                Order.asc("Task.Project.createdAt"),
                Order.asc("$Task.Project.createdAt$"),
                Order.by(Expr.col("Task.Project.createdAt"), false),
                Order.by(Expr.col("Task->Project.createdAt"), false),
                Order.asc("Task.createdAt"),
                Order.by(Expr.col("$Task.createdAt$"), false),
                Order.asc("createdAt"),
                Order.by(Expr.col("Subtask.createdAt"), false),
                Order.by(Expr.col("subtask.createdAt"), false))).collectList().block();
        assertEquals(List.of("x", "s3", "s1"), names(all));
        String project = t.q("Task->Project") + "." + t.q("created_at") + " ASC";
        String taskTerm = t.q("Task") + "." + t.q("created_at") + " ASC";
        String own = t.q("Subtask") + "." + t.q("created_at") + " ASC";
        String expected = " ORDER BY " + String.join(", ", project, project, project, project, taskTerm, taskTerm, own,
                own, own) + ", " + t.q("Subtask") + "." + t.q("id");
        assertTrue(last(t).contains(expected), last(t));
    }

    /** Issue 12: {@code Where.col("a.b.c")} is the column of a nested include, exactly as {@code $a.b.c$}. */
    @DatabaseTest
    void whereColOfANestedIncludeMeansTheSameAsDollarPath(TestDb t) {
        Models m = seeded(t);
        Include nested = Include.of(m.projects.association("Tasks"))
                .include(Include.of(m.tasks.association("Subtasks")));
        List<Instance> dotted = m.projects.findAll(q -> q.include(nested)
                .where(Where.where("name", Op.EQ, Where.col("Tasks.Subtasks.name")))).collectList().block();
        String dottedSql = last(t);
        List<Instance> dollar = m.projects.findAll(q -> q.include(nested)
                .where(Where.where("name", Op.EQ, Where.col("$Tasks.Subtasks.name$")))).collectList().block();
        assertEquals(dottedSql, last(t));
        assertTrue(dottedSql.contains(t.q("Project") + "." + t.q("name") + " = " + t.q("Tasks->Subtasks") + "."
                + t.q("name")), dottedSql);
        assertEquals(List.of("x"), names(dotted));
        assertEquals(List.of("x"), names(dollar));
        // An attribute is written as its field, under the include's alias, from a function too.
        m.tasks.findAll(q -> q.include(m.tasks.association("Project"))
                .where(Where.where(Expr.fn("LOWER", Expr.col("Project.name")), Op.NE, "z"))).blockLast();
        assertTrue(last(t).contains("LOWER(" + t.q("Project") + "." + t.q("name") + ")"), last(t));
    }

    /** With a limit and a to-many include, an expression on an included column sorts outside the root sub-query. */
    @DatabaseTest
    void expressionOrderOnAToManyIncludeStaysOutOfTheRootSubQuery(TestDb t) {
        Models m = seeded(t);
        List<Instance> page = m.projects.findAll(q -> q.include(m.projects.association("Tasks"))
                .order(Order.by(Expr.fn("LOWER", Expr.col("Tasks.name")), true)).limit(1)).collectList().block();
        assertEquals(List.of("x"), names(page));
        assertEquals(1, page.get(0).getMany("Tasks", Instance.class).size());
        String sql = last(t);
        String term = "LOWER(" + t.q("Tasks") + "." + t.q("name") + ") DESC";
        assertEquals(sql.indexOf(term), sql.lastIndexOf(term), "only in the outer ORDER BY: " + sql);
        assertTrue(sql.substring(sql.lastIndexOf(" ORDER BY ")).startsWith(" ORDER BY " + term), sql);
    }

    /** unit/sql/group.test.js: group by an attribute (also named through the model or its table), or not at all. */
    @DatabaseTest
    void groupByResolvedNames(TestDb t) {
        Models m = seeded(t);
        for (String name : List.of("name", "Project.name", "project.name")) {
            List<Object> groups = m.projects.findAll(q -> q.attributes("name").group(name).order(Order.asc("name")))
                    .map(i -> i.get("name")).collectList().block();
            assertEquals(List.of("x", "y"), groups);
            assertTrue(last(t).contains(" GROUP BY " + t.q("name") + " ORDER BY"), last(t));
        }
        m.projects.findAll(q -> q.attributes("name").group()).blockLast();
        assertFalse(last(t).contains("GROUP BY"), last(t));
    }

    @DatabaseTest
    void unresolvableReferencesAreTypedErrorsBeforeSql(TestDb t) {
        Models m = seeded(t);
        Include task = Include.of(m.subtasks.association("Task"))
                .include(Include.of(m.tasks.association("Project")));
        EagerLoadingException typo = refused(t, EagerLoadingException.class, () -> m.subtasks.findAll(q -> q
                .include(task).order(Order.by(Expr.col("Tsk.createdAt"), false))).blockLast());
        assertTrue(typo.getMessage().contains("'Tsk.createdAt'") && typo.getMessage().contains("did you mean 'Task'"),
                typo.getMessage());
        UnknownAttributeException attr = refused(t, UnknownAttributeException.class, () -> m.subtasks.findAll(q -> q
                .include(task).order(Order.by(Expr.col("Task.Project.craetedAt"), true))).blockLast());
        assertEquals("Project", attr.model());
        assertEquals("createdAt", attr.suggestion());
        // Sequelize's "Error on invalid association": Project is reached only through Task.
        refused(t, EagerLoadingException.class, () -> m.subtasks.findAll(q -> q.include(task)
                .order(Order.by(Expr.col("Project.createdAt"), false))).blockLast());
        refused(t, EagerLoadingException.class, () -> m.projects.findAll(q -> q.attributes("name")
                .group("Nope.name")).blockLast());
        refused(t, EagerLoadingException.class, () -> m.tasks.findAll(q -> q.include(m.tasks.association("Project"))
                .where(Where.where("name", Op.EQ, Where.col("a.b.c")))).blockLast());
        // No include in a single-table query: a path is refused, not spliced as "Tasks"."name".
        refused(t, EagerLoadingException.class, () -> m.projects.findAll(q -> q
                .where(Where.where("name", Op.EQ, Where.col("Tasks.name")))).blockLast());
        refused(t, UnknownAttributeException.class, () -> m.projects.findAll(q -> q
                .order(Order.by(Expr.col("name\" DESC; --"), false))).blockLast());
    }

    @DatabaseTest
    void functionNamesArePlainIdentifiers(TestDb t) {
        Models m = seeded(t);
        for (String bad : List.of("LOWER(name); DROP TABLE x; --", "a.b.c", "a..b", "lower.", "1x", "", "x y",
                "\"lower\"")) {
            InvalidNameException e = assertThrows(InvalidNameException.class, () -> Expr.fn(bad), bad);
            assertEquals(bad, e.name());
        }
        assertThrows(InvalidNameException.class, () -> Expr.cast(1, "INT); DROP TABLE x; --"));
        assertDoesNotThrow(() -> Expr.fn("my_schema.my_func2"));
        List<Object> upper = m.projects.findAll(q -> q.attribute(Expr.fn("UPPER", Expr.col("Project.name")), "up")
                .order(Order.asc("name"))).map(i -> i.get("up")).collectList().block();
        assertEquals(List.of("X", "Y"), upper);
    }

    /** integration/model/findAll/order.test.js. */
    @DatabaseTest
    void sequelizeFindAllOrder(TestDb t) {
        Models m = seeded(t);
        // "should work with order: literal()" (and its [literal()] and [[literal()]] forms, one form here)
        List<Instance> byLiteral = m.projects.findAll(q -> q.order(Order.by(Expr.literal(t.q("name") + " = ?", "y"),
                true), Order.asc("name"))).collectList().block();
        assertEquals(List.of("y", "x"), names(byLiteral));
        // "should not throw with on NULLS LAST/NULLS FIRST" with an include
        List<Instance> nulls = m.tasks.findAll(q -> q.include(m.tasks.association("Project"))
                .order(Order.asc("id").nullsLast(), Order.desc("Project.id").nullsFirst())).collectList().block();
        assertEquals(List.of("t1", "t2"), names(nulls));
        // "should not throw with include when last order argument is a field"
        List<Instance> byField = m.tasks.findAll(q -> q.include(m.tasks.association("Project"))
                .order(Order.asc("Project.id"))).collectList().block();
        assertEquals(List.of("t2", "t1"), names(byField));
        assertTrue(last(t).contains(" ORDER BY " + t.q("Project") + "." + t.q("id") + " ASC"), last(t));
    }
}
