package io.resequel.it.assoc;

import io.resequel.model.Instance;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Raw-SQL read-backs shared by the association tests (independent of the ORM's own reading). */
final class AssocSupport {

    static final Duration WAIT = Duration.ofSeconds(60);

    private AssocSupport() {
    }

    /** @return the rows of {@code SELECT <cols> FROM <table> [WHERE ...] ORDER BY <order>}, identifiers quoted */
    static List<Map<String, Object>> rows(TestDb t, String table, String where, String order, String... cols) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(t.q(cols[i]));
        }
        sql.append(" FROM ").append(t.q(table));
        if (where != null) {
            sql.append(" WHERE ").append(where);
        }
        if (order != null) {
            sql.append(" ORDER BY ").append(t.q(order));
        }
        return t.raw(sql.toString()).collectList().block(WAIT);
    }

    /** @return the number of rows of the table matching the (raw) condition */
    static long count(TestDb t, String table, String where) {
        Object n = t.raw("SELECT COUNT(*) AS n FROM " + t.q(table) + (where == null ? "" : " WHERE " + where))
                .blockFirst(WAIT).get("n");
        return ((Number) n).longValue();
    }

    /** @return the values of one column, ordered by another, as longs (null kept) */
    static List<Long> longs(TestDb t, String table, String col, String order) {
        List<Long> out = new ArrayList<>();
        for (Map<String, Object> r : rows(t, table, null, order, col)) {
            Object v = r.get(col);
            out.add(v == null ? null : ((Number) v).longValue());
        }
        return out;
    }

    /** @return {@code "col" = value} quoted for raw SQL */
    static String eq(TestDb t, String col, Object value) {
        return t.q(col) + " = " + (value instanceof String s ? "'" + s + "'" : String.valueOf(value));
    }

    /** @return the instance's primary key {@code id} as a long */
    static long id(Instance i) {
        return ((Number) Objects.requireNonNull(i.get("id"), "id")).longValue();
    }

    /** @return the value as a long, or null */
    static Long asLong(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    /**
     * @return the statements captured since the last clear that start with {@code verb} and contain all of the
     *         fragments (case-insensitive)
     */
    static List<String> matching(TestDb t, String verb, String... fragments) {
        List<String> out = new ArrayList<>();
        for (String s : t.statements()) {
            String lower = s.strip().toLowerCase(java.util.Locale.ROOT);
            boolean all = lower.startsWith(verb.toLowerCase(java.util.Locale.ROOT) + " ");
            for (String f : fragments) {
                all &= lower.contains(f.toLowerCase(java.util.Locale.ROOT));
            }
            if (all) {
                out.add(s);
            }
        }
        return out;
    }

    /** @return the CREATE TABLE statement of the table (by its quoted name) */
    static String createTable(TestDb t, String table) {
        List<String> found = matching(t, "CREATE TABLE", t.q(table) + " (");
        if (found.isEmpty()) {
            found = matching(t, "CREATE TABLE", t.q(table));
        }
        if (found.isEmpty()) {
            throw new AssertionError("no CREATE TABLE " + table + " in " + t.statements());
        }
        return found.get(0);
    }
}
