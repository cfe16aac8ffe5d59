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
    private final CustomType<?, ?> custom;

    DataType(Kind kind, Integer length, Integer scale, List<String> values) {
        this(kind, length, scale, values, null);
    }

    DataType(Kind kind, Integer length, Integer scale, List<String> values, DataType element) {
        this(kind, length, scale, values, element, null);
    }

    /** A custom type: the storage type's properties, so dialects map its DDL and codecs as the storage type's. */
    DataType(CustomType<?, ?> custom) {
        this(custom.storage().kind, custom.storage().length, custom.storage().scale, custom.storage().values,
                custom.storage().element, custom);
    }

    private DataType(Kind kind, Integer length, Integer scale, List<String> values, DataType element,
            CustomType<?, ?> custom) {
        this.custom = custom;
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

    /**
     * @return the user type this type stands for (see {@link DataTypes#custom}), or {@code null} for a built-in
     *         type; a custom type's {@link #kind()}, length and scale are its storage type's
     */
    public CustomType<?, ?> custom() { return custom; }

    /**
     * @param value a non-null attribute value of this type
     * @return the value to hand to the dialect: a custom type's {@link CustomType#toDriver}, the value itself
     *         otherwise
     */
    public Object toStorage(Object value) {
        return custom == null ? value : custom.driverValue(value);
    }

    /**
     * @param stored a value the dialect read for this type, possibly {@code null}
     * @return the attribute value: a custom type's {@link CustomType#fromDriver}, the value itself otherwise
     */
    public Object fromStorage(Object stored) {
        return custom == null || stored == null ? stored : custom.javaValue(stored);
    }

    /**
     * @param a a value or {@code null}
     * @param b a value or {@code null}
     * @return whether change tracking sees them as the same value of this type
     */
    public boolean same(Object a, Object b) {
        return custom != null && a != null && b != null ? custom.sameValue(a, b) : ValueEquality.same(a, b);
    }

    /**
     * @param dialect a dialect's name
     * @return the column type a custom type declares for that dialect, or {@code null} for the dialect's mapping
     */
    public String sqlType(String dialect) {
        return custom == null ? null : custom.sqlType(dialect);
    }

    /**
     * @param value a non-null value already of this type's Java class
     * @return what is wrong with it (a custom type's {@link CustomType#validate}), or {@code null}
     */
    public String problem(Object value) {
        return custom == null ? null : custom.problem(value);
    }

    /**
     * @param value a non-null value given by a caller
     * @return it as a custom type's Java class, or {@code null} when it cannot be one; the value itself for
     *         built-in types
     */
    public Object accept(Object value) {
        return custom == null ? value : custom.accept(value);
    }

    /** @return the Java class values of this type take when read */
    public Class<?> javaType() {
        return JavaTypes.of(kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataType d && d.kind == kind && Objects.equals(d.length, length)
                && Objects.equals(d.scale, scale) && d.values.equals(values) && Objects.equals(d.element, element)
                && d.custom == custom;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, scale, values, element, custom == null ? 0 : System.identityHashCode(custom));
    }

    @Override
    public String toString() {
        if (custom != null) {
            return custom.name();
        }
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
