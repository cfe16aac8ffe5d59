package io.resequel.error;

/** A query or transaction asked for a connection after {@code Resequel.close()} shut the pool down. */
public class PoolClosedException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /** @param cause the pool's shutdown error */
    public PoolClosedException(Throwable cause) {
        super("RSQ-131 the connection pool is closed (Resequel.close() was called); create a new Resequel to run"
                + " more queries", cause);
    }
}
