package io.resequel.error;

/**
 * The database gave up on a transaction because it conflicted with a concurrent one: a serialization failure, a
 * deadlock, or a lock wait that timed out. Retryable: the transaction as a whole may succeed when run again from the
 * start, e.g. with {@code TransactionOptions.builder().retry(Retries.onConflict(3, Duration.ofMillis(20)))}.
 * Carries the SQLSTATE and the vendor error code.
 */
public class TransactionConflictException extends DatabaseException {

    private static final long serialVersionUID = 1L;
    private final int vendorCode;

    /**
     * @param message    the database's message
     * @param sql        the statement text with placeholders, or {@code null}
     * @param sqlState   the SQLSTATE
     * @param vendorCode the database's own error code (0 when none)
     * @param cause      the driver's exception
     */
    public TransactionConflictException(String message, String sql, String sqlState, int vendorCode, Throwable cause) {
        super(message, sql, sqlState, cause);
        this.vendorCode = vendorCode;
    }

    /** @return the database's own error code (MySQL 1213, 1205; H2 40001, 50200), or 0 */
    public int vendorCode() {
        return vendorCode;
    }

    /** @return always {@code true}: running the whole transaction again may succeed */
    public boolean isRetryable() {
        return true;
    }
}
