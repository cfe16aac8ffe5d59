package io.resequel.assoc;

import io.resequel.model.Model;
import io.resequel.model.ModelNames;

/** Association names: aliases in singular and plural, and camel-cased key names as Sequelize derives them. */
final class Naming {

    private Naming() {
    }

    /** @param singular the singular form @param plural the plural form */
    record Alias(String singular, String plural) {
    }

    /** The alias of a to-many association: given in the plural (or both forms), else the target's names. */
    static Alias many(AssociationOptions o, Model<?> target) {
        if (o.singular == null) {
            return new Alias(target.definition().singularName(), target.definition().pluralName());
        }
        if (o.plural != null) {
            return new Alias(o.singular, o.plural);
        }
        return new Alias(singularize(o.singular), o.singular);
    }

    /** The alias of a to-one association: given in the singular (or both forms), else the target's names. */
    static Alias one(AssociationOptions o, Model<?> target) {
        if (o.singular == null) {
            return new Alias(target.definition().singularName(), target.definition().pluralName());
        }
        return new Alias(o.singular, o.plural != null ? o.plural : ModelNames.plural(o.singular));
    }

    /** @param model a model @return the singular name keys are derived from ({@code ModelOptions.name}) */
    static String singular(Model<?> model) {
        return model.definition().singularName();
    }

    /** Sequelize's camelize of key parts: the first kept as is, later ones capitalised ({@code user + id → userId}). */
    static String camel(String first, String second) {
        return first + capitalize(second);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** @param word a name @return its English singular (Sequelize's inflection, {@link ModelNames#singular}) */
    static String singularize(String word) {
        return ModelNames.singular(word);
    }
}
