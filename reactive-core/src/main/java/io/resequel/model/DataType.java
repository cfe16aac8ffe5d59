package io.resequel.model;

import java.util.List;
import java.util.Objects;

/**
 * A column type, independent of any database: each dialect maps it to its own DDL and value codecs.
 * Instances come from {@link DataTypes}; they are immutable values.
 */
public final class DataType {

    /** The portable type families. */
    public enum Kind {
        STRING, CHAR, TEXT, INTEGER, BIGINT, SMALLINT, FLOAT, DOUBLE, DECIMAL, BOOLEAN,
        DATE, DATEONLY, TIME, UUID, JSON, BLOB, ENUM,
        /** A PostgreSQL array of {@link DataType#element()} values. */
        ARRAY,
        /** A PostgreSQL range of {@link DataType#element()} values. */
        RANGE
    }

    private final Kind kind;
    private final Integer length;
    private final Integer scale;
    private final List<String> values;
    private final DataType element;

    DataType(Kind kind, Integer length, Integer scale, List<String> values) {
        this(kind, length, scale, values, null);
    }

    DataType(Kind kind, Integer length, Integer scale, List<String> values, DataType element) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.element = element;
        this.length = length;
        this.scale = scale;
        this.values = values == null ? List.of() : List.copyOf(values);
    }

    /** @return the type family */
    public Kind kind() { return kind; }

    /** @return length (STRING, CHAR) or precision (DECIMAL), or {@code null} for the default */
    public Integer length() { return length; }

    /** @return the DECIMAL scale, or {@code null} */
    public Integer scale() { return scale; }

    /** @return the ENUM values, empty for other kinds */
    public List<String> values() { return values; }

    /** @return the element type of an ARRAY or the subtype of a RANGE, {@code null} for other kinds */
    public DataType element() { return element; }

    /** @return the Java class values of this type take when read */
    public Class<?> javaType() {
        return JavaTypes.of(kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataType d && d.kind == kind && Objects.equals(d.length, length)
                && Objects.equals(d.scale, scale) && d.values.equals(values) && Objects.equals(d.element, element);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, scale, values, element);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind.name());
        if (element != null) {
            return s.append('(').append(element).append(')').toString();
        }
        if (!values.isEmpty()) {
            s.append(values);
        } else if (length != null) {
            s.append('(').append(length);
            if (scale != null) {
                s.append(',').append(scale);
            }
            s.append(')');
        }
        return s.toString();
    }
}
