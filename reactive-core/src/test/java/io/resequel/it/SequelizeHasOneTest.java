package io.resequel.it;

import static io.resequel.it.OneToOneSupport.WAIT;
import static io.resequel.it.OneToOneSupport.asLong;
import static io.resequel.it.OneToOneSupport.id;
import static io.resequel.it.OneToOneSupport.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasOne;
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
import io.resequel.query.SyncOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.test.StepVerifier;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/associations/has-one.test.js} (tables {@code hoo_*}). Model
 * names are Sequelize's, as they name the keys ({@code UserXYZId}); the tables carry the prefix.
 */
class SequelizeHasOneTest {

    static final String PREFIX = "hoo_";

    /** The association under test, linking a user to its task. */
    static final OneToOneSupport.Declare HAS_ONE = (tasks, users, options) -> {
        HasOne<Instance, Instance> a = users.hasOne(tasks, options);
        return (user, task) -> a.set(user, task);
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
        group.hasOne(user);
        group.hasOne(user, a -> a.foreignKey("primaryGroupId").as("primaryUsers"));
        group.hasOne(user, a -> a.foreignKey("secondaryGroupId").as("secondaryUsers"));
        assertEquals(List.of("User", "primaryUsers", "secondaryUsers"),
                group.associations().stream().map(a -> a.as()).toList());
        assertTrue(user.definition().hasAttribute("GroupId") && user.definition().hasAttribute("primaryGroupId")
                && user.definition().hasAttribute("secondaryGroupId"));
    }

    // ---- get: multiple --------------------------------------------------------------------------------------

    @DatabaseTest
    void fetchesAssociationsForMultipleInstances(TestDb t) {
        Model<Instance> user = model(t, "User", m -> { });
        Model<Instance> player = model(t, "Player", m -> { });
        HasOne<Instance, Instance> playerUser = player.hasOne(user, a -> a.as("user"));
        t.db().sync().block(WAIT);
        Instance p1 = player.create(Map.of("id", 1, "user", Map.of()), Include.of(playerUser)).block(WAIT);
        Instance p2 = player.create(Map.of("id", 2, "user", Map.of()), Include.of(playerUser)).block(WAIT);
        Instance p3 = player.create(Map.of("id", 3)).block(WAIT);
        t.clearStatements();
        Map<Object, Instance> result = playerUser.get(List.of(p1, p2, p3)).block(WAIT);
        assertEquals(1, t.statements().size(), "one query for all: " + t.statements());
        assertEquals(id(p1.getOne("user", Instance.class)), id(result.get(p1.get("id"))));
        assertEquals(id(p2.getOne("user", Instance.class)), id(result.get(p2.get("id"))));
        assertTrue(result.containsKey(p3.get("id")));
        assertNull(result.get(p3.get("id")));
    }

    // ---- getAssociation ---------------------------------------------------------------------------------------

    @DatabaseTest
    void getSupportsTransactions(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> group = model(t, "Group", "name");
        HasOne<Instance, Instance> groupUser = group.hasOne(user);
        t.db().sync().block(WAIT);
        Instance fake = user.create(Map.of("username", "foo")).block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance g = group.create(Map.of("name", "bar")).block(WAIT);
        Transaction tx = t.db().startTransaction().block(WAIT);
        try {
            in(tx, groupUser.set(g, u)).block(WAIT);
            StepVerifier.create(groupUser.get(group.findAll().blockFirst(WAIT))).verifyComplete();
            Instance inside = in(tx, group.findAll().next()).block(WAIT);
            Instance seen = in(tx, groupUser.get(inside)).block(WAIT);
            assertEquals(id(u), id(seen));
            assertFalse(id(fake) == id(seen));
        } finally {
            tx.rollback().block(WAIT);
        }
    }

