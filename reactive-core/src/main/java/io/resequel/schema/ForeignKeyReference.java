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
 * @param deferrable            when the key is checked, as {@link io.resequel.model.Deferrable#sql()} prints it
 *                              ({@code NOT DEFERRABLE}, {@code DEFERRABLE INITIALLY DEFERRED}, ...); {@code null}
 *                              where the database has no deferrable keys
 */
public record ForeignKeyReference(String constraintName, String tableName, String columnName,
        String referencedTableSchema, String referencedTableName, String referencedColumnName, String onDelete,
        String onUpdate, String deferrable) {

    /** A key whose checking time is unknown ({@code deferrable} is {@code null}). */
    public ForeignKeyReference(String constraintName, String tableName, String columnName,
            String referencedTableSchema, String referencedTableName, String referencedColumnName, String onDelete,
            String onUpdate) {
        this(constraintName, tableName, columnName, referencedTableSchema, referencedTableName, referencedColumnName,
                onDelete, onUpdate, null);
    }
}
