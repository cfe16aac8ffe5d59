package io.resequel.validation;

import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Brings a Java value to the canonical class of its data type (see {@link io.resequel.model.DataTypes}), widening
 * where no information is lost, and rejects anything else. Accepted besides the canonical class: any
 * {@code java.time} point in time and {@code java.util.Date} for DATE ({@code LocalDateTime} read in UTC); a
 * date-time's date and the exact text {@code YYYY-MM-DD} for DATEONLY; narrower numbers for wider numeric types; the exact text of a number ("42",
 * "-1.5") for numeric types and "true"/"false"/"1"/"0" (or the integers 1 and 0) for BOOLEAN. A value that would
 * lose information (4.5 for INTEGER, "4.5" for INTEGER, " 42", 2 for BOOLEAN) fails with a {@link ValidationException} that names the model,
 * the attribute and the problem.
 */
public final class Values {

    private Values() {
    }

    /**
     * @param model     the model name, for messages
     * @param attribute the attribute
     * @param value     a value, possibly {@code null}
     * @return the canonical value ({@code null} stays {@code null})
     * @throws ValidationException when the value cannot be the attribute's type
     */
    public static Object coerce(String model, AttributeDefinition attribute, Object value) {
        return coerce(model, attribute.name(), attribute.type(), value);
    }

    /**
     * @param model     the model name, for messages
     * @param attribute the attribute name, for messages
     * @param type      the type the value must have (an attribute's, or an ARRAY element or RANGE subtype)
     * @param value     a value, possibly {@code null}
     * @return the canonical value ({@code null} stays {@code null})
     * @throws ValidationException when the value cannot be of that type
     */
    public static Object coerce(String model, String attribute, DataType type, Object value) {
        if (value == null) {
            return null;
        }
        Object out = type.custom() != null ? type.accept(value) : convert(type, value);
        if (out == null) {
            throw new ValidationException(List.of(new ValidationItem(model, attribute, "type", value,
                    model + "." + attribute + " must be " + describe(type) + ", got "
                            + value.getClass().getSimpleName() + " " + preview(value))));
        }
        String problem = type.problem(out);
        if (problem != null) {
            throw new ValidationException(List.of(new ValidationItem(model, attribute, type.custom().name(), value,
                    model + "." + attribute + " " + problem)));
        }
        return out;
    }

    /**
     * @param model     the model name
     * @param attribute the attribute
     * @return the failure for a missing value of a NOT NULL attribute
     */
    public static ValidationItem notNull(String model, AttributeDefinition attribute) {
        return new ValidationItem(model, attribute.name(), "notNull", null,
                model + "." + attribute.name() + " cannot be null");
    }

    private static Object convert(DataType type, Object v) {
        return switch (type.kind()) {
            case STRING, CHAR, TEXT, CITEXT, TSVECTOR, INET, CIDR, MACADDR ->
                    v instanceof CharSequence s ? s.toString() : null;
            case TINYINT, SMALLINT, MEDIUMINT, INTEGER, BIGINT -> integer(type, v);
            case HSTORE -> hstore(v);
            case GEOMETRY, GEOGRAPHY -> null;
            case FLOAT, REAL -> v instanceof String s ? floating(s, true) : v instanceof Float || v instanceof Double
                    || v instanceof Integer || v instanceof Short || v instanceof Byte ? toFloat((Number) v) : null;
            case DOUBLE -> v instanceof String s ? floating(s, false) : v instanceof Double || v instanceof Float
                    || v instanceof Integer || v instanceof Short || v instanceof Byte
                    ? (Object) ((Number) v).doubleValue() : v instanceof Long l ? toDouble(l) : null;
            case DECIMAL -> decimal(v);
            case BOOLEAN -> bool(v);
            case DATE -> timestamp(v);
            case DATEONLY -> date(v);
            case TIME -> v instanceof LocalTime ? v : null;
            case UUID -> uuid(v);
            case JSON -> v;
            case BLOB -> v instanceof byte[] ? v : v instanceof ByteBuffer b ? bytes(b)
                    : v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
            case ENUM -> {
                String s = v instanceof Enum<?> e ? e.name() : v instanceof String str ? str : null;
                yield s != null && type.values().contains(s) ? s : null;
            }
            case ARRAY -> array(type.element(), v);
            case RANGE -> range(type.element(), v);
        };
    }

