package io.resequel.error;

/**
 * A misuse of an association: a bad definition (an alias used twice, a self-association without keys), or a mixin
 * called on an instance it cannot work with (an unsaved instance, a value of the wrong model).
 */
public final class AssociationException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public AssociationException(String message) {
        super(message);
    }

    /**
     * Sequelize's {@code checkNamingCollision}: {@code instance.get(alias)} would be ambiguous between an attribute
     * and an association of the same name.
     *
     * @param model the source model's name
     * @param alias the association's alias, also an attribute (or a key the association adds) of the source
     * @return the error, with Sequelize's message
     */
    public static AssociationException namingCollision(String model, String alias) {
        return new AssociationException("RSQ-807 Naming collision between attribute '" + alias + "' and association '"
                + alias + "' on model " + model
                + ". To remedy this, change either foreignKey or as in your association definition");
    }
}
