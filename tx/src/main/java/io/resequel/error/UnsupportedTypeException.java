package io.resequel.error;

/**
 * A data type the database does not have, e.g. {@code ARRAY} or {@code RANGE} on MySQL, MariaDB or H2 (Sequelize
 * marks them ✗ there). Raised when the table is synced, before any SQL is sent.
 */
public final class UnsupportedTypeException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String type;
    private final String dialect;

    /**
     * @param type    the data type as written ({@code ARRAY(INTEGER)})
     * @param dialect the dialect name
     * @param detail  why, and what to do instead, or {@code null}
     */
    public UnsupportedTypeException(String type, String dialect, String detail) {
        super("RSQ-311 data type " + type + " is not supported by the " + dialect + " dialect"
                + (detail == null ? "" : ": " + detail));
        this.type = type;
        this.dialect = dialect;
    }

    /** @return the data type */
    public String type() { return type; }

    /** @return the dialect name */
    public String dialect() { return dialect; }
}
