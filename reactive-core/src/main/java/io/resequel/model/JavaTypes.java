package io.resequel.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The Java class each {@link DataType.Kind} reads as. */
final class JavaTypes {

    private JavaTypes() {
    }

    /**
     * Unsigned integers read as the next wider class so every value fits (TINYINT is {@code Short} either way:
     * Java's byte cannot hold 255).
     */
    static Class<?> of(DataType type) {
        boolean unsigned = type.isUnsigned();
        return switch (type.kind()) {
            case STRING, CHAR, TEXT, ENUM, CITEXT, TSVECTOR, INET, CIDR, MACADDR -> String.class;
            case TINYINT -> Short.class;
            case SMALLINT -> unsigned ? Integer.class : Short.class;
            case MEDIUMINT -> Integer.class;
            case INTEGER -> unsigned ? Long.class : Integer.class;
            case BIGINT -> unsigned ? java.math.BigInteger.class : Long.class;
            case FLOAT, REAL -> Float.class;
            case HSTORE -> java.util.Map.class;
            case GEOMETRY, GEOGRAPHY -> Object.class;
            case DOUBLE -> Double.class;
            case DECIMAL -> BigDecimal.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> OffsetDateTime.class;
            case DATEONLY -> LocalDate.class;
            case TIME -> LocalTime.class;
            case UUID -> UUID.class;
            case JSON -> Object.class;
            case BLOB -> byte[].class;
            case ARRAY -> java.util.List.class;
            case RANGE -> Range.class;
        };
    }

    /** @return the default data type of a Java class, or {@code null} when it has none */
    static DataType forJavaTypeOrNull(Class<?> type) {
        try {
            return forJavaType(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static DataType forJavaType(Class<?> type) {
        if (type == String.class) return DataTypes.STRING;
        if (type == Integer.class || type == int.class) return DataTypes.INTEGER;
        if (type == Long.class || type == long.class) return DataTypes.BIGINT;
        if (type == Short.class || type == short.class) return DataTypes.SMALLINT;
        if (type == Float.class || type == float.class) return DataTypes.FLOAT;
        if (type == Double.class || type == double.class) return DataTypes.DOUBLE;
        // A typed attribute's inferred DECIMAL keeps cents on every database (MySQL's bare DECIMAL would round to
        // whole numbers); declare DataTypes.DECIMAL or DECIMAL(p, s) for anything else.
        if (type == BigDecimal.class) return DataTypes.DECIMAL(10, 2);
        if (type == Boolean.class || type == boolean.class) return DataTypes.BOOLEAN;
        if (type == OffsetDateTime.class) return DataTypes.DATE;
        if (type == LocalDate.class) return DataTypes.DATEONLY;
        if (type == LocalTime.class) return DataTypes.TIME;
        if (type == UUID.class) return DataTypes.UUID;
        if (type == byte[].class) return DataTypes.BLOB;
        if (java.util.Map.class.isAssignableFrom(type) || java.util.List.class.isAssignableFrom(type)) {
            return DataTypes.JSON;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name();
            }
            return DataTypes.ENUM(names);
        }
        throw new IllegalArgumentException("RSQ-201 no default data type for Java type " + type.getName()
                + "; pass one explicitly, e.g. Attribute.of(name, type, DataTypes.TEXT)");
    }
}
