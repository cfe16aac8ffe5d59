package io.resequel.error;

/**
 * An operator, or a use of one, that the database cannot run and that has no exact emulation, e.g. {@code OVERLAP}
 * on MySQL or a JSON path on H2. Raised before any SQL is sent.
 */
public final class UnsupportedOperatorException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String operator;
    private final String dialect;

    /**
     * @param operator the operator ({@code Op} name or feature such as {@code JSON path})
     * @param dialect  the dialect name
     * @param detail   why, and what to do instead
     */
    public UnsupportedOperatorException(String operator, String dialect, String detail) {
        super("RSQ-310 " + operator + " is not supported by the " + dialect + " dialect" + (detail == null ? "" : ": "
                + detail));
        this.operator = operator;
        this.dialect = dialect;
    }

    /** @return the operator */
    public String operator() { return operator; }

    /** @return the dialect name */
    public String dialect() { return dialect; }
}
