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
    /** Sequelize's {@code NUMERIC}: the same type as {@link #DECIMAL}. */
    public static final DataType NUMERIC = DECIMAL;
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
    /** 8-bit integer (MySQL/MariaDB, H2; SMALLINT on PostgreSQL); values are {@code Short}. */
    public static final DataType TINYINT = new DataType(DataType.Kind.TINYINT, null, null, null);
    /** 24-bit integer (MySQL/MariaDB; INTEGER elsewhere); values are {@code Integer}. */
    public static final DataType MEDIUMINT = new DataType(DataType.Kind.MEDIUMINT, null, null, null);
    /** Single-precision floating point spelled REAL (MySQL and MariaDB make it DOUBLE); values are {@code Float}. */
    public static final DataType REAL = new DataType(DataType.Kind.REAL, null, null, null);
    /** Case-insensitive text: PostgreSQL CITEXT (needs the citext extension), H2 VARCHAR_IGNORECASE; refused on
     *  MySQL/MariaDB, as in Sequelize. */
    public static final DataType CITEXT = new DataType(DataType.Kind.CITEXT, null, null, null);
    /** PostgreSQL TSVECTOR, as its text ({@code 'a':1 'b':2}); refused elsewhere. */
    public static final DataType TSVECTOR = new DataType(DataType.Kind.TSVECTOR, null, null, null);
    /** PostgreSQL INET, as its text ({@code 10.0.0.1/8}); refused elsewhere. */
    public static final DataType INET = new DataType(DataType.Kind.INET, null, null, null);
    /** PostgreSQL CIDR, as its text; refused elsewhere. */
    public static final DataType CIDR = new DataType(DataType.Kind.CIDR, null, null, null);
    /** PostgreSQL MACADDR, as its text; refused elsewhere. */
    public static final DataType MACADDR = new DataType(DataType.Kind.MACADDR, null, null, null);
    /** PostgreSQL HSTORE (needs the hstore extension): a {@code Map<String, String>}, null values kept; refused
     *  elsewhere. */
    public static final DataType HSTORE = new DataType(DataType.Kind.HSTORE, null, null, null);
    /** PostgreSQL JSONB; a JSON column on the other databases (Sequelize's MySQL and SQLite mapping). */
    public static final DataType JSONB = new DataType(DataType.Kind.JSON, null, null, null, null, null,
            new DataType.Modifiers(false, false, true, null));
    /** A PostGIS geometry: not supported yet, refused at define on every database. */
    public static final DataType GEOMETRY = new DataType(DataType.Kind.GEOMETRY, null, null, null);
    /** A PostGIS geography: not supported yet, refused at define on every database. */
    public static final DataType GEOGRAPHY = new DataType(DataType.Kind.GEOGRAPHY, null, null, null);

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

    /** @param width display width (MySQL/MariaDB; ignored elsewhere) @return INTEGER(width) */
    public static DataType INTEGER(int width) {
        return new DataType(DataType.Kind.INTEGER, positive(width, "INTEGER width"), null, null);
    }

    /** @param width display width (MySQL/MariaDB; ignored elsewhere) @return TINYINT(width) */
    public static DataType TINYINT(int width) {
        return new DataType(DataType.Kind.TINYINT, positive(width, "TINYINT width"), null, null);
    }

    /** @param width display width (MySQL/MariaDB; ignored elsewhere) @return SMALLINT(width) */
    public static DataType SMALLINT(int width) {
        return new DataType(DataType.Kind.SMALLINT, positive(width, "SMALLINT width"), null, null);
    }

    /** @param width display width (MySQL/MariaDB; ignored elsewhere) @return MEDIUMINT(width) */
    public static DataType MEDIUMINT(int width) {
        return new DataType(DataType.Kind.MEDIUMINT, positive(width, "MEDIUMINT width"), null, null);
    }

    /** @param width display width (MySQL/MariaDB; ignored elsewhere) @return BIGINT(width) */
    public static DataType BIGINT(int width) {
        return new DataType(DataType.Kind.BIGINT, positive(width, "BIGINT width"), null, null);
    }

    /**
     * @param size {@code tiny}, {@code medium} or {@code long}: TINYTEXT, MEDIUMTEXT, LONGTEXT on MySQL/MariaDB;
     *             plain TEXT elsewhere
     * @return TEXT(size)
     */
    public static DataType TEXT(String size) {
        return new DataType(DataType.Kind.TEXT, null, null, null, null, null,
                new DataType.Modifiers(false, false, false, size(size, "TEXT")));
    }

    /**
     * @param size {@code tiny}, {@code medium} or {@code long}: TINYBLOB, MEDIUMBLOB, LONGBLOB on MySQL/MariaDB;
     *             the plain binary type elsewhere
     * @return BLOB(size)
     */
    public static DataType BLOB(String size) {
        return new DataType(DataType.Kind.BLOB, null, null, null, null, null,
                new DataType.Modifiers(false, false, false, size(size, "BLOB")));
    }

    /**
     * @param precision fractional-second digits, 0 to 6: values are stored (and read back) rounded by the
     *                  database to that precision
     * @return DATE(precision)
     */
    public static DataType DATE(int precision) {
        if (precision < 0 || precision > 6) {
            throw new IllegalArgumentException("DATE precision must be between 0 and 6, was " + precision);
        }
        return new DataType(DataType.Kind.DATE, precision, null, null);
    }

    /** @param precision digits (MySQL/MariaDB) @param scale digits after the point @return DOUBLE(precision, scale) */
    public static DataType DOUBLE(int precision, int scale) {
        return new DataType(DataType.Kind.DOUBLE, positive(precision, "DOUBLE precision"), scale(scale, precision),
                null);
    }

    /**
     * @param precision bits of mantissa, 1 to 24: a single-precision float on every database ({@code FLOAT(n)} on
     *                  MySQL/MariaDB, REAL elsewhere); a wider float is {@link #DOUBLE}
     * @return FLOAT(precision)
     * @throws IllegalArgumentException when the precision is outside 1 to 24
     */
    public static DataType FLOAT(int precision) {
        if (precision < 1 || precision > 24) {
            throw new IllegalArgumentException("FLOAT precision must be between 1 and 24 (a single-precision float; "
                    + "use DOUBLE for more), was " + precision);
        }
        return new DataType(DataType.Kind.FLOAT, precision, null, null);
    }

    /** @param precision digits (MySQL/MariaDB) @param scale digits after the point @return FLOAT(precision, scale) */
    public static DataType FLOAT(int precision, int scale) {
        return new DataType(DataType.Kind.FLOAT, positive(precision, "FLOAT precision"), scale(scale, precision), null);
    }

    /** @param precision digits (MySQL/MariaDB) @param scale digits after the point @return REAL(precision, scale) */
    public static DataType REAL(int precision, int scale) {
        return new DataType(DataType.Kind.REAL, positive(precision, "REAL precision"), scale(scale, precision), null);
    }

    private static int scale(int scale, int precision) {
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("scale must be between 0 and the precision " + precision + ", was "
                    + scale);
        }
        return scale;
    }

    private static String size(String size, String type) {
        if (!"tiny".equals(size) && !"medium".equals(size) && !"long".equals(size)) {
            throw new IllegalArgumentException(type + " size must be 'tiny', 'medium' or 'long', was " + size);
        }
        return size;
    }

    /** @param precision total digits @param scale digits after the point @return DECIMAL(precision, scale) */
    public static DataType DECIMAL(int precision, int scale) {
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("DECIMAL scale must be between 0 and the precision " + precision
                    + ", was " + scale);
        }
        return new DataType(DataType.Kind.DECIMAL, positive(precision, "DECIMAL precision"), scale, null);
    }

    /** @param precision total digits, none after the point @return DECIMAL(precision, 0) */
    public static DataType DECIMAL(int precision) {
        return DECIMAL(precision, 0);
    }

    /** @param precision total digits @param scale digits after the point @return NUMERIC(precision, scale), a DECIMAL */
    public static DataType NUMERIC(int precision, int scale) {
        return DECIMAL(precision, scale);
    }

    /** @param values the allowed values, at least one @return ENUM(values) */
    public static DataType ENUM(String... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("ENUM needs at least one value");
        }
        return new DataType(DataType.Kind.ENUM, null, null, Arrays.asList(values));
    }

    /**
     * @param element the element type: a scalar or an ENUM (not JSON, BLOB, ARRAY or RANGE); ARRAY(ENUM) uses the
     *                enum type PostgreSQL names after the table and column ({@code "enum_<table>_<column>"[]})
     * @return {@code element[]} on PostgreSQL; values are {@code List}s of the element's Java type
     */
    public static DataType ARRAY(DataType element) {
        refuseCustom(element, "ARRAY");
        switch (element.kind()) {
            case JSON, BLOB, ARRAY, RANGE -> throw new IllegalArgumentException("ARRAY of " + element.kind()
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
