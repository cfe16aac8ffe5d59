package io.resequel.error;

/**
 * COMMIT did not complete normally because the connection failed while it was in flight. The server may have
 * committed or not: {@link #outcomeUnknown()} says so, and the caller must check (read the rows back) before
 * retrying a non-idempotent write. The connection is discarded, never pooled again. A COMMIT that the server
 * refused (a deferred constraint, a serialization failure) is not this exception: it surfaces as that typed error,
 * and the transaction is known to be rolled back.
 */
public final class CommitFailedException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String transaction;
    private final boolean outcomeUnknown;

    /**
     * @param transaction    the transaction's id
     * @param outcomeUnknown whether the server may have committed
     * @param cause          the failure
     */
    public CommitFailedException(String transaction, boolean outcomeUnknown, Throwable cause) {
        super("RSQ-103 COMMIT of transaction " + transaction + " failed: " + cause.getMessage()
                + (outcomeUnknown ? "; the connection broke while COMMIT was in flight, so the transaction may or may"
                        + " not have been committed: read the data back before retrying" : ""), cause);
        this.transaction = transaction;
        this.outcomeUnknown = outcomeUnknown;
    }

    /** @return the id of the transaction whose COMMIT failed */
    public String transaction() {
        return transaction;
    }

    /** @return whether the server may have committed the transaction after all */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
