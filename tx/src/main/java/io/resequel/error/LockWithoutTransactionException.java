package io.resequel.error;

/** A finder asked for a row lock outside a transaction, where the lock would end with the statement. */
public final class LockWithoutTransactionException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /** @param model the model queried @param lock the lock asked for */
    public LockWithoutTransactionException(String model, Object lock) {
        super("RSQ-120 " + model + " was queried with " + lock + " outside a transaction, where the lock is released "
                + "as soon as the statement ends; run the query inside db.transaction(t -> ...) or pass "
                + "transaction(t)");
    }
}
