package io.resequel.error;

/** An error the database reported; carries the SQL (never the bound values) and the SQLSTATE. */
public class DatabaseException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String sql;
    private final String sqlState;

    /**
     * @param message  the database's message
     * @param sql      the statement text with placeholders
     * @param sqlState the SQLSTATE, or {@code null}
     * @param cause    the driver's exception
     */
    public DatabaseException(String message, String sql, String sqlState, Throwable cause) {
        super(message + (sql != null ? " [SQL: " + sql + "]" : ""), cause);
        this.sql = sql;
        this.sqlState = sqlState;
    }

    /** @return the statement text, with placeholders and no values */
    public String sql() { return sql; }

    /** @return the SQLSTATE, or {@code null} */
    public String sqlState() { return sqlState; }
}
