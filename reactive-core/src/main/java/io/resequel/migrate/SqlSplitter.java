package io.resequel.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at the semicolons that end them, never at one inside a string literal, a
 * quoted identifier, a comment or a dollar-quoted body ({@code $$ ... $$}, {@code $fn$ ... $fn$}: PostgreSQL
 * functions, H2 aliases). Comments before a statement are dropped (so errors and logs show the statement itself),
 * comments inside it are kept. Client commands such as MySQL's {@code DELIMITER} are not
 * SQL and are not understood: write a routine's body without them (a statement ends only at a top-level semicolon).
 */
public final class SqlSplitter {

    private final boolean backslashEscapes;
    private final boolean hashComments;

    /**
     * @param backslashEscapes whether a backslash escapes a quote in a string literal (MySQL's default mode)
     * @param hashComments     whether {@code #} starts a comment (MySQL)
     */
    public SqlSplitter(boolean backslashEscapes, boolean hashComments) {
        this.backslashEscapes = backslashEscapes;
        this.hashComments = hashComments;
    }

    /**
     * @param script a script of one or more statements
     * @return its statements, trimmed, without the ending semicolons
     * @throws IllegalArgumentException for an unterminated literal, identifier, comment or dollar-quoted body
     */
    public List<String> split(String script) {
        List<String> out = new ArrayList<>();
        int n = script.length();
        int start = 0;
        int i = 0;
        boolean code = false;
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = quoted(script, i, c);
                code = true;
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-' || hashComments && c == '#') {
                int e = script.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
                start = code ? start : i;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int e = script.indexOf("*/", i + 2);
                if (e < 0) {
                    throw new IllegalArgumentException("unterminated comment at offset " + i);
                }
                i = e + 2;
                start = code ? start : i;
            } else if (c == '$' && dollarTagEnd(script, i) > 0) {
                int tagEnd = dollarTagEnd(script, i);
                String tag = script.substring(i, tagEnd);
                int e = script.indexOf(tag, tagEnd);
                if (e < 0) {
                    throw new IllegalArgumentException("unterminated dollar-quoted body " + tag + " at offset " + i);
                }
                i = e + tag.length();
                code = true;
            } else if (c == ';') {
                add(out, script.substring(start, i), code);
                code = false;
                start = ++i;
            } else {
                if (!Character.isWhitespace(c)) {
                    code = true;
                }
                i++;
            }
        }
        add(out, script.substring(start), code);
        return out;
    }

    private static void add(List<String> out, String piece, boolean code) {
        String s = piece.strip();
        if (code && !s.isEmpty()) {
            out.add(s);
        }
    }

    private int quoted(String s, int i, char q) {
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\' && backslashEscapes && q == '\'') {
                j += 2;
            } else if (c == q) {
                if (j + 1 < n && s.charAt(j + 1) == q) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        throw new IllegalArgumentException("unterminated " + q + " at offset " + i);
    }

    /** @return the end of a {@code $tag$} opening at {@code i}, or -1 (a {@code $1} bind or {@code a$b} name is none) */
    private static int dollarTagEnd(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return -1;
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_'
                || j > i + 1 && Character.isDigit(s.charAt(j)))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? j + 1 : -1;
    }
}
