package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.validation.Check;
import io.resequel.validation.V;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Validators, allowNull rules, custom and model-wide validators, getters, setters, virtual attributes. */
class ValidationTest {

    /** validator, a passing value, a failing value. */
    private static final Object[][] TABLE = {
        {V.is("^[a-z]+$"), "abc", "ab1"},
        {V.is("^[a-z]+$", "i"), "ABC", "AB1"},
        {V.not("[0-9]"), "abc", "ab1"},
        {V.isEmail(), "ada@example.com", "ada@"},
        {V.isUrl(), "https://example.com/x?y=1", "not a url"},
        {V.isIP(), "2001:db8::1", "300.1.1.1"},
        {V.isIPv4(), "10.0.0.1", "2001:db8::1"},
        {V.isIPv6(), "2001:db8::1", "10.0.0.1"},
        {V.isAlpha(), "abcXYZ", "abc1"},
        {V.isAlphanumeric(), "abc123", "_abc"},
        {V.isNumeric(), "-12.5", "12a"},
        {V.isInt(), "-42", "4.2"},
        {V.isInt(1, 10), "10", "11"},
        {V.isFloat(), "3.14e2", "3.1.4"},
        {V.isDecimal(), "-0.5", "1e5"},
        {V.isLowercase(), "abc", "aBc"},
        {V.isUppercase(), "ABC", "AbC"},
        {V.isNull(), null, "x"},
        {V.notEmpty(), "x", "   "},
        {V.equalTo("yes"), "yes", "no"},
        {V.contains("ell"), "hello", "help"},
        {V.notContains("ell"), "help", "hello"},
        {V.isIn(List.of("a", "b")), "a", "c"},
        {V.notIn(List.of("a", "b")), "c", "a"},
        {V.len(2, 4), "abcd", "abcde"},
        {V.isUUID(4), "3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f", "3f2b1c9e-8d7a-1b6c-9e5f-1a2b3c4d5e6f"},
        {V.isUUID(0), "3f2b1c9e-8d7a-1b6c-9e5f-1a2b3c4d5e6f", "3f2b1c9e"},
        {V.isDate(), "2024-02-29", "2024-02-30x"},
        {V.isAfter("2020-01-01"), "2021-06-01", "2019-12-31"},
        {V.isBefore("2020-01-01"), "2019-12-31", "2021-06-01"},
        {V.max(10), "9.5", "10.5"},
        {V.min(10), "10", "9"},
        {V.isCreditCard(), "4111 1111 1111 1111", "4111 1111 1111 1112"},
        {V.custom("even", v -> Integer.parseInt(v.toString()) % 2 == 0), "4", "3"},
    };

    @DatabaseTest
    void everyValidatorPassesAndFails(TestDb t) {
        for (int i = 0; i < TABLE.length; i++) {
            Check check = (Check) TABLE[i][0];
            Model<Instance> m = t.db().define("V" + i, s -> s.attribute("v", DataTypes.STRING, a -> a.validate(check)));
            Map<String, Object> ok = new HashMap<>();
            ok.put("v", TABLE[i][1]);
            m.build(ok).validate().block();
            Object failing = TABLE[i][2];
            Exception e = assertThrows(Exception.class, () -> m.build(Map.of("v", failing)).validate().block(),
                    check.name());
            ValidationItem item = assertInstanceOf(ValidationException.class, e).items().get(0);
            assertEquals(check.name(), item.validator());
            assertEquals("v", item.attribute());
            assertEquals("V" + i, item.model());
        }
    }

