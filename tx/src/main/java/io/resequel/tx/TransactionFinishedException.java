package io.resequel.tx;

/** Raised when a committed or rolled-back transaction is used again. */
public final class TransactionFinishedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param state the state the transaction is in */
    public TransactionFinishedException(Transaction.State state) {
        super("RSQ-101 the transaction is already " + state.name().toLowerCase().replace('_', ' ')
                + "; start a new one with transaction(...)");
    }
}
