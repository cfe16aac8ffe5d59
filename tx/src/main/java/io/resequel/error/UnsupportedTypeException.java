package io.resequel.error;

/**
 * A data type the database does not have, e.g. {@code ARRAY} or {@code RANGE} on MySQL, MariaDB or H2 (Sequelize
 * marks them ✗ there), CITEXT on MySQL/MariaDB, PostgreSQL-only types (INET, HSTORE, ...) elsewhere. Raised by
 * {@code define} (then naming the model and the attribute) and by DDL that names a type, before any SQL is sent.
 */
public final class UnsupportedTypeException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String type;
    private final String dialect;
    private final String model;
    private final String detail;
    private final String attribute;

    /**
     * @param type    the data type as written ({@code ARRAY(INTEGER)})
     * @param dialect the dialect name
     * @param detail  why, and what to do instead, or {@code null}
     */
    public UnsupportedTypeException(String type, String dialect, String detail) {
        this(type, dialect, detail, null, null);
    }

    /**
     * @param type      the data type as written
     * @param dialect   the dialect name
     * @param detail    why, and what to do instead, or {@code null}
     * @param model     the model defining the attribute
     * @param attribute the attribute of that type
     */
    public UnsupportedTypeException(String type, String dialect, String detail, String model, String attribute) {
        super("RSQ-311 data type " + type + (model == null ? "" : " of " + model + "." + attribute)
                + " is not supported by the " + dialect + " dialect" + (detail == null ? "" : ": " + detail));
        this.type = type;
        this.dialect = dialect;
        this.model = model;
        this.detail = detail;
        this.attribute = attribute;
    }

    /** @return why, and what to do instead, or {@code null} */
    public String detail() { return detail; }

    /** @return the model whose attribute has the type, or {@code null} outside {@code define} */
    public String model() { return model; }

    /** @return the attribute that has the type, or {@code null} outside {@code define} */
    public String attribute() { return attribute; }

    /** @return the data type */
    public String type() { return type; }

    /** @return the dialect name */
    public String dialect() { return dialect; }
}
