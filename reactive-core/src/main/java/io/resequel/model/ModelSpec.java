package io.resequel.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@code db.define("User", m -> m.attribute(...).options(...))} collects: the attributes in order and the
 * model options.
 */
public final class ModelSpec {

    final List<AttributeSpec> attributes = new ArrayList<>();
    final ModelOptions options;

    ModelSpec(ModelOptions defaults) {
        this.options = defaults.copy();
    }

    /**
     * @param name the attribute name
     * @param type its data type
     * @return this spec
     */
    public ModelSpec attribute(String name, DataType type) {
        return attribute(name, type, a -> { });
    }

    /**
     * @param name    the attribute name
     * @param type    its data type
     * @param options the attribute's options
     * @return this spec
     */
    public ModelSpec attribute(String name, DataType type, Consumer<AttributeSpec> options) {
        AttributeSpec spec = new AttributeSpec(name, type);
        Objects.requireNonNull(options, "options").accept(spec);
        attributes.removeIf(a -> a.name().equals(name));
        attributes.add(spec);
        return this;
    }

    /** @param options the model options @return this spec */
    public ModelSpec options(Consumer<ModelOptions> options) {
        Objects.requireNonNull(options, "options").accept(this.options);
        return this;
    }
}
