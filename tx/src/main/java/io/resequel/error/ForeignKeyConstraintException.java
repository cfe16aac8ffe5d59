package io.resequel.error;

import java.util.List;

/** A foreign-key constraint was violated (SQLSTATE 23503, MySQL 1451/1452). */
public final class ForeignKeyConstraintException extends DatabaseException {

    private static final long serialVersionUID = 1L;
    private final List<String> fields;
    private final String constraint;

    /**
     * @param message    the database's message
     * @param sql        the statement text
     * @param sqlState   the SQLSTATE
     * @param constraint the constraint name, if known
     * @param fields     the columns involved, if known
     * @param cause      the driver's exception
     */
    public ForeignKeyConstraintException(String message, String sql, String sqlState, String constraint,
            List<String> fields, Throwable cause) {
        super("RSQ-502 foreign key constraint violated" + (constraint != null ? " (" + constraint + ")" : "")
                + (fields.isEmpty() ? "" : " on " + fields) + ": " + message, sql, sqlState, cause);
        this.fields = List.copyOf(fields);
        this.constraint = constraint;
    }

    /** @return the columns involved, empty when the database did not say */
    public List<String> fields() { return fields; }

    /** @return the constraint name, or {@code null} */
    public String constraint() { return constraint; }
}
