package io.resequel.migrate;

import io.resequel.sql.Bind;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * Works around r2dbc-h2 (1.1.0), which cuts every statement at each {@code ;} before H2 parses it, even one inside
 * a string literal: a literal holding a semicolon becomes a bound parameter and a comment holding one is dropped, so
 * the text the driver sees has none left. A semicolon inside a quoted identifier or a dollar-quoted body cannot be
 * moved out and still fails on H2.
 */
final class SemicolonFree {

    private SemicolonFree() {
    }

    /**
     * @param statement one statement (already split)
     * @param dialect   the dialect, for placeholders
     * @return the statement without semicolons in literals and comments, with their values bound
     */
    static Sql of(String statement, Dialect dialect) {
        if (statement.indexOf(';') < 0) {
            return Sql.of(statement);
        }
        StringBuilder out = new StringBuilder();
        List<Bind> binds = new ArrayList<>();
        int n = statement.length();
        int i = 0;
        while (i < n) {
            char c = statement.charAt(i);
            if (c == '\'') {
                int end = literalEnd(statement, i);
                String literal = statement.substring(i, end);
                if (literal.indexOf(';') >= 0) {
                    out.append(dialect.placeholder(binds.size()));
                    binds.add(new Bind(literal.substring(1, literal.length() - 1).replace("''", "'"), null));
                } else {
                    out.append(literal);
                }
                i = end;
            } else if (c == '-' && i + 1 < n && statement.charAt(i + 1) == '-') {
                int e = statement.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
                out.append('\n');
            } else if (c == '/' && i + 1 < n && statement.charAt(i + 1) == '*') {
                int e = statement.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return new Sql(out.toString(), binds);
    }

    private static int literalEnd(String s, int i) {
        int j = i + 1;
        while (j < s.length()) {
            if (s.charAt(j) == '\'') {
                if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return s.length();
    }
}
