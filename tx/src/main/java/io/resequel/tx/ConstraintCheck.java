package io.resequel.tx;

import java.util.Arrays;
import java.util.List;

/**
 * When deferrable constraints are checked inside a transaction (Sequelize's {@code Deferrable.SET_DEFERRED} and
 * {@code SET_IMMEDIATE}): rendered as {@code SET CONSTRAINTS ... DEFERRED|IMMEDIATE} right after BEGIN. Only
 * constraints declared deferrable are affected. Immutable.
 *
 * @param deferred    {@code true} to check at COMMIT, {@code false} to check each statement
 * @param constraints constraint names; empty for all
 */
public record ConstraintCheck(boolean deferred, List<String> constraints) {

    /** Copies the names. */
    public ConstraintCheck {
        constraints = List.copyOf(constraints);
    }

    /** @param names constraint names, none for all @return check those at COMMIT */
    public static ConstraintCheck setDeferred(String... names) {
        return new ConstraintCheck(true, Arrays.asList(names));
    }

    /** @param names constraint names, none for all @return check those after each statement */
    public static ConstraintCheck setImmediate(String... names) {
        return new ConstraintCheck(false, Arrays.asList(names));
    }
}
