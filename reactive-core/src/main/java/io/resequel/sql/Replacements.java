package io.resequel.sql;

import io.resequel.error.ResequelException;
import io.resequel.query.QueryOptions;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns hand-written SQL with replacements ({@code :name}, {@code ?}) or bind parameters ({@code $name}, {@code $1})
 * into dialect placeholders and bind values. Values are never written into the text, so a value containing
 * {@code :other} or {@code ?} stays a value; markers inside literals, quoted identifiers and comments are text.
 */
public final class Replacements {

    private Replacements() {
    }

    /**
     * @param dialect the dialect
     * @param sql     the SQL
     * @param options the replacements or binds
     * @return the statement
     * @throws ResequelException for a placeholder without a value
     */
    public static Sql render(Dialect dialect, String sql, QueryOptions options) {
        SqlWriter w = new SqlWriter(dialect);
        boolean binds = options.namedBinds() != null || options.positionalBinds() != null;
        int[] next = {0};
        SqlScanner.scan(sql, dialect.backslashEscapes(), binds, new SqlScanner.Listener() {
            @Override
            public void text(String text) {
                w.append(text);
            }

            @Override
            public void positional() {
                List<Object> values = options.positionalReplacements();
                if (binds || values == null && options.namedReplacements() == null) {
                    w.append('?');
                    return;
                }
                if (values == null || next[0] >= values.size()) {
                    throw new ResequelException("RSQ-332 positional replacement (?) " + (next[0] + 1)
                            + " has no entry in the replacement list");
                }
                value(w, values.get(next[0]++));
            }

            @Override
            public void named(String name) {
                Map<String, Object> values = options.namedReplacements();
                if (binds || values == null) {
                    w.append(':').append(name);
                    return;
                }
                if (!values.containsKey(name)) {
                    throw new ResequelException("RSQ-332 named replacement \":" + name
                            + "\" has no entry in the replacement map");
                }
                value(w, values.get(name));
            }

            @Override
            public void bind(String name) {
                if (Character.isDigit(name.charAt(0))) {
                    List<Object> values = options.positionalBinds();
                    int index = Integer.parseInt(name) - 1;
                    // $01 is not $1 (as Sequelize): a leading zero names no parameter.
                    if (values == null || index < 0 || index >= values.size() || name.charAt(0) == '0') {
                        throw new ResequelException("RSQ-333 bind parameter $" + name + " has no value");
                    }
                    w.bind(values.get(index), null);
                } else {
                    Map<String, Object> values = options.namedBinds();
                    if (values == null || !values.containsKey(name)) {
                        throw new ResequelException("RSQ-333 named bind parameter \"$" + name
                                + "\" has no value in the given map");
                    }
                    w.bind(values.get(name), null);
                }
            }
        });
        return w.toSql();
    }

    /**
     * A collection becomes a comma list of placeholders ({@code IN (:ids)}); a collection of collections becomes
     * parenthesised rows ({@code VALUES ?} with {@code [[a, b], [c, d]]} is {@code VALUES (?, ?), (?, ?)}).
     */
    private static void value(SqlWriter w, Object v) {
        if (v instanceof Collection<?> c) {
            if (c.isEmpty()) {
                w.append("NULL");
                return;
            }
            int i = 0;
            for (Object e : c) {
                if (i++ > 0) {
                    w.append(", ");
                }
                if (e instanceof Collection<?> row) {
                    w.append('(');
                    value(w, row);
                    w.append(')');
                } else {
                    w.bind(e, null);
                }
            }
        } else {
            w.bind(v, null);
        }
    }
}
