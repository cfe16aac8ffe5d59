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
 */
public record Reference(String table, String key, ReferentialAction onDelete, ReferentialAction onUpdate,
        Deferrable deferrable) {
    /** Checks the names. */
    public Reference {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
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
