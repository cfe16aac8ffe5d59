package io.resequel.query;

import java.util.Objects;

/**
 * One ORDER BY term.
 *
 * @param attribute  the attribute name
 * @param descending whether to sort descending
 */
public record Order(String attribute, boolean descending) {
    /** Checks the name. */
    public Order {
        Objects.requireNonNull(attribute, "attribute");
    }

    /** @param attribute name @return ascending order */
    public static Order asc(String attribute) {
        return new Order(attribute, false);
    }

    /** @param attribute name @return descending order */
    public static Order desc(String attribute) {
        return new Order(attribute, true);
    }
}
