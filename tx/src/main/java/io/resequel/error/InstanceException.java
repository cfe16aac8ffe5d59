package io.resequel.error;

/** An instance operation that cannot be done (Sequelize's {@code InstanceError}), such as reloading a deleted row. */
public final class InstanceException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /** @param message what cannot be done and why */
    public InstanceException(String message) {
        super(message);
    }
}
