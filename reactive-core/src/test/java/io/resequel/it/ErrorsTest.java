package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.DatabaseException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.error.UnknownAttributeException;
import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Flux;

/** Typed errors: unknown attributes, validation before SQL, constraint violations, other database errors. */
class ErrorsTest {

    static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s
                .attribute("firstName", DataTypes.STRING, a -> a.allowNull(false))
                .attribute("email", DataTypes.STRING, a -> a.unique(true))
                .attribute("age", DataTypes.INTEGER));
        t.db().sync().block();
        t.clearStatements();
        return m;
    }

    static Throwable error(org.reactivestreams.Publisher<?> p) {
        Throwable[] out = new Throwable[1];
        Flux.from(p).onErrorResume(e -> {
            out[0] = e;
            return Mono.empty();
        }).blockLast(Duration.ofSeconds(30));
        assertNotNull(out[0], "expected an error");
        return out[0];
    }

    static void assertSuggests(Throwable e) {
        UnknownAttributeException u = assertInstanceOf(UnknownAttributeException.class, e);
        assertEquals("User", u.model());
        assertEquals("fristName", u.attribute());
        assertEquals("firstName", u.suggestion());
        assertTrue(u.getMessage().contains("User") && u.getMessage().contains("'firstName'"), u.getMessage());
    }

    @DatabaseTest
    void unknownAttributeSuggestsTheClosest(TestDb t) {
        Model<Instance> users = users(t);
        assertSuggests(error(users.findAll(q -> q.where("fristName", "x"))));
        assertSuggests(error(users.findAll(q -> q.order(Order.asc("fristName")))));
        assertSuggests(error(users.findAll(q -> q.attributes("fristName"))));
        assertSuggests(error(users.count(Where.eq("fristName", "x"))));
        assertSuggests(error(users.create(Map.of("fristName", "x"))));
        assertSuggests(error(users.update(Map.of("fristName", "x"), Where.and())));
        Instance u = users.build(Map.of("firstName", "x"));
        assertSuggests(assertThrows(UnknownAttributeException.class, () -> u.set("fristName", "y")));
        assertSuggests(assertThrows(UnknownAttributeException.class, () -> u.get("fristName")));
        assertEquals(List.of(), t.statements(), "no SQL for an unknown attribute");
    }

    @DatabaseTest
    void queryMethodsDoNotThrow(TestDb t) {
        Model<Instance> users = users(t);
        // lazy: building the publisher neither throws nor runs SQL
        users.findAll(q -> q.where("nope", 1));
        users.create(Map.of("nope", 1));
        users.create(Map.of("age", "x"));
        assertEquals(List.of(), t.statements());
    }

    @DatabaseTest
    void nullForNotNullFailsBeforeSql(TestDb t) {
        Model<Instance> users = users(t);
        Throwable e = error(users.create(Map.of("age", 3)));
        ValidationException v = assertInstanceOf(ValidationException.class, e);
        ValidationItem item = v.items().get(0);
        assertEquals("User", item.model());
        assertEquals("firstName", item.attribute());
        assertTrue(v.getMessage().contains("User") && v.getMessage().contains("firstName"), v.getMessage());
        java.util.HashMap<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("firstName", null);
        assertInstanceOf(ValidationException.class, error(users.create(withNull)));
        Instance u = users.create(Map.of("firstName", "x")).block();
        t.clearStatements();
        u.set("firstName", null);
        assertInstanceOf(ValidationException.class, error(u.save()));
        assertEquals(List.of(), t.statements(), "validation fails before any SQL");
        assertEquals(1L, users.count().block());
    }

    @DatabaseTest
    void wrongJavaTypeFailsValidation(TestDb t) {
        Model<Instance> users = users(t);
        ValidationException v = assertInstanceOf(ValidationException.class,
                error(users.create(Map.of("firstName", "x", "age", "thirty"))));
        assertEquals("age", v.items().get(0).attribute());
        assertEquals("User", v.items().get(0).model());
        assertInstanceOf(ValidationException.class, error(users.create(Map.of("firstName", 42))));
        assertInstanceOf(ValidationException.class, error(users.create(Map.of("firstName", "x", "age", 1L << 40))));
        assertThrows(ValidationException.class, () -> users.build(Map.of("firstName", "x")).set("age", 1.5));
        assertEquals(List.of(), t.statements());
    }

    @DatabaseTest
    void uniqueViolation(TestDb t) {
        Model<Instance> users = users(t);
        users.create(Map.of("firstName", "a", "email", "a@x.org")).block();
        UniqueConstraintException e = assertInstanceOf(UniqueConstraintException.class,
                error(users.create(Map.of("firstName", "b", "email", "a@x.org"))));
        assertNotNull(e.sql());
        assertFalse(e.sql().contains("a@x.org"), "SQL carries no values: " + e.sql());
        assertTrue(e.fields().contains("email"), "fields " + e.fields() + " from: " + e.getMessage());
    }

    @DatabaseTest
    void foreignKeyViolation(TestDb t) {
        Model<Instance> authors = t.db().define("Author", s -> s.attribute("name", DataTypes.STRING));
        Model<Instance> books = t.db().define("Book", s -> s
                .attribute("authorId", DataTypes.INTEGER, a -> a.references(authors, "id")));
        t.db().sync().block();
        assertInstanceOf(ForeignKeyConstraintException.class, error(books.create(Map.of("authorId", 12345))));
        Instance a = authors.create(Map.of("name", "a")).block();
        books.create(Map.of("authorId", a.get("id"))).block();
        assertInstanceOf(ForeignKeyConstraintException.class, error(a.destroy()));
        assertEquals(1L, authors.count().block());
    }

    @DatabaseTest
    void otherDatabaseErrorsCarryTheSqlWithoutValues(TestDb t) {
        Model<Instance> users = users(t);
        t.rawUpdate("DROP TABLE " + t.q("Users")).block();
        DatabaseException e = assertInstanceOf(DatabaseException.class,
                error(users.findAll(q -> q.where("firstName", "secret-value"))));
        assertFalse(e instanceof UniqueConstraintException || e instanceof ForeignKeyConstraintException);
        assertNotNull(e.sql());
        assertTrue(e.sql().contains(t.q("Users")), e.sql());
        assertFalse(e.sql().contains("secret-value"), e.sql());
        assertTrue(e.getMessage().contains(e.sql()), e.getMessage());
    }
}
