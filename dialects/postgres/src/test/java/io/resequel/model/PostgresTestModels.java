package io.resequel.model;

import java.util.function.Consumer;

/**
 * Builds model definitions without a {@code Resequel} instance: the dialect tests need only the resolved
 * definition, whose constructor is package-private.
 */
public final class PostgresTestModels {

    private PostgresTestModels() {
    }

    /**
     * @param name the model name
     * @param spec attributes and options, as {@code define} would receive them
     * @return the resolved definition
     */
    public static ModelDefinition define(String name, Consumer<ModelSpec> spec) {
        ModelSpec s = new ModelSpec(new ModelOptions());
        spec.accept(s);
        return new ModelDefinition(name, s);
    }
}
