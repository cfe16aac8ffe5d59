package io.resequel.it.assoc;

import static io.resequel.it.assoc.AssocSupport.WAIT;
import static io.resequel.it.assoc.AssocSupport.asLong;
import static io.resequel.it.assoc.AssocSupport.count;
import static io.resequel.it.assoc.AssocSupport.createTable;
import static io.resequel.it.assoc.AssocSupport.eq;
import static io.resequel.it.assoc.AssocSupport.id;
import static io.resequel.it.assoc.AssocSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.Association;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.error.AssociationException;
import io.resequel.error.EagerLoadingException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import reactor.test.StepVerifier;

/** Association definition: key names, aliases, key options, constraints, referential actions, junction keys. */
class AssocDefinitionTest {

    static Model<Instance> model(TestDb t, String name, String... stringAttributes) {
        return t.db().define(name, m -> {
            for (String a : stringAttributes) {
                m.attribute(a, DataTypes.STRING);
            }
        });
    }

    static List<String> names(Model<?> m) {
        return m.definition().attributes().stream().map(AttributeDefinition::name).toList();
    }

    @DatabaseTest
    void defaultForeignKeysAndAliasesPerKind(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> tasks = model(t, "Task", "title");
        Model<Instance> profiles = model(t, "Profile", "bio");
        Model<Instance> bios = model(t, "Biography", "text");
        Model<Instance> projects = model(t, "Project", "title");

        HasMany<Instance, Instance> userTasks = users.hasMany(tasks);
        BelongsTo<Instance, Instance> taskUser = tasks.belongsTo(users);
        BelongsTo<Instance, Instance> taskOwner = tasks.belongsTo(users, a -> a.as("owner"));
        HasOne<Instance, Instance> profile = users.hasOne(profiles);
        HasOne<Instance, Instance> bio = users.hasOne(bios, a -> a.as("bio"));
        BelongsToMany<Instance, Instance> up = users.belongsToMany(projects, a -> a.through("UserProjects"));

        assertEquals("UserId", userTasks.foreignKey());
        assertEquals("Tasks", userTasks.as());
        assertEquals("Task", userTasks.singular());
        assertEquals("id", userTasks.sourceKey());
        assertEquals("UserId", taskUser.foreignKey(), "hasMany and belongsTo share the default key");
        assertEquals("User", taskUser.as());
        assertEquals("id", taskUser.targetKey());
        assertEquals("ownerId", taskOwner.foreignKey());
        assertEquals("owner", taskOwner.as());
        assertEquals("UserId", profile.foreignKey());
        assertEquals("Profile", profile.as());
        assertEquals("bioId", bio.foreignKey());
        assertEquals("bio", bio.as());
        assertEquals("UserId", up.foreignKey());
        assertEquals("ProjectId", up.otherKey());
        assertEquals("Projects", up.as());
        assertEquals("UserProjects", up.through().name());
        assertEquals("UserProjects", up.through().tableName(), "a junction named by string keeps its table name");

        assertTrue(names(tasks).containsAll(List.of("UserId", "ownerId")), names(tasks).toString());
        assertEquals(1, names(tasks).stream().filter("UserId"::equals).count(), "one shared UserId attribute");
        assertTrue(names(profiles).contains("UserId"));
        assertTrue(names(bios).contains("bioId"));
        assertTrue(names(up.through()).containsAll(List.of("UserId", "ProjectId")));
        assertFalse(names(up.through()).contains("id"), "junction without own key: no id");

        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance task = userTasks.create(ada, Map.of("title", "t")).block(WAIT);
        taskOwner.set(task, ada).block(WAIT);
        bio.create(ada, Map.of("text", "b")).block(WAIT);
        List<Map<String, Object>> raw = rows(t, "Tasks", null, "id", "UserId", "ownerId");
        assertEquals(id(ada), asLong(raw.get(0).get("UserId")));
        assertEquals(id(ada), asLong(raw.get(0).get("ownerId")));
        assertEquals(id(ada), asLong(rows(t, bios.tableName(), null, "id", "bioId").get(0).get("bioId")));
    }