    /** The signed and unsigned ranges of the integer kinds (MySQL's), as the type's Java class. */
    private static Object integer(DataType type, Object v) {
        boolean u = type.isUnsigned();
        if (type.kind() == DataType.Kind.BIGINT && u) {
            BigInteger b = v instanceof BigInteger bi ? bi : v instanceof BigDecimal d ? exactInteger(d)
                    : v instanceof String s && INTEGER_TEXT.matcher(s).matches() ? new BigInteger(s) : null;
            if (b == null) {
                Long l = integral(v, 0, Long.MAX_VALUE);
                return l == null ? null : BigInteger.valueOf(l);
            }
            return b.signum() >= 0 && b.bitLength() <= 64 ? b : null;
        }
        long[] r = range(type);
        Long l = integral(v, r[0], r[1]);
        if (l == null) {
            return null;
        }
        Class<?> target = type.javaType();
        return target == Short.class ? (Object) l.shortValue() : target == Integer.class ? (Object) l.intValue() : l;
    }

    /** @return the smallest and largest value of a (not unsigned BIGINT) integer type */
    private static long[] range(DataType type) {
        boolean u = type.isUnsigned();
        return switch (type.kind()) {
            case TINYINT -> u ? new long[] {0, 255} : new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
            case SMALLINT -> u ? new long[] {0, 65_535} : new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case MEDIUMINT -> u ? new long[] {0, 16_777_215} : new long[] {-8_388_608, 8_388_607};
            case INTEGER -> u ? new long[] {0, 4_294_967_295L} : new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> u ? new long[] {0, Long.MAX_VALUE} : new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }

    private static BigInteger exactInteger(BigDecimal d) {
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A map of strings to strings (or nulls), kept in its iteration order. */
    private static java.util.Map<String, String> hstore(Object v) {
        if (!(v instanceof java.util.Map<?, ?> m)) {
            return null;
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k) || e.getValue() != null && !(e.getValue() instanceof String)) {
                return null;
            }
            out.put(k, (String) e.getValue());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A list (or Java array) whose elements all convert; null elements stay null. */
    private static List<Object> array(DataType element, Object v) {
        List<?> in;
        if (v instanceof java.util.Collection<?> c) {
            in = new java.util.ArrayList<>(c);
        } else if (v != null && v.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(v);
            List<Object> items = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(java.lang.reflect.Array.get(v, i));
            }
            in = items;
        } else {
            return null;
        }
        List<Object> out = new java.util.ArrayList<>(in.size());
        for (Object item : in) {
            Object c = item == null ? null : convert(element, item);
            if (item != null && c == null) {
                return null;
            }
            out.add(c);
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static io.resequel.model.Range<Object> range(DataType subtype, Object v) {
        if (!(v instanceof io.resequel.model.Range<?> r)) {
            return null;
        }
        if (r.isEmpty()) {
            return io.resequel.model.Range.empty();
        }
        Object lower = r.lower() == null ? null : convert(subtype, r.lower());
        Object upper = r.upper() == null ? null : convert(subtype, r.upper());
        if (r.lower() != null && lower == null || r.upper() != null && upper == null) {
            return null;
        }
        return io.resequel.model.Range.of(lower, r.lowerInclusive(), upper, r.upperInclusive());
    }

    private static Long integral(Object v, long min, long max) {
        long l;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else if (v instanceof BigInteger b && b.bitLength() < 64) {
            l = b.longValue();
        } else if (v instanceof String s && INTEGER_TEXT.matcher(s).matches()) {
            try {
                l = Long.parseLong(s); // the exact digits of an integer ("42"), as a request body carries them
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return l >= min && l <= max ? l : null;
    }

    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final java.util.regex.Pattern INTEGER_TEXT = java.util.regex.Pattern.compile("-?[0-9]+");
    private static final java.util.regex.Pattern DECIMAL_TEXT =
            java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    /** A number written out exactly ("1.5"), within the type's range; anything else is not a number. */
    private static Object floating(String s, boolean single) {
        if (!DECIMAL_TEXT.matcher(s).matches()) {
            return null;
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d) || single && Float.isInfinite((float) d)) {
            return null;
        }
        return single ? (Object) (float) d : (Object) d;
    }

    /** Booleans and their exact spellings: "true"/"false", "1"/"0", and the integers 1 and 0. */
    private static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return switch (s) {
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> null;
            };
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            return l == 1 ? Boolean.TRUE : l == 0 ? Boolean.FALSE : null;
        }
        return null;
    }

    /** A date, or the date of a date-time (in its own offset; a {@code LocalDateTime}'s date as written). */
    private static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.time.LocalDateTime l) {
            return l.toLocalDate();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toLocalDate();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toLocalDate();
        }
        if (v instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC).toLocalDate();
        }
        if (v instanceof String s && ISO_DATE.matcher(s).matches()) {
            // Sequelize's DATEONLY string ('YYYY-MM-DD'), exactly; an impossible date is no date
            try {
                return LocalDate.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof String s) {
            return DECIMAL_TEXT.matcher(s).matches() ? new BigDecimal(s) : null;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            // BigDecimal has no NaN or infinity, so neither has a DECIMAL attribute (even where the column could).
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }

    /** A double as FLOAT, unless it is finite and too large for a float (it would become an infinity). */
    private static Float toFloat(Number n) {
        float f = n.floatValue();
        return Float.isInfinite(f) && Double.isFinite(n.doubleValue()) ? null : f;
    }

    /** A long as DOUBLE, unless the double would round it (past 2^53). */
    private static Double toDouble(long l) {
        double d = l;
        return new BigDecimal(d).compareTo(BigDecimal.valueOf(l)) == 0 ? d : null;
    }

    private static OffsetDateTime timestamp(Object v) {
        if (v instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (v instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (v instanceof ZonedDateTime z) {
            return z.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (v instanceof Date d) {
            return d.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (v instanceof java.time.LocalDateTime l) {
            // No timezone option exists yet: a wall-clock time is read in UTC, Sequelize's default '+00:00'.
            return l.atOffset(ZoneOffset.UTC);
        }
        return null;
    }

    private static UUID uuid(Object v) {
        if (v instanceof UUID u) {
            return u;
        }
        if (v instanceof String s) {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static String describe(DataType type) {
        if (type.custom() != null) {
            return "a " + type.custom().javaType().getSimpleName() + " (" + type + ")";
        }
        if (type.kind() == DataType.Kind.ENUM) {
            return "one of " + type.values();
        }
        if (type.isInteger() && (type.isUnsigned() || type.kind() == DataType.Kind.TINYINT
                || type.kind() == DataType.Kind.MEDIUMINT)) {
            long[] r = range(type);
            return "a " + type.javaType().getSimpleName() + " between " + r[0] + " and "
                    + (type.kind() == DataType.Kind.BIGINT ? "18446744073709551615" : String.valueOf(r[1]))
                    + " (" + type + ")";
        }
        if (type.element() != null) {
            return "a " + type.javaType().getSimpleName() + " of " + type.element().javaType().getSimpleName()
                    + " (" + type + ")";
        }
        return "a " + type.javaType().getSimpleName() + " (" + type + ")";
    }

    private static String preview(Object v) {
        String s = String.valueOf(v);
        return s.length() > 40 ? "'" + s.substring(0, 40) + "…'" : "'" + s + "'";
    }
}
