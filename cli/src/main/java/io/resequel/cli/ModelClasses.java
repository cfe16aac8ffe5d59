package io.resequel.cli;

import io.resequel.Resequel;
import java.util.function.Consumer;

/** Loads the class named by {@code --from-models}: it defines the models on the Resequel it is given. */
final class ModelClasses {

    private ModelClasses() {
    }

    /**
     * @param name a class name, on the CLI's class path
     * @return an instance of it (its public no-argument constructor)
     * @throws Settings.ConfigException when it is missing, not a {@code Consumer<Resequel>} or cannot be made
     */
    @SuppressWarnings("unchecked")
    static Consumer<Resequel> load(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new Settings.ConfigException("--from-models: class " + name + " is not on the class path");
        }
        if (!Consumer.class.isAssignableFrom(type)) {
            throw new Settings.ConfigException("--from-models: " + name
                    + " must implement java.util.function.Consumer<io.resequel.Resequel> (it defines the models)");
        }
        try {
            return (Consumer<Resequel>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new Settings.ConfigException("--from-models: " + name
                    + " needs a public constructor without arguments (" + e + ")");
        }
    }
}
