package io.resequel.model;

import java.util.Arrays;

/**
 * The portable data types, named as in Sequelize ({@code DataTypes.STRING}, {@code DataTypes.DECIMAL(10, 2)}).
 *
 * <p>Java value mapping: STRING/CHAR/TEXT/ENUM → {@code String}; INTEGER → {@code Integer}; BIGINT → {@code Long};
 * SMALLINT → {@code Short}; FLOAT → {@code Float}; DOUBLE → {@code Double}; DECIMAL → {@code BigDecimal};
 * BOOLEAN → {@code Boolean}; DATE → {@code OffsetDateTime} (read in UTC); DATEONLY → {@code LocalDate};
 * TIME → {@code LocalTime}; UUID → {@code UUID}; JSON → maps, lists and scalars through Jackson;
 * BLOB → {@code byte[]}; ARRAY(t) → {@code List} of t's class (Java arrays accepted on input); RANGE(t) →
 * {@link Range} of t's class. ARRAY and RANGE exist only on PostgreSQL; other dialects refuse them with
 * {@link io.resequel.error.UnsupportedTypeException} when the table is synced.
 */
@SuppressWarnings("checkstyle:MethodName")
public final class DataTypes {

    /** VARCHAR(255). */
    public static final DataType STRING = new DataType(DataType.Kind.STRING, 255, null, null);
    /** CHAR(255). */
    public static final DataType CHAR = new DataType(DataType.Kind.CHAR, 255, null, null);
    /** Unbounded text. */
    public static final DataType TEXT = new DataType(DataType.Kind.TEXT, null, null, null);
    /** 32-bit integer. */
    public static final DataType INTEGER = new DataType(DataType.Kind.INTEGER, null, null, null);
    /** 64-bit integer. */
    public static final DataType BIGINT = new DataType(DataType.Kind.BIGINT, null, null, null);
    /** 16-bit integer. */
    public static final DataType SMALLINT = new DataType(DataType.Kind.SMALLINT, null, null, null);
    /** Single-precision floating point. */
    public static final DataType FLOAT = new DataType(DataType.Kind.FLOAT, null, null, null);
    /** Double-precision floating point. */
    public static final DataType DOUBLE = new DataType(DataType.Kind.DOUBLE, null, null, null);
    /**
     * A decimal without precision: the database's unconstrained type where it has one (PostgreSQL and H2
     * {@code NUMERIC}, every digit kept), MySQL's and MariaDB's bare {@code DECIMAL} (= {@code DECIMAL(10,0)})
     * otherwise, as Sequelize. Use {@link #DECIMAL(int, int)} for a fixed scale.
     */
    public static final DataType DECIMAL = new DataType(DataType.Kind.DECIMAL, null, null, null);
    /** Boolean. */
    public static final DataType BOOLEAN = new DataType(DataType.Kind.BOOLEAN, null, null, null);
    /** A point in time, kept to the microsecond where the database allows. */
    public static final DataType DATE = new DataType(DataType.Kind.DATE, null, null, null);
    /** A calendar date without time. */
    public static final DataType DATEONLY = new DataType(DataType.Kind.DATEONLY, null, null, null);
    /** A time of day. */
    public static final DataType TIME = new DataType(DataType.Kind.TIME, null, null, null);
    /** A UUID. */
    public static final DataType UUID = new DataType(DataType.Kind.UUID, null, null, null);
    /** A JSON document. */
    public static final DataType JSON = new DataType(DataType.Kind.JSON, null, null, null);
    /** Binary data. */
    public static final DataType BLOB = new DataType(DataType.Kind.BLOB, null, null, null);

    private DataTypes() {
    }

    /** @param length maximum characters @return VARCHAR(length) */
    public static DataType STRING(int length) {
        return new DataType(DataType.Kind.STRING, positive(length, "STRING length"), null, null);
    }

    /** @param length characters @return CHAR(length) */
    public static DataType CHAR(int length) {
        return new DataType(DataType.Kind.CHAR, positive(length, "CHAR length"), null, null);
    }

    /** @param precision total digits @param scale digits after the point @return DECIMAL(precision, scale) */
    public static DataType DECIMAL(int precision, int scale) {
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("DECIMAL scale must be between 0 and the precision " + precision
                    + ", was " + scale);
        }
        return new DataType(DataType.Kind.DECIMAL, positive(precision, "DECIMAL precision"), scale, null);
    }

    /** @param values the allowed values, at least one @return ENUM(values) */
    public static DataType ENUM(String... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("ENUM needs at least one value");
        }
        return new DataType(DataType.Kind.ENUM, null, null, Arrays.asList(values));
    }

    /**
     * @param element the element type: a scalar (not JSON, BLOB, ENUM, ARRAY or RANGE)
     * @return {@code element[]} on PostgreSQL; values are {@code List}s of the element's Java type
     */
    public static DataType ARRAY(DataType element) {
        refuseCustom(element, "ARRAY");
        switch (element.kind()) {
            case JSON, BLOB, ENUM, ARRAY, RANGE -> throw new IllegalArgumentException("ARRAY of " + element.kind()
                    + " is not supported");
            default -> { }
        }
        return new DataType(DataType.Kind.ARRAY, null, null, null, element);
    }

    /**
     * @param subtype INTEGER (int4range), BIGINT (int8range), DECIMAL (numrange), DATE (tstzrange) or DATEONLY
     *                (daterange)
     * @return a PostgreSQL range type; values are {@link Range}s of the subtype's Java type
     */
    public static DataType RANGE(DataType subtype) {
        refuseCustom(subtype, "RANGE");
        switch (subtype.kind()) {
            case INTEGER, BIGINT, DECIMAL, DATE, DATEONLY -> {
                return new DataType(DataType.Kind.RANGE, null, null, null, subtype);
            }
            default -> throw new IllegalArgumentException("RANGE subtype must be INTEGER, BIGINT, DECIMAL, DATE or "
                    + "DATEONLY, was " + subtype);
        }
    }

    /**
     * Registers a user type once: keep the result in a constant and use it wherever a data type goes.
     *
     * @param type the custom type
     * @return the data type standing for it; its DDL, binding and reading go through {@code type.storage()}
     */
    public static DataType custom(CustomType<?, ?> type) {
        return new DataType(java.util.Objects.requireNonNull(type, "type"));
    }

    private static void refuseCustom(DataType inner, String outer) {
        if (java.util.Objects.requireNonNull(inner, "element").custom() != null) {
            throw new IllegalArgumentException(outer + " of the custom type " + inner + " is not supported");
        }
    }

    private static int positive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + n);
        }
        return n;
    }
}
