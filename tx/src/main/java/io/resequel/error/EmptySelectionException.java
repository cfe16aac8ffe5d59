package io.resequel.error;

/**
 * A finder that selects nothing ({@code attributes()} empty, or every attribute excluded, and no computed
 * selection): refused before any SQL, since {@code SELECT  FROM} is not valid SQL on any database.
 */
public final class EmptySelectionException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String model;

    /** @param model the model name */
    public EmptySelectionException(String model) {
        super("RSQ-307 " + model + ": the query selects no attribute; name at least one in attributes(...), "
                + "or select a computed expression");
        this.model = model;
    }

    /** @return the model name */
    public String model() { return model; }
}
