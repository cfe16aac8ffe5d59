package io.resequel.model;

import io.resequel.query.FindOptions;
import io.resequel.query.Where;

/** The soft-delete filter of paranoid models: {@code deletedAt IS NULL}, unless the query opts out. */
final class Paranoid {

    private Paranoid() {
    }

    /** @param model the model name @return why a restore of a model that is not paranoid fails */
    static String notParanoid(String model) {
        return "RSQ-621 " + model + " is not paranoid: there is nothing to restore (define it with "
                + "options(o -> o.paranoid(true)))";
    }

    /** @return {@code where} with the filter, or {@code where} itself for a model that is not paranoid */
    static Where where(ModelDefinition def, Where where) {
        String deletedAt = def.deletedAtAttribute();
        if (deletedAt == null) {
            return where;
        }
        Where alive = Where.eq(deletedAt, unset(def));
        return where == null ? alive : where.and(alive);
    }

    /** @return the options with the filter in their where, unless {@code paranoid(false)} */
    static FindOptions options(ModelDefinition def, FindOptions options) {
        if (def.deletedAtAttribute() == null || !options.paranoid()) {
            return options;
        }
        FindOptions.Builder b = options.mutate();
        // Marked applied, so a find built on another (findOne, counts) does not add it twice.
        b.where(Where.eq(def.deletedAtAttribute(), unset(def))).paranoid(false);
        return b.build();
    }

    /**
     * The value of a row that is not deleted: the soft-delete attribute's constant default, else null (Sequelize
     * filters and restores with that default).
     */
    static Object unset(ModelDefinition def) {
        AttributeDefinition a = def.attribute(def.deletedAtAttribute());
        DefaultValue d = a.defaultValue();
        // coerced as a set value is, so it compares equal to what an instance holds
        return d != null && d.isConstant() && d.constant() != null
                ? io.resequel.validation.Values.coerce(def.name(), a, d.constant()) : null;
    }
}
