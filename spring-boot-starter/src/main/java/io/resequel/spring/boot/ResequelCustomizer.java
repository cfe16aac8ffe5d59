package io.resequel.spring.boot;

import io.resequel.ResequelOptions;

/** A bean of this type edits the options the starter builds from the properties, before it connects. */
@FunctionalInterface
public interface ResequelCustomizer {

    /** @param builder the options built from {@code resequel.*} */
    void customize(ResequelOptions.Builder builder);
}
