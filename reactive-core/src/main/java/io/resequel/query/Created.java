package io.resequel.query;

import java.util.Objects;

/**
 * The result of {@code findOrCreate}, {@code findCreateFind} and {@code upsert}: the instance and whether this call
 * inserted it.
 *
 * @param instance the found or created instance
 * @param created  whether it was inserted by this call
 * @param <T>      the instance class
 */
public record Created<T>(T instance, boolean created) {
    /** Checks the instance. */
    public Created {
        Objects.requireNonNull(instance, "instance");
    }
}
