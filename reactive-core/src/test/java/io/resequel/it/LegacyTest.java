package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.error.InstanceException;
import io.resequel.error.ResequelException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import reactor.test.StepVerifier;

/**
 * REFERENCE §23: a legacy schema made with raw DDL (odd table and column names, natural and caller-supplied keys, a
 * composite key, a table without a key, no timestamps) used only through models — never synced.
 */
class LegacyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The legacy schema, created with plain R2DBC. */
    static void schema(TestDb t) {
        String date = "DATE";
        t.rawUpdate("CREATE TABLE " + t.q("tbl_cust") + " (" + t.q("cust_no") + " VARCHAR(10) NOT NULL PRIMARY KEY, "
                + t.q("cust_nm") + " VARCHAR(60) NOT NULL, " + t.q("credit_lim") + " INTEGER, " + t.q("tax_no")
                + " VARCHAR(12) UNIQUE)").block();
        t.rawUpdate("CREATE TABLE " + t.q("tbl_ord") + " (" + t.q("ord_id") + " INTEGER NOT NULL PRIMARY KEY, "
                + t.q("cust_ref") + " VARCHAR(10) REFERENCES " + t.q("tbl_cust") + " (" + t.q("cust_no") + "), "
                + t.q("ord_dt") + " " + date + ", " + t.q("ord_amt") + " INTEGER)").block();
        t.rawUpdate("CREATE TABLE " + t.q("tbl_ord_line") + " (" + t.q("ord_ref") + " INTEGER NOT NULL, "
                + t.q("line_no") + " INTEGER NOT NULL, " + t.q("qty_n") + " INTEGER, PRIMARY KEY (" + t.q("ord_ref")
                + ", " + t.q("line_no") + "), FOREIGN KEY (" + t.q("ord_ref") + ") REFERENCES " + t.q("tbl_ord") + " ("
                + t.q("ord_id") + "))").block();
        t.rawUpdate("CREATE TABLE " + t.q("tbl_inv") + " (" + t.q("inv_no") + " INTEGER NOT NULL PRIMARY KEY, "
                + t.q("tax_ref") + " VARCHAR(12), " + t.q("inv_amt") + " INTEGER)").block();
        t.rawUpdate("CREATE TABLE " + t.q("tbl_audit") + " (" + t.q("evt_txt") + " VARCHAR(60), " + t.q("evt_n")
                + " INTEGER)").block();
    }

    static Model<Instance> customers(TestDb t) {
        return t.db().define("Customer", m -> m
                .attribute("custNo", DataTypes.STRING(10), a -> a.field("cust_no").primaryKey(true))
                .attribute("name", DataTypes.STRING(60), a -> a.field("cust_nm").allowNull(false))
                .attribute("credit", DataTypes.INTEGER, a -> a.field("credit_lim"))
                .attribute("taxNo", DataTypes.STRING(12), a -> a.field("tax_no").unique(true))
                .options(o -> o.tableName("tbl_cust").timestamps(false)));
    }

    static Model<Instance> orders(TestDb t) {
        return t.db().define("Order", m -> m
                .attribute("orderId", DataTypes.INTEGER, a -> a.field("ord_id").primaryKey(true))
                .attribute("orderedOn", DataTypes.DATEONLY, a -> a.field("ord_dt"))
                .attribute("amount", DataTypes.INTEGER, a -> a.field("ord_amt"))
                .options(o -> o.tableName("tbl_ord").timestamps(false)));
    }

    static Model<Instance> lines(TestDb t) {
        return t.db().define("OrderLine", m -> m
                .attribute("orderId", DataTypes.INTEGER, a -> a.field("ord_ref").primaryKey(true))
                .attribute("lineNo", DataTypes.INTEGER, a -> a.field("line_no").primaryKey(true))
                .attribute("qty", DataTypes.INTEGER, a -> a.field("qty_n"))
                .options(o -> o.tableName("tbl_ord_line").timestamps(false)));
    }

    static Map<String, Object> row(TestDb t, String sql) {
        return t.raw(sql).blockFirst();
    }

    @DatabaseTest
    void naturalKeyWithoutAutoIncrementOrTimestamps(TestDb t) {
        schema(t);
        Model<Instance> customers = customers(t);
        assertEquals("tbl_cust", customers.tableName());
        assertFalse(customers.definition().attribute("custNo").autoIncrement());
        assertFalse(customers.definition().hasAttribute("id"));
        assertFalse(customers.definition().hasAttribute("createdAt"));

        Instance acme = customers.create(Map.of("custNo", "C-1", "name", "Acme", "credit", 100)).block();
        assertEquals("C-1", acme.get("custNo"));
        Map<String, Object> stored = row(t, "SELECT * FROM " + t.q("tbl_cust"));
        assertEquals("C-1", stored.get("cust_no"));
        assertEquals("Acme", stored.get("cust_nm"));
        assertEquals(4, stored.size(), stored.toString());

        Instance found = customers.findByPk("C-1").block();
        assertEquals("Acme", found.get("name"));
        assertEquals(100, ((Number) found.get("credit")).intValue());

        found.set("name", "Acme Ltd");
        found.save().block();
        assertEquals("Acme Ltd", row(t, "SELECT " + t.q("cust_nm") + " AS n FROM " + t.q("tbl_cust")).get("n"));
        found.update(Map.of("credit", 150)).block();
        found.increment("credit", 5).block();
        assertEquals(155, ((Number) found.reload().block().get("credit")).intValue());

        found.destroy().block();
        assertNull(customers.findByPk("C-1").block());
        assertEquals(0L, ((Number) row(t, "SELECT COUNT(*) AS n FROM " + t.q("tbl_cust")).get("n")).longValue());
    }

    @DatabaseTest
    void findersAndBulkOperationsUseTheColumns(TestDb t) {
        schema(t);
        Model<Instance> customers = customers(t);
        List<Instance> made = customers.bulkCreate(List.of(
                Map.of("custNo", "C-1", "name", "Acme", "credit", 10),
                Map.of("custNo", "C-2", "name", "Bolt", "credit", 20),
                Map.of("custNo", "C-3", "name", "Cogs", "credit", 30))).collectList().block();
        assertEquals(3, made.size());
        assertEquals("C-2", made.get(1).get("custNo"));

        List<String> names = customers.findAll(q -> q.where(Where.where("credit", io.resequel.query.Op.GTE, 20))
                .order(Order.desc("name"))).map(i -> (String) i.get("name")).collectList().block();
        assertEquals(List.of("Cogs", "Bolt"), names);
        assertEquals(2L, customers.count(Where.where("name", io.resequel.query.Op.LIKE, "%o%")).block());
        assertEquals(30, ((Number) customers.max("credit", null).block()).intValue());

        assertEquals(2L, customers.update(Map.of("credit", 0), Where.in("custNo", List.of("C-1", "C-2"))).block());
        assertEquals(2L, customers.increment(Map.of("credit", 7), Where.in("custNo", List.of("C-2", "C-3"))).block());
        Map<String, Integer> credits = t.raw("SELECT " + t.q("cust_no") + " AS k, " + t.q("credit_lim") + " AS c FROM "
                        + t.q("tbl_cust")).collectMap(r -> (String) r.get("k"), r -> ((Number) r.get("c")).intValue())
                .block();
        assertEquals(Map.of("C-1", 0, "C-2", 7, "C-3", 37), credits);

        // hand-written SQL on the legacy columns, mapped to the model by field
        List<Instance> raw = t.db().select("SELECT * FROM " + t.q("tbl_cust") + " WHERE " + t.q("credit_lim")
                + " > $1 ORDER BY " + t.q("cust_no"), customers, o -> o.bind(5)).collectList().block();
        assertEquals(List.of("Bolt", "Cogs"), raw.stream().map(i -> i.get("name")).collect(Collectors.toList()));
        assertEquals("C-2", raw.get(0).get("custNo"));
        assertFalse(raw.get(0).isNewRecord());
        raw.get(0).update(Map.of("name", "Bolt & Co")).block();
        assertEquals("Bolt & Co", customers.findByPk("C-2").block().get("name"));

        assertEquals(1L, customers.destroy(Where.eq("name", "Acme")).block());
        assertEquals(2L, customers.count().block());
    }

    @DatabaseTest
    void associationsOnLegacyKeys(TestDb t) {
        schema(t);
        Model<Instance> customers = customers(t);
        Model<Instance> orders = orders(t);
        HasMany<Instance, Instance> custOrders = customers.hasMany(orders, a -> a.as("orders")
                .foreignKey("customerNo", "cust_ref", true).sourceKey("custNo"));
        BelongsTo<Instance, Instance> orderCust = orders.belongsTo(customers, a -> a.as("customer")
                .foreignKey("customerNo", "cust_ref", true).targetKey("custNo"));
        assertEquals("cust_ref", orders.definition().fieldOf("customerNo"));

        customers.bulkCreate(List.of(Map.of("custNo", "C-1", "name", "Acme"), Map.of("custNo", "C-2", "name", "Bolt")))
                .blockLast();
        Instance acme = customers.findByPk("C-1").block();
        custOrders.create(acme, Map.of("orderId", 101, "orderedOn", LocalDate.of(2020, 1, 2), "amount", 5)).block();
        custOrders.create(acme, Map.of("orderId", 102, "orderedOn", LocalDate.of(2020, 3, 4), "amount", 50)).block();
        orders.create(Map.of("orderId", 201, "orderedOn", LocalDate.of(2021, 1, 1), "amount", 9, "customerNo", "C-2"))
                .block();
        orders.create(Map.of("orderId", 301, "amount", 1)).block();
        assertEquals("C-1", row(t, "SELECT " + t.q("cust_ref") + " AS r FROM " + t.q("tbl_ord") + " WHERE "
                + t.q("ord_id") + " = 102").get("r"));

        assertEquals(2L, custOrders.count(acme).block());
        assertEquals(List.of(102, 101), custOrders.get(acme, q -> q.order(Order.desc("orderedOn")))
                .map(o -> ((Number) o.get("orderId")).intValue()).collectList().block());
        Instance lone = orders.findByPk(301).block();
        assertNull(orderCust.get(lone).block());
        orderCust.set(lone, "C-2").block();
        assertEquals("C-2", row(t, "SELECT " + t.q("cust_ref") + " AS r FROM " + t.q("tbl_ord") + " WHERE "
                + t.q("ord_id") + " = 301").get("r"));
        assertEquals("Bolt", orderCust.get(orders.findByPk(301).block()).block().get("name"));

        // include with where and order on field-mapped attributes
        List<Instance> withOrders = customers.findAll(q -> q
                .include(Include.of(orders).as("orders").where(Where.where("amount", io.resequel.query.Op.GTE, 5)))
                .order(Order.asc("name"), Order.desc("orders.orderedOn"))).collectList().block();
        assertEquals(2, withOrders.size());
        assertEquals(List.of(102, 101), withOrders.get(0).getMany("orders", Instance.class).stream()
                .map(o -> ((Number) o.get("orderId")).intValue()).collect(Collectors.toList()));
        assertEquals(List.of(201), withOrders.get(1).getMany("orders", Instance.class).stream()
                .map(o -> ((Number) o.get("orderId")).intValue()).collect(Collectors.toList()));
        List<Instance> big = customers.findAll(q -> q.include(Include.of(orders).as("orders").required(true)
                .where(Where.where("amount", io.resequel.query.Op.GT, 10)))).collectList().block();
        assertEquals(1, big.size());
        assertEquals("C-1", big.get(0).get("custNo"));

        Instance o = orders.findOne(q -> q.include("customer").where("orderId", 201)).block();
        assertEquals("Bolt", o.getOne("customer", Instance.class).get("name"));
        List<Instance> separate = customers.findAll(q -> q.include(Include.of(orders).as("orders").separate(true)
                .order(Order.asc("amount"))).order(Order.asc("custNo"))).collectList().block();
        assertEquals(List.of(101, 102), separate.get(0).getMany("orders", Instance.class).stream()
                .map(x -> ((Number) x.get("orderId")).intValue()).collect(Collectors.toList()));

        assertEquals(2L, orders.destroy(Where.eq("customerNo", "C-2")).block());
    }

    @DatabaseTest
    void associationsOnANonKeyUniqueColumn(TestDb t) {
        schema(t);
        Model<Instance> customers = customers(t);
        Model<Instance> invoices = t.db().define("Invoice", m -> m
                .attribute("invoiceNo", DataTypes.INTEGER, a -> a.field("inv_no").primaryKey(true))
                .attribute("amount", DataTypes.INTEGER, a -> a.field("inv_amt"))
                .options(o -> o.tableName("tbl_inv").timestamps(false)));
        HasMany<Instance, Instance> billed = customers.hasMany(invoices, a -> a.as("invoices")
                .foreignKey("taxRef", "tax_ref", true).sourceKey("taxNo").constraints(false));
        BelongsTo<Instance, Instance> payer = invoices.belongsTo(customers, a -> a.as("payer")
                .foreignKey("taxRef", "tax_ref", true).targetKey("taxNo").constraints(false));
        Instance acme = customers.create(Map.of("custNo", "C-1", "name", "Acme", "taxNo", "T-77")).block();
        customers.create(Map.of("custNo", "C-2", "name", "Bolt", "taxNo", "T-88")).block();
        billed.create(acme, Map.of("invoiceNo", 1, "amount", 10)).block();
        billed.add(acme, invoices.create(Map.of("invoiceNo", 2, "amount", 20)).block()).block();
        assertEquals(2L, ((Number) row(t, "SELECT COUNT(*) AS n FROM " + t.q("tbl_inv") + " WHERE " + t.q("tax_ref")
                + " = 'T-77'").get("n")).longValue());
        assertEquals(2L, billed.count(acme).block());
        Instance inv = invoices.findOne(q -> q.include("payer").where("invoiceNo", 2)).block();
        assertEquals("Acme", inv.getOne("payer", Instance.class).get("name"));
        payer.set(inv, customers.findByPk("C-2").block()).block();
        assertEquals("T-88", row(t, "SELECT " + t.q("tax_ref") + " AS r FROM " + t.q("tbl_inv") + " WHERE "
                + t.q("inv_no") + " = 2").get("r"));
        List<Instance> all = customers.findAll(q -> q.include("invoices").order(Order.asc("custNo"),
                Order.asc("invoices.invoiceNo"))).collectList().block();
        assertEquals(List.of(1, 1), all.stream().map(c -> c.getMany("invoices", Instance.class).size())
                .collect(Collectors.toList()));
    }

    @DatabaseTest
    void compositePrimaryKey(TestDb t) {
        schema(t);
        Model<Instance> orders = orders(t);
        Model<Instance> lines = lines(t);
        HasMany<Instance, Instance> orderLines = orders.hasMany(lines, a -> a.as("lines")
                .foreignKey("orderId", "ord_ref", false));
        assertEquals(List.of("orderId", "lineNo"), lines.definition().primaryKeys().stream()
                .map(a -> a.name()).collect(Collectors.toList()));
        orders.bulkCreate(List.of(Map.of("orderId", 1, "amount", 10), Map.of("orderId", 2, "amount", 20))).blockLast();
        lines.bulkCreate(List.of(Map.of("orderId", 1, "lineNo", 1, "qty", 3), Map.of("orderId", 1, "lineNo", 2,
                "qty", 4), Map.of("orderId", 2, "lineNo", 1, "qty", 5))).blockLast();

        StepVerifier.create(lines.findByPk(1)).expectErrorSatisfies(e -> {
            assertTrue(e instanceof ResequelException, e.toString());
            assertTrue(e.getMessage().contains("composite primary key"), e.getMessage());
        }).verify(WAIT);

        Instance l12 = lines.findOne(q -> q.where(Where.and(Where.eq("orderId", 1), Where.eq("lineNo", 2)))).block();
        assertEquals(4, ((Number) l12.get("qty")).intValue());
        l12.set("qty", 40);
        l12.save().block();
        assertEquals(40, ((Number) row(t, "SELECT " + t.q("qty_n") + " AS q FROM " + t.q("tbl_ord_line") + " WHERE "
                + t.q("ord_ref") + " = 1 AND " + t.q("line_no") + " = 2").get("q")).intValue());
        assertEquals(3, ((Number) row(t, "SELECT " + t.q("qty_n") + " AS q FROM " + t.q("tbl_ord_line") + " WHERE "
                + t.q("ord_ref") + " = 1 AND " + t.q("line_no") + " = 1").get("q")).intValue());
        t.rawUpdate("UPDATE " + t.q("tbl_ord_line") + " SET " + t.q("qty_n") + " = 41 WHERE " + t.q("ord_ref")
                + " = 1 AND " + t.q("line_no") + " = 2").block();
        assertEquals(41, ((Number) l12.reload().block().get("qty")).intValue());
        l12.increment("qty", 1).block();
        assertEquals(42, ((Number) l12.reload().block().get("qty")).intValue());

        Instance created = orderLines.create(orders.findByPk(2).block(), Map.of("lineNo", 2, "qty", 6)).block();
        assertEquals(2, ((Number) created.get("orderId")).intValue());
        List<Instance> withLines = orders.findAll(q -> q.include(Include.of(lines).as("lines"))
                .order(Order.asc("orderId"), Order.asc("lines.lineNo"))).collectList().block();
        assertEquals(List.of(2, 2), withLines.stream().map(x -> x.getMany("lines", Instance.class).size())
                .collect(Collectors.toList()));
        assertEquals(2L, orderLines.count(withLines.get(1)).block());

        l12.destroy().block();
        assertEquals(3L, lines.count().block());
        assertNull(lines.findOne(q -> q.where(Where.and(Where.eq("orderId", 1), Where.eq("lineNo", 2)))).block());
        assertEquals(1L, lines.count(Where.eq("orderId", 1)).block());
        assertEquals(2L, lines.destroy(Where.eq("orderId", 2)).block());
    }

    @DatabaseTest
    void tableWithoutPrimaryKey(TestDb t) {
        schema(t);
        Model<Instance> audit = t.db().define("Audit", m -> m
                .removeAttribute("id")
                .attribute("text", DataTypes.STRING(60), a -> a.field("evt_txt"))
                .attribute("n", DataTypes.INTEGER, a -> a.field("evt_n"))
                .options(o -> o.tableName("tbl_audit").timestamps(false)));
        assertTrue(audit.definition().primaryKeys().isEmpty());
        audit.create(Map.of("text", "login", "n", 1)).block();
        audit.bulkCreate(List.of(Map.of("text", "logout", "n", 2))).blockLast();
        assertEquals(2L, ((Number) row(t, "SELECT COUNT(*) AS c FROM " + t.q("tbl_audit")).get("c")).longValue());

        Instance login = audit.findOne(q -> q.where("text", "login")).block();
        assertEquals(1, ((Number) login.get("n")).intValue());
        login.set("n", 9);
        StepVerifier.create(login.save()).expectError(InstanceException.class).verify(WAIT);
        StepVerifier.create(login.destroy()).expectError(InstanceException.class).verify(WAIT);
        StepVerifier.create(login.reload()).expectError(InstanceException.class).verify(WAIT);
        StepVerifier.create(login.increment("n", 1)).expectError(InstanceException.class).verify(WAIT);
        StepVerifier.create(audit.findByPk(1)).expectError(ResequelException.class).verify(WAIT);

        // the static forms with an explicit where work
        assertEquals(1L, audit.update(Map.of("n", 9), Where.eq("text", "login")).block());
        assertEquals(9, ((Number) audit.findOne(q -> q.where("text", "login")).block().get("n")).intValue());
        assertEquals(1L, audit.destroy(Where.eq("text", "logout")).block());
        assertEquals(1L, audit.count().block());
    }
}
