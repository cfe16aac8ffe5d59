package io.resequel.it;

import static io.resequel.it.BtmSupport.WAIT;
import static io.resequel.it.BtmSupport.asLong;
import static io.resequel.it.BtmSupport.in;
import static io.resequel.it.BtmSupport.model;
import static io.resequel.it.BtmSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsToMany;
import io.resequel.error.ValidationException;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionOptions;
import io.resequel.validation.V;
import io.r2dbc.spi.IsolationLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Port of Sequelize v6 {@code test/integration/associations/belongs-to-many.test.js}, part 2: the writing mixins
 * (setAssociations, createAssociations, addAssociations, addMultipleAssociations), through-model validations and the
 * bulk create/destroy optimizations.
 */
class SequelizeBelongsToManyMixinsTest {

    /** User(username) and Task(title) through "btm_user_tasks", both directions. */
    private static final class UserTasks {
        final Model<Instance> user;
        final Model<Instance> task;
        final BelongsToMany<Instance, Instance> tasks;
        final BelongsToMany<Instance, Instance> users;

        UserTasks(TestDb t, boolean rejectOnEmpty, boolean timestamps) {
            user = model(t, "User", "btm_users", m -> m.attribute("username", DataTypes.STRING)
                    .options(o -> o.rejectOnEmpty(rejectOnEmpty).timestamps(timestamps)));
            task = model(t, "Task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING)
                    .options(o -> o.timestamps(timestamps)));
            tasks = user.belongsToMany(task, a -> a.through("btm_user_tasks"));
            users = task.belongsToMany(user, a -> a.through("btm_user_tasks"));
            t.db().sync().block(WAIT);
        }

        UserTasks(TestDb t) {
            this(t, false, true);
        }

        Instance user(Map<String, ?> v) {
            return user.create(v).block(WAIT);
        }

        Instance task(Map<String, ?> v) {
            return task.create(v).block(WAIT);
        }
    }

    // ---- setAssociations ------------------------------------------------------------------------------------

    @DatabaseTest
    void clearsAssociationsWhenPassingNullToTheSetMethod(TestDb t) {
        UserTasks f = new UserTasks(t);
        Instance u = f.user(Map.of("username", "foo"));
        Instance task = f.task(Map.of("title", "task"));
        f.users.set(task, List.of(u)).block(WAIT);
        assertEquals(1, f.users.get(task).count().block(WAIT));
        f.users.set(task, null).block(WAIT);
        assertEquals(0, f.users.get(task).count().block(WAIT));
        assertEquals(0, BtmSupport.count(t, "btm_user_tasks"));
    }

