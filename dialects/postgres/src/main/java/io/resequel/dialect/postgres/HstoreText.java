package io.resequel.dialect.postgres;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text form of PostgreSQL's hstore ({@code "a"=>"1", "b"=>NULL}): values are bound as this text with the
 * unspecified type, and read back from it, since r2dbc-postgresql has no hstore codec without the extension's OID.
 */
final class HstoreText {

    private HstoreText() {
    }

    /** @param map string keys to strings or nulls @return its hstore text, every key and value quoted */
    static String format(Map<?, ?> map) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            quote(s, e.getKey().toString()).append("=>");
            if (e.getValue() == null) {
                s.append("NULL");
            } else {
                quote(s, e.getValue().toString());
            }
        }
        return s.toString();
    }

    private static StringBuilder quote(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\');
            }
            s.append(c);
        }
        return s.append('"');
    }

    /** @param text hstore output (keys and values quoted, NULL unquoted) @return the map, in the text's order */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] pos = {0};
        while (true) {
            skipSpaces(text, pos);
            if (pos[0] >= text.length()) {
                return Collections.unmodifiableMap(out);
            }
            String key = token(text, pos);
            skipSpaces(text, pos);
            pos[0] += 2; // =>
            skipSpaces(text, pos);
            String value = token(text, pos);
            out.put(key, value);
            skipSpaces(text, pos);
            if (pos[0] < text.length() && text.charAt(pos[0]) == ',') {
                pos[0]++;
            }
        }
    }

    private static void skipSpaces(String text, int[] pos) {
        while (pos[0] < text.length() && Character.isWhitespace(text.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    /** A quoted string (backslash escapes), or an unquoted word where NULL is the null value. */
    private static String token(String text, int[] pos) {
        StringBuilder s = new StringBuilder();
        if (text.charAt(pos[0]) == '"') {
            int i = pos[0] + 1;
            while (text.charAt(i) != '"') {
                if (text.charAt(i) == '\\') {
                    i++;
                }
                s.append(text.charAt(i++));
            }
            pos[0] = i + 1;
            return s.toString();
        }
        int i = pos[0];
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ','
                && !text.startsWith("=>", i)) {
            s.append(text.charAt(i++));
        }
        pos[0] = i;
        String word = s.toString();
        return word.equalsIgnoreCase("NULL") ? null : word;
    }
}
