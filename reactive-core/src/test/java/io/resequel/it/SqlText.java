package io.resequel.it;

import io.resequel.testkit.TestDb;
import java.util.List;

/**
 * Sequelize's {@code expectsql} convention for the ports of its {@code test/unit/sql} files: an expectation is written
 * once with {@code [name]} for a quoted identifier and {@code ?} for a bind parameter, and compared with the statement
 * a database was sent, whose placeholders ({@code $1}, {@code ?}) are read as {@code ?}.
 */
final class SqlText {

    private SqlText() {
    }

    /**
     * @param t    the database
     * @param text the expectation, {@code [x]} quoted as {@code t} quotes
     * @return the expectation in the database's quoting
     */
    static String of(TestDb t, String text) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = c == '[' ? text.indexOf(']', i) : -1;
            if (end > i) {
                b.append(t.q(text.substring(i + 1, end)));
                i = end + 1;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** @param sql a statement as sent @return it with {@code $n} placeholders written {@code ?} */
    static String normalized(String sql) {
        return sql.replaceAll("\\$\\d+", "?");
    }

    /** @param t the database @return the last statement it was sent, placeholders as {@code ?} */
    static String last(TestDb t) {
        List<String> s = t.statements();
        return normalized(s.get(s.size() - 1));
    }

    /** @param t the database @return every statement since the last clear, placeholders as {@code ?} */
    static List<String> all(TestDb t) {
        return t.statements().stream().map(SqlText::normalized).toList();
    }
}
