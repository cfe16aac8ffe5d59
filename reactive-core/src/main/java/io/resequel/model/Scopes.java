package io.resequel.model;

import io.resequel.error.ScopeException;
import io.resequel.query.FindOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scopes a model defines: its default scope and its named scopes, each fixed options or a {@link ScopeFunction}.
 * Shared by a model and all its scoped views, so a scope added later is seen by all of them.
 */
final class Scopes {

    /** The name that applies the default scope among others ({@code scope("defaultScope", "x")}). */
    static final String DEFAULT = "defaultScope";

    private final String model;
    private final io.resequel.query.WhereMergeStrategy strategy;
    private volatile FindOptions defaultScope;
    /** name → FindOptions or ScopeFunction, in definition order. */
    private final Map<String, Object> named = new LinkedHashMap<>();

    Scopes(String model, ModelOptions options) {
        this.model = model;
        this.strategy = options.whereMergeStrategy;
        if (options.defaultScope != null) {
            defaultScope = build(options.defaultScope);
        }
        options.scopes.forEach((name, scope) -> add(name, scope, false));
    }

    /** @return how scope filters merge (the model's {@code whereMergeStrategy}) */
    io.resequel.query.WhereMergeStrategy strategy() {
        return strategy;
    }

    /** @return the default scope, or {@code null} when none is defined */
    FindOptions defaultScope() {
        return defaultScope;
    }

    /**
     * @param name     the scope name; {@code defaultScope} sets the default scope (fixed options only)
     * @param scope    a {@code Consumer<FindOptions.Builder>} or a {@link ScopeFunction}
     * @param override whether an existing scope of that name is replaced
     */
    synchronized void add(String name, Object scope, boolean override) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(scope, "scope");
        if (DEFAULT.equals(name)) {
            if (!(scope instanceof Consumer<?>)) {
                throw new ScopeException("RSQ-821 " + model + ": the default scope must be fixed options, not a "
                        + "function of arguments", model, name, names());
            }
            if (defaultScope != null && !override) {
                throw exists(name);
            }
            defaultScope = build(scope);
            return;
        }
        if (named.containsKey(name) && !override) {
            throw exists(name);
        }
        named.put(name, scope instanceof ScopeFunction f ? f : build(scope));
    }

    /**
     * Evaluates and merges scopes left to right (a function scope runs now, with the call's arguments).
     *
     * @param calls the scopes, in order
     * @return the merged options, or {@code null} for no scope
     * @throws ScopeException for a name the model does not define, or arguments to a fixed scope
     */
    synchronized FindOptions resolve(List<Scope> calls) {
        FindOptions merged = null;
        for (Scope call : calls) {
            FindOptions one = evaluate(call);
            if (one != null) {
                merged = merged == null ? one : merged.merge(one, strategy);
            }
        }
        return merged;
    }

    private FindOptions evaluate(Scope call) {
        if (DEFAULT.equals(call.name()) && call.args().isEmpty()) {
            return defaultScope; // none defined: no options, as Sequelize's scope('defaultScope') is {}
        }
        Object scope = named.get(call.name());
        if (scope == null) {
            List<String> defined = names();
            throw new ScopeException("RSQ-820 Invalid scope " + call.name() + " called. " + model
                    + (defined.isEmpty() ? " defines no scopes" : " has scopes: " + String.join(", ", defined)),
                    model, call.name(), defined);
        }
        if (scope instanceof ScopeFunction f) {
            FindOptions.Builder b = FindOptions.builder();
            f.apply(b, call.args().toArray());
            return b.build();
        }
        if (!call.args().isEmpty()) {
            throw new ScopeException("RSQ-822 Scope " + call.name() + " of " + model + " takes no arguments (it is "
                    + "fixed options, not a ScopeFunction); call it by name", model, call.name(), names());
        }
        return (FindOptions) scope;
    }

    /** @return the defined scope names, {@code defaultScope} first when there is one */
    synchronized List<String> names() {
        List<String> out = new ArrayList<>();
        if (defaultScope != null) {
            out.add(DEFAULT);
        }
        out.addAll(named.keySet());
        return out;
    }

    private ScopeException exists(String name) {
        return new ScopeException("RSQ-823 The scope " + name + " already exists on " + model + ". Pass override = "
                + "true to replace it (addScope(name, scope, true))", model, name, names());
    }

    @SuppressWarnings("unchecked")
    private static FindOptions build(Object scope) {
        FindOptions.Builder b = FindOptions.builder();
        ((Consumer<FindOptions.Builder>) scope).accept(b);
        return b.build();
    }
}
