package io.resequel.error;

import java.util.Collection;

/** A named constraint that the table does not have (Sequelize's {@code UnknownConstraintError}). */
public final class UnknownConstraintException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String table;
    private final String constraint;

    /**
     * @param table      the table
     * @param constraint the missing constraint's name
     * @param known      the table's constraint names
     */
    public UnknownConstraintException(String table, String constraint, Collection<String> known) {
        this(table, constraint, Suggestions.closest(constraint, known));
    }

    private UnknownConstraintException(String table, String constraint, String suggestion) {
        super("RSQ-952 table '" + table + "' has no constraint '" + constraint + "'"
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : ""));
        this.table = table;
        this.constraint = constraint;
    }

    /** @return the table */
    public String table() {
        return table;
    }

    /** @return the missing constraint's name */
    public String constraint() {
        return constraint;
    }
}
