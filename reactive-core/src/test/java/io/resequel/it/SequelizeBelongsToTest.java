package io.resequel.it;

import static io.resequel.it.OneToOneSupport.WAIT;
import static io.resequel.it.OneToOneSupport.asLong;
import static io.resequel.it.OneToOneSupport.id;
import static io.resequel.it.OneToOneSupport.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.error.AssociationException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelSpec;
import io.resequel.model.ReferentialAction;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Page;
import io.resequel.query.Where;
import io.resequel.schema.ForeignKeyReference;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.test.StepVerifier;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/associations/belongs-to.test.js} (tables {@code bto_*}). Model
 * names are Sequelize's, as they name the keys ({@code UserXYZId}); the tables carry the prefix.
 */
class SequelizeBelongsToTest {

    static final String PREFIX = "bto_";

    /** The association under test, linking a task to its user. */
    static final OneToOneSupport.Declare BELONGS_TO = (tasks, users, options) -> {
        BelongsTo<Instance, Instance> a = tasks.belongsTo(users, options);
        return (user, task) -> a.set(task, user);
    };

    static Model<Instance> model(TestDb t, String name, Consumer<ModelSpec> spec) {
        return OneToOneSupport.model(t, PREFIX, name, spec);
    }

    static Model<Instance> model(TestDb t, String name, String attribute) {
        return model(t, name, m -> m.attribute(attribute, DataTypes.STRING));
    }

    static String table(String name) {
        return PREFIX + name.toLowerCase(java.util.Locale.ROOT);
    }

    // ---- Model.associations -----------------------------------------------------------------------------------

    @DatabaseTest
    void storesAllAssociationsToTheSameTableInOrder(TestDb t) {
        Model<Instance> user = model(t, "User", m -> { });
        Model<Instance> group = model(t, "Group", m -> { });
        group.belongsTo(user);
        group.belongsTo(user, a -> a.foreignKey("primaryGroupId").as("primaryUsers"));
        group.belongsTo(user, a -> a.foreignKey("secondaryGroupId").as("secondaryUsers"));
        assertEquals(List.of("User", "primaryUsers", "secondaryUsers"),
                group.associations().stream().map(a -> a.as()).toList());
    }

    // ---- get: multiple --------------------------------------------------------------------------------------

