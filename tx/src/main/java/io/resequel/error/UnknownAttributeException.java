package io.resequel.error;

import java.util.Collection;

/** A name that is not an attribute of the model; the message suggests the closest one. */
public final class UnknownAttributeException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String model;
    private final String attribute;
    private final String suggestion;

    /**
     * @param model     the model name
     * @param attribute the unknown name
     * @param known     the model's attribute names
     */
    public UnknownAttributeException(String model, String attribute, Collection<String> known) {
        this(model, attribute, Suggestions.closest(attribute, known));
    }

    private UnknownAttributeException(String model, String attribute, String suggestion) {
        super("RSQ-301 " + model + " has no attribute '" + attribute + "'"
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : ""));
        this.model = model;
        this.attribute = attribute;
        this.suggestion = suggestion;
    }

    /** @return the model name */
    public String model() { return model; }

    /** @return the unknown name */
    public String attribute() { return attribute; }

    /** @return the closest known attribute, or {@code null} */
    public String suggestion() { return suggestion; }
}
