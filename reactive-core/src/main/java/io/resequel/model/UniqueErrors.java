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

    /** @return {@code error} with its items when it is a unique violation of this model's columns, else itself */
    static Throwable describe(ModelDefinition def, Throwable error) {
        if (!(error instanceof UniqueConstraintException e) || !e.items().isEmpty()) {
            return error;
        }
        List<ValidationItem> items = new ArrayList<>();
        for (String column : e.fields()) {
            AttributeDefinition a = def.byField(column);
            if (a != null) {
                String message = def.uniqueMessages().get(a.name());
                items.add(new ValidationItem(def.name(), a.name(), "unique", null,
                        message != null ? message : a.name() + " must be unique"));
            }
        }
        return items.isEmpty() ? e : e.withItems(items);
    }
}