    @DatabaseTest
    void shouldBeAbleToSetTwiceWithCustomPrimaryKeys(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users", m -> m.attribute("uid", DataTypes.INTEGER,
                a -> a.primaryKey(true).autoIncrement(true)).attribute("username", DataTypes.STRING));
        Model<Instance> task = model(t, "Task", "btm_tasks", m -> m.attribute("tid", DataTypes.INTEGER,
                a -> a.primaryKey(true).autoIncrement(true)).attribute("title", DataTypes.STRING));
        user.belongsToMany(task, a -> a.through("btm_user_tasks"));
        BelongsToMany<Instance, Instance> users = task.belongsToMany(user, a -> a.through("btm_user_tasks"));
        t.db().sync().block(WAIT);
        Instance u1 = user.create(Map.of("username", "foo")).block(WAIT);
        Instance u2 = user.create(Map.of("username", "bar")).block(WAIT);
        Instance tk = task.create(Map.of("title", "task")).block(WAIT);
        users.set(tk, List.of(u1)).block(WAIT);
        u2.setIncluded("user_has_task", Map.of("usertitle", "Something")); // not the junction's name: ignored
        users.set(tk, List.of(u1, u2)).block(WAIT);
        assertEquals(Set.of("foo", "bar"), Set.copyOf(values(users.get(tk).collectList().block(WAIT), "username")));
        assertEquals(Set.of("TaskTid", "UserUid", "createdAt", "updatedAt"),
                BtmSupport.attributes(users.through()));
    }

    @DatabaseTest
    void joinsAnAssociationWithCustomPrimaryKeys(TestDb t) {
        Model<Instance> group = model(t, "group", "btm_groups", m -> m.attribute("group_id", DataTypes.INTEGER,
                a -> a.primaryKey(true)).attribute("name", DataTypes.STRING(64)));
        Model<Instance> member = model(t, "member", "btm_members", m -> m.attribute("member_id", DataTypes.INTEGER,
                a -> a.primaryKey(true)).attribute("email", DataTypes.STRING(64)));
        BelongsToMany<Instance, Instance> members = group.belongsToMany(member, a -> a.through("btm_group_members")
                .foreignKey("group_id").otherKey("member_id"));
        member.belongsToMany(group, a -> a.through("btm_group_members").foreignKey("member_id")
                .otherKey("group_id"));
        t.db().sync().block(WAIT);
        Instance g = group.create(Map.of("group_id", 1, "name", "Group1")).block(WAIT);
        Instance m = member.create(Map.of("member_id", 10, "email", "team@sequelizejs.com")).block(WAIT);
        members.add(g, m).block(WAIT);
        List<Instance> found = members.get(g).collectList().block(WAIT);
        assertEquals(1, found.size());
        assertEquals(10L, asLong(found.get(0).get("member_id")));
        assertEquals("team@sequelizejs.com", found.get(0).get("email"));
    }

    @DatabaseTest
    void setSupportsPassingThePrimaryKeyInsteadOfAnObject(TestDb t) {
        UserTasks f = new UserTasks(t);
        Instance u = f.user(Map.of("id", 12));
        Instance t1 = f.task(Map.of("id", 50, "title", "get started"));
        Instance t2 = f.task(Map.of("id", 5, "title", "wat"));
        f.tasks.add(u, t1.get("id")).block(WAIT);
        f.tasks.set(u, List.of(t2.get("id"))).block(WAIT);
        assertEquals(List.of("wat"), values(f.tasks.get(u).collectList().block(WAIT), "title"));
    }

    /** ItemTag (own id) shared by posts and comments, each with its through scope and unique(false). */
    private static final class ItemTags {
        final Model<Instance> tag;
        final Model<Instance> post;
        final Model<Instance> comment;
        final BelongsToMany<Instance, Instance> postTags;
        final BelongsToMany<Instance, Instance> commentTags;

        ItemTags(TestDb t) {
            Model<Instance> itemTag = model(t, "ItemTag", "btm_item_tags", m -> m
                    .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                    .attribute("tag_id", DataTypes.INTEGER)
                    .attribute("taggable", DataTypes.STRING)
                    .attribute("taggable_id", DataTypes.INTEGER));
            tag = model(t, "Tag", "btm_tags", m -> m.attribute("name", DataTypes.STRING));
            comment = model(t, "Comment", "btm_comments", m -> m.attribute("name", DataTypes.STRING));
            post = model(t, "Post", "btm_posts", m -> m.attribute("name", DataTypes.STRING));
            postTags = post.belongsToMany(tag, a -> a.through(itemTag).throughUnique(false)
                    .throughScope(Map.of("taggable", "post")).foreignKey("taggable_id"));
            commentTags = comment.belongsToMany(tag, a -> a.through(itemTag).throughUnique(false)
                    .throughScope(Map.of("taggable", "comment")).foreignKey("taggable_id"));
            t.db().sync().block(WAIT);
        }
    }

    @DatabaseTest
    void usingScopeToSetAssociations(TestDb t) {
        ItemTags f = new ItemTags(t);
        Instance post = f.post.create(Map.of("name", "post1")).block(WAIT);
        Instance comment = f.comment.create(Map.of("name", "comment1")).block(WAIT);
        Instance tag = f.tag.create(Map.of("name", "tag1")).block(WAIT);
        f.postTags.set(post, List.of(tag)).block(WAIT);
        f.commentTags.set(comment, List.of(tag)).block(WAIT);
        assertEquals(1, f.postTags.get(post).count().block(WAIT));
        assertEquals(1, f.commentTags.get(comment).count().block(WAIT));
        assertEquals(2, BtmSupport.count(t, "btm_item_tags"), "one link per kind, told apart by taggable");
    }

    @DatabaseTest
    void updatingAssociationViaSetAssociationsWithScope(TestDb t) {
        ItemTags f = new ItemTags(t);
        Instance post = f.post.create(Map.of("name", "post1")).block(WAIT);
        Instance comment = f.comment.create(Map.of("name", "comment1")).block(WAIT);
        Instance tag = f.tag.create(Map.of("name", "tag1")).block(WAIT);
        Instance second = f.tag.create(Map.of("name", "tag2")).block(WAIT);
        f.postTags.set(post, List.of(tag, second)).block(WAIT);
        f.commentTags.set(comment, List.of(tag, second)).block(WAIT);
        f.postTags.set(post, List.of(tag)).block(WAIT);
        assertEquals(List.of("tag1"), values(f.postTags.get(post).collectList().block(WAIT), "name"));
        assertEquals(2, f.commentTags.get(comment).count().block(WAIT), "the comment's links are untouched");
    }

    @DatabaseTest
    void setShouldCatchEmptyResultErrorWhenRejectOnEmptyIsSet(TestDb t) {
        UserTasks f = new UserTasks(t, true, true);
        Instance u = f.user(Map.of("id", 12));
        Instance t1 = f.task(Map.of("id", 50, "title", "get started"));
        Instance t2 = f.task(Map.of("id", 51, "title", "following up"));
        f.tasks.set(u, List.of(t1, t2)).block(WAIT);
        List<Instance> got = f.tasks.get(u).collectList().block(WAIT);
        assertEquals(2, got.size());
        assertSame(f.task, got.get(0).model());
    }

    // ---- createAssociations ---------------------------------------------------------------------------------

    @DatabaseTest
    void createsANewAssociatedObject(TestDb t) {
        UserTasks f = new UserTasks(t);
        Instance task = f.task(Map.of("title", "task"));
        Instance created = f.users.create(task, Map.of("username", "foo")).block(WAIT);
        assertSame(f.user, created.model());
        assertEquals("foo", created.get("username"));
        assertEquals(1, f.users.get(task).count().block(WAIT));
    }

    @DatabaseTest
    void createSupportsTransactions(TestDb t) {
        UserTasks f = new UserTasks(t);
        Instance task = f.task(Map.of("title", "task"));
        Transaction tx = t.db().startTransaction().block(WAIT);
        in(tx, f.users.create(task, Map.of("username", "foo"))).block(WAIT);
        assertEquals(0, f.users.get(task).count().block(WAIT));
        assertEquals(1, in(tx, f.users.get(task).count()).block(WAIT));
        tx.rollback().block(WAIT);
        assertEquals(0, BtmSupport.count(t, "btm_users"));
    }

    @DatabaseTest
    void createSupportsSettingThroughTableAttributes(TestDb t) {
        Model<Instance> user = model(t, "user", "btm_users");
        Model<Instance> group = model(t, "group", "btm_groups");
        Model<Instance> userGroups = model(t, "user_groups", "btm_user_groups", m -> m
                .attribute("isAdmin", DataTypes.BOOLEAN));
        user.belongsToMany(group, a -> a.through(userGroups));
        BelongsToMany<Instance, Instance> users = group.belongsToMany(user, a -> a.through(userGroups));
        t.db().sync().block(WAIT);
        Instance g = group.create(Map.of()).block(WAIT);
        users.create(g, Map.of("id", 1), Map.of("isAdmin", true)).block(WAIT);
        users.create(g, Map.of("id", 2), Map.of("isAdmin", false)).block(WAIT);
        List<Instance> rows = userGroups.findAll(q -> q.order(Order.asc("userId"))).collectList().block(WAIT);
        assertEquals(List.of(1L, 2L), rows.stream().map(r -> asLong(r.get("userId"))).toList());
        assertEquals(List.of(true, false), values(rows, "isAdmin"));
    }

    @DatabaseTest
    void createSupportsUsingTheFieldParameter(TestDb t) {
        // Deviation: the mixin takes no "fields" list; a value map holds exactly the fields to write
        UserTasks f = new UserTasks(t);
        Instance task = f.task(Map.of("title", "task"));
        Instance created = f.users.create(task, Map.of("username", "foo")).block(WAIT);
        assertEquals("foo", created.get("username"));
        assertEquals(1, f.users.get(task).count().block(WAIT));
    }

    // ---- addAssociations ------------------------------------------------------------------------------------

    @DatabaseTest
    void addSupportsBothSingleInstanceAndArray(TestDb t) {
        UserTasks f = new UserTasks(t);
        Instance u = f.user(Map.of("id", 12));
        Instance t1 = f.task(Map.of("id", 50, "title", "get started"));
        Instance t2 = f.task(Map.of("id", 52, "title", "get done"));
        Mono.when(f.tasks.add(u, t1), f.tasks.add(u, List.of(t2), Map.of())).block(WAIT);
        assertEquals(Set.of("get started", "get done"), Set.copyOf(values(f.tasks.get(u).collectList().block(WAIT),
                "title")));
    }

    @DatabaseTest
    void addSupportsTransactions(TestDb t) {
        UserTasks f = new UserTasks(t);
        Instance u = f.user(Map.of("username", "foo"));
        Instance task = f.task(Map.of("title", "task"));
        Transaction tx = t.db().startTransaction().block(WAIT);
        in(tx, f.users.add(task, u)).block(WAIT);
        assertFalse(f.users.has(task, u).block(WAIT));
        assertTrue(in(tx, f.users.has(task, u)).block(WAIT));
        tx.rollback().block(WAIT);
    }

    @DatabaseTest
    void addSupportsTransactionsWhenUpdatingAThroughModel(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users", m -> m.attribute("username", DataTypes.STRING));
        Model<Instance> task = model(t, "Task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> userTask = model(t, "UserTask", "btm_user_tasks", m -> m
                .attribute("status", DataTypes.STRING));
        BelongsToMany<Instance, Instance> tasks = user.belongsToMany(task, a -> a.through(userTask));
        BelongsToMany<Instance, Instance> users = task.belongsToMany(user, a -> a.through(userTask));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance tk = task.create(Map.of("title", "task")).block(WAIT);
        users.add(tk, List.of(u), Map.of("status", "pending")).block(WAIT);
        Transaction tx = t.db().startTransaction(TransactionOptions.builder()
                .isolation(IsolationLevel.READ_COMMITTED).build()).block(WAIT);
        in(tx, users.add(tk, List.of(u), Map.of("status", "completed"))).block(WAIT);
        Instance outside = tasks.get(u).blockFirst(WAIT);
        assertEquals("pending", outside.getOne("UserTask", Instance.class).get("status"));
        Instance inside = in(tx, tasks.get(u).next()).block(WAIT);
        assertEquals("completed", inside.getOne("UserTask", Instance.class).get("status"));
        tx.rollback().block(WAIT);
    }

    @DatabaseTest
    void addSupportsPassingThePrimaryKeyInsteadOfAnObject(TestDb t) {
        UserTasks f = new UserTasks(t);
        Instance u = f.user(Map.of("id", 12));
        Instance task = f.task(Map.of("id", 50, "title", "get started"));
        f.tasks.add(u, task.get("id")).block(WAIT);
        assertEquals(List.of("get started"), values(f.tasks.get(u).collectList().block(WAIT), "title"));
    }

    @DatabaseTest
    void shouldNotPassIndexesToTheJoinTable(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users", m -> m.attribute("username", DataTypes.STRING)
                .options(o -> o.index(Index.on("username").name("btm_username_unique").unique(true))));
        Model<Instance> task = model(t, "Task", "btm_tasks", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.index(Index.on("title").name("btm_title_index"))));
        BelongsToMany<Instance, Instance> tasks = user.belongsToMany(task, a -> a.through("btm_user_tasks"));
        task.belongsToMany(user, a -> a.through("btm_user_tasks"));
        t.db().sync().block(WAIT);
        assertEquals(List.of(), tasks.through().definition().indexes());
        assertEquals(1, user.definition().indexes().size());
    }

    @DatabaseTest
    void addShouldCatchEmptyResultErrorWhenRejectOnEmptyIsSet(TestDb t) {
        UserTasks f = new UserTasks(t, true, true);
        Instance u = f.user(Map.of("id", 12));
        Instance task = f.task(Map.of("id", 50, "title", "get started"));
        f.tasks.add(u, task).block(WAIT);
        assertEquals(List.of("get started"), values(f.tasks.get(u).collectList().block(WAIT), "title"));
    }

    @DatabaseTest
    void shouldReturnAnArrayOfIntermediateTable(TestDb t) {
        Model<Instance> user = model(t, "User", "btm_users");
        Model<Instance> task = model(t, "Task", "btm_tasks");
        Model<Instance> userTask = model(t, "UserTask", "btm_user_tasks");
        BelongsToMany<Instance, Instance> tasks = user.belongsToMany(task, a -> a.through(userTask));
        task.belongsToMany(user, a -> a.through(userTask));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        Instance tk = task.create(Map.of()).block(WAIT);
        List<Instance> links = tasks.add(u, tk).block(WAIT);
        assertEquals(1, links.size());
        assertSame(userTask, links.get(0).model());
        assertEquals(u.get("id"), links.get(0).get("UserId"));
    }

    // ---- addMultipleAssociations ----------------------------------------------------------------------------

    @DatabaseTest
    void addMultipleSupportsBothSingleInstanceAndArray(TestDb t) {
        UserTasks f = new UserTasks(t);
        Instance u = f.user(Map.of("id", 12));
        Instance t1 = f.task(Map.of("id", 50, "title", "get started"));
        Instance t2 = f.task(Map.of("id", 52, "title", "get done"));
        f.tasks.add(u, List.of(t1), Map.of()).block(WAIT);
        f.tasks.add(u, List.of(t2), Map.of()).block(WAIT);
        assertEquals(Set.of("get started", "get done"), Set.copyOf(values(f.tasks.get(u).collectList().block(WAIT),
                "title")));
    }

    @DatabaseTest
    void addsAssociationsWithoutRemovingTheCurrentOnes(TestDb t) {
        UserTasks f = new UserTasks(t);
        f.user.bulkCreate(List.of(Map.of("username", "foo "), Map.of("username", "bar "), Map.of("username", "baz ")))
                .blockLast(WAIT);
        Instance task = f.task(Map.of("title", "task"));
        List<Instance> users = f.user.findAll(q -> q.order(Order.asc("id"))).collectList().block(WAIT);
        f.users.set(task, List.of(users.get(0))).block(WAIT);
        f.users.add(task, List.of(users.get(1), users.get(2)), Map.of()).block(WAIT);
        assertEquals(3, f.users.get(task).count().block(WAIT));
        // re-adding user 0, by instance and by key, is harmless
        f.users.add(task, List.of(users.get(0)), Map.of()).block(WAIT);
        f.users.add(task, List.of(users.get(0).get("id")), Map.of()).block(WAIT);
        assertEquals(3, f.users.get(task).count().block(WAIT));
        assertEquals(3, BtmSupport.count(t, "btm_user_tasks"));
    }

    // ---- through model validations --------------------------------------------------------------------------

    /** Projects and employees through Participation, whose role must be 2..50 characters ("too bad"). */
    private static final class Participations {
        final BelongsToMany<Instance, Instance> participants;
        final Instance project;
        final Instance employee;

        Participations(TestDb t) {
            Model<Instance> project = model(t, "Project", "btm_projects", m -> m.attribute("name", DataTypes.STRING));
            Model<Instance> employee = model(t, "Employee", "btm_employees", m -> m
                    .attribute("name", DataTypes.STRING));
            Model<Instance> participation = model(t, "Participation", "btm_participations", m -> m
                    .attribute("role", DataTypes.STRING, a -> a.allowNull(false).validate(V.len(2, 50).msg("too bad"))));
            participants = project.belongsToMany(employee, a -> a.as("Participants").through(participation));
            employee.belongsToMany(project, a -> a.as("Participations").through(participation));
            t.db().sync().block(WAIT);
            this.project = project.create(Map.of("name", "project 1")).block(WAIT);
            this.employee = employee.create(Map.of("name", "employee 1")).block(WAIT);
        }

        void rejected(TestDb t, Mono<?> work) {
            StepVerifier.create(work).expectErrorSatisfies(e -> {
                assertTrue(e instanceof ValidationException, e.toString());
                assertTrue(e.getMessage().contains("too bad"), e.getMessage());
            }).verify(WAIT);
            assertEquals(0, BtmSupport.count(t, "btm_participations"));
        }
    }

    @DatabaseTest
    void throughModelValidationsRunOnAdd(TestDb t) {
        Participations f = new Participations(t);
        f.rejected(t, f.participants.add(f.project, List.of(f.employee), Map.of("role", "")));
    }

    @DatabaseTest
    void throughModelValidationsRunOnSet(TestDb t) {
        Participations f = new Participations(t);
        f.rejected(t, f.participants.set(f.project, List.of(f.employee), Map.of("role", "")));
    }

    @DatabaseTest
    void throughModelValidationsRunOnCreate(TestDb t) {
        Participations f = new Participations(t);
        f.rejected(t, f.participants.create(f.project, Map.of("name", "employee 2"), Map.of("role", "")));
        assertEquals(1, BtmSupport.count(t, "btm_employees"), "the created target is rolled back too");
    }

    // ---- optimizations using bulk create, destroy and update ------------------------------------------------

    @DatabaseTest
    void usesOneInsertIntoStatement(TestDb t) {
        UserTasks f = new UserTasks(t, false, false);
        Instance u = f.user(Map.of("username", "foo"));
        Instance t1 = f.task(Map.of("id", 12, "title", "task1"));
        Instance t2 = f.task(Map.of("id", 15, "title", "task2"));
        t.clearStatements();
        f.tasks.set(u, List.of(t1, t2)).block(WAIT);
        List<String> sql = BtmSupport.queries(t);
        assertEquals(2, sql.size(), "one SELECT of the current links, one INSERT: " + sql);
        assertTrue(sql.get(1).strip().startsWith("INSERT"), sql.toString());
    }

    @DatabaseTest
    void usesOneDeleteFromStatement(TestDb t) {
        UserTasks f = new UserTasks(t, false, false);
        Instance u = f.user(Map.of("username", "foo"));
        Instance t1 = f.task(Map.of("title", "task1"));
        Instance t2 = f.task(Map.of("title", "task2"));
        f.tasks.set(u, List.of(t1, t2)).block(WAIT);
        t.clearStatements();
        f.tasks.set(u, null).block(WAIT);
        List<String> sql = BtmSupport.queries(t);
        assertEquals(2, sql.size(), "one SELECT of the current links, one DELETE: " + sql);
        assertTrue(sql.get(1).strip().startsWith("DELETE"), sql.toString());
        assertEquals(0, BtmSupport.count(t, "btm_user_tasks"));
    }
}
