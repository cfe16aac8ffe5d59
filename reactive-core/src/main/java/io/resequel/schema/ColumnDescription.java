package io.resequel.schema;

import java.util.List;

/**
 * One column as {@link QueryInterface#describeTable} reads it from the catalog (Sequelize's
 * {@code describeTable} entry).
 *
 * @param name          the column name
 * @param type          the type as the database names it, upper case ({@code CHARACTER VARYING(255)},
 *                      {@code VARCHAR(255)}); ENUM columns as {@code ENUM('a','b')}
 * @param allowNull     whether NULL is allowed
 * @param defaultValue  the default as text, literals unquoted and PostgreSQL casts removed; {@code null} when none
 *                      (an auto-increment column's sequence is no default)
 * @param primaryKey    whether the column is part of the primary key
 * @param autoIncrement whether the database generates it (identity, serial, AUTO_INCREMENT)
 * @param comment       the column comment, or {@code null}
 * @param values        an ENUM column's labels in order, else empty (H2 keeps enums as text with a CHECK: empty)
 */
public record ColumnDescription(String name, String type, boolean allowNull, String defaultValue, boolean primaryKey,
        boolean autoIncrement, String comment, List<String> values) {

    /** Copies the labels. */
    public ColumnDescription {
        values = List.copyOf(values);
    }
}
