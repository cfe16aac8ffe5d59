package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.test.StepVerifier;

/** Model and attribute options of {@code define}. */
class DefineOptionsTest {

    static long count(TestDb t, String table) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM " + t.q(table)).blockFirst().get("n")).longValue();
    }

    static Set<String> columns(TestDb t, String table) {
        return t.raw("SELECT * FROM " + t.q(table)).blockFirst().keySet();
    }

    @DatabaseTest
    void defaultIdAndPluralTableNames(TestDb t) {
        Model<Instance> people = t.db().define("Category", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> users = t.db().define("UserProfile", m -> m.attribute("name", DataTypes.STRING));
        assertEquals("Categories", people.tableName());
        assertEquals("UserProfiles", users.tableName());
        assertEquals("id", people.definition().primaryKeys().get(0).name());
        t.db().sync().block();
        Instance a = people.create(Map.of("name", "a")).block();
        Instance b = people.create(Map.of("name", "b")).block();
        assertNotNull(a.get("id"));
        assertNotEquals(a.get("id"), b.get("id"));
        assertEquals(2, count(t, "Categories"));
        assertTrue(columns(t, "Categories").containsAll(Set.of("id", "name", "createdAt", "updatedAt")),
                columns(t, "Categories").toString());
    }

    @DatabaseTest
    void pluralisesIrregularNames(TestDb t) {
        assertEquals("People", t.db().define("Person", m -> m.attribute("name", DataTypes.STRING)).tableName());
        assertEquals("Children", t.db().define("Child", m -> m.attribute("name", DataTypes.STRING)).tableName());
    }

    @DatabaseTest
    void freezeTableNameAndTableName(TestDb t) {
        Model<Instance> frozen = t.db().define("Person", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.freezeTableName(true)));
        Model<Instance> named = t.db().define("Animal", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("zoo_animals")));
        assertEquals("Person", frozen.tableName());
        assertEquals("zoo_animals", named.tableName());
        t.db().sync().block();
        frozen.create(Map.of("name", "x")).block();
        named.create(Map.of("name", "y")).block();
        assertEquals(1, count(t, "Person"));
        assertEquals(1, count(t, "zoo_animals"));
    }

    @DatabaseTest
    void timestampsMaintainedRenamedAndOff(TestDb t) {
        Model<Instance> plain = t.db().define("Plain", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> none = t.db().define("Bare", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        Model<Instance> renamed = t.db().define("Renamed", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.createdAt("born").updatedAt(false)));
        t.db().sync().block();
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
        Instance p = plain.create(Map.of("name", "p")).block();
        OffsetDateTime created = (OffsetDateTime) p.get("createdAt");
        assertNotNull(created);
        assertTrue(created.isAfter(before), created.toString());
        assertEquals(created, p.get("updatedAt"));
        assertNotNull(t.raw("SELECT * FROM " + t.q("Plains")).blockFirst().get("createdAt"));

        none.create(Map.of("name", "n")).block();
        assertEquals(Set.of("id", "name"), columns(t, "Bares"));

        Instance r = renamed.create(Map.of("name", "r")).block();
        assertNotNull(r.get("born"));
        assertEquals(Set.of("id", "name", "born"), columns(t, "Renameds"));
    }

    @DatabaseTest
    void updatedAtMovesOnSave(TestDb t) throws InterruptedException {
        Model<Instance> plain = t.db().define("Plain", m -> m.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        Instance p = plain.create(Map.of("name", "p")).block();
        OffsetDateTime created = (OffsetDateTime) p.get("createdAt");
        Thread.sleep(5);
        p.set("name", "q");
        p.save().block();
        Instance back = plain.findByPk(p.get("id")).block();
        assertEquals(created, back.get("createdAt"));
        assertTrue(((OffsetDateTime) back.get("updatedAt")).isAfter(created));
    }

    @DatabaseTest
    void underscoredAndField(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m
                .attribute("firstName", DataTypes.STRING)
                .attribute("email", DataTypes.STRING, a -> a.field("e_mail"))
                .options(o -> o.underscored(true)));
        t.db().sync().block();
        users.create(Map.of("firstName", "Ada", "email", "ada@example.com")).block();
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("Users")).blockFirst();
        assertEquals(Set.of("id", "first_name", "e_mail", "created_at", "updated_at"), row.keySet());
        assertEquals("Ada", row.get("first_name"));
        Instance back = users.findOne(q -> q.where("firstName", "Ada")).block();
        assertEquals("ada@example.com", back.get("email"));
    }

    @DatabaseTest
    void uniqueSingleAndShared(TestDb t) {
        Model<Instance> m = t.db().define("Thing", s -> s
                .attribute("code", DataTypes.STRING, a -> a.unique(true))
                .attribute("a", DataTypes.INTEGER, a -> a.unique("pair"))
                .attribute("b", DataTypes.INTEGER, a -> a.unique("pair")));
        t.db().sync().block();
        m.create(Map.of("code", "x", "a", 1, "b", 1)).block();
        m.create(Map.of("code", "y", "a", 1, "b", 2)).block();
        StepVerifier.create(m.create(Map.of("code", "x", "a", 9, "b", 9)))
                .expectError(UniqueConstraintException.class).verify(Duration.ofSeconds(10));
        StepVerifier.create(m.create(Map.of("code", "z", "a", 1, "b", 1)))
                .expectError(UniqueConstraintException.class).verify(Duration.ofSeconds(10));
        assertEquals(2, count(t, "Things"));
    }

    @DatabaseTest
    void commentIsStored(TestDb t) {
        t.db().define("Thing", s -> s.attribute("code", DataTypes.STRING, a -> a.comment("the code's label")));
        t.db().sync().block();
        String sql = switch (t.kind()) {
            case "postgres" -> "SELECT col_description('\"Things\"'::regclass, a.attnum) AS c FROM pg_attribute a "
                    + "WHERE a.attrelid = '\"Things\"'::regclass AND a.attname = 'code'";
            case "mysql" -> "SELECT COLUMN_COMMENT AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'Things' AND COLUMN_NAME = 'code'";
            default -> "SELECT REMARKS AS c FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'Things' "
                    + "AND COLUMN_NAME = 'code'";
        };
        assertEquals("the code's label", t.raw(sql).blockFirst().get("c"));
    }

    @DatabaseTest
    void referencesWithOnDeleteCascade(TestDb t) {
        Model<Instance> authors = t.db().define("Author", s -> s.attribute("name", DataTypes.STRING));
        Model<Instance> books = t.db().define("Book", s -> s
                .attribute("title", DataTypes.STRING)
                .attribute("authorId", DataTypes.INTEGER, a -> a.references(authors, "id")
                        .onDelete(ReferentialAction.CASCADE)));
        t.db().sync().block();
        Instance a = authors.create(Map.of("name", "A")).block();
        Instance keep = authors.create(Map.of("name", "B")).block();
        books.create(Map.of("title", "1", "authorId", a.get("id"))).block();
        books.create(Map.of("title", "2", "authorId", a.get("id"))).block();
        books.create(Map.of("title", "3", "authorId", keep.get("id"))).block();
        a.destroy().block();
        assertEquals(1, count(t, "Books"));
    }

    @DatabaseTest
    void defaultValuesAppliedAtBuild(TestDb t) {
        Model<Instance> posts = t.db().define("Post", s -> s
                .attribute("status", DataTypes.STRING, a -> a.defaultValue("draft"))
                .attribute("views", DataTypes.INTEGER, a -> a.defaultValue(0).allowNull(false))
                .attribute("publishedAt", DataTypes.DATE, a -> a.defaultValue(DefaultValue.NOW))
                .attribute("uid", DataTypes.UUID, a -> a.defaultValue(DefaultValue.UUIDV4)));
        Instance one = posts.build(Map.of());
        Instance two = posts.build(Map.of("status", "live"));
        assertTrue(one.isNewRecord());
        assertEquals("draft", one.get("status"));
        assertEquals("live", two.get("status"));
        assertEquals(0, one.get("views"));
        assertInstanceOf(OffsetDateTime.class, one.get("publishedAt"));
        assertInstanceOf(UUID.class, one.get("uid"));
        assertNotEquals(one.get("uid"), two.get("uid"));
        t.db().sync().block();
        one.save().block();
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("Posts")).blockFirst();
        assertEquals("draft", row.get("status"));
        assertEquals(one.get("uid").toString(), row.get("uid").toString());
        // the constant default is in the DDL too: a raw insert without the column gets it
        String now = t.is("mysql") ? "NOW()" : "CURRENT_TIMESTAMP";
        t.rawUpdate("INSERT INTO " + t.q("Posts") + " (" + t.q("createdAt") + ", " + t.q("updatedAt") + ") VALUES ("
                + now + ", " + now + ")").block();
        assertEquals(1L, t.raw("SELECT COUNT(*) AS n FROM " + t.q("Posts") + " WHERE " + t.q("status")
                + " = 'draft' AND " + t.q("views") + " = 0 AND " + t.q("uid") + " IS NULL").map(r -> ((Number) r.get("n")).longValue()).blockFirst());
        assertFalse(one.isNewRecord());
    }
}
