package io.resequel.error;

/**
 * A mistake in a model's definition, found by {@code define} (configuration fails at once, not on the first
 * query): a missing or unknown data type, two auto-increment attributes, a model validator named like an
 * attribute. The message names the model, the attribute and the fix.
 */
public final class ModelDefinitionException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String model;
    private final String attribute;

    /**
     * @param model     the model name
     * @param attribute the attribute (or validator) concerned
     * @param message   the full message, with its RSQ code
     */
    public ModelDefinitionException(String model, String attribute, String message) {
        super(message);
        this.model = model;
        this.attribute = attribute;
    }

    /** @return the model name */
    public String model() { return model; }

    /** @return the attribute (or validator) concerned */
    public String attribute() { return attribute; }
}
