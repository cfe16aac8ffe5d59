package io.resequel.error;

/** A serialization failure (SQLSTATE 40001): the transaction's reads or writes could not be ordered with a concurrent transaction's, typically under REPEATABLE READ or SERIALIZABLE. A {@link TransactionConflictException}: retry the transaction from the start. */
public final class SerializationFailureException extends TransactionConflictException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message    the database's message
     * @param sql        the statement text with placeholders, or {@code null}
     * @param sqlState   the SQLSTATE
     * @param vendorCode the database's own error code (0 when none)
     * @param cause      the driver's exception
     */
    public SerializationFailureException(String message, String sql, String sqlState, int vendorCode, Throwable cause) {
        super("RSQ-110 " + message + "; retry the transaction, e.g. with the retry option of db.transaction", sql,
                sqlState, vendorCode, cause);
    }
}
