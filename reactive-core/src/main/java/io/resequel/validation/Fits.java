package io.resequel.validation;

import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.Range;
import io.resequel.model.ValueLimits;
import io.resequel.query.Expr;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Whether a coerced value is kept exactly by its column, checked before any SQL so that nothing is rounded,
 * truncated, clamped or replaced on the way in. A value that does not fit is an error naming the model and the
 * attribute ({@link ValidationException}), never silently changed:
 * <ul>
 * <li>text with an unpaired UTF-16 surrogate (drivers send it as {@code ?});</li>
 * <li>text longer than STRING(n) or CHAR(n), counted in characters (code points);</li>
 * <li>a DECIMAL(p,s) value with more than s digits after the point (it would be rounded) or more than p-s before
 *     it;</li>
 * <li>NaN and ±Infinity in FLOAT/DOUBLE where the database has no such values, and always in JSON;</li>
 * <li>a DATE or DATEONLY outside the database's range ({@link ValueLimits}), which PostgreSQL would store as
 *     {@code ±infinity}.</li>
 * </ul>
 * Values compared in a WHERE are checked only for what would change their meaning (surrogates, non-finite numbers,
 * dates out of range): a longer string or a finer decimal is a legitimate operand that simply matches nothing.
 */
public final class Fits {

    private Fits() {
    }

