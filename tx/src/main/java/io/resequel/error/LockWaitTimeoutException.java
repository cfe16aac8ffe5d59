package io.resequel.error;

/** A lock wait timeout (MySQL error 1205, H2 error 50200, PostgreSQL 55P03 under NOWAIT or lock_timeout): the transaction waited too long for a row lock another transaction holds. A {@link TransactionConflictException}: retry the transaction from the start. */
public final class LockWaitTimeoutException extends TransactionConflictException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message    the database's message
     * @param sql        the statement text with placeholders, or {@code null}
     * @param sqlState   the SQLSTATE
     * @param vendorCode the database's own error code (0 when none)
     * @param cause      the driver's exception
     */
    public LockWaitTimeoutException(String message, String sql, String sqlState, int vendorCode, Throwable cause) {
        super("RSQ-112 " + message + "; retry the transaction, e.g. with the retry option of db.transaction", sql,
                sqlState, vendorCode, cause);
    }
}
