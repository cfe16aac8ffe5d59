package io.resequel.sql;

/**
 * A column as the database describes it.
 *
 * @param name      the column name
 * @param type      the database's type name, lower case
 * @param allowNull whether NULL is allowed
 */
public record ColumnInfo(String name, String type, boolean allowNull) {
}
