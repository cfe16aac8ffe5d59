package io.resequel.dialect.postgres;

import io.resequel.model.DataType;
import io.resequel.model.Range;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** PostgreSQL's range text form: writing ({@code [1,5)}, {@code empty}) and parsing what the server sends. */
final class RangeText {

    private RangeText() {
    }

    /** @param subtype a RANGE subtype @return the built-in range type over it */
    static String typeName(DataType subtype) {
        return switch (subtype.kind()) {
            case INTEGER -> "int4range";
            case BIGINT -> "int8range";
            case DECIMAL -> "numrange";
            case DATE -> "tstzrange";
            case DATEONLY -> "daterange";
            default -> throw new IllegalArgumentException("no PostgreSQL range over " + subtype);
        };
    }

    /** @param range a range with canonical bounds @return its text, bounds double-quoted where needed */
    static String format(Range<?> range) {
        if (range.isEmpty()) {
            return "empty";
        }
        return (range.lowerInclusive() ? "[" : "(") + bound(range.lower()) + "," + bound(range.upper())
                + (range.upperInclusive() ? "]" : ")");
    }

    private static String bound(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof OffsetDateTime t) {
            return '"' + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t) + '"';
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /**
     * @param text    the server's text ({@code [1,5)}, {@code empty}, {@code (,3]},
     *                {@code ["2024-01-01 00:00:00+00","2024-02-01 00:00:00+00")})
     * @param subtype the range's subtype
     * @return the range
     */
    static Range<Object> parse(String text, DataType subtype) {
        String t = text.trim();
        if (t.equalsIgnoreCase("empty")) {
            return Range.empty();
        }
        int comma = comma(t);
        Object lower = value(t.substring(1, comma), subtype);
        Object upper = value(t.substring(comma + 1, t.length() - 1), subtype);
        return Range.of(lower, t.charAt(0) == '[', upper, t.charAt(t.length() - 1) == ']');
    }

    /** The separating comma, outside double quotes. */
    private static int comma(String t) {
        boolean quoted = false;
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a range: " + t);
    }

    private static Object value(String raw, DataType subtype) {
        String v = raw.trim();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
        }
        if (v.isEmpty() || v.equalsIgnoreCase("infinity") || v.equalsIgnoreCase("-infinity")) {
            return null;
        }
        return switch (subtype.kind()) {
            case INTEGER -> Integer.valueOf(v);
            case BIGINT -> Long.valueOf(v);
            case DECIMAL -> new BigDecimal(v);
            case DATEONLY -> LocalDate.parse(v);
            case DATE -> timestamp(v);
            default -> throw new IllegalArgumentException("no PostgreSQL range over " + subtype);
        };
    }

    /** {@code 2024-01-01 10:00:00.5+00} (or {@code +05:30}) as an OffsetDateTime in UTC. */
    private static OffsetDateTime timestamp(String v) {
        String s = v.replace(' ', 'T');
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (sign > 10 && s.length() - sign == 3) {
            s = s + ":00";
        }
        return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
