package io.resequel.error;

/** A table that does not exist where a query-interface call needs it (describe, rename, alter). */
public final class UnknownTableException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String schema;
    private final String table;

    /**
     * @param schema the schema searched, or {@code null} for the connection's current one
     * @param table  the table name
     */
    public UnknownTableException(String schema, String table) {
        super("RSQ-950 no table '" + table + "'" + (schema != null ? " in schema '" + schema + "'" : "")
                + "; create it first (createTable or sync) or check the name and schema");
        this.schema = schema;
        this.table = table;
    }

    /** @return the schema searched, or {@code null} for the current one */
    public String schema() {
        return schema;
    }

    /** @return the table name */
    public String table() {
        return table;
    }
}
