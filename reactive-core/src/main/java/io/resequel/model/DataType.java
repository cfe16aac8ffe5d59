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
        DATE, DATEONLY, TIME, UUID, JSON, BLOB, ENUM
    }

    private final Kind kind;
    private final Integer length;
    private final Integer scale;
    private final List<String> values;

    DataType(Kind kind, Integer length, Integer scale, List<String> values) {
        this.kind = Objects.requireNonNull(kind, "kind");
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

    /** @return the Java class values of this type take when read */
    public Class<?> javaType() {
        return JavaTypes.of(kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataType d && d.kind == kind && Objects.equals(d.length, length)
                && Objects.equals(d.scale, scale) && d.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, scale, values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind.name());
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
