package io.resequel.schema;

import io.resequel.error.ResequelException;

/** Foreign keys form a cycle, so tables cannot be created in dependency order (Sequelize's message). */
public final class CyclicDependencyException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /** @param message names the tables in the cycle and how to break it */
    public CyclicDependencyException(String message) {
        super(message);
    }
}
