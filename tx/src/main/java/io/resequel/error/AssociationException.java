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
}
