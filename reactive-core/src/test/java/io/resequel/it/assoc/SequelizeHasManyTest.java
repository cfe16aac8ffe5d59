package io.resequel.it.assoc;

import static io.resequel.it.assoc.AssocSupport.WAIT;
import static io.resequel.it.assoc.AssocSupport.asLong;
import static io.resequel.it.assoc.AssocSupport.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.Association;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import reactor.core.publisher.Mono;

/**
 * Port of Sequelize v6 {@code test/integration/associations/has-many.test.js}, first half: {@code Model.associations},
 * {@code count}, {@code get} of several instances and the {@code (1:N)} mixins. The second half (foreign-key
 * constraints, association options, sourceKey, eager loading) is {@link SequelizeHasManyOptionsTest}. Sequelize's
 * {@code article.hasLabel(label)} is {@code articleLabels.has(article, label)} here; {@code { transaction: t }} on a
 * mixin is the transaction in the Reactor Context ({@link #in}).
 */
class SequelizeHasManyTest {

    /** @return {@code mono} run on the unmanaged transaction {@code tx} (Sequelize's {@code { transaction: t }}) */
    static <V> Mono<V> in(Transaction tx, Mono<V> mono) {
        return mono.contextWrite(c -> TransactionContext.with(c, tx));
    }

    /** Runs {@code body} with an unmanaged transaction, rolled back after it (Sequelize's {@code t.rollback()}). */
    static void rolledBack(TestDb t, java.util.function.Consumer<Transaction> body) {
        Transaction tx = t.db().startTransaction().block(WAIT);
        try {
            body.accept(tx);
        } finally {
            tx.rollback().block(WAIT);
        }
    }

    static Model<Instance> model(TestDb t, String name, String table, java.util.function.Consumer<io.resequel.model
            .ModelSpec> attributes) {
        return t.db().define(name, m -> {
            attributes.accept(m);
            m.options(o -> o.tableName(table));
        });
    }

    static Model<Instance> titled(TestDb t, String name, String table) {
        return model(t, name, table, m -> m.attribute("title", DataTypes.STRING));
    }

    static List<Object> values(List<Instance> rows, String attribute) {
        return rows.stream().map(r -> r.get(attribute)).toList();
    }

    // ---- Model.associations ------------------------------------------------------------------------------

    @DatabaseTest
    void storesAllAssociationsWhenAssociatingToTheSameTableMultipleTimes(TestDb t) {
        Model<Instance> users = model(t, "User", "hma_users", m -> { });
        Model<Instance> groups = model(t, "Group", "hma_groups", m -> { });
        groups.hasMany(users);
        groups.hasMany(users, a -> a.foreignKey("primaryGroupId").as("primaryUsers"));
        groups.hasMany(users, a -> a.foreignKey("secondaryGroupId").as("secondaryUsers"));
        assertEquals(List.of("Users", "primaryUsers", "secondaryUsers"),
                groups.associations().stream().map(Association::as).toList());
        assertTrue(users.definition().hasAttribute("GroupId"));
        assertTrue(users.definition().hasAttribute("primaryGroupId"));
        assertTrue(users.definition().hasAttribute("secondaryGroupId"));
    }

    // ---- count ---------------------------------------------------------------------------------------------