    @DatabaseTest
    void handlesAWhereObject(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", m -> m.attribute("title", DataTypes.STRING)
                .attribute("status", DataTypes.STRING));
        HasOne<Instance, Instance> userTask = user.hasOne(task);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance tk = task.create(Map.of("title", "task", "status", "inactive")).block(WAIT);
        userTask.set(u, tk).block(WAIT);
        StepVerifier.create(userTask.get(u, q -> q.where("status", "active"))).verifyComplete();
        assertEquals("task", userTask.get(u, q -> q.where("status", "inactive")).block(WAIT).get("title"));
    }

    @DatabaseTest
    void getSupportsSchemas(TestDb t) {
        OneToOneSupport.withSchema(t, schema -> {
            Model<Instance> user = model(t, "User", m -> m.attribute("username", DataTypes.STRING)
                    .options(o -> o.schema(schema)));
            Model<Instance> group = model(t, "Group", m -> m.attribute("name", DataTypes.STRING)
                    .options(o -> o.schema(schema)));
            HasOne<Instance, Instance> groupUser = group.hasOne(user);
            t.db().sync(group, SyncOptions.force()).block(WAIT);
            t.db().sync(user, SyncOptions.force()).block(WAIT);
            Instance fake = user.create(Map.of("username", "foo")).block(WAIT);
            Instance u = user.create(Map.of("username", "foo")).block(WAIT);
            group.create(Map.of("name", "bar")).block(WAIT);
            groupUser.set(group.findAll().blockFirst(WAIT), u).block(WAIT);
            Instance seen = groupUser.get(group.findAll().blockFirst(WAIT)).block(WAIT);
            assertEquals(id(u), id(seen));
            assertFalse(id(fake) == id(seen));
        });
    }

    // ---- setAssociation -----------------------------------------------------------------------------------

    @DatabaseTest
    void setSupportsTransactions(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> group = model(t, "Group", "name");
        HasOne<Instance, Instance> groupUser = group.hasOne(user);
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
        StepVerifier.create(groupUser.get(g)).verifyComplete();
    }

    @DatabaseTest
    void setsAnAssociationWithPredefinedPrimaryKeys(TestDb t) {
        Model<Instance> user = model(t, "UserXYZZ", m -> m.attribute("userCoolIdTag", DataTypes.INTEGER,
                a -> a.primaryKey(true)).attribute("username", DataTypes.STRING));
        Model<Instance> task = model(t, "TaskXYZZ", m -> m.attribute("taskOrSomething", DataTypes.INTEGER,
                a -> a.primaryKey(true)).attribute("title", DataTypes.STRING));
        HasOne<Instance, Instance> userTask = user.hasOne(task, a -> a.foreignKey("userCoolIdTag"));
        t.db().sync(user, SyncOptions.force()).block(WAIT);
        t.db().sync(task, SyncOptions.force()).block(WAIT);
        Instance u = user.create(Map.of("userCoolIdTag", 1, "username", "foo")).block(WAIT);
        Instance tk = task.create(Map.of("taskOrSomething", 1, "title", "bar")).block(WAIT);
        userTask.set(u, tk).block(WAIT);
        assertEquals("bar", userTask.get(u).block(WAIT).get("title"));
        userTask.set(u, null).block(WAIT);
        StepVerifier.create(userTask.get(u)).verifyComplete();
        assertNull(task.findByPk(1).block(WAIT).get("userCoolIdTag"));
    }

    @DatabaseTest
    void clearsTheAssociationWhenNullIsPassed(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", "title");
        HasOne<Instance, Instance> userTask = user.hasOne(task);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        Instance tk = task.create(Map.of("title", "task")).block(WAIT);
        userTask.set(u, tk).block(WAIT);
        assertNotNull(userTask.get(u).block(WAIT));
        StepVerifier.create(userTask.set(u, null)).verifyComplete();
        StepVerifier.create(userTask.get(u)).verifyComplete();
        assertNull(task.findByPk(tk.get("id")).block(WAIT).get("UserXYZId"));
    }

    @DatabaseTest
    void aMissingSourceIsAForeignKeyConstraintError(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", "title");
        user.hasOne(task);
        t.db().sync().block(WAIT);
        StepVerifier.create(task.create(Map.of("title", "task", "UserXYZId", 5)))
                .expectError(ForeignKeyConstraintException.class).verify(WAIT);
        Instance tk = task.create(Map.of("title", "task")).block(WAIT);
        StepVerifier.create(task.update(Map.of("title", "taskUpdate", "UserXYZId", 5), Where.eq("id", tk.get("id"))))
                .expectError(ForeignKeyConstraintException.class).verify(WAIT);
        assertEquals("task", task.findByPk(tk.get("id")).block(WAIT).get("title"));
    }

    @DatabaseTest
    void setAcceptsThePrimaryKeyInsteadOfAnInstance(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", "title");
        HasOne<Instance, Instance> userTask = user.hasOne(task);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        Instance tk = task.create(Map.of("id", 19, "title", "task it!")).block(WAIT);
        userTask.set(u, tk.get("id")).block(WAIT);
        assertEquals("task it!", userTask.get(u).block(WAIT).get("title"));
    }

    @DatabaseTest
    void setUpdatesWithAPrimaryKeyInsteadOfAnInstance(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        Model<Instance> task = model(t, "TaskXYZ", "title");
        HasOne<Instance, Instance> userTask = user.hasOne(task);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("id", 1, "username", "foo")).block(WAIT);
        Instance t1 = task.create(Map.of("id", 20, "title", "bar")).block(WAIT);
        userTask.set(u, t1.get("id")).block(WAIT);
        assertEquals(20L, id(userTask.get(u).block(WAIT)));
        Instance t2 = task.create(Map.of("id", 2, "title", "bar2")).block(WAIT);
        userTask.set(u, t2.get("id")).block(WAIT);
        assertEquals(2L, id(userTask.get(u).block(WAIT)));
        assertNull(task.findByPk(20).block(WAIT).get("UserXYZId"), "the previous target is unlinked");
    }

    @DatabaseTest
    void setsTheSameAssociationTwice(TestDb t) {
        Model<Instance> home = model(t, "home", m -> { });
        Model<Instance> user = model(t, "user", m -> { });
        HasOne<Instance, Instance> userHome = user.hasOne(home);
        t.db().sync().block(WAIT);
        Instance h = home.create(Map.of()).block(WAIT);
        Instance u = user.create(Map.of()).block(WAIT);
        userHome.set(u, h).block(WAIT);
        userHome.set(u, h).block(WAIT);
        assertEquals(id(h), id(userHome.get(u).block(WAIT)));
    }

    // ---- createAssociation --------------------------------------------------------------------------------

    @DatabaseTest
    void createsAnAssociatedInstance(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> task = model(t, "Task", "title");
        HasOne<Instance, Instance> userTask = user.hasOne(task);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "bob")).block(WAIT);
        userTask.create(u, Map.of("title", "task")).block(WAIT);
        assertEquals("task", userTask.get(u).block(WAIT).get("title"));
    }

    @DatabaseTest
    void createSupportsTransactions(TestDb t) {
        Model<Instance> user = model(t, "User", "username");
        Model<Instance> group = model(t, "Group", "name");
        HasOne<Instance, Instance> userGroup = user.hasOne(group);
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "bob")).block(WAIT);
        Transaction tx = t.db().startTransaction().block(WAIT);
        try {
            in(tx, userGroup.create(u, Map.of("name", "testgroup"))).block(WAIT);
            StepVerifier.create(userGroup.get(user.findAll().blockFirst(WAIT))).verifyComplete();
            Instance inside = in(tx, user.findAll().next()).block(WAIT);
            assertEquals("testgroup", in(tx, userGroup.get(inside)).block(WAIT).get("name"));
        } finally {
            tx.rollback().block(WAIT);
        }
        assertEquals(0L, group.count().block(WAIT));
    }

    // ---- foreign key ------------------------------------------------------------------------------------------

    /** @return the column of the key {@code AccountId} between User and Account, both (not) underscored */
    static String accountKeyField(TestDb t, boolean underscored) {
        Model<Instance> user = model(t, "User", m -> m.attribute("username", DataTypes.STRING)
                .options(o -> o.underscored(underscored)));
        Model<Instance> account = model(t, "Account", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.underscored(underscored)));
        account.hasOne(user);
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
        Model<Instance> user = model(t, "UserXYZ", m -> m.attribute("username", DataTypes.STRING)
                .attribute("gender", DataTypes.STRING));
        Model<Instance> task = model(t, "TaskXYZ", m -> m.attribute("title", DataTypes.STRING)
                .attribute("status", DataTypes.STRING));
        HasOne<Instance, Instance> taskUser = task.hasOne(user, a -> a.foreignKey("taskId", "task_id", true));
        assertEquals("task_id", user.definition().attribute("taskId").field());
        t.db().sync(task, SyncOptions.force()).block(WAIT);
        t.db().sync(user, SyncOptions.force()).block(WAIT);
        Instance u = user.create(Map.of("username", "foo", "gender", "male")).block(WAIT);
        Instance tk = task.create(Map.of("title", "task", "status", "inactive")).block(WAIT);
        taskUser.set(tk, u).block(WAIT);
        assertEquals("foo", taskUser.get(tk).block(WAIT).get("username"));
        Instance found = task.findOne(q -> q.where("title", "task").include(Include.of(user))).block(WAIT);
        assertEquals("foo", found.getOne("UserXYZ", Instance.class).get("username"));
        assertEquals(id(tk), asLong(t.raw("SELECT " + t.q("task_id") + " AS k FROM " + t.q(table("UserXYZ")))
                .blockFirst(WAIT).get("k")));
    }

    @DatabaseTest
    void aCustomPrimaryKeyFieldWorksInSubQueries(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", m -> m.attribute("username", DataTypes.STRING)
                .attribute("gender", DataTypes.STRING));
        Model<Instance> task = model(t, "TaskXYZ", m -> m.attribute("id", DataTypes.INTEGER, a -> a.field("Id")
                .autoIncrement(true).primaryKey(true)).attribute("title", DataTypes.STRING)
                .attribute("status", DataTypes.STRING));
        HasOne<Instance, Instance> taskUser = task.hasOne(user);
        t.db().sync(task, SyncOptions.force()).block(WAIT);
        t.db().sync(user, SyncOptions.force()).block(WAIT);
        Instance tk = task.create(Map.of("title", "task", "status", "inactive", "UserXYZ",
                Map.of("username", "foo", "gender", "male")), Include.of(taskUser)).block(WAIT);
        t.clearStatements();
        tk.reload(q -> q.subQuery(true).include(Include.of(taskUser))).block(WAIT);
        assertEquals("foo", tk.getOne("UserXYZ", Instance.class).get("username"));
        assertTrue(t.statements().get(0).contains(t.q("Id")), t.statements().get(0));
    }

    // ---- foreign key constraints --------------------------------------------------------------------------

    static OneToOneSupport.Linked linked(TestDb t, Consumer<io.resequel.assoc.AssociationOptions> options) {
        return OneToOneSupport.linked(t, PREFIX, HAS_ONE, options);
    }

    @DatabaseTest
    void constraintsAreEnabledByDefaultWithSetNull(TestDb t) {
        OneToOneSupport.Linked l = linked(t, a -> { });
        assertEquals(ReferentialAction.SET_NULL, l.users().associations().get(0).onDelete());
        assertNull(l.keyAfterUserDeleted());
    }

    @DatabaseTest
    void aNotNullKeyDefaultsToCascade(TestDb t) {
        Model<Instance> task = model(t, "Task", "title");
        Model<Instance> user = model(t, "User", "username");
        HasOne<Instance, Instance> userTask = user.hasOne(task, a -> a.foreignKeyAllowNull(false));
        t.db().sync().block(WAIT);
        assertEquals(ReferentialAction.CASCADE, userTask.onDelete());
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        task.create(Map.of("title", "task", "UserId", u.get("id"))).block(WAIT);
        u.destroy().block(WAIT);
        assertEquals(0L, task.count().block(WAIT));
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
    void cascadingWithHooksWorksWithoutAnAssociate(TestDb t) {
        Model<Instance> task = model(t, "Task", "title");
        Model<Instance> user = model(t, "User", "username");
        user.hasOne(task, a -> a.onDelete(ReferentialAction.CASCADE).hooks(true));
        t.db().sync().block(WAIT);
        Instance u = user.create(Map.of("username", "foo")).block(WAIT);
        t.clearStatements();
        u.destroy().block(WAIT);
        assertEquals(0L, user.count().block(WAIT));
        assertTrue(t.statements().stream().anyMatch(s -> s.startsWith("SELECT") && s.contains(table("Task"))),
                "the children were looked up for their hooks: " + t.statements());
    }

    @DatabaseTest
    void cascadesUpdates(TestDb t) {
        linked(t, a -> a.onUpdate(ReferentialAction.CASCADE)).cascadesUpdate();
    }

    @DatabaseTest
    void restrictsDeletes(TestDb t) {
        linked(t, a -> a.onDelete(ReferentialAction.RESTRICT)).restrictsDelete();
    }

    @DatabaseTest
    void restrictsUpdates(TestDb t) {
        linked(t, a -> a.onUpdate(ReferentialAction.RESTRICT)).restrictsUpdate();
    }

    // ---- association column -------------------------------------------------------------------------------

    @DatabaseTest
    void theKeyTakesTheTypeOfANonIntegerPrimaryKey(TestDb t) {
        Model<Instance> user = model(t, "UserPKBT", "username");
        Model<Instance> group = model(t, "GroupPKBT", m -> m.attribute("name", DataTypes.STRING,
                a -> a.primaryKey(true)));
        group.hasOne(user);
        t.db().sync().block(WAIT);
        assertEquals(DataType.Kind.STRING, user.definition().attribute("GroupPKBTName").type().kind());
    }

    /** The three "non-primary key as the association column" its: set through the source key, then find and get. */
    static void sourceKeyRoundTrip(TestDb t, Model<Instance> user, String sourceKey) {
        Model<Instance> task = model(t, "Task", m -> m.attribute("title", DataTypes.STRING)
                .attribute("username", DataTypes.STRING));
        HasOne<Instance, Instance> userTask = user.hasOne(task, a -> a.foreignKey("username").sourceKey(sourceKey));
        t.db().sync().block(WAIT);
        Instance newUser = user.create(Map.of(sourceKey, "bob")).block(WAIT);
        Instance newTask = task.create(Map.of("title", "some task")).block(WAIT);
        userTask.set(newUser, newTask).block(WAIT);
        assertEquals("bob", task.findByPk(newTask.get("id")).block(WAIT).get("username"));
        Instance found = user.findOne(q -> q.where(sourceKey, "bob")).block(WAIT);
        assertEquals("some task", userTask.get(found).block(WAIT).get("title"));
    }

    @DatabaseTest
    void aNonPrimaryKeyOnASourceWithItsOwnPrimaryKey(TestDb t) {
        sourceKeyRoundTrip(t, model(t, "User", m -> m.attribute("user_name", DataTypes.STRING,
                a -> a.unique(true))), "user_name");
    }

    @DatabaseTest
    void aNonPrimaryUniqueKey(TestDb t) {
        sourceKeyRoundTrip(t, model(t, "User", m -> m.attribute("username", DataTypes.STRING,
                a -> a.unique(true))), "username");
    }

    @DatabaseTest
    void aNonPrimaryUniqueKeyWithAFieldOption(TestDb t) {
        sourceKeyRoundTrip(t, model(t, "User", m -> m.attribute("username", DataTypes.STRING,
                a -> a.unique(true).field("the_user_name_field"))), "username");
    }

    // ---- Association options ------------------------------------------------------------------------------

    @DatabaseTest
    void theKeyTypeCanBeGiven(TestDb t) {
        Model<Instance> user = model(t, "UserXYZ", "username");
        for (DataType type : List.of(DataTypes.INTEGER, DataTypes.BIGINT, DataTypes.STRING)) {
            Model<Instance> task = model(t, "TaskXYZ_" + type.kind(), "title");
            user.hasOne(task, a -> a.foreignKey("userId").keyType(type).constraints(false));
            t.db().sync(task, SyncOptions.force()).block(WAIT);
            assertEquals(type.kind(), task.definition().attribute("userId").type().kind());
        }
    }

    @DatabaseTest
    void aKeyDefinitionMakesANewColumn(TestDb t) {
        Model<Instance> user = model(t, "user", m -> { });
        for (int round = 0; round < 2; round++) {
            // the second round redefines the model, as Sequelize's "Let's clear it"
            Model<Instance> profile = model(t, "project", m -> { });
            user.hasOne(profile, a -> a.foreignKey("uid").foreignKeyAllowNull(false));
            AttributeDefinition uid = profile.definition().attribute("uid");
            assertEquals(user.tableName(), uid.references().table());
            assertEquals("id", uid.references().key());
            assertFalse(uid.allowNull());
            assertEquals(profile.definition(), user.association("project").target().definition());
        }
        assertEquals(1, user.associations().size());
    }

    @DatabaseTest
    void aDeclaredColumnIsTakenAsTheKey(TestDb t) {
        Model<Instance> user = model(t, "user", m -> m.attribute("uid", DataTypes.INTEGER, a -> a.primaryKey(true)));
        Model<Instance> profile = model(t, "project", m -> m.attribute("user_id", DataTypes.INTEGER,
                a -> a.allowNull(false)));
        HasOne<Instance, Instance> ho = user.hasOne(profile, a -> a.foreignKey("user_id"));
        AttributeDefinition key = profile.definition().attribute("user_id");
        assertEquals(user.tableName(), key.references().table());
        assertEquals("uid", key.references().key());
        assertFalse(key.allowNull());
        assertEquals(ReferentialAction.CASCADE, ho.onDelete(), "the declared NOT NULL decides, as in Sequelize");
    }

    @DatabaseTest
    void theKeyOptionsMergeWithADeclaredColumn(TestDb t) {
        Model<Instance> user = model(t, "user", m -> m.attribute("uid", DataTypes.INTEGER, a -> a.primaryKey(true)));
        Model<Instance> project = model(t, "project", m -> m.attribute("userUid", DataTypes.INTEGER,
                a -> a.defaultValue(42)));
        user.hasOne(project, a -> a.foreignKeyAllowNull(false));
        AttributeDefinition key = project.definition().attribute("userUid");
        assertFalse(key.allowNull(), "allowNull: false merges into the declared attribute");
        assertEquals(user.tableName(), key.references().table());
        assertEquals("uid", key.references().key());
        assertEquals(42, key.defaultValue().constant());
    }

    @DatabaseTest
    void anAssociationNamedAsAnAttributeIsANamingCollision(TestDb t) {
        Model<Instance> user = model(t, "user", "attribute");
        Model<Instance> attribute = model(t, "attribute", m -> { });
        AssociationException e = assertThrows(AssociationException.class, () -> user.hasOne(attribute));
        assertTrue(e.getMessage().contains("Naming collision between attribute 'attribute' and association "
                + "'attribute' on model user. To remedy this, change either foreignKey or as in your association "
                + "definition"), e.getMessage());
        assertFalse(attribute.definition().hasAttribute("userId"), "nothing was added");
    }

    // ---- Counter part -------------------------------------------------------------------------------------

    @DatabaseTest
    void aBelongsToCounterpartSharesTheOneForeignKey(TestDb t) {
        Model<Instance> orders = model(t, "Orders", m -> m.options(o -> o.timestamps(false)));
        Model<Instance> internetOrders = model(t, "InternetOrders", m -> m.options(o -> o.timestamps(false)));
        internetOrders.belongsTo(orders);
        orders.hasOne(internetOrders);
        assertEquals(List.of("id", "OrderId"), internetOrders.definition().attributes().stream()
                .map(AttributeDefinition::name).toList());
        assertFalse(internetOrders.definition().hasAttribute("OrdersId"));
        // only a name that reads as a plural is singularized: Status stays Status (inflection's rule)
        Model<Instance> status = model(t, "Status", m -> m.options(o -> o.timestamps(false)));
        Model<Instance> note = model(t, "Note", m -> m.options(o -> o.timestamps(false)));
        assertEquals("StatusId", status.hasOne(note).foreignKey());
        assertEquals("StatusId", note.belongsTo(status).foreignKey());
    }

    // ---- Eager loading ----------------------------------------------------------------------------------------

    static OneToOneSupport.Hats hats(TestDb t) {
        return OneToOneSupport.hats(t, PREFIX, (individuals, hats) -> {
            HasOne<Instance, Instance> wearing = individuals.hasOne(hats, a -> a.as("personwearinghat"));
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
