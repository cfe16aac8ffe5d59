package io.resequel.assoc;

import io.resequel.model.DataType;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;

/**
 * A foreign-key attribute an association adds to the model that holds the key; the model merges it into an
 * attribute of the same name when one is declared.
 *
 * @param holder      the model that gets the attribute
 * @param name        the attribute name
 * @param field       its column, or {@code null} for the holder's naming (underscored or not)
 * @param type        its data type
 * @param allowNull   whether it may be NULL
 * @param references  the referenced model, or {@code null} for no REFERENCES constraint
 * @param key         the referenced attribute
 * @param onDelete    action on delete
 * @param onUpdate    action on update
 * @param pairKey     a junction key: part of a composite primary key when the junction declares none, else of
 *                    the composite unique constraint {@code unique}
 * @param unique      the junction's unique constraint name, or {@code null}
 * @param replaces    a key this one takes the place of (removed from the holder when an association added it), or
 *                    {@code null}: a belongsToMany re-keyed by its paired association drops its inferred key
 * @param ownActions  whether this key's onDelete/onUpdate win over those an earlier association set on the same
 *                    column (Sequelize: a belongsToMany's explicit onDelete on its own foreign key)
 */
public record ForeignKey(Model<?> holder, String name, String field, DataType type, boolean allowNull,
        Model<?> references, String key, ReferentialAction onDelete, ReferentialAction onUpdate, boolean pairKey,
        String unique, String replaces, boolean ownActions) {

    /** A key that replaces none. */
    public ForeignKey(Model<?> holder, String name, String field, DataType type, boolean allowNull,
            Model<?> references, String key, ReferentialAction onDelete, ReferentialAction onUpdate, boolean pairKey,
            String unique) {
        this(holder, name, field, type, allowNull, references, key, onDelete, onUpdate, pairKey, unique, null, false);
    }

    /** @param old the key this one replaces @return this key, replacing {@code old} */
    ForeignKey replacing(String old) {
        return new ForeignKey(holder, name, field, type, allowNull, references, key, onDelete, onUpdate, pairKey,
                unique, old, ownActions);
    }

    /** @return this key, its referential actions winning over an earlier association's on the same column */
    ForeignKey withOwnActions() {
        return new ForeignKey(holder, name, field, type, allowNull, references, key, onDelete, onUpdate, pairKey,
                unique, replaces, true);
    }
}
