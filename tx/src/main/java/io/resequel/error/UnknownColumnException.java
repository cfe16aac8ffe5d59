package io.resequel.error;

import java.util.Collection;

/** A column that the table does not have (rename, change or remove of a missing column); suggests the closest. */
public final class UnknownColumnException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String table;
    private final String column;

    /**
     * @param table  the table
     * @param column the missing column
     * @param known  the table's columns
     */
    public UnknownColumnException(String table, String column, Collection<String> known) {
        this(table, column, Suggestions.closest(column, known));
    }

    private UnknownColumnException(String table, String column, String suggestion) {
        super("RSQ-951 table '" + table + "' has no column '" + column + "'"
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : ""));
        this.table = table;
        this.column = column;
    }

    /** @return the table */
    public String table() {
        return table;
    }

    /** @return the missing column */
    public String column() {
        return column;
    }
}
