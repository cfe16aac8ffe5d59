package io.resequel.model;

/** STUB — being written. */
public final class Model<T> {
    private ModelDefinition definition;
    /** @return the definition */
    public ModelDefinition definition() { return definition; }
}