    /**
     * Checks the rows of an INSERT.
     *
     * @param model   the model name
     * @param columns the attributes written
     * @param rows    the values, in column order, already coerced
     * @param limits  the database's limits
     * @throws ValidationException listing every value that would not be stored exactly
     */
    public static void requireStorable(String model, List<AttributeDefinition> columns, List<Object[]> rows,
            ValueLimits limits) {
        List<ValidationItem> items = new ArrayList<>();
        for (Object[] row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                add(items, stored(model, columns.get(i), row[i], limits));
            }
        }
        fail(items);
    }

    /**
     * Checks the assignments of an UPDATE.
     *
     * @param model  the model name
     * @param values attribute → value, already coerced
     * @param limits the database's limits
     * @throws ValidationException listing every value that would not be stored exactly
     */
    public static void requireStorable(String model, Map<AttributeDefinition, Object> values, ValueLimits limits) {
        List<ValidationItem> items = new ArrayList<>();
        values.forEach((a, v) -> add(items, stored(model, a, v, limits)));
        fail(items);
    }

    /**
     * @param model     the model name
     * @param attribute the attribute
     * @param value     the coerced value, possibly {@code null}
     * @param limits    the database's limits
     * @return the failure when the column would not keep the value exactly, else {@code null}
     */
    public static ValidationItem stored(String model, AttributeDefinition attribute, Object value,
            ValueLimits limits) {
        return check(model, attribute.name(), attribute.type(), value, limits, true);
    }

    /**
     * Checks an operand of a WHERE condition: the database must see the value that was asked for.
     *
     * @param model     the model name
     * @param attribute the attribute compared
     * @param value     the coerced value, possibly {@code null}
     * @param limits    the database's limits
     * @return the value
     * @throws ValidationException when the database would compare something else
     */
    public static Object requireComparable(String model, AttributeDefinition attribute, Object value,
            ValueLimits limits) {
        fail(single(check(model, attribute.name(), attribute.type(), value, limits, false)));
        return value;
    }

    private static List<ValidationItem> single(ValidationItem item) {
        return item == null ? List.of() : List.of(item);
    }

    private static void add(List<ValidationItem> items, ValidationItem item) {
        if (item != null) {
            items.add(item);
        }
    }

    private static void fail(List<ValidationItem> items) {
        if (!items.isEmpty()) {
            throw new ValidationException(items);
        }
    }

    private static ValidationItem check(String model, String attribute, DataType type, Object value,
            ValueLimits limits, boolean stored) {
        if (value == null || value instanceof Expr) {
            return null; // a SQL expression's value is the database's to compute
        }
        Problem p = problem(type, value, limits, stored);
        return p == null ? null : new ValidationItem(model, attribute, p.validator(), value,
                model + "." + attribute + " " + p.message());
    }

    /** What is wrong with a value, by validator name; {@code null} when it fits. */
    private record Problem(String validator, String message) {
    }

    private static Problem problem(DataType type, Object value, ValueLimits limits, boolean stored) {
        // Values arrive coerced to their type's class (Values); anything else is left to the type check.
        if (type.custom() != null) {
            // What is stored is the custom type's driver value, of its storage type.
            return problem(type.custom().storage(), type.toStorage(value), limits, stored);
        }
        return switch (type.kind()) {
            case STRING, CHAR, TEXT -> value instanceof String s ? text(type, s, stored) : null;
            case FLOAT, DOUBLE -> limits.nonFiniteFloats() || !(value instanceof Number) ? null
                    : nonFinite(value, type + " on " + limits.description());
            case DECIMAL -> stored && value instanceof BigDecimal d ? decimal(type, d) : null;
            case DATE -> value instanceof OffsetDateTime o ? timestamp(o.toInstant(), value, limits)
                    : value instanceof Instant i ? timestamp(i, value, limits) : null;
            case DATEONLY -> !(value instanceof LocalDate d) || limits.holds(d) ? null : new Problem("range", "is "
                    + value + ", outside the DATEONLY range of " + limits.description() + " (" + limits.minDate()
                    + " to " + limits.maxDate() + ")");
            case JSON -> json(value);
            case ARRAY -> value instanceof Collection<?> c ? elements(type.element(), c, limits, stored) : null;
            case RANGE -> value instanceof Range<?> r ? bounds(type.element(), r, limits) : null;
            default -> null;
        };
    }

    private static Problem timestamp(Instant instant, Object value, ValueLimits limits) {
        return limits.holds(instant) ? null : new Problem("range", "is " + value + ", outside the DATE range of "
                + limits.description() + " (" + limits.minTimestamp() + " to " + limits.maxTimestamp()
                + "); it would not be stored as it is");
    }

    private static Problem text(DataType type, String s, boolean stored) {
        int bad = unpairedSurrogate(s);
        if (bad >= 0) {
            return new Problem("surrogate", "has an unpaired UTF-16 surrogate at index " + bad + " (U+"
                    + Integer.toHexString(s.charAt(bad)).toUpperCase(java.util.Locale.ROOT)
                    + "); it is not text and would be stored as '?'");
        }
        if (stored && type.length() != null && type.kind() != DataType.Kind.TEXT) {
            int n = s.codePointCount(0, s.length());
            if (n > type.length()) {
                return new Problem("length", "is " + n + " characters long; " + type + " holds at most "
                        + type.length());
            }
        }
        return null;
    }

    /** @return the index of the first surrogate that is not half of a pair, or -1 */
    static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static Problem nonFinite(Object value, String where) {
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? null : new Problem("finite", "is " + value + "; " + where
                + " has no NaN or infinity");
    }

    private static Problem decimal(DataType type, BigDecimal d) {
        if (type.length() == null || type.scale() == null) {
            return null;
        }
        BigDecimal plain = d.stripTrailingZeros();
        int scale = Math.max(0, plain.scale());
        if (scale > type.scale()) {
            return new Problem("scale", "is " + d.toPlainString() + " with " + scale + " digits after the point; "
                    + type + " keeps " + type.scale() + " and would round it");
        }
        int integerDigits = plain.precision() - plain.scale();
        int room = type.length() - type.scale();
        if (integerDigits > room) {
            return new Problem("precision", "is " + d.toPlainString() + " with " + integerDigits
                    + " digits before the point; " + type + " holds " + room);
        }
        return null;
    }

    /** JSON has no NaN or infinity, and its strings are Unicode text: walk the document. */
    private static Problem json(Object value) {
        if (value instanceof String s) {
            return unpairedSurrogate(s) >= 0 ? new Problem("surrogate", "holds the JSON string '" + s
                    + "' with an unpaired UTF-16 surrogate; JSON text must be Unicode") : null;
        }
        if (value instanceof Double || value instanceof Float) {
            return nonFinite(value, "JSON");
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Problem p = json(String.valueOf(e.getKey()));
                p = p != null ? p : e.getValue() == null ? null : json(e.getValue());
                if (p != null) {
                    return p;
                }
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                Problem p = o == null ? null : json(o);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static Problem elements(DataType element, Collection<?> values, ValueLimits limits, boolean stored) {
        for (Object v : values) {
            Problem p = v == null ? null : problem(element, v, limits, stored);
            if (p != null) {
                return new Problem(p.validator(), "has an element that " + p.message());
            }
        }
        return null;
    }

    /** A range's bounds: representable, not held to a scale (numrange and the others carry none). */
    private static Problem bounds(DataType subtype, Range<?> r, ValueLimits limits) {
        for (Object v : new Object[] {r.lower(), r.upper()}) {
            Problem p = v == null ? null : problem(subtype, v, limits, false);
            if (p != null) {
                return new Problem(p.validator(), "has a bound that " + p.message());
            }
        }
        return null;
    }
}
