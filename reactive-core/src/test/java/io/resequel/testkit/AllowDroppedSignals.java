package io.resequel.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a {@link DatabaseTest} (method or class) drop errors or values through Reactor's {@code onErrorDropped} /
 * {@code onNextDropped} without failing: for a test that provokes dropping on purpose and checks it itself through
 * {@link DroppedSignals#sinceTestStart()}. Every other test fails when it drops a signal.
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowDroppedSignals {

    /** @return why dropping is expected here */
    String value();
}
