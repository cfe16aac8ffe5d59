package io.resequel.tx;

/** Raised when a committed or rolled-back transaction is used again: committed, rolled back or queried. */
public final class TransactionFinishedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;
    private final Transaction.State state;

    /** @param state the state the transaction is in */
    public TransactionFinishedException(Transaction.State state) {
        super("RSQ-101 the transaction has been finished with state: " + state.name().toLowerCase().replace('_', ' ')
                + "; it cannot run statements, commit or roll back again. Start a new one with db.transaction(...)"
                + " or db.startTransaction()");
        this.state = state;
    }

    /** @return the state the transaction was found in */
    public Transaction.State state() {
        return state;
    }
}