    @DatabaseTest
    void asWithSingularAndPluralForms(TestDb t) {
        Model<Instance> people = model(t, "Person", "name");
        Model<Instance> tasks = model(t, "Task", "title");
        HasMany<Instance, Instance> a = people.hasMany(tasks, o -> o.as("Chores"));
        assertEquals("Chore", a.singular());
        assertEquals("Chores", a.plural());
        assertEquals("PersonId", a.foreignKey(), "hasMany's key ignores as");
        HasMany<Instance, Instance> b = people.hasMany(tasks, o -> o.as("child", "children").foreignKey("parentId"));
        assertEquals("children", b.as());
        assertEquals("addChild", b.accessors().get("add"));
        assertEquals("getChildren", b.accessors().get("get"));
    }

    @DatabaseTest
    void accessorNames(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> tasks = model(t, "Task", "title");
        Model<Instance> profiles = model(t, "Profile", "bio");
        HasMany<Instance, Instance> many = users.hasMany(tasks);
        assertEquals(Map.of("get", "getTasks", "count", "countTasks", "hasSingle", "hasTask", "hasAll", "hasTasks",
                "set", "setTasks", "addMultiple", "addTasks", "add", "addTask", "create", "createTask",
                "remove", "removeTask", "removeMultiple", "removeTasks"), many.accessors());
        BelongsTo<Instance, Instance> owner = tasks.belongsTo(users, a -> a.as("owner"));
        assertEquals(Map.of("get", "getOwner", "set", "setOwner", "create", "createOwner"), owner.accessors());
        HasOne<Instance, Instance> profile = users.hasOne(profiles);
        assertEquals(Map.of("get", "getProfile", "set", "setProfile", "create", "createProfile"), profile.accessors());
        BelongsToMany<Instance, Instance> mentors = users.belongsToMany(users,
                a -> a.as("Mentors").through("Mentorships"));
        assertEquals("addMentor", mentors.accessors().get("add"));
        assertEquals("addMentors", mentors.accessors().get("addMultiple"));
        assertEquals("hasMentors", mentors.accessors().get("hasAll"));

        assertSame(many, users.association("Tasks"));
        assertSame(mentors, users.association("Mentors"));
        assertEquals(List.of(many, profile, mentors), users.associations());
        EagerLoadingException e = assertThrows(EagerLoadingException.class, () -> users.association("Taks"));
        assertTrue(e.getMessage().contains("Tasks"), e.getMessage());
    }

    @DatabaseTest
    void selfAssociationNeedsAnAliasAndNamesTheOtherKeyAfterIt(TestDb t) {
        Model<Instance> emps = model(t, "Employee", "name");
        AssociationException e = assertThrows(AssociationException.class,
                () -> emps.belongsToMany(emps, a -> a.through("Mentorships")));
        assertTrue(e.getMessage().contains("alias"), e.getMessage());
        BelongsToMany<Instance, Instance> mentors = emps.belongsToMany(emps, a -> a.as("Mentors").through("Mentorships"));
        assertEquals("EmployeeId", mentors.foreignKey());
        assertEquals("MentorId", mentors.otherKey());
        assertTrue(names(mentors.through()).containsAll(List.of("EmployeeId", "MentorId")));

        t.db().sync().block(WAIT);
        Instance ada = emps.create(Map.of("name", "Ada")).block(WAIT);
        Instance bob = emps.create(Map.of("name", "Bob")).block(WAIT);
        mentors.add(ada, bob).block(WAIT);
        List<Map<String, Object>> raw = rows(t, "Mentorships", null, null, "EmployeeId", "MentorId");
        assertEquals(1, raw.size());
        assertEquals(id(ada), asLong(raw.get(0).get("EmployeeId")));
        assertEquals(id(bob), asLong(raw.get(0).get("MentorId")));
        assertEquals(List.of("Bob"), mentors.get(ada).map(i -> i.get("name")).collectList().block(WAIT));
        assertEquals(List.of(), mentors.get(bob).collectList().block(WAIT));
    }

