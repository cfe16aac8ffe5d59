package io.resequel.tx;

/** The database handle was closed (or is closing): it takes no new work. */
public final class PoolClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final boolean rolledBack;

    /** A query or transaction that came after the close. */
    public PoolClosedException() {
        this(false);
    }

    /** @param rolledBack whether a running transaction was rolled back because the close's grace time ran out */
    public PoolClosedException(boolean rolledBack) {
        super(rolledBack
                ? "RSQ-132 the transaction was rolled back: db.close() was called and its grace time ran out before"
                        + " the transaction finished"
                : "RSQ-131 the connection pool is closed (db.close() was called): it takes no new queries or"
                        + " transactions; create a new Resequel instance");
        this.rolledBack = rolledBack;
    }

    /** @return whether this ended a running transaction (rolled back) rather than refused new work */
    public boolean rolledBack() {
        return rolledBack;
    }
}
