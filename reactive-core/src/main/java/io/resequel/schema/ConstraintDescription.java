package io.resequel.schema;

import java.util.List;

/**
 * One constraint of a table ({@link QueryInterface#showConstraint}).
 *
 * @param name             the constraint name
 * @param type             {@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY} or {@code CHECK}
 * @param fields           its columns in order (empty for a CHECK the catalog ties to no column)
 * @param referencedTable  a foreign key's referenced table, else {@code null}
 * @param referencedFields a foreign key's referenced columns, else empty
 * @param onDelete         a foreign key's ON DELETE rule, else {@code null}
 * @param onUpdate         a foreign key's ON UPDATE rule, else {@code null}
 * @param definition       a CHECK's condition as the database prints it, else {@code null}
 */
public record ConstraintDescription(String name, String type, List<String> fields, String referencedTable,
        List<String> referencedFields, String onDelete, String onUpdate, String definition) {

    /** Copies the lists. */
    public ConstraintDescription {
        fields = List.copyOf(fields);
        referencedFields = List.copyOf(referencedFields);
    }
}
