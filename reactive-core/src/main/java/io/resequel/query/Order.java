package io.resequel.query;

import java.util.Objects;

/**
 * One ORDER BY term: an attribute, a direction and where NULLs go ({@code NULLS FIRST}/{@code NULLS LAST}, emulated
 * exactly with an {@code IS NULL} term on databases without that clause).
 *
 * @param attribute  the attribute name
 * @param descending whether to sort descending
 * @param nulls      where NULLs go, or {@code null} for the database's default
 */
public record Order(String attribute, boolean descending, Nulls nulls) {

    /** Where NULLs sort. */
    public enum Nulls {
        /** Before other values. */
        FIRST,
        /** After other values. */
        LAST
    }

    /** Checks the name. */
    public Order {
        Objects.requireNonNull(attribute, "attribute");
    }

    /** @param attribute name @param descending direction */
    public Order(String attribute, boolean descending) {
        this(attribute, descending, null);
    }

    /** @param attribute name @return ascending order */
    public static Order asc(String attribute) {
        return new Order(attribute, false);
    }

    /** @param attribute name @return descending order */
    public static Order desc(String attribute) {
        return new Order(attribute, true);
    }

    /** @return this term with NULLs sorted before other values */
    public Order nullsFirst() {
        return new Order(attribute, descending, Nulls.FIRST);
    }

    /** @return this term with NULLs sorted after other values */
    public Order nullsLast() {
        return new Order(attribute, descending, Nulls.LAST);
    }
}
