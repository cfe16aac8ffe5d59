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
    final java.util.Map<String, Behaviour> virtuals = new java.util.LinkedHashMap<>();
    final java.util.Map<String, List<String>> virtualDependencies = new java.util.LinkedHashMap<>();
    final java.util.Map<String, DefaultValue> virtualDefaults = new java.util.LinkedHashMap<>();
    final java.util.Map<String, java.util.function.Function<Instance, reactor.core.publisher.Mono<Void>>> validators =
            new java.util.LinkedHashMap<>();
    boolean noImplicitId;

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

    /**
     * Removes an attribute declared earlier; {@code "id"} also drops the implicit primary key (Sequelize's
     * {@code Model.removeAttribute('id')}), for tables without one. Instances of a model without a primary key
     * can be read, but not saved, reloaded, incremented or destroyed one by one: those fail with
     * {@link io.resequel.error.InstanceException}; use the model's static forms with a where.
     *
     * @param name the attribute name
     * @return this spec
     */
    public ModelSpec removeAttribute(String name) {
        Objects.requireNonNull(name, "name");
        attributes.removeIf(a -> a.name().equals(name));
        if (name.equals("id")) {
            noImplicitId = true;
        }
        return this;
    }

    AttributeSpec find(String name) {
        for (AttributeSpec a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /**
     * A VIRTUAL attribute: never stored, selected or written; {@code get} computes it, {@code set} may write real
     * attributes, validators run with the others.
     *
     * @param name    the attribute name
     * @param options its getter, setter and validators ({@code v -> v.get(i -> ...).set((i, x) -> ...)})
     * @return this spec
     */
    public ModelSpec virtual(String name, Consumer<AttributeSpec> options) {
        AttributeSpec spec = new AttributeSpec(name, DataTypes.STRING);
        Objects.requireNonNull(options, "options").accept(spec);
        virtuals.put(name, spec.behaviour());
        virtualDependencies.put(name, spec.dependsOn());
        if (spec.givenDefault() != null) {
            virtualDefaults.put(name, spec.givenDefault());
        }
        return this;
    }

    /**
     * A model-wide validator, run after the attribute validators; it fails by signalling an error whose message
     * becomes the item's message, keyed by {@code name}.
     *
     * @param name      the validator name
     * @param validator instance → completes when valid
     * @return this spec
     */
    public ModelSpec validate(String name,
            java.util.function.Function<Instance, reactor.core.publisher.Mono<Void>> validator) {
        validators.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(validator, "validator"));
        return this;
    }

    /** @param options the model options @return this spec */
    public ModelSpec options(Consumer<ModelOptions> options) {
        Objects.requireNonNull(options, "options").accept(this.options);
        return this;
    }
}