    @DatabaseTest
    void collectsEveryFailureBeforeAnySql(TestDb t) {
        Model<Instance> users = t.db().define("Account", s -> s
                .attribute("email", DataTypes.STRING, a -> a.allowNull(false)
                        .validate(V.notNull().msg("email is required"), V.isEmail()))
                .attribute("nick", DataTypes.STRING, a -> a.validate(V.len(2, 5).msg("nick: 2 to 5 characters"),
                        V.custom("available", (v, i) -> Mono.delay(Duration.ofMillis(5))
                                .then("taken".equals(v) ? Mono.error(new IllegalStateException("nick is taken"))
                                        : Mono.empty()))))
                .attribute("age", DataTypes.INTEGER, a -> a.validate(V.min(0), V.custom("nullOk", v -> true)))
                .validate("grownUpsHaveEmail", i -> i.get("age") != null && (Integer) i.get("age") > 100
                        ? Mono.error(new IllegalArgumentException("age is implausible")) : Mono.empty()));
        t.db().sync().block();
        t.clearStatements();
        Exception e = assertThrows(Exception.class, () -> users.create(Map.of("nick", "taken", "age", 130)).block());
        List<ValidationItem> items = assertInstanceOf(ValidationException.class, e).items();
        assertEquals(List.of("email:notNull:email is required", "nick:available:nick is taken",
                "null:grownUpsHaveEmail:age is implausible"),
                items.stream().map(x -> x.attribute() + ":" + x.validator() + ":" + x.message()).toList());
        assertTrue(t.statements().isEmpty(), "no SQL before validation passes: " + t.statements());

        Exception two = assertThrows(Exception.class, () -> users.create(Map.of("email", "bad", "nick", "x")).block());
        assertEquals(2, assertInstanceOf(ValidationException.class, two).items().size());
        // a null that is allowed skips built-ins (min) but a custom validator still runs
        Instance ok = users.create(Map.of("email", "a@b.io", "nick", "ada")).block();
        assertFalse(ok.isNewRecord());
        Exception upd = assertThrows(Exception.class, () -> ok.update(Map.of("age", -1)).block());
        assertEquals("min", assertInstanceOf(ValidationException.class, upd).items().get(0).validator());
    }

    @DatabaseTest
    void bulkCreateValidateCollectsEveryRecordAndInsertsNothing(TestDb t) {
        Model<Instance> m = t.db().define("Contact", s -> s
                .attribute("email", DataTypes.STRING, a -> a.allowNull(false).validate(V.isEmail()))
                .attribute("nick", DataTypes.STRING, a -> a.validate(V.len(2, 5))));
        t.db().sync().block();
        t.clearStatements();
        Exception e = assertThrows(Exception.class, () -> m.bulkCreate(List.of(Map.of("email", "a@b.io"),
                Map.of("email", "nope", "nick", "toolong"), Map.of("nick", "ok")),
                io.resequel.query.BulkCreateOptions.builder().validate().build()).blockLast());
        List<ValidationItem> items = assertInstanceOf(ValidationException.class, e).items();
        assertEquals(List.of("email:isEmail", "nick:len", "email:notNull"),
                items.stream().map(x -> x.attribute() + ":" + x.validator()).toList());
        assertTrue(t.statements().isEmpty(), t.statements().toString());
        assertEquals(0L, m.count().block());
    }

    @DatabaseTest
    void gettersSettersAndVirtualAttributes(TestDb t) {
        Model<Instance> people = t.db().define("Human", s -> s
                .attribute("firstName", DataTypes.STRING)
                .attribute("lastName", DataTypes.STRING, a -> a.get(i -> {
                    Object v = i.getDataValue("lastName");
                    return v == null ? null : v.toString().toUpperCase();
                }))
                .attribute("password", DataTypes.STRING, a -> a.set((i, v) -> i.setDataValue("password",
                        "hash:" + v)))
                .virtual("fullName", v -> v
                        .get(i -> i.get("firstName") + " " + i.get("lastName"))
                        .set((i, x) -> {
                            String[] parts = x.toString().split(" ");
                            i.set("firstName", parts[0]);
                            i.set("lastName", parts[1]);
                        })
                        .validate(V.len(5, 40))));
        t.db().sync().block();
        t.clearStatements();
        Instance ada = people.create(Map.of("fullName", "Ada Lovelace", "password", "secret")).block();
        assertEquals("LOVELACE", ada.get("lastName"));
        assertEquals("Lovelace", ada.getDataValue("lastName"));
        assertEquals("Ada LOVELACE", ada.get("fullName"));
        assertEquals("hash:secret", ada.get("password"));
        assertEquals("Ada LOVELACE", ada.toJSON().get("fullName"));
        assertTrue(t.statements().stream().noneMatch(s -> s.contains("fullName")), "a virtual never reaches SQL");
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("Humans")).blockFirst();
        assertEquals("Lovelace", row.get("lastName"));
        assertEquals("hash:secret", row.get("password"));
        Instance found = people.findByPk(ada.get("id")).block();
        assertEquals("Ada LOVELACE", found.get("fullName"));
        Exception e = assertThrows(Exception.class, () -> people.build(Map.of("fullName", "A B")).validate().block());
        assertEquals("fullName", assertInstanceOf(ValidationException.class, e).items().get(0).attribute());
        assertThrows(IllegalArgumentException.class, () -> t.db().define("Bad", s -> s.attribute("x",
                DataTypes.STRING, a -> a.validate(V.notNull()))));
    }
}
