package io.resequel.model;

import java.util.Objects;

/**
 * A foreign key declared on an attribute (Sequelize's {@code references}).
 *
 * @param table    the referenced table name (a model's table, resolved at definition)
 * @param key      the referenced column
 * @param onDelete action on delete, or {@code null} for the database default
 * @param onUpdate   action on update, or {@code null} for the database default
 * @param deferrable when the key may be checked, or {@code null} for the database default
 * @param schema     the referenced table's schema: {@code null} for the referencing table's own (a table given by
 *                   name), {@code ""} for the default schema; a referenced model gives its own, so that a table in
 *                   one schema can refer to a model in another (Sequelize's {@code references.model} is the model's
 *                   schema-qualified table)
 */
public record Reference(String table, String key, ReferentialAction onDelete, ReferentialAction onUpdate,
        Deferrable deferrable, String schema) {
    /** Checks the names. */
    public Reference {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
    }

    /**
     * A reference to a table in the referencing table's schema.
     *
     * @param table      the referenced table
     * @param key        the referenced column
     * @param onDelete   action on delete, or {@code null}
     * @param onUpdate   action on update, or {@code null}
     * @param deferrable when the key may be checked, or {@code null}
     */
    public Reference(String table, String key, ReferentialAction onDelete, ReferentialAction onUpdate,
            Deferrable deferrable) {
        this(table, key, onDelete, onUpdate, deferrable, null);
    }

    /**
     * @param table    the referenced table
     * @param key      the referenced column
     * @param onDelete action on delete, or {@code null}
     * @param onUpdate action on update, or {@code null}
     */
    public Reference(String table, String key, ReferentialAction onDelete, ReferentialAction onUpdate) {
        this(table, key, onDelete, onUpdate, null);
    }
}
