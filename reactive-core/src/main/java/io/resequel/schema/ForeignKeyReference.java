package io.resequel.schema;

/**
 * One column of a foreign key ({@link QueryInterface#getForeignKeyReferencesForTable}, Sequelize's entry of the
 * same name).
 *
 * @param constraintName        the constraint
 * @param tableName             the referencing table
 * @param columnName            the referencing column
 * @param referencedTableSchema the referenced table's schema (MySQL: database)
 * @param referencedTableName   the referenced table
 * @param referencedColumnName  the referenced column
 * @param onDelete              the ON DELETE rule ({@code CASCADE}, {@code NO ACTION}, ...)
 * @param onUpdate              the ON UPDATE rule
 */
public record ForeignKeyReference(String constraintName, String tableName, String columnName,
        String referencedTableSchema, String referencedTableName, String referencedColumnName, String onDelete,
        String onUpdate) {
}
