package io.resequel.model;

import java.util.List;
import java.util.Objects;

/**
 * A column type, independent of any database: each dialect maps it to its own DDL and value codecs.
 * Instances come from {@link DataTypes}; they are immutable values.
 */
@SuppressWarnings("checkstyle:MethodName")
public final class DataType {

    /** The portable type families. */
    public enum Kind {
        STRING, CHAR, TEXT, INTEGER, BIGINT, SMALLINT, FLOAT, DOUBLE, DECIMAL, BOOLEAN,
        DATE, DATEONLY, TIME, UUID, JSON, BLOB, ENUM,
        /** A PostgreSQL array of {@link DataType#element()} values. */
        ARRAY,
        /** A PostgreSQL range of {@link DataType#element()} values. */
        RANGE,
        /** An 8-bit integer (MySQL/MariaDB and H2; SMALLINT on PostgreSQL). */
        TINYINT,
        /** A 24-bit integer (MySQL/MariaDB; INTEGER elsewhere). */
        MEDIUMINT,
        /** A single-precision float spelled REAL (MySQL/MariaDB read REAL as DOUBLE). */
        REAL,
        /** A case-insensitive string: PostgreSQL's citext extension, H2's VARCHAR_IGNORECASE. */
        CITEXT,
        /** A PostgreSQL text-search document. */
        TSVECTOR,
        /** A PostgreSQL IPv4/IPv6 host address, optionally with its subnet. */
        INET,
        /** A PostgreSQL IPv4/IPv6 network. */
        CIDR,
        /** A PostgreSQL MAC address. */
        MACADDR,
        /** A PostgreSQL hstore: a map of strings (the hstore extension). */
        HSTORE,
        /** A PostGIS geometry. */
        GEOMETRY,
        /** A PostGIS geography. */
        GEOGRAPHY
    }

    private final Kind kind;
    private final Integer length;
    private final Integer scale;
    private final List<String> values;
    private final DataType element;
    private final CustomType<?, ?> custom;
    private final Modifiers modifiers;

    /**
     * The flags Sequelize sets with {@code .UNSIGNED}, {@code .ZEROFILL} and {@code .BINARY}, and the size of
     * {@code TEXT('tiny'|'medium'|'long')} / {@code BLOB(size)}.
     */
    record Modifiers(boolean unsigned, boolean zerofill, boolean binary, String size) {
        static final Modifiers NONE = new Modifiers(false, false, false, null);
    }

    DataType(Kind kind, Integer length, Integer scale, List<String> values) {
        this(kind, length, scale, values, null);
    }

    DataType(Kind kind, Integer length, Integer scale, List<String> values, DataType element) {
        this(kind, length, scale, values, element, null);
    }

    /** A custom type: the storage type's properties, so dialects map its DDL and codecs as the storage type's. */
    DataType(CustomType<?, ?> custom) {
        this(custom.storage().kind, custom.storage().length, custom.storage().scale, custom.storage().values,
                custom.storage().element, custom, custom.storage().modifiers);
    }

    private DataType(Kind kind, Integer length, Integer scale, List<String> values, DataType element,
            CustomType<?, ?> custom) {
        this(kind, length, scale, values, element, custom, Modifiers.NONE);
    }

    DataType(Kind kind, Integer length, Integer scale, List<String> values, DataType element,
            CustomType<?, ?> custom, Modifiers modifiers) {
        this.modifiers = modifiers;
        this.custom = custom;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.element = element;
        this.length = length;
        this.scale = scale;
        this.values = values == null ? List.of() : List.copyOf(values);
    }

    private DataType with(Modifiers m) {
        return new DataType(kind, length, scale, values, element, custom, m);
    }

    /**
     * Sequelize's {@code .UNSIGNED}: MySQL/MariaDB store non-negative values up to twice the signed maximum. The
     * other databases have no unsigned integers; there the column is the next wider signed type so every unsigned
     * value still round-trips (TINYINT → SMALLINT, SMALLINT → INTEGER, MEDIUMINT/INTEGER → BIGINT, BIGINT →
     * NUMERIC(20,0)). Values are refused before SQL when negative or above the unsigned maximum. On FLOAT, REAL,
     * DOUBLE and DECIMAL, MySQL/MariaDB write {@code UNSIGNED} (the server refuses negative values); the other
     * databases keep the signed type, as in Sequelize.
     *
     * @return this numeric type, unsigned
     */
    public DataType UNSIGNED() {
        requireNumeric("UNSIGNED");
        return with(new Modifiers(true, modifiers.zerofill, modifiers.binary, modifiers.size));
    }

