package io.resequel.error;

/**
 * A function or type name in an expression ({@code Expr.fn}, {@code Expr.cast}) that is not a plain SQL name. Such
 * names are written into the statement as they are (a function name cannot be quoted without changing its meaning),
 * so anything beyond letters, digits, underscores and one schema dot is refused before any SQL: it could only be a
 * mistake or an injection.
 */
public final class InvalidNameException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String name;

    /** @param kind what the name names ({@code function}, {@code SQL type}) @param name the refused name */
    public InvalidNameException(String kind, String name) {
        super("RSQ-320 '" + name + "' is not a " + kind + " name: use letters, digits and underscores, optionally "
                + "after a schema and a dot (schema.name)");
        this.name = name;
    }

    /** @return the refused name */
    public String name() {
        return name;
    }
}