    @DatabaseTest
    void underscoredModelsGetSnakeCaseKeyColumns(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.underscored(true)));
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.underscored(true)));
        Model<Instance> projects = t.db().define("Project", m -> m.attribute("title", DataTypes.STRING)
                .options(o -> o.underscored(true)));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks);
        tasks.belongsTo(users, a -> a.as("reviewer"));
        BelongsToMany<Instance, Instance> up = users.belongsToMany(projects,
                a -> a.through(t.db().define("UserProject", m -> m.options(o -> o.underscored(true)))));
        assertEquals("UserId", userTasks.foreignKey(), "the attribute stays camelCase");
        assertEquals("user_id", tasks.definition().attribute("UserId").field());
        assertEquals("reviewer_id", tasks.definition().attribute("reviewerId").field());
        assertEquals("user_id", up.through().definition().attribute("UserId").field());
        assertEquals("project_id", up.through().definition().attribute("ProjectId").field());

        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        userTasks.create(ada, Map.of("title", "x")).block(WAIT);
        assertEquals(id(ada), asLong(rows(t, tasks.tableName(), null, null, "user_id").get(0).get("user_id")));
        Instance p = projects.create(Map.of("title", "p")).block(WAIT);
        up.add(ada, p).block(WAIT);
        assertEquals(1, count(t, up.through().tableName(), eq(t, "user_id", id(ada)) + " AND " + eq(t, "project_id", id(p))));
    }

    @DatabaseTest
    void foreignKeyWithFieldAndNotNull(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> tasks = model(t, "Task", "title");
        HasMany<Instance, Instance> owned = users.hasMany(tasks, a -> a.foreignKey("ownerId", "owner_ref", false));
        AttributeDefinition fk = tasks.definition().attribute("ownerId");
        assertEquals("owner_ref", fk.field());
        assertFalse(fk.allowNull());
        assertEquals(ReferentialAction.CASCADE, owned.onDelete(), "NOT NULL key: CASCADE by default");
        t.db().sync().block(WAIT);
        String ddl = createTable(t, "Tasks");
        assertTrue(ddl.contains(t.q("owner_ref")), ddl);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        owned.create(ada, Map.of("title", "x")).block(WAIT);
        assertEquals(id(ada), asLong(rows(t, "Tasks", null, null, "owner_ref").get(0).get("owner_ref")));
        // The column itself is NOT NULL in the database (checked with raw SQL, past any ORM validation).
        StepVerifier.create(t.rawUpdate("INSERT INTO " + t.q("Tasks") + " (" + t.q("title") + ", " + t.q("createdAt")
                        + ", " + t.q("updatedAt") + ") VALUES ('y', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
                .expectError().verify(WAIT);
        assertEquals(1, count(t, "Tasks", null));
    }

    @DatabaseTest
    void keyTypeAndExplicitForeignKeyAttributeIsMerged(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> tasks = t.db().define("Task", m -> m.attribute("title", DataTypes.STRING)
                .attribute("authorId", DataTypes.BIGINT, a -> a.field("author")));
        users.hasMany(tasks, a -> a.foreignKey("authorId"));
        AttributeDefinition fk = tasks.definition().attribute("authorId");
        assertEquals("author", fk.field(), "the declared attribute keeps its column");
        assertTrue(fk.references() != null, "and gets the REFERENCES of the association");
        assertEquals(1, names(tasks).stream().filter("authorId"::equals).count());
    }

    @DatabaseTest
    void sourceKeyAndTargetKeyOnUniqueNonPrimaryColumns(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m
                .attribute("email", DataTypes.STRING, a -> a.unique(true).allowNull(false))
                .attribute("name", DataTypes.STRING));
        Model<Instance> tasks = model(t, "Task", "title");
        HasMany<Instance, Instance> byEmail = users.hasMany(tasks, a -> a.sourceKey("email").foreignKey("userEmail"));
        BelongsTo<Instance, Instance> author = tasks.belongsTo(users,
                a -> a.as("author").targetKey("email").foreignKey("userEmail"));
        assertEquals("email", byEmail.sourceKey());
        assertEquals("email", author.targetKey());
        assertEquals(DataTypes.STRING.toString(), tasks.definition().attribute("userEmail").type().toString(),
                "the key takes the type of the referenced column");
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("email", "ada@x", "name", "Ada")).block(WAIT);
        users.create(Map.of("email", "bob@x", "name", "Bob")).block(WAIT);
        Instance task = byEmail.create(ada, Map.of("title", "t1")).block(WAIT);
        assertEquals("ada@x", rows(t, "Tasks", null, null, "userEmail").get(0).get("userEmail"));
        assertEquals("Ada", author.get(task).block(WAIT).get("name"));
        assertEquals(1L, byEmail.count(ada).block(WAIT));
        Instance fresh = tasks.findByPk(task.get("id")).block(WAIT);
        author.set(fresh, users.findOne(q -> q.where("name", "Bob")).block(WAIT)).block(WAIT);
        assertEquals("bob@x", rows(t, "Tasks", null, null, "userEmail").get(0).get("userEmail"));
        assertEquals(0L, byEmail.count(ada).block(WAIT));
        StepVerifier.create(tasks.create(Map.of("title", "t2", "userEmail", "nobody@x")))
                .expectError(ForeignKeyConstraintException.class).verify(WAIT);
    }

    @DatabaseTest
    void constraintsFalseAddsTheColumnWithoutReferences(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> tasks = model(t, "Task", "title");
        Model<Instance> notes = model(t, "Note", "text");
        HasMany<Instance, Instance> loose = users.hasMany(tasks, a -> a.constraints(false));
        users.hasMany(notes);
        assertFalse(loose.constraints());
        assertNull(tasks.definition().attribute("UserId").references());
        t.db().sync().block(WAIT);
        String ddl = createTable(t, "Tasks");
        assertTrue(ddl.contains(t.q("UserId")), ddl);
        assertFalse(ddl.toUpperCase().contains("REFERENCES"), ddl);
        assertTrue(createTable(t, "Notes").toUpperCase().contains("REFERENCES"), "the constrained key has one");

        Instance dangling = tasks.create(Map.of("title", "x", "UserId", 999)).block(WAIT);
        assertEquals(999L, asLong(rows(t, "Tasks", null, null, "UserId").get(0).get("UserId")));
        assertEquals(999L, asLong(dangling.get("UserId")));
        StepVerifier.create(notes.create(Map.of("text", "x", "UserId", 999)))
                .expectError(ForeignKeyConstraintException.class).verify(WAIT);
    }

    @DatabaseTest
    void onDeleteDefaultsAndExplicitCascade(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> loose = model(t, "Loose", "v");
        Model<Instance> strict = model(t, "Strict", "v");
        Model<Instance> cascaded = model(t, "Cascaded", "v");
        Model<Instance> single = model(t, "Single", "v");
        HasMany<Instance, Instance> a = users.hasMany(loose);
        HasMany<Instance, Instance> b = users.hasMany(strict, o -> o.foreignKeyAllowNull(false));
        HasMany<Instance, Instance> c = users.hasMany(cascaded, o -> o.onDelete(ReferentialAction.CASCADE));
        HasOne<Instance, Instance> d = users.hasOne(single);
        assertEquals(ReferentialAction.SET_NULL, a.onDelete());
        assertEquals(ReferentialAction.CASCADE, b.onDelete());
        assertEquals(ReferentialAction.CASCADE, c.onDelete());
        assertEquals(ReferentialAction.SET_NULL, d.onDelete());
        assertEquals(ReferentialAction.CASCADE, a.onUpdate());
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance bob = users.create(Map.of("name", "Bob")).block(WAIT);
        for (Instance u : List.of(ada, bob)) {
            a.create(u, Map.of("v", "a")).block(WAIT);
            b.create(u, Map.of("v", "b")).block(WAIT);
            c.create(u, Map.of("v", "c")).block(WAIT);
            d.create(u, Map.of("v", "d")).block(WAIT);
        }
        ada.destroy().block(WAIT);
        List<Map<String, Object>> l = rows(t, loose.tableName(), null, "id", "UserId");
        assertEquals(2, l.size(), "SET NULL keeps the child");
        assertNull(l.get(0).get("UserId"));
        assertEquals(id(bob), asLong(l.get(1).get("UserId")));
        assertEquals(List.of(id(bob)), AssocSupport.longs(t, strict.tableName(), "UserId", "id"), "CASCADE removes it");
        assertEquals(List.of(id(bob)), AssocSupport.longs(t, cascaded.tableName(), "UserId", "id"));
        List<Long> s = AssocSupport.longs(t, single.tableName(), "UserId", "id");
        assertEquals(2, s.size());
        assertNull(s.get(0));
    }

    @DatabaseTest
    void belongsToDefaultsAndOnUpdateCascade(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m
                .attribute("code", DataTypes.STRING, a -> a.unique(true))
                .attribute("name", DataTypes.STRING));
        Model<Instance> tasks = model(t, "Task", "title");
        BelongsTo<Instance, Instance> nullable = tasks.belongsTo(users, a -> a.as("author"));
        BelongsTo<Instance, Instance> required = tasks.belongsTo(users, a -> a.as("owner").foreignKeyAllowNull(false));
        BelongsTo<Instance, Instance> byCode = tasks.belongsTo(users,
                a -> a.as("coded").targetKey("code").foreignKey("userCode"));
        assertEquals(ReferentialAction.SET_NULL, nullable.onDelete());
        assertEquals(ReferentialAction.NO_ACTION, required.onDelete());
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("code", "A", "name", "Ada")).block(WAIT);
        Instance bob = users.create(Map.of("code", "B", "name", "Bob")).block(WAIT);
        tasks.create(Map.of("title", "x", "authorId", ada.get("id"), "ownerId", bob.get("id"), "userCode", "A"))
                .block(WAIT);
        users.update(Map.of("code", "AA"), io.resequel.query.Where.eq("id", ada.get("id"))).block(WAIT);
        assertEquals("AA", rows(t, "Tasks", null, null, "userCode").get(0).get("userCode"), "ON UPDATE CASCADE");
        ada.destroy().block(WAIT);
        assertNull(rows(t, "Tasks", null, null, "authorId").get(0).get("authorId"), "belongsTo nullable: SET NULL");
        StepVerifier.create(bob.destroy()).expectError(ForeignKeyConstraintException.class).verify(WAIT);
        assertEquals(1, count(t, "Users", null), "Bob is still there (NO ACTION)");
    }

    @DatabaseTest
    void junctionWithoutOwnKeyHasACompositePrimaryKey(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> projects = model(t, "Project", "title");
        BelongsToMany<Instance, Instance> up = users.belongsToMany(projects, a -> a.through("UserProjects"));
        assertEquals(List.of("UserId", "ProjectId"),
                up.through().definition().primaryKeys().stream().map(AttributeDefinition::name).toList());
        assertEquals(ReferentialAction.CASCADE, up.onDelete());
        t.db().sync().block(WAIT);
        String ddl = createTable(t, "UserProjects").toUpperCase();
        assertTrue(ddl.contains("PRIMARY KEY"), ddl);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance p = projects.create(Map.of("title", "p")).block(WAIT);
        up.through().create(Map.of("UserId", ada.get("id"), "ProjectId", p.get("id"))).block(WAIT);
        StepVerifier.create(up.through().create(Map.of("UserId", ada.get("id"), "ProjectId", p.get("id"))))
                .expectError(UniqueConstraintException.class).verify(WAIT);
        assertEquals(1, count(t, "UserProjects", null));
        ada.destroy().block(WAIT);
        assertEquals(0, count(t, "UserProjects", null), "junction rows cascade with the source");
    }

    @DatabaseTest
    void junctionWithOwnKeyGetsACompositeUniqueConstraint(TestDb t) {
        Model<Instance> students = model(t, "Student", "name");
        Model<Instance> courses = model(t, "Course", "title");
        Model<Instance> enrollments = t.db().define("Enrollment", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("grade", DataTypes.INTEGER));
        BelongsToMany<Instance, Instance> sc = students.belongsToMany(courses, a -> a.through(enrollments));
        courses.belongsToMany(students, a -> a.through(enrollments));
        assertEquals(List.of("id"), enrollments.definition().primaryKeys().stream().map(AttributeDefinition::name)
                .toList());
        t.db().sync().block(WAIT);
        String ddl = createTable(t, "Enrollments");
        assertTrue(ddl.contains("Enrollments_StudentId_CourseId_unique"), ddl);
        Instance s = students.create(Map.of("name", "s")).block(WAIT);
        Instance c = courses.create(Map.of("title", "c")).block(WAIT);
        sc.add(s, List.of(c), Map.of("grade", 3)).block(WAIT);
        StepVerifier.create(enrollments.create(Map.of("StudentId", s.get("id"), "CourseId", c.get("id"))))
                .expectError(UniqueConstraintException.class).verify(WAIT);
        assertEquals(1, count(t, "Enrollments", null));
    }

    @DatabaseTest
    void uniqueKeyNameAndThroughUniqueFalse(TestDb t) {
        Model<Instance> students = model(t, "Student", "name");
        Model<Instance> courses = model(t, "Course", "title");
        Model<Instance> named = t.db().define("Named", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true)));
        Model<Instance> loose = t.db().define("Loose", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true)));
        students.belongsToMany(courses, a -> a.as("NamedCourses").through(named).uniqueKey("named_pair"));
        students.belongsToMany(courses, a -> a.as("LooseCourses").through(loose).throughUnique(false));
        t.db().sync().block(WAIT);
        assertTrue(createTable(t, named.tableName()).contains("named_pair"), createTable(t, named.tableName()));
        assertFalse(createTable(t, loose.tableName()).toUpperCase().contains("UNIQUE"), createTable(t, loose.tableName()));
        Instance s = students.create(Map.of("name", "s")).block(WAIT);
        Instance c = courses.create(Map.of("title", "c")).block(WAIT);
        Map<String, Object> pair = Map.of("StudentId", s.get("id"), "CourseId", c.get("id"));
        named.create(pair).block(WAIT);
        StepVerifier.create(named.create(pair)).expectError(UniqueConstraintException.class).verify(WAIT);
        loose.create(pair).block(WAIT);
        loose.create(pair).block(WAIT);
        assertEquals(2, count(t, loose.tableName(), null), "throughUnique(false) allows duplicate pairs");
    }

    @DatabaseTest
    void bothSidesShareTheJunctionColumns(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> projects = model(t, "Project", "title");
        BelongsToMany<Instance, Instance> up = users.belongsToMany(projects, a -> a.through("UserProjects"));
        BelongsToMany<Instance, Instance> pu = projects.belongsToMany(users, a -> a.through("UserProjects"));
        assertSame(up.through(), pu.through());
        assertEquals("ProjectId", pu.foreignKey());
        assertEquals("UserId", pu.otherKey());
        List<String> cols = names(up.through()).stream().filter(n -> n.endsWith("Id")).toList();
        assertEquals(List.of("UserId", "ProjectId"), cols);
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance p = projects.create(Map.of("title", "p")).block(WAIT);
        up.add(ada, p).block(WAIT);
        assertEquals(List.of("Ada"), pu.get(p).map(i -> i.get("name")).collectList().block(WAIT));
        pu.remove(p, ada).block(WAIT);
        assertEquals(0L, up.count(ada).block(WAIT));
        assertEquals(0, count(t, "UserProjects", null));
    }

    @DatabaseTest
    void sameAliasTwiceIsAnAssociationError(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> tasks = model(t, "Task", "title");
        Model<Instance> projects = model(t, "Project", "title");
        users.hasMany(tasks);
        assertThrows(AssociationException.class, () -> users.hasMany(tasks));
        users.hasMany(tasks, a -> a.as("items").foreignKey("itemOwnerId"));
        AssociationException e = assertThrows(AssociationException.class,
                () -> users.belongsToMany(projects, a -> a.as("items").through("UserItems")));
        assertTrue(e.getMessage().contains("items"), e.getMessage());
        tasks.belongsTo(users);
        assertThrows(AssociationException.class, () -> tasks.belongsTo(users));
        assertEquals(2, users.associations().size());
        assertThrows(AssociationException.class, () -> users.belongsToMany(projects, a -> { }),
                "belongsToMany needs through");
        Association<Instance, ?> items = users.association("items");
        assertEquals(Association.Kind.HAS_MANY, items.kind());
    }

    @DatabaseTest
    void selfBelongsToAndHasManyTree(TestDb t) {
        Model<Instance> nodes = model(t, "Node", "label");
        BelongsTo<Instance, Instance> parent = nodes.belongsTo(nodes, a -> a.as("parent"));
        HasMany<Instance, Instance> children = nodes.hasMany(nodes, a -> a.as("children").foreignKey("parentId"));
        assertEquals("parentId", parent.foreignKey());
        assertEquals(1, names(nodes).stream().filter("parentId"::equals).count());
        t.db().sync().block(WAIT);
        Instance root = nodes.create(Map.of("label", "root")).block(WAIT);
        Instance leaf = children.create(root, Map.of("label", "leaf")).block(WAIT);
        assertEquals("root", parent.get(leaf).block(WAIT).get("label"));
        assertEquals(List.of("leaf"), children.get(root).map(i -> i.get("label")).collectList().block(WAIT));
        root.destroy().block(WAIT);
        assertNull(rows(t, "Nodes", null, null, "parentId").get(0).get("parentId"), "SET NULL on the tree");
    }

    @DatabaseTest
    void keyTypeAndOnUpdateOptions(TestDb t) {
        Model<Instance> users = model(t, "User", "name");
        Model<Instance> tasks = model(t, "Task", "title");
        Model<Instance> notes = model(t, "Note", "text");
        HasMany<Instance, Instance> a = users.hasMany(tasks, o -> o
                .onUpdate(ReferentialAction.RESTRICT).onDelete(ReferentialAction.RESTRICT));
        // MySQL wants both sides of a REFERENCES of the same type, so the other key type goes without constraint.
        users.hasMany(notes, o -> o.keyType(DataTypes.BIGINT).constraints(false));
        assertEquals(DataTypes.BIGINT.toString(), notes.definition().attribute("UserId").type().toString());
        assertEquals(DataTypes.INTEGER.toString(), tasks.definition().attribute("UserId").type().toString());
        assertEquals(ReferentialAction.RESTRICT, a.onUpdate());
        assertEquals(ReferentialAction.RESTRICT, tasks.definition().attribute("UserId").references().onDelete());
        t.db().sync().block(WAIT);
        assertTrue(createTable(t, "Tasks").toUpperCase().contains("ON DELETE RESTRICT"), createTable(t, "Tasks"));
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        a.create(ada, Map.of("title", "x")).block(WAIT);
        StepVerifier.create(ada.destroy()).expectError(ForeignKeyConstraintException.class).verify(WAIT);
        assertEquals(1, count(t, "Users", null));
    }

    @DatabaseTest
    void compositeKeySourceNeedsAnExplicitKey(TestDb t) {
        Model<Instance> pairs = t.db().define("Pair", m -> m
                .attribute("a", DataTypes.INTEGER, o -> o.primaryKey(true))
                .attribute("b", DataTypes.INTEGER, o -> o.primaryKey(true)));
        Model<Instance> tasks = model(t, "Task", "title");
        AssociationException e = assertThrows(AssociationException.class, () -> pairs.hasMany(tasks));
        assertTrue(e.getMessage().contains("composite"), e.getMessage());
        assertEquals(List.of(), pairs.associations());
        assertFalse(names(tasks).contains("PairId"));
    }
}
