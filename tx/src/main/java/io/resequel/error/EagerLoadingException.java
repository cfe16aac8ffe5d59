package io.resequel.error;

/**
 * An include that cannot be resolved against the declared associations, such as "Task is not associated to User",
 * an include that needs {@code as}, or an alias that matches no association. The message names both models and
 * the fix.
 */
public final class EagerLoadingException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public EagerLoadingException(String message) {
        super(message);
    }
}
