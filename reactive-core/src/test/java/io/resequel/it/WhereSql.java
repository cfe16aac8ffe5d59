package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.FindOptions;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.sql.Bind;
import io.resequel.sql.Sql;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@link Where} as Sequelize's unit/sql tests do, against our rendering: the WHERE text of the SELECT the
 * planner builds (placeholders written {@code ?}, identifiers in a template {@code [name]} or
 * {@code [table.name]} for a quoted column, {@code <name>} for any quoted identifier), the bound values, and the
 * rows the database returns for it.
 */
final class WhereSql {

    private static final Pattern DOLLAR = Pattern.compile("\\$\\d+");
    private static final Pattern COLUMN = Pattern.compile("\\[([A-Za-z_][^\\]\\s,?]*)]");
    private static final Pattern IDENT = Pattern.compile("<([^>]+)>");

    private final TestDb t;
    private final Model<Instance> model;
    private final String key;
    private final List<String> failures = new ArrayList<>();

    /** @param t the database @param model the queried model @param key the attribute rows are told apart by */
    WhereSql(TestDb t, Model<Instance> model, String key) {
        this.t = t;
        this.model = model;
        this.key = key;
    }

    /** @return the queried model */
    Model<Instance> model() {
        return model;
    }

    /** @return the planned statement of a findAll with this where */
    Sql sql(Where where) {
        return t.db().planner().select(model.definition(), FindOptions.builder().where(where).build()).sql();
    }

    /** @return the text after WHERE, placeholders as {@code ?} */
    String where(Where where) {
        String text = DOLLAR.matcher(sql(where).text()).replaceAll("?");
        int at = text.indexOf(" WHERE ");
        return at < 0 ? "" : text.substring(at + " WHERE ".length());
    }

    /** @return the bound values, as text (drivers take numbers of several classes) */
    List<String> binds(Where where) {
        List<String> out = new ArrayList<>();
        for (Bind b : sql(where).binds()) {
            out.add(b.value() instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(b.value()));
        }
        return out;
    }

    /** @return the template with {@code [col]}, {@code [alias.col]} and {@code <x>} quoted for the database */
    String expand(String template) {
        Matcher c = COLUMN.matcher(template);
        StringBuilder b = new StringBuilder();
        while (c.find()) {
            String[] parts = c.group(1).split("\\.");
            String quoted = parts.length == 1 ? t.q(parts[0]) : t.q(parts[0]) + "." + t.q(parts[1]);
            c.appendReplacement(b, Matcher.quoteReplacement(quoted));
        }
        c.appendTail(b);
        Matcher i = IDENT.matcher(b.toString());
        StringBuilder out = new StringBuilder();
        while (i.find()) {
            i.appendReplacement(out, Matcher.quoteReplacement(t.q(i.group(1))));
        }
        i.appendTail(out);
        return out.toString();
    }

    /** @return the key values of the matching rows, in key order */
    List<Object> rows(Where where) {
        return model.findAll(q -> q.where(where).order(Order.asc(key))).map(r -> r.get(key)).collectList().block();
    }

    /**
     * Checks the WHERE text, the binds and the rows; a mismatch is kept for {@link #done}.
     *
     * @param where    the condition
     * @param template the expected WHERE text ({@link #expand})
     * @param binds    the expected bound values, as text, or {@code null} not to check them
     * @param rows     the expected keys of the matching rows, or {@code null} not to run the query
     */
    void check(Where where, String template, List<?> binds, List<?> rows) {
        try {
            checkNow(where, template, binds, rows);
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }

    /** Fails with every mismatch {@link #check} collected, so one run shows them all. */
    void done() {
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " mismatch(es) on " + t.kind() + ":\n"
                    + String.join("\n", failures));
        }
    }

    private void checkNow(Where where, String template, List<?> binds, List<?> rows) {
        String sql = where(where);
        assertEquals(expand(template), sql, "SQL on " + t.kind());
        if (binds != null) {
            assertEquals(binds.stream().map(String::valueOf).toList(), binds(where), "binds of " + sql);
        }
        if (rows != null) {
            assertEquals(rows, rows(where), "rows of " + sql);
        }
    }
}
