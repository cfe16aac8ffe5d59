package io.resequel.error;

import java.time.Duration;

/**
 * A statement ran longer than its timeout ({@code FindOptions.timeout}, {@code QueryOptions.timeout},
 * {@code WriteOptions.timeout} or the default {@code ResequelOptions.queryTimeout}). The statement was stopped on
 * the server (PostgreSQL cancel request, MariaDB {@code KILL QUERY}), so its connection is free again; inside a
 * transaction, PostgreSQL then rejects further statements until the transaction rolls back.
 */
public final class QueryTimeoutException extends ResequelException {

    private static final long serialVersionUID = 1L;

    private final String sql;
    private final Duration timeout;

    /**
     * @param sql     the statement text with placeholders (no values)
     * @param timeout the timeout it exceeded
     * @param cause   the server's cancel error, or {@code null}
     */
    public QueryTimeoutException(String sql, Duration timeout, Throwable cause) {
        super("RSQ-140 statement exceeded its timeout of " + timeout.toMillis() + " ms and was cancelled [SQL: " + sql
                + "]; raise the timeout option or make the statement cheaper (an index, a narrower where)", cause);
        this.sql = sql;
        this.timeout = timeout;
    }

    /** @return the statement text with placeholders (no values) */
    public String sql() {
        return sql;
    }

    /** @return the timeout it exceeded */
    public Duration timeout() {
        return timeout;
    }
}