    @DatabaseTest
    void fetchesAssociationsForMultipleInstances(TestDb t) {
        Model<Instance> user = model(t, "User", m -> { });
        Model<Instance> task = model(t, "Task", m -> { });
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user, a -> a.as("user"));
        t.db().sync().block(WAIT);
        Instance t1 = task.create(Map.of("id", 1, "user", Map.of("id", 1)), Include.of(taskUser)).block(WAIT);
        Instance t2 = task.create(Map.of("id", 2, "user", Map.of("id", 2)), Include.of(taskUser)).block(WAIT);
        Instance t3 = task.create(Map.of("id", 3)).block(WAIT);
        t.clearStatements();
        Map<Object, Instance> result = taskUser.get(List.of(t1, t2, t3)).block(WAIT);
        assertEquals(1, t.statements().size(), "one query for all: " + t.statements());
        assertEquals(id(t1.getOne("user", Instance.class)), id(result.get(t1.get("userId"))));
        assertEquals(id(t2.getOne("user", Instance.class)), id(result.get(t2.get("userId"))));
        assertNull(t3.get("userId"));
        assertEquals(2, result.size(), "a NULL key has no entry: " + result);
    }

    // ---- getAssociation ---------------------------------------------------------------------------------------

    @DatabaseTest
    void getSupportsTransactions(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> group = model(t, "Group", "name");
        BelongsTo<Instance, Instance> groupUser = group.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance g = group.create(Map.of("name", "bar")).block(WAIT);
        Transaction tx = t.db().startTransaction().block(WAIT);
        try {
            in(tx, groupUser.set(g, u)).block(WAIT);
            Instance outside = group.findAll().blockFirst(WAIT);
            StepVerifier.create(groupUser.get(outside)).verifyComplete();
            Instance inside = in(tx, group.findAll().next()).block(WAIT);
            assertEquals(id(u), id(in(tx, groupUser.get(inside)).block(WAIT)));
        } finally {
            tx.rollback().block(WAIT);
        }
    }

    @DatabaseTest
    void handlesAWhereObject(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", m -> m.attribute("username", DataTypes.STRING)
                .attribute("gender", DataTypes.STRING));
        Model<Instance> task = model(t, "TaskXYZ", m -> m.attribute("title", DataTypes.STRING)
                .attribute("status", DataTypes.STRING));
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance a = user.create(Map.of("username", "foo", "gender", "male")).block(WAIT);
        user.create(Map.of("username", "bar", "gender", "female")).block(WAIT);
        Instance tk = task.create(Map.of("title", "task", "status", "inactive")).block(WAIT);
        taskUser.set(tk, a).block(WAIT);
        StepVerifier.create(taskUser.get(tk, q -> q.where("gender", "female"))).verifyComplete();
        assertEquals("foo", taskUser.get(tk, q -> q.where("gender", "male")).block(WAIT).get("username"));
    }

    @DatabaseTest
    void getSupportsSchemas(TestDb t) {
        OneToOneSupport.withSchema(t, schema -> {
            Model<Instance> user = model(t, "UserXYZ", m -> m.attribute("username", DataTypes.STRING)
                    .attribute("gender", DataTypes.STRING).options(o -> o.schema(schema)));
            Model<Instance> task = model(t, "TaskXYZ", m -> m.attribute("title", DataTypes.STRING)
                    .attribute("status", DataTypes.STRING).options(o -> o.schema(schema)));
            BelongsTo<Instance, Instance> taskUser = task.belongsTo(user);
            t.db().sync(user, io.resequel.query.SyncOptions.force()).block(WAIT);
            t.db().sync(task, io.resequel.query.SyncOptions.force()).block(WAIT);
            Instance u = user.create(Map.of("username", "foo", "gender", "male")).block(WAIT);
            Instance tk = task.create(Map.of("title", "task", "status", "inactive")).block(WAIT);
            taskUser.set(tk, u).block(WAIT);
            assertEquals("foo", taskUser.get(tk).block(WAIT).get("username"));
            assertEquals(1, t.raw("SELECT " + t.q("UserXYZId") + " FROM " + t.q(schema) + "."
                    + t.q(table("TaskXYZ"))).collectList().block(WAIT).size());
        });
    }

    @DatabaseTest
    void getSupportsSchemasWithADeclaredForeignKeyAttribute(TestDb t) {
        OneToOneSupport.withSchema(t, schema -> {
            Model<Instance> user = model(t, "UserXYZ", m -> m.attribute("uid", DataTypes.INTEGER, a -> a
                    .primaryKey(true).autoIncrement(true).allowNull(false)).options(o -> o.schema(schema)));
            Model<Instance> task = model(t, "TaskXYZ", m -> m.attribute("user_id", DataTypes.INTEGER, a -> a
                    .references(user, "uid")).options(o -> o.schema(schema)));
            BelongsTo<Instance, Instance> taskUser = task.belongsTo(user, a -> a.foreignKey("user_id"));
            t.db().sync(user, io.resequel.query.SyncOptions.force()).block(WAIT);
            t.db().sync(task, io.resequel.query.SyncOptions.force()).block(WAIT);
            Instance u = user.create(Map.of()).block(WAIT);
            Instance tk = task.create(Map.of()).block(WAIT);
            taskUser.set(tk, u).block(WAIT);
            assertEquals(asLong(u.get("uid")), asLong(taskUser.get(tk).block(WAIT).get("uid")));
        });
    }

    // ---- setAssociation -----------------------------------------------------------------------------------

    @DatabaseTest
    void setSupportsTransactions(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> group = model(t, "Group", "name");
        BelongsTo<Instance, Instance> groupUser = group.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance g = group.create(Map.of("name", "bar")).block(WAIT);
        Transaction tx = t.db().startTransaction().block(WAIT);
        try {
            in(tx, groupUser.set(g, u)).block(WAIT);
            StepVerifier.create(groupUser.get(group.findAll().blockFirst(WAIT))).verifyComplete();
        } finally {
            tx.rollback().block(WAIT);
        }
        assertNull(group.findAll().blockFirst(WAIT).get("UserId"), "the rollback undid the set");
    }

    @DatabaseTest
    void setsTheAssociationWithDeclaredPrimaryKeys(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", m -> m.attribute("user_id", DataTypes.INTEGER,
                a -> a.primaryKey(true)).attribute("username", DataTypes.STRING));
        Model<Instance> task = model(t, "TaskXYZ", m -> m.attribute("task_id", DataTypes.INTEGER,
                a -> a.primaryKey(true)).attribute("title", DataTypes.STRING));
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user, a -> a.foreignKey("user_id"));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("user_id", 1, "username", "foo")).block(WAIT);
        Instance tk = task.create(Map.of("task_id", 1, "title", "task")).block(WAIT);
        taskUser.set(tk, u).block(WAIT);
        assertEquals("foo", taskUser.get(tk).block(WAIT).get("username"));
        taskUser.set(tk, null).block(WAIT);
        StepVerifier.create(taskUser.get(tk)).verifyComplete();
        assertNull(task.findByPk(1).block(WAIT).get("user_id"));
    }

    @DatabaseTest
    void clearsTheAssociationWhenNullIsPassed(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", "title");
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance tk = task.create(Map.of("title", "task")).block(WAIT);
        taskUser.set(tk, u).block(WAIT);
        assertNotNull(taskUser.get(tk).block(WAIT));
        taskUser.set(tk, null).block(WAIT);
        StepVerifier.create(taskUser.get(tk)).verifyComplete();
        assertNull(task.findByPk(tk.get("id")).block(WAIT).get("UserXYZId"));
    }

    @DatabaseTest
    void aMissingTargetIsAForeignKeyConstraintError(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", "title");
        task.belongsTo(user);
        t.db().sync().block(WAIT);
        StepVerifier.create(task.create(Map.of("title", "task", "UserXYZId", 5)))
                .expectError(ForeignKeyConstraintException.class).verify(WAIT);
        Instance tk = task.create(Map.of("title", "task")).block(WAIT);
        StepVerifier.create(task.update(Map.of("title", "taskUpdate", "UserXYZId", 5), Where.eq("id", tk.get("id"))))
                .expectError(ForeignKeyConstraintException.class).verify(WAIT);
        assertEquals(1L, task.count().block(WAIT));
    }

    @DatabaseTest
    void setAcceptsThePrimaryKeyInsteadOfAnInstance(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", "title");
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("id", 15, "username", "jansemand")).block(WAIT);
        Instance tk = task.create(Map.of()).block(WAIT);
        taskUser.set(tk, u.get("id")).block(WAIT);
        assertEquals("jansemand", taskUser.get(tk).block(WAIT).get("username"));
    }

    /** Sequelize passes a {@code logging} spy; our statements are observed per database (the test kit's log). */
    @DatabaseTest
    void setIsLogged(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", "title");
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        Instance tk = task.create(Map.of()).block(WAIT);
        t.clearStatements();
        taskUser.set(tk, u).block(WAIT);
        assertEquals(1, t.statements().size(), t.statements().toString());
        assertTrue(t.statements().get(0).startsWith("UPDATE"), t.statements().get(0));
    }

    @DatabaseTest
    void setDoesNotClobberAttributes(TestDb t) {
        Model<Instance> comment = model(t, "comment", "text");
        Model<Instance> post = model(t, "post", "title");
        post.hasOne(comment);
        BelongsTo<Instance, Instance> commentPost = comment.belongsTo(post);
        t.db().sync().block(WAIT);
        Instance p = post.create(Map.of("title", "Post title")).block(WAIT);
        Instance c = comment.create(Map.of("text", "OLD VALUE")).block(WAIT);
        c.set("text", "UPDATED VALUE");
        commentPost.set(c, p).block(WAIT);
        assertEquals("UPDATED VALUE", c.get("text"));
        assertTrue(c.changed("text"), "the unsaved change stays pending");
    }

    @DatabaseTest
    void setWithSaveFalseOnlySetsTheKey(TestDb t) {
        Model<Instance> comment = model(t, "comment", "text");
        Model<Instance> post = model(t, "post", "title");
        post.hasMany(comment, a -> a.foreignKey("post_id"));
        BelongsTo<Instance, Instance> commentPost = comment.belongsTo(post, a -> a.foreignKey("post_id"));
        t.db().sync().block(WAIT);
        Instance p = post.create(Map.of()).block(WAIT);
        Instance c = comment.create(Map.of()).block(WAIT);
        assertNull(c.get("post_id"));
        t.clearStatements();
        Instance same = commentPost.set(c, p, false).block(WAIT);
        assertSame(c, same, "Java returns the source where Sequelize resolves undefined");
        assertEquals(List.of(), t.statements());
        assertEquals(asLong(p.get("id")), asLong(c.get("post_id")));
        assertTrue(c.changed("post_id"));
    }

    @DatabaseTest
    void setsTheSameAssociationTwice(TestDb t) {
        Model<Instance> home = model(t, "home", m -> { });
        Model<Instance> user = model(t, "user", m -> { });
        BelongsTo<Instance, Instance> homeUser = home.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance h = home.create(Map.of()).block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        homeUser.set(h, u).block(WAIT);
        homeUser.set(h, u).block(WAIT);
        assertEquals(id(u), id(homeUser.get(h).block(WAIT)));
    }

    // ---- createAssociation --------------------------------------------------------------------------------

    @DatabaseTest
    void createsAnAssociatedInstance(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> task = model(t, "Task", "title");
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance tk = task.create(Map.of("title", "task")).block(WAIT);
        Instance u = taskUser.create(tk, Map.of("username", "bob")).block(WAIT);
        assertEquals("bob", u.get("username"));
        assertEquals(id(u), asLong(task.findByPk(tk.get("id")).block(WAIT).get("UserId")));
    }

    @DatabaseTest
    void createSupportsTransactions(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> group = model(t, "Group", "name");
        BelongsTo<Instance, Instance> groupUser = group.belongsTo(user);
        t.db().sync().block(WAIT);
        Instance g = group.create(Map.of("name", "bar")).block(WAIT);
        Transaction tx = t.db().startTransaction().block(WAIT);
        try {
            in(tx, groupUser.create(g, Map.of("username", "foo"))).block(WAIT);
            Instance outside = group.findAll().blockFirst(WAIT);
            StepVerifier.create(groupUser.get(outside)).verifyComplete();
            assertEquals("foo", in(tx, groupUser.get(g)).block(WAIT).get("username"));
        } finally {
            tx.rollback().block(WAIT);
        }
        assertEquals(0L, user.count().block(WAIT));
    }

    // ---- foreign key ------------------------------------------------------------------------------------------

    /** @return the column of the key {@code AccountId} between User and Account, both (not) underscored */
    static String accountKeyField(TestDb t, boolean underscored) {
        Model<Instance> user = model(t, "User", m -> m.attribute("username", DataTypes.STRING)
                .options(o -> o.underscored(underscored)));
        Model<Instance> account = model(t, "Account", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.underscored(underscored)));
        user.belongsTo(account);
        return user.definition().attribute("AccountId").field();
    }

    @DatabaseTest
    void underscoredModelsGetAnUnderscoredKeyField(TestDb t) {
        assertEquals("account_id", accountKeyField(t, true));
    }

    @DatabaseTest
    void camelCaseModelsUseTheModelName(TestDb t) {
        assertEquals("AccountId", accountKeyField(t, false));
    }

    @DatabaseTest
    void theKeyFieldCanBeNamed(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> account = model(t, "Account", "title");
        BelongsTo<Instance, Instance> userAccount = user.belongsTo(account,
                a -> a.foreignKey("AccountId", "account_id", true));
        assertEquals("account_id", user.definition().attribute("AccountId").field());
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance acc = account.create(Map.of("title", "pepsico")).block(WAIT);
        userAccount.set(u, acc).block(WAIT);
        assertEquals("pepsico", userAccount.get(u).block(WAIT).get("title"));
        Instance found = user.findOne(q -> q.where("username", "foo").include(Include.of(account))).block(WAIT);
        assertEquals("pepsico", found.getOne("Account", Instance.class).get("title"));
        assertEquals(id(acc), asLong(t.raw("SELECT " + t.q("account_id") + " AS k FROM " + t.q(table("User")))
                .blockFirst(WAIT).get("k")));
    }

    @DatabaseTest
    void setsTheForeignKeyOnTheForeignTable(TestDb t) {
        Model<Instance> mail = model(t, "mail", m -> m.options(o -> o.timestamps(false)));
        Model<Instance> entry = model(t, "entry", m -> m.options(o -> o.timestamps(false)));
        Model<Instance> user = model(t, "user", m -> m.options(o -> o.timestamps(false)));
        BelongsTo<Instance, Instance> owner = entry.belongsTo(user, a -> a.as("owner")
                .foreignKey("ownerId").foreignKeyAllowNull(false));
        BelongsTo<Instance, Instance> entryMail = entry.belongsTo(mail, a -> a.as("mail")
                .foreignKey("mailId").foreignKeyAllowNull(false));
        Model<Instance> junction = model(t, "MailRecipients", m -> m.options(o -> o.timestamps(false)));
        BelongsToMany<Instance, Instance> recipients = mail.belongsToMany(user, a -> a.as("recipients")
                .through(junction).otherKey("recipientId").foreignKey("mailId").foreignKeyAllowNull(false));
        mail.hasMany(entry, a -> a.as("entries").foreignKey("mailId").foreignKeyAllowNull(false));
        user.hasMany(entry, a -> a.as("entries").foreignKey("ownerId").foreignKeyAllowNull(false));
        t.db().sync().block(WAIT);
        user.create(Map.of()).block(WAIT);
        Instance m = mail.create(Map.of()).block(WAIT);
        entry.create(Map.of("mailId", m.get("id"), "ownerId", 1)).block(WAIT);
        entry.create(Map.of("mailId", m.get("id"), "ownerId", 1)).block(WAIT);
        recipients.set(m, List.of(1)).block(WAIT);
        Page<Instance> page = entry.findAndCountAll(q -> q.offset(0).limit(10).order(Order.desc("id"))
                .include(Include.of(entryMail).required(true).include(Include.of(recipients).required(true)
                        .throughWhere(Where.eq("recipientId", 1))))).block(WAIT);
        assertEquals(2, page.count());
        Map<String, Object> json = page.rows().get(0).toJSON();
        assertEquals(2L, asLong(json.get("id")));
        assertEquals(1L, asLong(json.get("ownerId")));
        assertEquals(1L, asLong(json.get("mailId")));
        @SuppressWarnings("unchecked")
        Map<String, Object> mailJson = (Map<String, Object>) json.get("mail");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> recips = (List<Map<String, Object>>) mailJson.get("recipients");
        assertEquals(1, recips.size());
        assertEquals(1L, asLong(recips.get(0).get("id")));
        @SuppressWarnings("unchecked")
        Map<String, Object> link = (Map<String, Object>) recips.get(0).get("MailRecipients");
        assertEquals(1L, asLong(link.get("mailId")));
        assertEquals(1L, asLong(link.get("recipientId")));
        assertFalse(entry.definition().attribute("ownerId").allowNull());
        assertSame(owner, entry.association("owner"));
    }

    // ---- foreign key constraints --------------------------------------------------------------------------

    static OneToOneSupport.Linked linked(TestDb t, Consumer<io.resequel.assoc.AssociationOptions> options) {
        return OneToOneSupport.linked(t, PREFIX, BELONGS_TO, options);
    }

    @DatabaseTest
    void constraintsAreEnabledByDefaultWithSetNull(TestDb t) {
        OneToOneSupport.Linked l = linked(t, a -> { });
        assertEquals(ReferentialAction.SET_NULL, l.tasks().associations().get(0).onDelete());
        assertNull(l.keyAfterUserDeleted());
    }

    @DatabaseTest
    void aNotNullKeyDefaultsToNoAction(TestDb t) {
        Model<Instance> task = model(t, "Task", "title");
        Model<Instance> user = model(t, "User", "username");
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user, a -> a.foreignKeyAllowNull(false));
        t.db().sync().block(WAIT);
        assertEquals(ReferentialAction.NO_ACTION, taskUser.onDelete());
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        task.create(Map.of("title", "task", "UserId", u.get("id"))).block(WAIT);
        StepVerifier.create(u.destroy()).expectError(ForeignKeyConstraintException.class).verify(WAIT);
        assertEquals(1L, task.count().block(WAIT));
    }

    @DatabaseTest
    void constraintsCanBeDisabled(TestDb t) {
        OneToOneSupport.Linked l = linked(t, a -> a.constraints(false));
        assertEquals(id(l.user()), l.keyAfterUserDeleted());
    }

    @DatabaseTest
    void cascadesDeletes(TestDb t) {
        linked(t, a -> a.onDelete(ReferentialAction.CASCADE)).cascadesDelete();
    }

    @DatabaseTest
    void restrictsDeletes(TestDb t) {
        linked(t, a -> a.onDelete(ReferentialAction.RESTRICT)).restrictsDelete();
    }

    @DatabaseTest
    void restrictsUpdates(TestDb t) {
        linked(t, a -> a.onUpdate(ReferentialAction.RESTRICT)).restrictsUpdate();
    }

    @DatabaseTest
    void cascadesUpdates(TestDb t) {
        linked(t, a -> a.onUpdate(ReferentialAction.CASCADE)).cascadesUpdate();
    }

    // ---- association column -------------------------------------------------------------------------------

    @DatabaseTest
    void theKeyTakesTheTypeAndNameOfANonIntegerPrimaryKey(TestDb t) {
        Model<Instance> user = model(t, "UserPKBT", "username");
        Model<Instance> group = model(t, "GroupPKBT", m -> m.attribute("name", DataTypes.STRING,
                a -> a.primaryKey(true)));
        user.belongsTo(group);
        t.db().sync().block(WAIT);
        assertEquals(DataType.Kind.STRING, user.definition().attribute("GroupPKBTName").type().kind());
    }

    /** Reads back the single foreign key of a table, as {@code getForeignKeyReferencesForTable}. */
    static ForeignKeyReference onlyForeignKey(TestDb t, String table) {
        List<ForeignKeyReference> refs = t.db().queryInterface().getForeignKeyReferencesForTable(table).block(WAIT);
        assertEquals(1, refs.size(), refs.toString());
        return refs.get(0);
    }

    /** The four "non-primary key as the association column" its: set, find, get, and the constraint read back. */
    static void targetKeyRoundTrip(TestDb t, Model<Instance> user, String referencedColumn) {
        Model<Instance> task = model(t, "Task", "title");
        BelongsTo<Instance, Instance> taskUser = task.belongsTo(user, a -> a.foreignKey("user_name")
                .targetKey("username"));
        t.db().sync().block(WAIT);
        Map<String, Object> values = user.definition().hasAttribute("age")
                ? Map.of("username", "bob", "age", 18, "weight", 40) : Map.of("username", "bob");
        Instance newUser = user.create(values).block(WAIT);
        Instance newTask = task.create(Map.of("title", "some task")).block(WAIT);
        taskUser.set(newTask, newUser).block(WAIT);
        assertEquals("bob", newTask.get("user_name"));
        Instance found = task.findOne(q -> q.where("title", "some task")).block(WAIT);
        assertEquals("bob", taskUser.get(found).block(WAIT).get("username"));
        ForeignKeyReference fk = onlyForeignKey(t, table("Task"));
        assertEquals(referencedColumn, fk.referencedColumnName());
        assertEquals(table("User"), fk.referencedTableName());
        assertEquals("user_name", fk.columnName());
    }

    @DatabaseTest
    void aNonPrimaryKeyOnATargetWithoutPrimaryKey(TestDb t) {
        Model<Instance> user = model(t, "User", m -> m.attribute("username", DataTypes.STRING, a -> a.unique(true))
                .removeAttribute("id"));
        assertTrue(user.definition().primaryKeys().isEmpty());
        targetKeyRoundTrip(t, user, "username");
    }

    @DatabaseTest
    void aNonPrimaryUniqueKey(TestDb t) {
        Model<Instance> user = model(t, "User", m -> m.attribute("username", DataTypes.STRING,
                a -> a.field("user_name").unique(true)));
        targetKeyRoundTrip(t, user, "user_name");
    }

    @DatabaseTest
    void aNonPrimaryKeyWithAFieldOption(TestDb t) {
        Model<Instance> user = model(t, "User", m -> m.attribute("username", DataTypes.STRING,
                a -> a.field("the_user_name_field").unique(true)).removeAttribute("id"));
        targetKeyRoundTrip(t, user, "the_user_name_field");
    }

    @DatabaseTest
    void aNonPrimaryKeyInATableWithACompositePrimaryKey(TestDb t) {
        Model<Instance> user = model(t, "User", m -> m
                .attribute("username", DataTypes.STRING, a -> a.field("the_user_name_field").unique(true))
                .attribute("age", DataTypes.INTEGER, a -> a.field("the_user_age_field").primaryKey(true))
                .attribute("weight", DataTypes.INTEGER, a -> a.field("the_user_weight_field").primaryKey(true)));
        targetKeyRoundTrip(t, user, "the_user_name_field");
    }

    // ---- association options ------------------------------------------------------------------------------

    @DatabaseTest
    void theKeyTypeCanBeGiven(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        List<DataType> types = List.of(DataTypes.INTEGER, DataTypes.BIGINT, DataTypes.STRING);
        List<Model<Instance>> tasks = new java.util.ArrayList<>();
        for (DataType type : types) {
            Model<Instance> task = model(t, "TaskXYZ_" + type.kind(), "title");
            task.belongsTo(user, a -> a.foreignKey("userId").keyType(type).constraints(false));
            tasks.add(task);
        }
        t.db().sync().block(WAIT);
        for (int i = 0; i < types.size(); i++) {
            assertEquals(types.get(i).kind(), tasks.get(i).definition().attribute("userId").type().kind());
        }
        tasks.get(2).create(Map.of("title", "s", "userId", "not-a-number")).block(WAIT);
        assertEquals("not-a-number", tasks.get(2).findAll().blockFirst(WAIT).get("userId"));
    }

    @DatabaseTest
    void aKeyDefinitionMakesANewColumn(TestDb t) {
        Model<Instance> task = model(t, "task", m -> { });
        Model<Instance> user = model(t, "user", m -> { });
        task.belongsTo(user, a -> a.foreignKey("uid").foreignKeyAllowNull(false));
        AttributeDefinition uid = task.definition().attribute("uid");
        assertFalse(uid.allowNull());
        assertEquals(user.tableName(), uid.references().table());
        assertEquals("id", uid.references().key());
    }

    @DatabaseTest
    void aDeclaredColumnIsTakenAsTheKey(TestDb t) {
        Model<Instance> user = model(t, "user", m -> m.attribute("uid", DataTypes.INTEGER, a -> a.primaryKey(true)));
        Model<Instance> profile = model(t, "project", m -> m.attribute("user_id", DataTypes.INTEGER,
                a -> a.allowNull(false)));
        BelongsTo<Instance, Instance> bt = profile.belongsTo(user, a -> a.foreignKey("user_id"));
        AttributeDefinition key = profile.definition().attribute("user_id");
        assertEquals(user.tableName(), key.references().table());
        assertEquals("uid", key.references().key());
        assertFalse(key.allowNull());
        assertEquals(ReferentialAction.NO_ACTION, bt.onDelete(), "the declared NOT NULL decides, as in Sequelize");
    }

    @DatabaseTest
    void theKeyOptionsMergeWithADeclaredColumn(TestDb t) {
        Model<Instance> task = model(t, "task", m -> m.attribute("projectId", DataTypes.INTEGER,
                a -> a.defaultValue(42)));
        Model<Instance> project = model(t, "project", m -> { });
        task.belongsTo(project, a -> a.foreignKeyAllowNull(true));
        AttributeDefinition key = task.definition().attribute("projectId");
        assertTrue(key.allowNull());
        assertEquals(42, key.defaultValue().constant());
    }

    @DatabaseTest
    void aKeyNamedAsTheAliasIsANamingCollision(TestDb t) {
        Model<Instance> person = model(t, "person", m -> { });
        Model<Instance> car = model(t, "car", m -> { });
        AssociationException e = assertThrows(AssociationException.class,
                () -> car.belongsTo(person, a -> a.foreignKey("person")));
        assertTrue(e.getMessage().contains("Naming collision between attribute 'person' and association 'person' "
                + "on model car. To remedy this, change either foreignKey or as in your association definition"),
                e.getMessage());
        assertTrue(car.associations().isEmpty());
        assertFalse(car.definition().hasAttribute("person"), "nothing was added");
    }

    @DatabaseTest
    void anAliasNamedAsAnAttributeIsANamingCollision(TestDb t) {
        Model<Instance> person = model(t, "person", m -> { });
        Model<Instance> car = model(t, "car", m -> m.attribute("person", DataTypes.INTEGER));
        AssociationException e = assertThrows(AssociationException.class,
                () -> car.belongsTo(person, a -> a.as("person")));
        assertTrue(e.getMessage().contains("Naming collision between attribute 'person' and association 'person' "
                + "on model car"), e.getMessage());
    }

    // ---- Eager loading ----------------------------------------------------------------------------------------

    static OneToOneSupport.Hats hats(TestDb t) {
        return OneToOneSupport.hats(t, PREFIX, (individuals, hats) -> {
            BelongsTo<Instance, Instance> wearing = individuals.belongsTo(hats, a -> a.as("personwearinghat"));
            return Map.entry(wearing, (individual, hat) -> wearing.set(individual, hat));
        });
    }

    @DatabaseTest
    void loadsWithAnAlias(TestDb t) {
        hats(t).loadsWithAnAlias();
    }

    @DatabaseTest
    void loadsAll(TestDb t) {
        hats(t).loadsAll();
    }
}