    /**
     * Sequelize's {@code .ZEROFILL}: MySQL/MariaDB pad the displayed value with zeros to the display width (and
     * make the column unsigned); values read are the numbers. Dropped on the other databases, as in Sequelize.
     * Integers, FLOAT, REAL, DOUBLE and DECIMAL take it.
     *
     * @return this numeric type, zero-filled and unsigned
     */
    public DataType ZEROFILL() {
        requireNumeric("ZEROFILL");
        return with(new Modifiers(true, true, modifiers.binary, modifiers.size));
    }

    /**
     * Sequelize's {@code STRING.BINARY} / {@code CHAR.BINARY}: MySQL/MariaDB give the column a binary collation so
     * it compares and sorts by exact bytes (case-sensitive). PostgreSQL and H2 compare strings case-sensitively
     * already and keep the plain type; values stay {@code String} (Sequelize's PostgreSQL BYTEA is a deviation
     * Resequel does not take, since it would turn the attribute into bytes).
     *
     * @return this STRING or CHAR type with a binary collation
     */
    public DataType BINARY() {
        if (kind != Kind.STRING && kind != Kind.CHAR || custom != null) {
            throw new IllegalArgumentException("BINARY applies to STRING and CHAR, not " + this);
        }
        return with(new Modifiers(modifiers.unsigned, modifiers.zerofill, true, modifiers.size));
    }

    private void requireNumeric(String what) {
        boolean decimal = kind == Kind.FLOAT || kind == Kind.REAL || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
        if (!isInteger() && !decimal || custom != null) {
            throw new IllegalArgumentException(what + " applies to TINYINT, SMALLINT, MEDIUMINT, INTEGER, BIGINT, "
                    + "FLOAT, REAL, DOUBLE and DECIMAL, not " + this);
        }
    }

    /** @return whether this is one of the integer kinds (TINYINT to BIGINT) */
    public boolean isInteger() {
        return kind == Kind.TINYINT || kind == Kind.SMALLINT || kind == Kind.MEDIUMINT || kind == Kind.INTEGER
                || kind == Kind.BIGINT;
    }

    /** @return whether {@link #UNSIGNED()} (or {@link #ZEROFILL()}) was set */
    public boolean isUnsigned() { return modifiers.unsigned; }

    /** @return whether {@link #ZEROFILL()} was set */
    public boolean isZerofill() { return modifiers.zerofill; }

    /** @return whether {@link #BINARY()} was set, or this is {@link DataTypes#JSONB} */
    public boolean isBinary() { return modifiers.binary; }

    /** @return the size of TEXT or BLOB ({@code tiny}, {@code medium}, {@code long}), or {@code null} */
    public String size() { return modifiers.size; }

    /** @return the type family */
    public Kind kind() { return kind; }

    /**
     * @return length (STRING, CHAR), precision (DECIMAL, FLOAT, DOUBLE, REAL), display width (integers),
     *         fractional-second digits (DATE), or {@code null} for the default
     */
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
        return JavaTypes.of(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataType d && d.kind == kind && Objects.equals(d.length, length)
                && Objects.equals(d.scale, scale) && d.values.equals(values) && Objects.equals(d.element, element)
                && d.custom == custom && d.modifiers.equals(modifiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, scale, values, element, modifiers,
                custom == null ? 0 : System.identityHashCode(custom));
    }

    @Override
    public String toString() {
        if (custom != null) {
            return custom.name();
        }
        StringBuilder s = new StringBuilder(kind == Kind.JSON && modifiers.binary ? "JSONB" : kind.name());
        if (modifiers.size != null) {
            s.append("('").append(modifiers.size).append("')");
        }
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
        if (modifiers.binary && kind != Kind.JSON) {
            s.append(".BINARY");
        }
        if (modifiers.zerofill) {
            s.append(".ZEROFILL");
        } else if (modifiers.unsigned) {
            s.append(".UNSIGNED");
        }
        return s.toString();
    }
}
