package io.resequel.error;

/**
 * The database handle was closed: a query or transaction asked for a connection after {@code Resequel.close()}, or a
 * transaction still running when the close's grace time ran out was rolled back ({@link #rolledBack()}).
 */
public class PoolClosedException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final boolean rolledBack;

    /** @param cause the pool's shutdown error, or {@code null} when the pool refused the work itself */
    public PoolClosedException(Throwable cause) {
        super("RSQ-131 the connection pool is closed (Resequel.close() was called); create a new Resequel to run"
                + " more queries", cause);
        this.rolledBack = false;
    }

    /** A transaction that was still running when the close's grace time ran out: it was rolled back. */
    public static PoolClosedException rolledBackByClose() {
        return new PoolClosedException();
    }

    private PoolClosedException() {
        super("RSQ-132 the transaction was rolled back: Resequel.close() was called and its grace time ran out before"
                + " the transaction finished");
        this.rolledBack = true;
    }

    /** @return whether this ended a running transaction (rolled back) rather than refused new work */
    public boolean rolledBack() {
        return rolledBack;
    }
}
