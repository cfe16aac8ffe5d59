package io.resequel.model;

import java.util.function.Consumer;

/**
 * Builds model definitions for the dialect tests without the {@code Resequel} entry point: the definition's
 * constructor is package-private, hence this class's package.
 */
public final class MySqlTestModels {

    private MySqlTestModels() {
    }

    /**
     * @param name the model name
     * @param spec attributes and options
     * @return the resolved definition
     */
    public static ModelDefinition define(String name, Consumer<ModelSpec> spec) {
        ModelSpec s = new ModelSpec(new ModelOptions());
        spec.accept(s);
        return new ModelDefinition(name, s);
    }
}
