package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.FindOptions;
import io.resequel.query.Order;
import io.resequel.sql.Bind;
import io.resequel.sql.Sql;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ported from Sequelize v6.37.8 test/unit/sql/offset-limit.test.js. Limit and offset are bound values on every
 * database ({@code LIMIT ? OFFSET ?}, which MySQL/MariaDB read as Sequelize's {@code LIMIT 20, 10}); no ORDER BY is
 * added for a limit (Sequelize adds one only for MSSQL, Oracle and DB2).
 */
class SequelizeOffsetLimitSqlTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s.attribute("email", DataTypes.STRING)
                .options(o -> o.tableName("sw_limit_users").timestamps(false)));
        t.db().sync().block();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            rows.add(Map.of("id", i, "email", String.format("u%02d@x.org", i)));
        }
        m.bulkCreate(rows).blockLast();
        return m;
    }

    private static Sql sql(TestDb t, Model<Instance> m, FindOptions options) {
        return t.db().planner().select(m.definition(), options).sql();
    }

    private static List<Object> tail(Sql sql, int n) {
        List<Object> values = sql.binds().stream().map(Bind::value).toList();
        return values.subList(values.size() - n, values.size());
    }

    private static List<Object> emails(Model<Instance> m, FindOptions options) {
        return m.findAll(options).map(i -> i.get("email")).collectList().block();
    }

    private static String email(int i) {
        return String.format("u%02d@x.org", i);
    }

    @DatabaseTest
    void limitWithoutOrder(TestDb t) {
        Model<Instance> m = users(t);
        // {limit: 10}, and {limit: 10, order: []}: LIMIT alone, no ORDER BY added
        FindOptions options = FindOptions.builder().limit(10).build();
        Sql sql = sql(t, m, options);
        assertTrue(sql.text().matches(".* LIMIT (\\$\\d+|\\?)"), sql.text());
        assertTrue(!sql.text().contains("ORDER BY"), sql.text());
        assertEquals(List.of(10), tail(sql, 1));
        assertEquals(10, emails(m, options).size());
    }

    @DatabaseTest
    void limitWithOrder(TestDb t) {
        Model<Instance> m = users(t);
        // {limit: 10, order: [['email', 'DESC']]}
        FindOptions options = FindOptions.builder().limit(10).order(Order.desc("email")).build();
        Sql sql = sql(t, m, options);
        String order = ".* ORDER BY .*" + java.util.regex.Pattern.quote(t.q("email")) + " DESC LIMIT \\S+";
        assertTrue(sql.text().matches(order), sql.text());
        assertEquals(List.of(10), tail(sql, 1));
        List<Object> expected = new ArrayList<>();
        for (int i = 30; i > 20; i--) {
            expected.add(email(i));
        }
        assertEquals(expected, emails(m, options));
    }

    @DatabaseTest
    void limitAndOffset(TestDb t) {
        Model<Instance> m = users(t);
        // {limit: 10, offset: 20, order: [['email', 'DESC']]}: LIMIT 10 OFFSET 20 (MySQL's LIMIT 20, 10)
        FindOptions options = FindOptions.builder().limit(10).offset(20).order(Order.desc("email")).build();
        Sql sql = sql(t, m, options);
        assertTrue(sql.text().matches(".* DESC LIMIT \\S+ OFFSET \\S+"), sql.text());
        assertEquals(List.of(10, 20), tail(sql, 2));
        List<Object> expected = new ArrayList<>();
        for (int i = 10; i > 0; i--) {
            expected.add(email(i));
        }
        assertEquals(expected, emails(m, options));
    }
}
