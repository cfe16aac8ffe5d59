package io.resequel.model;

import io.resequel.error.UniqueConstraintException;
import io.resequel.error.ValidationItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequelize's {@code UniqueConstraintError.errors} for a model's writes: the violated columns become items naming
 * the model's attributes, with the attribute's {@link AttributeSpec#uniqueMessage custom message} or
 * "{@code <attribute> must be unique}".
 */
final class UniqueErrors {

    private UniqueErrors() {
    }

    /**
     * @return {@code error} with its items when it is a unique violation of this model's columns, else itself; when
     *         an attribute of the constraint has a custom message, it is the error's message too (Sequelize's
     *         {@code err.message})
     */
    static Throwable describe(ModelDefinition def, Throwable error) {
        if (!(error instanceof UniqueConstraintException e) || !e.items().isEmpty()) {
            return error;
        }
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (String column : e.fields()) {
            AttributeDefinition a = def.byField(column);
            if (a != null) {
                attributes.add(a);
            }
        }
        if (attributes.isEmpty() && e.constraint() != null) {
            // The database named the constraint but not its columns: the attributes declared under that name.
            for (AttributeDefinition a : def.attributes()) {
                if (e.constraint().equals(a.unique())) {
                    attributes.add(a);
                }
            }
        }
        List<ValidationItem> items = new ArrayList<>();
        String custom = null;
        for (AttributeDefinition a : attributes) {
            String message = def.uniqueMessages().get(a.name());
            if (custom == null) {
                custom = message;
            }
            items.add(new ValidationItem(def.name(), a.name(), "unique", null,
                    message != null ? message : a.name() + " must be unique"));
        }
        return items.isEmpty() ? e : e.withItems(items, custom);
    }
}
