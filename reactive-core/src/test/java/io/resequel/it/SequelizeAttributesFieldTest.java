package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.error.UnknownAttributeException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Expr;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.SyncOptions;
import io.resequel.query.Where;
import io.resequel.schema.ColumnDescription;
import io.resequel.schema.ForeignKeyReference;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.validation.V;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sequelize v6.37.8 {@code test/integration/model/attributes/field.test.js}, ported: attributes whose column
 * ({@code field}) differs from their name, through create, find, where, include, update, bulk writes, increment,
 * aggregates, paranoid destroy and association counts. As in Sequelize, the tables of the shared fixture are made by
 * the query interface with the column names, so every statement must translate attribute names to them.
 */
class SequelizeAttributesFieldTest {

    /** Sequelize's beforeEach: user, task, comment and their links, over hand-made tables. */
    private static final class Fixture {
        final Model<Instance> user;
        final Model<Instance> task;
        final Model<Instance> comment;
        final HasMany<Instance, Instance> userTasks;
        final BelongsTo<Instance, Instance> taskUser;
        final HasMany<Instance, Instance> taskComments;
        final BelongsToMany<Instance, Instance> userComments;

        Fixture(TestDb t) {
            user = t.db().define("fid_user", s -> s
                    .attribute("id", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).autoIncrement(true)
                            .field("userId"))
                    .attribute("name", DataTypes.STRING, a -> a.field("full_name"))
                    .attribute("taskCount", DataTypes.INTEGER, a -> a.field("task_count").defaultValue(0)
                            .allowNull(false))
                    .options(o -> o.tableName("fid_users").timestamps(false)));
            task = t.db().define("fid_task", s -> s
                    .attribute("id", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).autoIncrement(true)
                            .field("taskId"))
                    .attribute("title", DataTypes.STRING, a -> a.field("name"))
                    .options(o -> o.tableName("fid_tasks").timestamps(false)));
            comment = t.db().define("fid_comment", s -> s
                    .attribute("id", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).autoIncrement(true)
                            .field("commentId"))
                    .attribute("text", DataTypes.STRING, a -> a.field("comment_text"))
                    .attribute("notes", DataTypes.STRING, a -> a.field("notes"))
                    .attribute("likes", DataTypes.INTEGER, a -> a.field("like_count"))
                    .attribute("createdAt", DataTypes.DATE, a -> a.field("created_at").allowNull(false))
                    .attribute("updatedAt", DataTypes.DATE, a -> a.field("updated_at").allowNull(false))
                    .options(o -> o.tableName("fid_comments").timestamps(true)));
            userTasks = user.hasMany(task, o -> o.foreignKey("user_id"));
            taskUser = task.belongsTo(user, o -> o.foreignKey("user_id"));
            taskComments = task.hasMany(comment, o -> o.foreignKey("task_id"));
            comment.belongsTo(task, o -> o.foreignKey("task_id"));
            userComments = user.belongsToMany(comment, o -> o.foreignKey("userId").otherKey("commentId")
                    .through("fid_userComments"));
            QueryInterface qi = t.db().queryInterface();
            qi.createTable("fid_users", c -> c
                    .attribute("userId", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).autoIncrement(true))
                    .attribute("full_name", DataTypes.STRING)
                    .attribute("task_count", DataTypes.INTEGER, a -> a.allowNull(false).defaultValue(0))).block();
            qi.createTable("fid_tasks", c -> c
                    .attribute("taskId", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true).autoIncrement(true))
                    .attribute("user_id", DataTypes.INTEGER)
                    .attribute("name", DataTypes.STRING)).block();
            qi.createTable("fid_comments", c -> c
                    .attribute("commentId", DataTypes.INTEGER, a -> a.allowNull(false).primaryKey(true)
                            .autoIncrement(true))
                    .attribute("task_id", DataTypes.INTEGER)
                    .attribute("comment_text", DataTypes.STRING)
                    .attribute("notes", DataTypes.STRING)
                    .attribute("like_count", DataTypes.INTEGER)
                    .attribute("created_at", DataTypes.DATE, a -> a.allowNull(false))
                    .attribute("updated_at", DataTypes.DATE)).block();
            // The junction as the association defines it (its key pair and timestamps), made by sync.
            t.db().sync(userComments.through(), SyncOptions.DEFAULT).block();
        }

        /** Sequelize's "field and attribute name is the same" beforeEach. */
        Fixture withTwoComments() {
            comment.bulkCreate(List.of(Map.of("notes", "Number one"), Map.of("notes", "Number two"))).blockLast();
            return this;
        }
    }

    /** The column names of a table, read from the catalog. */
    private static Set<String> columns(TestDb t, String table) {
        return t.db().queryInterface().describeTable(table).block().keySet();
    }

    // ---- primaryKey ---------------------------------------------------------------------------------------

    @DatabaseTest
    void aPrimaryKeyWithAllowNullFalseIsANotNullColumn(TestDb t) {
        Model<Instance> m = t.db().define("fid_ModelUnderTest", s -> s
                .attribute("identifier", DataTypes.STRING, a -> a.primaryKey(true).allowNull(false)));
        t.db().sync(m, SyncOptions.force()).block();
        Map<String, ColumnDescription> fields = t.db().queryInterface().describeTable(m.tableName()).block();
        assertFalse(fields.get("identifier").allowNull(), String.valueOf(fields));
        assertTrue(fields.get("identifier").primaryKey(), String.valueOf(fields));
    }

    @DatabaseTest
    void instanceDestroyUsesTheKeysColumn(TestDb t) {
        Fixture f = new Fixture(t);
        Instance u = f.user.create(Map.of()).block();
        u.destroy().block();
        assertEquals(0L, f.user.count().block());
        assertTrue(t.statements().stream().anyMatch(s -> s.startsWith("DELETE") && s.contains(t.q("userId"))),
                String.valueOf(t.statements()));
    }

    @DatabaseTest
    void modelDestroyByTheKeyAttribute(TestDb t) {
        Fixture f = new Fixture(t);
        Instance u = f.user.create(Map.of()).block();
        f.user.create(Map.of()).block();
        assertEquals(1L, f.user.destroy(Where.eq("id", u.get("id"))).block());
        assertEquals(1L, f.user.count().block());
        assertNull(f.user.findByPk(u.get("id")).block());
    }

    // ---- field and attribute name is the same -------------------------------------------------------------

    @DatabaseTest
    void sameNameBulkCreateWorks(TestDb t) {
        Fixture f = new Fixture(t).withTwoComments();
        List<Instance> comments = f.comment.findAll(q -> q.order(Order.asc("id"))).collectList().block();
        assertEquals(List.of("Number one", "Number two"), comments.stream().map(c -> c.get("notes")).toList());
    }

    @DatabaseTest
    void sameNameFindWithWhereWorks(TestDb t) {
        Fixture f = new Fixture(t).withTwoComments();
        List<Instance> comments = f.comment.findAll(q -> q.where("notes", "Number one")).collectList().block();
        assertEquals(1, comments.size());
        assertEquals("Number one", comments.get(0).get("notes"));
    }

    @DatabaseTest
    void sameNameReloadWorks(TestDb t) {
        Fixture f = new Fixture(t).withTwoComments();
        Instance c = f.comment.findByPk(1).block();
        t.rawUpdate("UPDATE " + t.q("fid_comments") + " SET " + t.q("notes") + " = 'changed' WHERE "
                + t.q("commentId") + " = 1").block();
        assertEquals("changed", c.reload().block().get("notes"));
    }

    @DatabaseTest
    void sameNameSaveWorks(TestDb t) {
        Fixture f = new Fixture(t).withTwoComments();
        Instance c = f.comment.create(Map.of("notes", "my note")).block();
        c.set("notes", "new note");
        Instance saved = c.save().block();
        assertEquals("new note", saved.reload().block().get("notes"));
        assertEquals("new note", f.comment.findByPk(c.get("id")).block().get("notes"));
    }

    // ---- increment, decrement, sum ------------------------------------------------------------------------

    @DatabaseTest
    void incrementOfARenamedColumn(TestDb t) {
        assertEquals(24, likesAfter(t, true));
    }

    @DatabaseTest
    void decrementOfARenamedColumn(TestDb t) {
        assertEquals(22, likesAfter(t, false));
    }

    /** A comment with 23 likes, incremented or decremented by one and reloaded: its likes. */
    private static int likesAfter(TestDb t, boolean up) {
        Fixture f = new Fixture(t);
        f.comment.destroy(Where.and()).block(); // Sequelize truncates; the junction's foreign key forbids it here
        Instance c = f.comment.create(Map.of("notes", "oh boy, here I go again", "likes", 23)).block();
        Instance changed = up ? c.<Instance>increment("likes", 1).block() : c.<Instance>decrement("likes", 1).block();
        return ((Number) changed.<Instance>reload().block().get("likes")).intValue();
    }

    @DatabaseTest
    void sumOfARenamedColumn(TestDb t) {
        Fixture f = new Fixture(t);
        f.comment.destroy(Where.and()).block(); // Sequelize truncates; the junction's foreign key forbids it here
        f.comment.create(Map.of("notes", "oh boy, here I go again", "likes", 23)).block();
        assertEquals(23, f.comment.sum("likes", null).block().intValue());
    }

    // ---- create, find, update -----------------------------------------------------------------------------

    @DatabaseTest
    void createFetchAndUpdateWithAlternativeFieldNames(TestDb t) {
        Fixture f = new Fixture(t);
        f.user.create(Map.of("name", "Foobar")).block();
        Instance u = f.user.findOne(q -> q.limit(1)).block();
        assertEquals("Foobar", u.get("name"));
        u.update(Map.of("name", "Barfoo")).block();
        assertEquals("Barfoo", f.user.findOne(q -> q.limit(1)).block().get("name"));
        assertEquals("Barfoo", t.raw("SELECT " + t.q("full_name") + " FROM " + t.q("fid_users")).blockFirst()
                .get("full_name"));
    }

    @DatabaseTest
    void bulkUpdateOfARenamedColumn(TestDb t) {
        Model<Instance> entity = t.db().define("fid_Entity", s -> s
                .attribute("strField", DataTypes.STRING, a -> a.field("str_field")));
        t.db().sync(entity, SyncOptions.force()).block();
        entity.create(Map.of("strField", "foo")).block();
        assertEquals(1L, entity.update(Map.of("strField", "bar"), Where.eq("strField", "foo")).block());
        Instance e = entity.findOne(q -> q.where("strField", "bar")).block();
        assertNotNull(e);
        assertEquals("bar", e.get("strField"));
        assertTrue(columns(t, entity.tableName()).contains("str_field"));
    }

    /**
     * Deviation: Sequelize's {@code get('test_title')} is {@code undefined}; here a column name is no attribute name,
     * so {@code get} fails naming the attribute, and the values hold attribute names only.
     */
    @DatabaseTest
    void createdInstancesHoldAttributeNamesNotFieldNames(TestDb t) {
        Model<Instance> m = t.db().define("fid_test", s -> s
                .attribute("id", DataTypes.INTEGER, a -> a.field("test_id").autoIncrement(true).primaryKey(true)
                        .validate(V.min(1)))
                .attribute("title", DataTypes.STRING, a -> a.allowNull(false).field("test_title"))
                .options(o -> o.timestamps(true).underscored(true).freezeTableName(true)));
        t.db().sync(m, SyncOptions.force()).block();
        Instance data = m.create(Map.of("title", "test")).block();
        Map<String, Object> json = data.toJSON();
        assertFalse(json.containsKey("test_title"), String.valueOf(json));
        assertFalse(json.containsKey("test_id"), String.valueOf(json));
        assertEquals("test", json.get("title"));
        assertNotNull(json.get("id"));
        UnknownAttributeException e = assertThrows(UnknownAttributeException.class, () -> data.get("test_title"));
        assertTrue(e.getMessage().contains("title"), e.getMessage());
    }

    @DatabaseTest
    void theAliasedAutoIncrementedKeyIsAvailableAfterCreate(TestDb t) {
        Fixture f = new Fixture(t);
        Instance u = f.user.create(Map.of("name", "Barfoo")).block();
        assertNotNull(u.get("id"));
        assertEquals(u.get("id"), f.user.findOne(q -> q.where("name", "Barfoo")).block().get("id"));
    }

    // ---- includes -----------------------------------------------------------------------------------------

    @DatabaseTest
    void whereOnIncludesForFind(TestDb t) {
        Fixture f = new Fixture(t);
        Instance u = f.user.create(Map.of("name", "Barfoo")).block();
        Instance task = f.userTasks.create(u, Map.of("title", "DatDo")).block();
        f.taskComments.create(task, Map.of("text", "Comment")).block();
        Instance found = f.task.findOne(q -> q.include(Include.of(f.comment), Include.of(f.user))
                .where("title", "DatDo")).block();
        assertEquals("DatDo", found.get("title"));
        assertEquals("Comment", found.getMany("fid_comments", Instance.class).get(0).get("text"));
        assertNotNull(found.getOne("fid_user", Instance.class));
        assertEquals("Barfoo", found.getOne("fid_user", Instance.class).get("name"));
    }

    @DatabaseTest
    void whereOnIncludesForFindAll(TestDb t) {
        Fixture f = new Fixture(t);
        Instance u = f.user.create(Map.of("name", "Foobar")).block();
        Instance task = f.userTasks.create(u, Map.of("title", "DoDat")).block();
        f.taskComments.create(task, Map.of("text", "Comment")).block();
        f.userTasks.create(f.user.create(Map.of("name", "Other")).block(), Map.of("title", "Else")).block();
        List<Instance> users = f.user.findAll(q -> q.include(Include.of(f.task).where(Where.eq("title", "DoDat"))
                .include(Include.of(f.comment)))).collectList().block();
        assertEquals(1, users.size());
        Instance one = users.get(0);
        assertEquals("Foobar", one.get("name"));
        List<Instance> tasks = one.getMany("fid_tasks", Instance.class);
        assertEquals("DoDat", tasks.get(0).get("title"));
        assertEquals(1, tasks.get(0).getMany("fid_comments", Instance.class).size());
    }

    @DatabaseTest
    void incrementOfARenamedColumnWithADefault(TestDb t) {
        Fixture f = new Fixture(t);
        Instance u = f.user.create(Map.of()).block();
        u.increment("taskCount", 1).block();
        assertEquals(1, ((Number) f.user.findByPk(u.get("id")).block().get("taskCount")).intValue());
    }

    // ---- where ----------------------------------------------------------------------------------------------

    @DatabaseTest
    void aSimpleWhere(TestDb t) {
        Fixture f = new Fixture(t);
        f.user.create(Map.of("name", "Foobar")).block();
        assertNotNull(f.user.findOne(q -> q.where("name", "Foobar")).block());
        assertNull(f.user.findOne(q -> q.where("name", "Barfoo")).block());
    }

    @DatabaseTest
    void aWhereOr(TestDb t) {
        Fixture f = new Fixture(t);
        f.user.create(Map.of("name", "Foobar")).block();
        Instance u = f.user.findOne(q -> q.where(Where.or(Where.eq("name", "Foobar"), Where.eq("name",
                "Lollerskates")))).block();
        assertNotNull(u);
        assertEquals("Foobar", u.get("name"));
    }

    @DatabaseTest
    void bulkCreateAndFindAll(TestDb t) {
        Fixture f = new Fixture(t);
        f.user.bulkCreate(List.of(Map.of("name", "Abc"), Map.of("name", "Bcd"), Map.of("name", "Cde"))).blockLast();
        List<Instance> users = f.user.findAll().collectList().block();
        assertEquals(3, users.size());
        assertEquals(Set.of("Abc", "Bcd", "Cde"), Set.copyOf(users.stream().map(u -> u.get("name")).toList()));
    }

    /**
     * Sequelize's "should support renaming of sequelize method fields": a literal aliased like a VIRTUAL attribute,
     * and one given an alias, are both readable through {@code get}.
     */
    @DatabaseTest
    void selectedExpressionsAreReadByTheirAlias(TestDb t) {
        Model<Instance> m = t.db().define("fid_test", s -> s.virtual("someProperty", v -> { }));
        t.db().sync(m, SyncOptions.force()).block();
        m.create(Map.of()).block();
        List<Instance> rows = m.findAll(q -> q.attribute(Expr.literal("1 = 1"), "someProperty")
                .attribute(Expr.literal("2 = 2"), "someProperty2")).collectList().block();
        assertEquals(1, rows.size());
        assertTrue(truthy(rows.get(0).get("someProperty")), String.valueOf(rows.get(0).get("someProperty")));
        assertTrue(truthy(rows.get(0).get("someProperty2")), String.valueOf(rows.get(0).get("someProperty2")));
    }

    private static boolean truthy(Object v) {
        return Boolean.TRUE.equals(v) || v instanceof Number n && n.intValue() == 1;
    }

    @DatabaseTest
    void syncMakesForeignKeysWithTheCustomFieldNames(TestDb t) {
        Fixture f = new Fixture(t);
        t.db().sync(SyncOptions.force()).block();
        assertEquals("fid_users", f.task.definition().attribute("user_id").references().table());
        assertEquals("userId", f.task.definition().attribute("user_id").references().key());
        List<ForeignKeyReference> refs = t.db().queryInterface().getForeignKeyReferencesForTable("fid_tasks").block();
        assertTrue(refs.stream().anyMatch(r -> r.columnName().equals("user_id")
                && r.referencedTableName().equals("fid_users") && r.referencedColumnName().equals("userId")),
                String.valueOf(refs));
    }

    @DatabaseTest
    void theValueOfAnAttributeWithACustomFieldName(TestDb t) {
        Fixture f = new Fixture(t);
        f.user.create(Map.of("name", "test user")).block();
        assertEquals("test user", f.user.findOne(q -> q.where("name", "test user")).block().get("name"));
    }

    @DatabaseTest
    void fieldNamesLikeTheAttributeNamesCreateUpdateAndRead(TestDb t) {
        Fixture f = new Fixture(t);
        f.comment.create(Map.of("notes", "Foobar")).block();
        Instance c = f.comment.findOne(q -> q.limit(1)).block();
        assertEquals("Foobar", c.get("notes"));
        c.update(Map.of("notes", "Barfoo")).block();
        assertEquals("Barfoo", f.comment.findOne(q -> q.limit(1)).block().get("notes"));
    }

    @DatabaseTest
    void belongsToGetterThroughRenamedKeys(TestDb t) {
        Fixture f = new Fixture(t);
        int userId = 1 + new java.util.Random().nextInt(100_000);
        Instance u = f.user.create(Map.of("id", userId)).block();
        Instance task = f.task.create(Map.of("user_id", userId)).block();
        Instance viaGetter = f.taskUser.get(task).block();
        assertEquals(userId, ((Number) u.get("id")).intValue());
        assertEquals(userId, ((Number) viaGetter.get("id")).intValue());
    }

    // ---- paranoid -----------------------------------------------------------------------------------------

    private static Model<Instance> paranoidUser(TestDb t) {
        Model<Instance> m = t.db().define("fid_User", s -> s
                .attribute("deletedAt", DataTypes.DATE, a -> a.field("deleted_at"))
                .options(o -> o.timestamps(true).paranoid(true)));
        t.db().sync(m, SyncOptions.force()).block();
        return m;
    }

    @DatabaseTest
    void paranoidInstanceDestroyWithARenamedDeletedAt(TestDb t) {
        Model<Instance> m = paranoidUser(t);
        m.create(Map.of()).block().destroy().block();
        assertEquals(0, m.findAll().collectList().block().size());
        assertEquals(1, m.findAll(q -> q.paranoid(false)).collectList().block().size());
        assertNotNull(t.raw("SELECT " + t.q("deleted_at") + " FROM " + t.q(m.tableName())).blockFirst()
                .get("deleted_at"));
    }

    @DatabaseTest
    void paranoidModelDestroyWithARenamedDeletedAt(TestDb t) {
        Model<Instance> m = paranoidUser(t);
        Instance u = m.create(Map.of()).block();
        assertEquals(1L, m.destroy(Where.eq("id", u.get("id"))).block());
        assertEquals(0, m.findAll().collectList().block().size());
        assertEquals(1, m.findAll(q -> q.paranoid(false)).collectList().block().size());
    }

    // ---- association counts -------------------------------------------------------------------------------

    @DatabaseTest
    void belongsToManyCountThroughRenamedKeys(TestDb t) {
        Fixture f = new Fixture(t);
        Instance u = f.user.create(Map.of("name", "John")).block();
        assertEquals(0L, f.userComments.count(u).block());
        Instance c = f.comment.create(Map.of("text", "one")).block();
        f.userComments.add(u, c).block();
        assertEquals(1L, f.userComments.count(u).block());
    }

    @DatabaseTest
    void hasManyCountThroughRenamedKeys(TestDb t) {
        Fixture f = new Fixture(t);
        Instance u = f.user.create(Map.of("name", "John")).block();
        assertEquals(0L, f.userTasks.count(u).block());
        f.userTasks.create(u, Map.of("title", "one")).block();
        assertEquals(1L, f.userTasks.count(u).block());
    }
}
