package io.resequel.error;

import java.util.List;

/** A unique or primary-key constraint was violated (SQLSTATE 23505, MySQL 1062). */
public final class UniqueConstraintException extends DatabaseException {

    private static final long serialVersionUID = 1L;
    private final List<String> fields;
    private final String constraint;
    private final transient List<ValidationItem> items;

    /**
     * @param message    the database's message
     * @param sql        the statement text
     * @param sqlState   the SQLSTATE
     * @param constraint the constraint name, if known
     * @param fields     the columns involved, if known
     * @param cause      the driver's exception
     */
    public UniqueConstraintException(String message, String sql, String sqlState, String constraint,
            List<String> fields, Throwable cause) {
        super("RSQ-501 unique constraint violated" + (constraint != null ? " (" + constraint + ")" : "")
                + (fields.isEmpty() ? "" : " on " + fields) + ": " + message, sql, sqlState, cause);
        this.fields = List.copyOf(fields);
        this.constraint = constraint;
        this.items = List.of();
    }

    private UniqueConstraintException(UniqueConstraintException e, List<ValidationItem> items, String message) {
        super(message != null ? "RSQ-501 " + message + " (unique constraint" + (e.constraint != null ? " "
                + e.constraint : "") + (e.fields.isEmpty() ? "" : " on " + e.fields) + ")"
                : e.sql() == null ? e.getMessage() : e.getMessage().substring(0,
                e.getMessage().length() - (" [SQL: " + e.sql() + "]").length()), e.sql(), e.sqlState(), e.getCause());
        this.fields = e.fields;
        this.constraint = e.constraint;
        this.items = List.copyOf(items);
        setStackTrace(e.getStackTrace());
    }

    /**
     * @param items one item per attribute of the violated constraint (Sequelize's {@code errors})
     * @return a copy of this error carrying them
     */
    public UniqueConstraintException withItems(List<ValidationItem> items) {
        return new UniqueConstraintException(this, items, null);
    }

    /**
     * @param items   one item per attribute of the violated constraint
     * @param message the constraint's custom message (Sequelize's {@code unique: {msg}}), which becomes this
     *                error's message after its code: {@code RSQ-501 <message> (unique constraint ...)}
     * @return a copy of this error carrying them
     */
    public UniqueConstraintException withItems(List<ValidationItem> items, String message) {
        return new UniqueConstraintException(this, items, message);
    }

    /**
     * Sequelize's {@code UniqueConstraintError.errors}: one item per attribute of the violated constraint, its
     * message the attribute's {@code uniqueMessage} or "{@code <attribute> must be unique}", validator
     * {@code "unique"}. Filled when a model's write failed (empty for raw queries or unknown columns).
     *
     * @return the items, possibly empty
     */
    public List<ValidationItem> items() { return items; }

    /** @return the columns involved, empty when the database did not say */
    public List<String> fields() { return fields; }

    /** @return the constraint name, or {@code null} */
    public String constraint() { return constraint; }
}
