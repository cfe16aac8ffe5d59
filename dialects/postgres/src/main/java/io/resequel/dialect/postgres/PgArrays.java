package io.resequel.dialect.postgres;

import io.resequel.model.DataType;
import java.lang.reflect.Array;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** ARRAY values: bound as a Java array of the element class (which r2dbc-postgresql encodes), read back as lists. */
final class PgArrays {

    private PgArrays() {
    }

    /** @param element the element type @return the Java array class bound and read ({@code Integer[]}) */
    static Class<?> arrayClass(DataType element) {
        return Array.newInstance(element.javaType(), 0).getClass();
    }

    /** @param element the element type @param value a coerced list (or a Java array) @return the Java array */
    static Object toDriver(DataType element, Object value) {
        if (value.getClass().isArray()) {
            return value;
        }
        Collection<?> items = (Collection<?>) value;
        Object out = Array.newInstance(element.javaType(), items.size());
        int i = 0;
        for (Object item : items) {
            Array.set(out, i++, item);
        }
        return out;
    }

    /** @param element the element type @param raw the decoded Java array, or null @return an unmodifiable list */
    static List<Object> fromDriver(DataType element, Object raw) {
        if (raw == null) {
            return null;
        }
        int n = Array.getLength(raw);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object v = Array.get(raw, i);
            out.add(v instanceof OffsetDateTime t && element.kind() == DataType.Kind.DATE
                    ? t.withOffsetSameInstant(ZoneOffset.UTC) : v);
        }
        return Collections.unmodifiableList(out);
    }

    /** @param items strings (or enum constants) and nulls @return PostgreSQL array text, every element quoted */
    static String text(Collection<?> items) {
        StringBuilder s = new StringBuilder("{");
        for (Object item : items) {
            if (s.length() > 1) {
                s.append(',');
            }
            if (item == null) {
                s.append("NULL");
                continue;
            }
            String v = item instanceof Enum<?> e ? e.name() : item.toString();
            s.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return s.append('}').toString();
    }

    /**
     * @param text a one-dimensional array's text ({@code {a,"class s",NULL}})
     * @return its elements as strings, unquoted and unescaped, unquoted NULL as null
     */
    static List<Object> parseText(String text) {
        List<Object> out = new ArrayList<>();
        int i = 1;
        int end = text.lastIndexOf('}');
        while (i < end) {
            StringBuilder v = new StringBuilder();
            boolean quoted = text.charAt(i) == '"';
            if (quoted) {
                i++;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    v.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < end && text.charAt(i) != ',') {
                    v.append(text.charAt(i++));
                }
            }
            out.add(!quoted && v.toString().equals("NULL") ? null : v.toString());
            i++; // the comma
        }
        return Collections.unmodifiableList(out);
    }
}
