package io.resequel.model;

import io.resequel.validation.Check;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What an attribute does besides storing a value: its getter, its setter and its validators. Virtual attributes
 * have only this.
 *
 * @param getter     computes what {@code get(name)} returns from the instance (read raw values with
 *                   {@link Instance#getDataValue}), or {@code null}
 * @param setter     stores what {@code set(name, v)} is given (with {@link Instance#setDataValue}), or {@code null}
 * @param validators the checks run by {@code validate()} and before every save
 */
public record Behaviour(Function<Instance, Object> getter, BiConsumer<Instance, Object> setter,
        List<Check> validators) {

    /** No getter, setter or validator. */
    public static final Behaviour NONE = new Behaviour(null, null, List.of());

    /** Copies the validators. */
    public Behaviour {
        validators = List.copyOf(validators);
    }
}
