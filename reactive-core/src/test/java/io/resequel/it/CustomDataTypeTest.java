package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.model.CustomType;
import io.resequel.model.DataType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** User-defined data types ({@link CustomType}): conversions, validation, equality and DDL on every database. */
class CustomDataTypeTest {

    /** The README's example: amounts with two decimals, stored as whole cents in a BIGINT. */
    static final class Money extends CustomType<BigDecimal, Long> {
        private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE, 2);

        Money() {
            super("MONEY", BigDecimal.class, DataTypes.BIGINT);
        }

        @Override
        public Long toDriver(BigDecimal amount) {
            return amount.movePointRight(2).longValueExact();
        }

        @Override
        public BigDecimal fromDriver(Long cents) {
            return BigDecimal.valueOf(cents, 2);
        }

        @Override
        public String validate(BigDecimal amount) {
            if (amount.stripTrailingZeros().scale() > 2) {
                return "must have at most 2 decimals, got " + amount.toPlainString();
            }
            return amount.abs().compareTo(MAX) > 0 ? "is out of range: " + amount.toPlainString() : null;
        }

        @Override
        public boolean same(BigDecimal a, BigDecimal b) {
            return a.compareTo(b) == 0; // 5.0 and 5.00 are the same amount
        }
    }

    /**
     * A case-insensitive string: stored lowercased (so comparisons, unique keys and where values ignore case on
     * every database) and equal to any spelling of itself; H2 even gets its own case-insensitive column type.
     */
    static final class CaseInsensitive extends CustomType<String, String> {
        CaseInsensitive() {
            super("CI_STRING", String.class, DataTypes.STRING(100));
        }

        @Override
        public String toDriver(String value) {
            return value.toLowerCase(Locale.ROOT);
        }

        @Override
        public String fromDriver(String stored) {
            return stored;
        }

        @Override
        public boolean same(String a, String b) {
            return a.equalsIgnoreCase(b);
        }

        @Override
        public String sqlType(String dialect) {
            return dialect.equals("h2") ? "VARCHAR_IGNORECASE(100)" : null;
        }
    }

    static final DataType MONEY = DataTypes.custom(new Money());
    static final DataType CI_STRING = DataTypes.custom(new CaseInsensitive());

    static Model<Instance> define(TestDb t) {
        Model<Instance> m = t.db().define("Product", s -> s
                .attribute("email", CI_STRING)
                .attribute("price", MONEY)
                .attribute("fee", MONEY, a -> a.defaultValue(new BigDecimal("0.50")))
                .options(o -> o.tableName("dt_products").timestamps(false)));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void roundTripsThroughCreateAndFindAll(TestDb t) {
        Model<Instance> products = define(t);
        if (t.is("h2")) {
            assertTrue(t.statements().stream().anyMatch(s -> s.contains("VARCHAR_IGNORECASE(100)")),
                    "the type's own H2 column type: " + t.statements());
        }
        Instance created = products.create(Map.of("email", "Ada@Example.ORG", "price", new BigDecimal("19.99")))
                .block();
        assertEquals(new BigDecimal("19.99"), created.get("price"));

        List<Instance> all = products.findAll().collectList().block();
        assertEquals(1, all.size());
        assertEquals(new BigDecimal("19.99"), all.get(0).get("price"));
        assertEquals("ada@example.org", all.get(0).get("email"), "stored lowercased");

        // independently of the ORM: cents in the BIGINT column, the lowercased text
        Map<String, Object> raw = t.raw("SELECT " + t.q("price") + ", " + t.q("email") + " FROM "
                + t.q("dt_products")).blockFirst();
        assertEquals(1999L, ((Number) raw.get("price")).longValue());
        assertEquals("ada@example.org", raw.get("email"));

        products.create(Map.of("email", "nobody@x.org")).block();
        Instance empty = products.findOne(q -> q.where(Where.eq("email", "NOBODY@x.org"))).block();
        assertEquals(null, empty.get("price"), "null stays null");
        assertEquals(new BigDecimal("0.50"), empty.get("fee"));

        // the column's DDL default is the converted value (50 cents), used by an INSERT that bypasses the ORM
        t.rawUpdate("INSERT INTO " + t.q("dt_products") + " (" + t.q("email") + ") VALUES ('raw@x.org')").block();
        assertEquals(new BigDecimal("0.50"),
                products.findOne(q -> q.where(Where.eq("email", "raw@x.org"))).block().get("fee"));
    }

    @DatabaseTest
    void whereValuesAreConvertedBeforeBinding(TestDb t) {
        Model<Instance> products = define(t);
        products.bulkCreate(List.of(
                Map.of("email", "a@x.org", "price", new BigDecimal("5.00")),
                Map.of("email", "B@x.org", "price", new BigDecimal("12.50")),
                Map.of("email", "c@x.org", "price", new BigDecimal("99.99")))).blockLast();

        assertEquals(List.of("b@x.org"), emails(products, Where.eq("price", new BigDecimal("12.5"))));
        assertEquals(List.of("b@x.org", "c@x.org"),
                emails(products, Where.where("price", Op.GT, new BigDecimal("5"))));
        assertEquals(List.of("a@x.org", "c@x.org"),
                emails(products, Where.in("price", List.of(new BigDecimal("5"), new BigDecimal("99.99")))));
        assertEquals(List.of("b@x.org"), emails(products, Where.eq("email", "b@X.ORG")), "any case matches");
        // LIKE patterns are not values of the type: bound as given, so a lowercase pattern is needed
        assertEquals(List.of("b@x.org"), emails(products, Where.where("email", Op.LIKE, "b@%")));
    }

    @DatabaseTest
    void bulkCreateAndUpdateConvertValues(TestDb t) {
        Model<Instance> products = define(t);
        List<Instance> created = products.bulkCreate(List.of(
                Map.of("email", "one@x.org", "price", new BigDecimal("1.10")),
                Map.of("email", "Two@x.org", "price", new BigDecimal("2.20")))).collectList().block();
        assertEquals(new BigDecimal("1.10"), created.get(0).get("price"));

        assertEquals(1L, products.update(Map.of("price", new BigDecimal("7.77")), Where.eq("email", "TWO@x.org"))
                .block());
        Map<String, Object> raw = t.raw("SELECT " + t.q("price") + " FROM " + t.q("dt_products") + " WHERE "
                + t.q("email") + " = 'two@x.org'").blockFirst();
        assertEquals(777L, ((Number) raw.get("price")).longValue());

        Instance one = products.findOne(q -> q.where(Where.eq("email", "one@x.org"))).block();
        one.update(Map.of("price", new BigDecimal("3.30"))).block();
        assertEquals(new BigDecimal("3.30"),
                products.findOne(q -> q.where(Where.eq("email", "ONE@x.org"))).block().get("price"));
    }

    @DatabaseTest
    void settingAnEqualValueDoesNotMarkChanged(TestDb t) {
        Model<Instance> products = define(t);
        products.create(Map.of("email", "ada@x.org", "price", new BigDecimal("5.00"))).block();
        Instance p = products.findOne(q -> q.where(Where.eq("email", "ada@x.org"))).block();

        p.set("price", new BigDecimal("5.0"));
        p.set("email", "ADA@X.ORG");
        assertEquals(Set.of(), p.changed(), "equal by the types' own equality");
        t.clearStatements();
        p.save().block();
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("UPDATE")), t.statements().toString());

        p.set("price", new BigDecimal("5.01"));
        assertEquals(Set.of("price"), p.changed());
        assertFalse(p.changed("email"));
        p.save().block();
        assertEquals(new BigDecimal("5.01"),
                products.findOne(q -> q.where(Where.eq("email", "ada@x.org"))).block().get("price"));
    }

    @DatabaseTest
    void refusedValuesNameModelAndAttribute(TestDb t) {
        Model<Instance> products = define(t);
        t.clearStatements();
        ValidationException e = assertThrows(ValidationException.class,
                () -> products.create(Map.of("email", "a@x.org", "price", new BigDecimal("1.005"))).block());
        ValidationItem item = e.items().get(0);
        assertEquals("Product", item.model());
        assertEquals("price", item.attribute());
        assertEquals("MONEY", item.validator());
        assertEquals("Product.price must have at most 2 decimals, got 1.005", item.message());

        ValidationException wrongClass = assertThrows(ValidationException.class,
                () -> products.create(Map.of("email", "a@x.org", "price", "12.00")).block());
        assertEquals("price", wrongClass.items().get(0).attribute());
        assertTrue(wrongClass.items().get(0).message().contains("BigDecimal (MONEY)"),
                wrongClass.items().get(0).message());

        assertThrows(ValidationException.class,
                () -> emails(products, Where.eq("price", new BigDecimal("0.001"))));
        assertThrows(ValidationException.class, () -> products.bulkCreate(List.of(
                Map.of("email", "b@x.org", "price", new BigDecimal("2.00")),
                Map.of("email", "c@x.org", "price", new BigDecimal("2.001")))).blockLast());
        assertThrows(ValidationException.class,
                () -> products.update(Map.of("price", new BigDecimal("9.999")), Where.eq("email", "a@x.org"))
                        .block());
        assertEquals(List.of(), t.statements(), "refused before any SQL");
        assertEquals(0L, products.count().block());

        // definition-time refusals: no conversion path for elements of a custom type
        assertThrows(IllegalArgumentException.class, () -> DataTypes.ARRAY(MONEY));
        assertThrows(IllegalArgumentException.class, () -> new CustomType<String, String>("NESTED", String.class,
                CI_STRING) {
            @Override
            public String toDriver(String value) {
                return value;
            }

            @Override
            public String fromDriver(String value) {
                return value;
            }
        });
    }

    @DatabaseTest
    void queryInterfaceCreatesColumnsOfTheStorageOrDeclaredType(TestDb t) {
        var qi = t.db().queryInterface();
        qi.createTable("dt_ledger", m -> m.attribute("amount", MONEY, a -> a.defaultValue(new BigDecimal("1.25"))))
                .block();
        t.clearStatements();
        qi.addColumn("dt_ledger", "owner", CI_STRING).block();
        if (t.is("h2")) {
            assertTrue(t.statements().stream().anyMatch(s -> s.contains("VARCHAR_IGNORECASE(100)")),
                    t.statements().toString());
        }
        // the table takes the storage values: cents and text, with the converted default
        t.rawUpdate("INSERT INTO " + t.q("dt_ledger") + " (" + t.q("owner") + ") VALUES ('ada')").block();
        Map<String, Object> row = t.raw("SELECT " + t.q("amount") + ", " + t.q("owner") + " FROM "
                + t.q("dt_ledger")).blockFirst();
        assertEquals(125L, ((Number) row.get("amount")).longValue());
        assertEquals("ada", row.get("owner"));
        qi.dropTable("dt_ledger").block();
    }

    private static List<String> emails(Model<Instance> products, Where where) {
        return products.findAll(q -> q.where(where)).map(i -> (String) i.get("email")).collectList().block()
                .stream().sorted().toList();
    }
}
