package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Models defined as Java classes with {@code @Table} and attribute constants. */
class TypedModelTest {

    @DatabaseTest
    void typedWhereOrderAndGet(TestDb t) {
        Model<Customer> customers = t.db().define(Customer.class);
        assertEquals("Customers", customers.tableName());
        t.db().sync().block();
        customers.bulkCreate(List.of(
                Map.of("firstName", "Ada", "age", 36, "balance", new BigDecimal("10.50"), "tier", Customer.Tier.PRO),
                Map.of("firstName", "Bob", "age", 17, "tier", "FREE"),
                Map.of("firstName", "Cy", "age", 52, "tier", Customer.Tier.FREE))).blockLast();
        List<Customer> adults = customers.findAll(q -> q.where(Customer.AGE.gte(18)).order(Customer.FIRST_NAME.desc()))
                .collectList().block();
        assertEquals(List.of("Cy", "Ada"), adults.stream().map(Customer::getFirstName).toList());
        Customer ada = adults.get(1);
        assertInstanceOf(Customer.class, ada);
        assertEquals(36, ada.getAge());
        assertEquals(Customer.Tier.PRO, ada.getTier());
        assertEquals(new BigDecimal("10.50"), ada.get(Customer.BALANCE));
        Map<String, Object> row = t.raw("SELECT * FROM " + t.q("Customers") + " WHERE " + t.q("first_name")
                + " = 'Ada'").blockFirst();
        assertEquals(Set.of("id", "first_name", "age", "balance", "tier", "created_at", "updated_at"), row.keySet());
        assertEquals("PRO", row.get("tier"));
    }

    @DatabaseTest
    void typedSetAndSave(TestDb t) {
        Model<Customer> customers = t.db().define(Customer.class);
        t.db().sync().block();
        Customer c = customers.create(Map.of("firstName", "Ada")).block();
        c.set(Customer.AGE, 40).set(Customer.TIER.name(), Customer.Tier.PRO);
        c.save().block();
        Customer back = customers.findOne(q -> q.where(Customer.FIRST_NAME.eq("Ada"))).block();
        assertEquals(40, back.getAge());
        assertEquals(Customer.Tier.PRO, back.getTier());
        assertEquals(1L, customers.count(Customer.AGE.in(40, 41)).block());
    }
}
