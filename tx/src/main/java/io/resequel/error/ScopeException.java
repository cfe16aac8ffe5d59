package io.resequel.error;

import java.util.List;

/**
 * A scope that cannot be applied or defined (Sequelize's {@code SequelizeScopeError}): a name the model does not
 * define ("Invalid scope x called."), a scope defined twice without override, arguments given to a scope that is not
 * a function. The message names the model and its defined scopes.
 */
public final class ScopeException extends ResequelException {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final String scope;
    private final List<String> defined;

    /**
     * @param message what is wrong and how to fix it
     * @param model   the model
     * @param scope   the scope named
     * @param defined the scopes the model defines
     */
    public ScopeException(String message, String model, String scope, List<String> defined) {
        super(message);
        this.model = model;
        this.scope = scope;
        this.defined = List.copyOf(defined);
    }

    /** @return the model name */
    public String model() { return model; }

    /** @return the scope named */
    public String scope() { return scope; }

    /** @return the scopes the model defines ({@code defaultScope} first when it has one) */
    public List<String> defined() { return defined; }
}
