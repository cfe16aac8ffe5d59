package io.resequel.sql;

/**
 * Finds placeholders in hand-written SQL: {@code ?}, {@code :name} and {@code $1}/{@code $name}, skipping string
 * literals, quoted identifiers, comments, PostgreSQL dollar-quoted strings and {@code ::} casts, so a marker inside
 * any of them is never taken for a placeholder.
 */
public final class SqlScanner {

    /** What the scanner reports. */
    public interface Listener {
        /** @param sql text to copy unchanged */
        void text(String sql);

        /** A {@code ?}. */
        void positional();

        /** @param name the name of a {@code :name} */
        void named(String name);

        /** @param name the number or name of a {@code $1} / {@code $name} */
        void bind(String name);
    }

    private SqlScanner() {
    }

    /**
     * @param sql              the SQL
     * @param backslashEscapes whether a backslash escapes a quote inside string literals (MySQL's default)
     * @param dollarBinds      whether {@code $1}/{@code $name} are bind parameters and {@code $$} an escaped {@code $}
     * @param listener         receives text and placeholders in order
     * @throws IllegalArgumentException for an unterminated literal or comment
     */
    public static void scan(String sql, boolean backslashEscapes, boolean dollarBinds, Listener listener) {
        int n = sql.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c, backslashEscapes && c == '\'');
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                if (e < 0) {
                    throw new IllegalArgumentException("RSQ-330 unterminated comment in: " + sql);
                }
                i = e + 2;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                i += 2;
            } else if (c == '?') {
                listener.text(sql.substring(start, i));
                listener.positional();
                start = ++i;
            } else if (c == ':' && i + 1 < n && isNameStart(sql.charAt(i + 1)) && (i == 0 || !isNamePart(sql.charAt(i - 1)))) {
                int e = nameEnd(sql, i + 1);
                listener.text(sql.substring(start, i));
                listener.named(sql.substring(i + 1, e));
                start = i = e;
            } else if (c == '$') {
                int tagEnd = dollarTag(sql, i);
                if (tagEnd > 0) {
                    String tag = sql.substring(i, tagEnd);
                    int e = sql.indexOf(tag, tagEnd);
                    if (e < 0) {
                        throw new IllegalArgumentException("RSQ-330 unterminated dollar-quoted string in: " + sql);
                    }
                    i = e + tag.length();
                } else if (!dollarBinds) {
                    i++;
                } else if (i + 1 < n && sql.charAt(i + 1) == '$') {
                    listener.text(sql.substring(start, i + 1));
                    start = i = i + 2;
                } else if (i + 1 < n && (Character.isDigit(sql.charAt(i + 1)) || isNameStart(sql.charAt(i + 1)))
                        && (i == 0 || !isNamePart(sql.charAt(i - 1)))) {
                    int e = nameEnd(sql, i + 1);
                    listener.text(sql.substring(start, i));
                    listener.bind(sql.substring(i + 1, e));
                    start = i = e;
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
        listener.text(sql.substring(start));
    }

    private static int skipQuoted(String sql, int i, char q, boolean backslash) {
        int j = i + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == q) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == q) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        throw new IllegalArgumentException("RSQ-330 unterminated " + (q == '\'' ? "string literal" : "quoted identifier")
                + " in: " + sql);
    }

    /** @return the end of a {@code $tag$} opening at i, or -1 */
    private static int dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        // $$ alone is Sequelize's escaped dollar sign; a named $tag$ opens a dollar-quoted string.
        return j > i + 1 && j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private static int nameEnd(String sql, int i) {
        int j = i;
        while (j < sql.length() && isNamePart(sql.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