    /**
     * Sequelize counts with {@code attributes}, an include of the self-association and a {@code group} by the task
     * key; the point is that {@code id} is not ambiguous between the task and its subtasks. Here the count with a
     * required include counts distinct tasks (no group needed).
     */
    @DatabaseTest
    void countDoesNotFailDueToAmbiguousField(TestDb t) {
        Model<Instance> users = model(t, "User", "hma_users", m -> m.attribute("username", DataTypes.STRING));
        Model<Instance> tasks = model(t, "Task", "hma_tasks", m -> m.attribute("title", DataTypes.STRING)
                .attribute("active", DataTypes.BOOLEAN));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks);
        HasMany<Instance, Instance> subtasks = tasks.hasMany(tasks, a -> a.as("subtasks"));
        t.db().sync().block(WAIT);
        Instance user = users.create(Map.of("username", "John",
                "Tasks", List.of(Map.of("title", "Get rich", "active", true))), Include.of(tasks)).block(WAIT);
        Instance task = user.getMany("Tasks", Instance.class).get(0);
        Mono.when(subtasks.create(task, Map.of("title", "Make a startup", "active", false)),
                subtasks.create(task, Map.of("title", "Engage rock stars", "active", true))).block(WAIT);
        t.clearStatements();
        assertEquals(1L, userTasks.count(user, q -> q.attributes("id", "title")
                .include(Include.of(subtasks).attributes().where(Where.eq("active", true)))).block(WAIT));
        assertEquals(2L, subtasks.count(task).block(WAIT));
        String sql = t.statements().get(0);
        assertTrue(sql.contains("DISTINCT " + t.q("Task") + "." + t.q("id")) && sql.contains(t.q("subtasks") + "."
                + t.q("TaskId") + " = " + t.q("Task") + "." + t.q("id")), sql);
    }

    // ---- get (multiple) ------------------------------------------------------------------------------------

    record UsersTasks(Model<Instance> users, Model<Instance> tasks, HasMany<Instance, Instance> userTasks) {
    }

    static UsersTasks usersTasks(TestDb t) {
        Model<Instance> users = model(t, "User", "hma_users", m -> { });
        Model<Instance> tasks = titled(t, "Task", "hma_tasks");
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks, a -> a.as("tasks"));
        t.db().sync().block(WAIT);
        return new UsersTasks(users, tasks, userTasks);
    }

    static List<Map<String, Object>> titledList(String... titles) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String s : titles) {
            out.add(Map.of("title", s));
        }
        return out;
    }

    @DatabaseTest
    void fetchesAssociationsForMultipleInstances(TestDb t) {
        UsersTasks f = usersTasks(t);
        Include inc = Include.of(f.userTasks());
        Instance u1 = f.users().create(Map.of("id", 1, "tasks", List.of(Map.of(), Map.of(), Map.of())), inc)
                .block(WAIT);
        Instance u2 = f.users().create(Map.of("id", 2, "tasks", List.of(Map.of())), inc).block(WAIT);
        Instance u3 = f.users().create(Map.of("id", 3), inc).block(WAIT);
        t.clearStatements();
        Map<Object, List<Instance>> result = f.userTasks().get(List.of(u1, u2, u3), q -> { }).block(WAIT);
        assertEquals(1, t.statements().size(), "one query with IN: " + t.statements());
        assertEquals(3, result.get(u1.get("id")).size());
        assertEquals(1, result.get(u2.get("id")).size());
        assertEquals(0, result.get(u3.get("id")).size());
    }

    @DatabaseTest
    void fetchesAssociationsForMultipleInstancesWithLimitAndOrder(TestDb t) {
        UsersTasks f = usersTasks(t);
        Include inc = Include.of(f.userTasks());
        Instance u1 = f.users().create(Map.of("tasks", titledList("b", "d", "c", "a")), inc).block(WAIT);
        Instance u2 = f.users().create(Map.of("tasks", titledList("a", "c", "b")), inc).block(WAIT);
        Map<Object, List<Instance>> result = f.userTasks().get(List.of(u1, u2),
                q -> q.limit(2).order(Order.asc("title"))).block(WAIT);
        assertEquals(List.of("a", "b"), values(result.get(u1.get("id")), "title"));
        assertEquals(List.of("a", "b"), values(result.get(u2.get("id")), "title"));
    }

    record Layers(Model<Instance> users, HasMany<Instance, Instance> userTasks, HasMany<Instance, Instance> subTasks) {
    }

    static Layers layers(TestDb t, String schema) {
        Model<Instance> users = t.db().define("User", m -> m.options(o -> o.tableName("hma_users").schema(schema)));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.tableName("hma_tasks").schema(schema)));
        Model<Instance> subs = t.db().define("SubTask", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.tableName("hma_sub_tasks").schema(schema)));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks, a -> a.as("tasks"));
        HasMany<Instance, Instance> subTasks = tasks.hasMany(subs, a -> a.as("subtasks"));
        t.db().sync().block(WAIT);
        Include inc = Include.of(userTasks).include(Include.of(subTasks));
        users.create(Map.of("id", 1, "tasks", List.of(
                Map.of("title", "b", "subtasks", titledList("c", "a")),
                Map.of("title", "d"),
                Map.of("title", "c", "subtasks", titledList("b", "a", "c")),
                Map.of("title", "a", "subtasks", titledList("c", "a", "b")))), inc).block(WAIT);
        users.create(Map.of("id", 2, "tasks", List.of(
                Map.of("title", "a", "subtasks", titledList("b", "a", "c")),
                Map.of("title", "c", "subtasks", titledList("a")),
                Map.of("title", "b", "subtasks", titledList("a", "b")))), inc).block(WAIT);
        return new Layers(users, userTasks, subTasks);
    }

    static void assertLayers(Layers l) {
        List<Instance> users = l.users().findAll(q -> q.include(Include.of(l.userTasks()).separate(true).limit(2)
                        .order(Order.asc("title"))
                        .include(Include.of(l.subTasks()).separate(true).order(Order.desc("title"))))
                .order(Order.asc("id"))).collectList().block(WAIT);
        List<List<Object>> expected = List.of(
                List.of("a", List.of("c", "b", "a"), "b", List.of("c", "a")),
                List.of("a", List.of("c", "b", "a"), "b", List.of("b", "a")));
        for (int u = 0; u < 2; u++) {
            List<Instance> ts = users.get(u).getMany("tasks", Instance.class);
            assertEquals(2, ts.size());
            for (int i = 0; i < 2; i++) {
                assertEquals(expected.get(u).get(2 * i), ts.get(i).get("title"));
                assertEquals(expected.get(u).get(2 * i + 1),
                        values(ts.get(i).getMany("subtasks", Instance.class), "title"));
            }
        }
    }

    @DatabaseTest
    void fetchesMultipleLayersWithLimitAndOrderWithSeparate(TestDb t) {
        assertLayers(layers(t, null));
    }

    @DatabaseTest
    void fetchesAssociationsForMultipleInstancesWithLimitOrderAndABelongsTo(TestDb t) {
        Model<Instance> users = model(t, "User", "hma_users", m -> { });
        Model<Instance> tasks = model(t, "Task", "hma_tasks", m -> m.attribute("title", DataTypes.STRING)
                .attribute("categoryId", DataTypes.INTEGER, a -> a.field("category_id")));
        Model<Instance> categories = model(t, "Category", "hma_categories", m -> { });
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks, a -> a.as("tasks"));
        BelongsTo<Instance, Instance> category = tasks.belongsTo(categories, a -> a.as("category")
                .foreignKey("categoryId"));
        t.db().sync().block(WAIT);
        Include inc = Include.of(userTasks).include(Include.of(category));
        List<Instance> created = new ArrayList<>();
        for (List<String> titles : List.of(List.of("b", "d", "c", "a"), List.of("a", "c", "b"))) {
            List<Map<String, Object>> ts = titles.stream()
                    .map(s -> Map.<String, Object>of("title", s, "category", Map.of())).toList();
            created.add(users.create(Map.of("tasks", ts), inc).block(WAIT));
        }
        assertEquals(7L, categories.count().block(WAIT));
        Map<Object, List<Instance>> result = userTasks.get(created, q -> q.limit(2).order(Order.asc("title"))
                .include(Include.of(category))).block(WAIT);
        for (Instance u : created) {
            List<Instance> ts = result.get(u.get("id"));
            assertEquals(List.of("a", "b"), values(ts, "title"));
            for (Instance task : ts) {
                Instance c = task.getOne("category", Instance.class);
                assertNotNull(c);
                assertEquals(asLong(task.get("categoryId")), asLong(c.get("id")));
            }
        }
    }

    /** Sequelize's schema {@code work}; here a uniquely named schema (a database on MariaDB), dropped after. */
    @DatabaseTest
    void supportsSchemas(TestDb t) {
        String schema = "hma_work_" + UUID.randomUUID().toString().substring(0, 8);
        t.raw((t.is("mysql") ? "CREATE DATABASE " : "CREATE SCHEMA ") + t.q(schema)).blockLast(WAIT);
        try {
            Layers l = layers(t, schema);
            assertLayers(l);
            assertTrue(t.statements().stream().anyMatch(s -> s.contains(t.q(schema) + "." + t.q("hma_sub_tasks"))),
                    "the tables live in the schema");
        } finally {
            t.raw((t.is("mysql") ? "DROP DATABASE " : "DROP SCHEMA ") + t.q(schema)
                    + (t.is("mysql") ? "" : " CASCADE")).blockLast(WAIT);
        }
    }

    // ---- (1:N) hasAssociation / hasAssociations ---------------------------------------------------------------

    record Labels(Model<Instance> articles, Model<Instance> labels, HasMany<Instance, Instance> articleLabels,
            Instance article, Instance label1, Instance label2) {
    }

    /** The hasAssociation(s) beforeEach: Article keyed by {@code pk}, Label by {@code key}. */
    static Labels keyedLabels(TestDb t) {
        Model<Instance> articles = model(t, "Article", "hma_articles", m -> m
                .attribute("pk", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("title", DataTypes.STRING));
        Model<Instance> labels = model(t, "Label", "hma_labels", m -> m
                .attribute("key", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("text", DataTypes.STRING));
        HasMany<Instance, Instance> articleLabels = articles.hasMany(labels);
        t.db().sync().block(WAIT);
        Instance article = articles.create(Map.of("title", "Article")).block(WAIT);
        Instance label1 = labels.create(Map.of("text", "Awesomeness")).block(WAIT);
        Instance label2 = labels.create(Map.of("text", "Epicness")).block(WAIT);
        return new Labels(articles, labels, articleLabels, article, label1, label2);
    }

    /** The transaction its' models: Article and Label keyed by {@code id}. */
    static Labels plainLabels(TestDb t) {
        Model<Instance> articles = titled(t, "Article", "hma_articles");
        Model<Instance> labels = model(t, "Label", "hma_labels", m -> m.attribute("text", DataTypes.STRING));
        HasMany<Instance, Instance> articleLabels = articles.hasMany(labels);
        t.db().sync().block(WAIT);
        Instance article = articles.create(Map.of("title", "foo")).block(WAIT);
        Instance label1 = labels.create(Map.of("text", "bar")).block(WAIT);
        Instance label2 = labels.create(Map.of("text", "baz")).block(WAIT);
        return new Labels(articles, labels, articleLabels, article, label1, label2);
    }

    @DatabaseTest
    void onlyGeneratesOneSetOfForeignKeys(TestDb t) {
        Model<Instance> articles = model(t, "Article", "hma_articles", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        Model<Instance> labels = model(t, "Label", "hma_labels", m -> m.attribute("text", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        labels.belongsTo(articles);
        articles.hasMany(labels);
        assertEquals(List.of("id", "text", "ArticleId"), labels.definition().attributes().stream()
                .map(io.resequel.model.AttributeDefinition::name).toList());
    }

    @DatabaseTest
    void hasSingleSupportsTransactions(TestDb t) {
        Labels f = plainLabels(t);
        rolledBack(t, tx -> {
            in(tx, f.articleLabels().set(f.article(), List.of(f.label1()))).block(WAIT);
            Instance article = f.articles().findAll(q -> q.transaction(tx)).blockFirst(WAIT);
            assertFalse(f.articleLabels().has(article, f.label1()).block(WAIT));
            assertTrue(in(tx, f.articleLabels().has(article, f.label1())).block(WAIT));
        });
    }

    @DatabaseTest
    void doesNotHaveAnyLabelsAssignedInitially(TestDb t) {
        Labels f = keyedLabels(t);
        assertFalse(f.articleLabels().has(f.article(), f.label1()).block(WAIT));
        assertFalse(f.articleLabels().has(f.article(), f.label2()).block(WAIT));
    }

    @DatabaseTest
    void answersTrueIfTheLabelHasBeenAssigned(TestDb t) {
        Labels f = keyedLabels(t);
        f.articleLabels().add(f.article(), f.label1()).block(WAIT);
        assertTrue(f.articleLabels().has(f.article(), f.label1()).block(WAIT));
        assertFalse(f.articleLabels().has(f.article(), f.label2()).block(WAIT));
        assertEquals(f.article().get("pk"), f.labels().findByPk(f.label1().get("key")).block(WAIT).get("ArticlePk"),
                "the key is named after Article's primary key, pk");
    }

    @DatabaseTest
    void answersCorrectlyWhenPassingAPrimaryKey(TestDb t) {
        Labels f = keyedLabels(t);
        f.articleLabels().add(f.article(), f.label1()).block(WAIT);
        assertTrue(f.articleLabels().has(f.article(), f.label1().get("key")).block(WAIT));
        assertFalse(f.articleLabels().has(f.article(), f.label2().get("key")).block(WAIT));
    }

    @DatabaseTest
    void hasAllSupportsTransactions(TestDb t) {
        Labels f = plainLabels(t);
        rolledBack(t, tx -> {
            in(tx, f.articleLabels().set(f.article(), List.of(f.label1()))).block(WAIT);
            Instance article = f.articles().findAll(q -> q.transaction(tx)).blockFirst(WAIT);
            assertFalse(f.articleLabels().has(article, List.of(f.label1())).block(WAIT));
            assertTrue(in(tx, f.articleLabels().has(article, List.of(f.label1()))).block(WAIT));
        });
    }

    @DatabaseTest
    void answersFalseIfOnlySomeLabelsHaveBeenAssigned(TestDb t) {
        Labels f = keyedLabels(t);
        f.articleLabels().add(f.article(), f.label1()).block(WAIT);
        assertFalse(f.articleLabels().has(f.article(), List.of(f.label1(), f.label2())).block(WAIT));
    }

    @DatabaseTest
    void answersFalseIfOnlySomeLabelsHaveBeenAssignedByPrimaryKey(TestDb t) {
        Labels f = keyedLabels(t);
        f.articleLabels().add(f.article(), f.label1()).block(WAIT);
        assertFalse(f.articleLabels().has(f.article(), List.of(f.label1().get("key"), f.label2().get("key")))
                .block(WAIT));
    }

    @DatabaseTest
    void answersTrueIfAllLabelsHaveBeenAssigned(TestDb t) {
        Labels f = keyedLabels(t);
        f.articleLabels().set(f.article(), List.of(f.label1(), f.label2())).block(WAIT);
        assertTrue(f.articleLabels().has(f.article(), List.of(f.label1(), f.label2())).block(WAIT));
    }

    @DatabaseTest
    void answersTrueIfAllLabelsHaveBeenAssignedByPrimaryKey(TestDb t) {
        Labels f = keyedLabels(t);
        f.articleLabels().set(f.article(), List.of(f.label1(), f.label2())).block(WAIT);
        assertTrue(f.articleLabels().has(f.article(), List.of(f.label1().get("key"), f.label2().get("key")))
                .block(WAIT));
    }

    // ---- setAssociations / addAssociations / addMultipleAssociations ------------------------------------------

    static List<Instance> labelsOf(Labels f, Transaction tx) {
        return f.labels().findAll(q -> {
            q.where("ArticleId", f.article().get("id"));
            if (tx != null) {
                q.transaction(tx);
            }
        }).collectList().block(WAIT);
    }

    @DatabaseTest
    void setSupportsTransactions(TestDb t) {
        Labels f = plainLabels(t);
        rolledBack(t, tx -> {
            in(tx, f.articleLabels().set(f.article(), List.of(f.label1()))).block(WAIT);
            assertEquals(0, labelsOf(f, null).size());
            assertEquals(1, labelsOf(f, tx).size());
        });
        assertEquals(0, labelsOf(f, null).size(), "rolled back");
    }

    @DatabaseTest
    void clearsAssociationsWhenPassingNullToSet(TestDb t) {
        Model<Instance> users = model(t, "User", "hma_users", m -> m.attribute("username", DataTypes.STRING));
        Model<Instance> tasks = titled(t, "Task", "hma_tasks");
        HasMany<Instance, Instance> taskUsers = tasks.hasMany(users);
        t.db().sync().block(WAIT);
        Instance user = users.create(Map.of("username", "foo")).block(WAIT);
        Instance task = tasks.create(Map.of("title", "task")).block(WAIT);
        taskUsers.set(task, List.of(user)).block(WAIT);
        assertEquals(1, taskUsers.get(task).collectList().block(WAIT).size());
        taskUsers.set(task, null).block(WAIT);
        assertEquals(0, taskUsers.get(task).collectList().block(WAIT).size());
        assertEquals(1L, users.count(Where.eq("TaskId", null)).block(WAIT), "the user row stays, unlinked");
    }

    @DatabaseTest
    void setSupportsPassingThePrimaryKey(TestDb t) {
        Labels f = plainLabels(t);
        f.articleLabels().add(f.article(), f.label1().get("id")).block(WAIT);
        f.articleLabels().set(f.article(), List.of(f.label2().get("id"))).block(WAIT);
        List<Instance> labels = f.articleLabels().get(f.article()).collectList().block(WAIT);
        assertEquals(List.of("baz"), values(labels, "text"));
    }

    @DatabaseTest
    void addSupportsTransactions(TestDb t) {
        Labels f = plainLabels(t);
        rolledBack(t, tx -> {
            in(tx, f.articleLabels().add(f.article(), f.label1())).block(WAIT);
            assertEquals(0, labelsOf(f, null).size());
            assertEquals(1, labelsOf(f, tx).size());
        });
    }

    @DatabaseTest
    void addSupportsPassingThePrimaryKey(TestDb t) {
        Labels f = plainLabels(t);
        f.articleLabels().add(f.article(), f.label1().get("id")).block(WAIT);
        List<Instance> labels = f.articleLabels().get(f.article()).collectList().block(WAIT);
        assertEquals(List.of("bar"), values(labels, "text"), "no other attribute was touched");
    }

    @DatabaseTest
    void addsMultipleWithoutRemovingTheCurrentOnes(TestDb t) {
        Model<Instance> users = model(t, "User", "hma_users", m -> m.attribute("username", DataTypes.STRING));
        Model<Instance> tasks = titled(t, "Task", "hma_tasks");
        HasMany<Instance, Instance> taskUsers = tasks.hasMany(users);
        t.db().sync().block(WAIT);
        users.bulkCreate(List.of(Map.of("username", "foo "), Map.of("username", "bar "), Map.of("username", "baz ")))
                .blockLast(WAIT);
        Instance task = tasks.create(Map.of("title", "task")).block(WAIT);
        List<Instance> all = users.findAll(q -> q.order(Order.asc("id"))).collectList().block(WAIT);
        taskUsers.set(task, List.of(all.get(0))).block(WAIT);
        taskUsers.add(task, List.of(all.get(1), all.get(2))).block(WAIT);
        assertEquals(3, taskUsers.get(task).collectList().block(WAIT).size());
    }

    @DatabaseTest
    void handlesDecentSizedBulkCreates(TestDb t) {
        Model<Instance> users = model(t, "User", "hma_users", m -> m.attribute("username", DataTypes.STRING)
                .attribute("num", DataTypes.INTEGER).attribute("status", DataTypes.STRING));
        Model<Instance> tasks = titled(t, "Task", "hma_tasks");
        tasks.hasMany(users);
        t.db().sync().block(WAIT);
        users.bulkCreate(IntStream.range(0, 1000).mapToObj(i -> Map.of("username", "user" + i, "num", i,
                "status", "live")).toList()).blockLast(WAIT);
        tasks.create(Map.of("title", "task")).block(WAIT);
        List<Instance> all = users.findAll(q -> q.order(Order.asc("num"))).collectList().block(WAIT);
        assertEquals(1000, all.size());
        assertEquals("user999", all.get(999).get("username"));
    }

    // ---- createAssociations ------------------------------------------------------------------------------------

    @DatabaseTest
    void createsANewAssociatedObject(TestDb t) {
        Labels f = plainLabels(t);
        f.articleLabels().create(f.article(), Map.of("text", "new")).block(WAIT);
        assertEquals(List.of("new"), values(labelsOf(f, null), "text"));
    }

    /** Sequelize's logging spy is called once: the create is one INSERT, the key set on the instance. */
    @DatabaseTest
    void createsTheObjectWithTheAssociationDirectly(TestDb t) {
        Labels f = plainLabels(t);
        t.clearStatements();
        Instance label = f.articleLabels().create(f.article(), Map.of("text", "new")).block(WAIT);
        assertEquals(1, t.statements().size(), String.valueOf(t.statements()));
        assertTrue(t.statements().get(0).startsWith("INSERT"), t.statements().get(0));
        assertEquals(id(f.article()), asLong(label.get("ArticleId")));
    }

    @DatabaseTest
    void createSupportsTransactions(TestDb t) {
        Labels f = plainLabels(t);
        rolledBack(t, tx -> {
            in(tx, f.articleLabels().create(f.article(), Map.of("text", "new"))).block(WAIT);
            assertEquals(2L, f.labels().count().block(WAIT), "the two fixture labels only");
            assertEquals(0, labelsOf(f, null).size());
            assertEquals(1, labelsOf(f, tx).size());
        });
    }

    /** New: {@code create(source, values, SaveOptions.fields(...))} adds the foreign key to the fields. */
    @DatabaseTest
    void createSupportsPassingTheFieldOption(TestDb t) {
        Labels f = plainLabels(t);
        t.clearStatements();
        f.articleLabels().create(f.article(), Map.of("text", "yolo", "id", 99), SaveOptions.fields("text"))
                .block(WAIT);
        String insert = t.statements().get(0);
        assertTrue(insert.contains(t.q("ArticleId")) && !insert.contains(t.q("id")), insert);
        List<Instance> labels = f.articleLabels().get(f.article()).collectList().block(WAIT);
        assertEquals(List.of("yolo"), values(labels, "text"));
        assertTrue(((Number) labels.get(0).get("id")).intValue() != 99, "id was not in the fields");
    }

    // ---- getting associations with options -----------------------------------------------------------------

    @DatabaseTest
    void treatsTheWhereObjectOfAssociationsAsAFirstClassCitizen(TestDb t) {
        Model<Instance> articles = titled(t, "Article", "hma_articles");
        Model<Instance> labels = model(t, "Label", "hma_labels", m -> m.attribute("text", DataTypes.STRING)
                .attribute("until", DataTypes.DATE));
        HasMany<Instance, Instance> articleLabels = articles.hasMany(labels);
        t.db().sync().block(WAIT);
        Instance article = articles.create(Map.of("title", "Article")).block(WAIT);
        Instance l1 = labels.create(Map.of("text", "Awesomeness",
                "until", OffsetDateTime.of(2014, 1, 1, 1, 0, 0, 0, ZoneOffset.UTC))).block(WAIT);
        Instance l2 = labels.create(Map.of("text", "Epicness",
                "until", OffsetDateTime.of(2014, 1, 3, 1, 0, 0, 0, ZoneOffset.UTC))).block(WAIT);
        articleLabels.set(article, List.of(l1, l2)).block(WAIT);
        List<Instance> found = articleLabels.get(article, q -> q.where("until", Op.GT,
                OffsetDateTime.of(2014, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC))).collectList().block(WAIT);
        assertEquals(List.of("Epicness"), values(found, "text"));
    }

    record John(Model<Instance> users, Model<Instance> tasks, HasMany<Instance, Instance> userTasks, Instance john) {
    }

    /** The "getting/countAssociations" beforeEach: John has "Get rich" (active) and "Die trying". */
    static John john(TestDb t, String foreignKey) {
        Model<Instance> users = model(t, "User", "hma_users", m -> m.attribute("username", DataTypes.STRING));
        Model<Instance> tasks = model(t, "Task", "hma_tasks", m -> m.attribute("title", DataTypes.STRING)
                .attribute("active", DataTypes.BOOLEAN));
        HasMany<Instance, Instance> userTasks = foreignKey == null ? users.hasMany(tasks)
                : users.hasMany(tasks, a -> a.foreignKey(foreignKey));
        t.db().sync().block(WAIT);
        Instance john = users.create(Map.of("username", "John")).block(WAIT);
        Instance t1 = tasks.create(Map.of("title", "Get rich", "active", true)).block(WAIT);
        Instance t2 = tasks.create(Map.of("title", "Die trying", "active", false)).block(WAIT);
        userTasks.set(john, List.of(t1, t2)).block(WAIT);
        return new John(users, tasks, userTasks, john);
    }

    @DatabaseTest
    void getsAllAssociatedObjectsWhenNoOptionsArePassed(TestDb t) {
        John f = john(t, null);
        Instance john = f.users().findOne(q -> q.where("username", "John")).block(WAIT);
        assertEquals(2, f.userTasks().get(john).collectList().block(WAIT).size());
    }

    @DatabaseTest
    void onlyGetsObjectsThatFulfillTheOptions(TestDb t) {
        John f = john(t, null);
        Instance john = f.users().findOne(q -> q.where("username", "John")).block(WAIT);
        List<Instance> tasks = f.userTasks().get(john, q -> q.where("active", true).limit(10)
                .order(Order.desc("id"))).collectList().block(WAIT);
        assertEquals(List.of("Get rich"), values(tasks, "title"));
    }

    // ---- countAssociations -------------------------------------------------------------------------------------

    @DatabaseTest
    void countsAllAssociations(TestDb t) {
        John f = john(t, "userId");
        assertEquals(2L, f.userTasks().count(f.john()).block(WAIT));
        assertEquals(2L, f.userTasks().count(f.john(), q -> { }).block(WAIT));
    }

    @DatabaseTest
    void countsFilteredAssociations(TestDb t) {
        John f = john(t, "userId");
        assertEquals(1L, f.userTasks().count(f.john(), Where.eq("active", true)).block(WAIT));
        assertEquals(1L, f.userTasks().count(f.john(), q -> q.where("active", true)).block(WAIT));
    }

    @DatabaseTest
    void countsScopedAssociations(TestDb t) {
        John f = john(t, "userId");
        HasMany<Instance, Instance> active = f.users().hasMany(f.tasks(), a -> a.foreignKey("userId")
                .as("activeTasks").scope(Map.of("active", true)));
        assertEquals("countActiveTasks", active.accessors().get("count"));
        assertEquals(1L, active.count(f.john()).block(WAIT));
    }

    // ---- thisAssociations --------------------------------------------------------------------------------------

    @DatabaseTest
    void selfAssociationWorksWithAlias(TestDb t) {
        Model<Instance> person = model(t, "Group", "hma_groups", m -> { });
        HasMany<Instance, Instance> children = person.hasMany(person, a -> a.as("Children"));
        t.db().sync().block(WAIT);
        Instance parent = person.create(Map.of()).block(WAIT);
        Instance child = children.create(parent, Map.of()).block(WAIT);
        assertEquals(id(parent), asLong(child.get("GroupId")));
        assertEquals(List.of(child.get("id")), values(children.get(parent).collectList().block(WAIT), "id"));
    }
}
