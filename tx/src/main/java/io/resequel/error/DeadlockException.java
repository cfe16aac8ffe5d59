package io.resequel.error;

/** A deadlock (PostgreSQL SQLSTATE 40P01, MySQL error 1213, H2 error 40001): two transactions waited for each other's locks and the database rolled this one back. A {@link TransactionConflictException}: retry the transaction from the start. */
public final class DeadlockException extends TransactionConflictException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message    the database's message
     * @param sql        the statement text with placeholders, or {@code null}
     * @param sqlState   the SQLSTATE
     * @param vendorCode the database's own error code (0 when none)
     * @param cause      the driver's exception
     */
    public DeadlockException(String message, String sql, String sqlState, int vendorCode, Throwable cause) {
        super("RSQ-111 " + message + "; retry the transaction, e.g. with the retry option of db.transaction", sql,
                sqlState, vendorCode, cause);
    }
}
