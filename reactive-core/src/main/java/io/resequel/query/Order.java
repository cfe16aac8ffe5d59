package io.resequel.query;

import java.util.Objects;

/**
 * One ORDER BY term: an attribute, a direction and where NULLs go ({@code NULLS FIRST}/{@code NULLS LAST}, emulated
 * exactly with an {@code IS NULL} term on databases without that clause).
 *
 * @param attribute  the attribute name
 * @param descending whether to sort descending
 * @param nulls      where NULLs go, or {@code null} for the database's default
 * @param expression an expression to sort by instead of an attribute (then {@code attribute} is {@code null})
 */
public record Order(String attribute, boolean descending, Nulls nulls, Expr expression) {

    /** Where NULLs sort. */
    public enum Nulls {
        /** Before other values. */
        FIRST,
        /** After other values. */
        LAST
    }

    /** Checks the name. */
    public Order {
        if ((attribute == null) == (expression == null)) {
            throw new IllegalArgumentException("an order term has an attribute or an expression");
        }
    }

    /** @param attribute name (or a select-list alias) @param descending direction */
    public Order(String attribute, boolean descending) {
        this(Objects.requireNonNull(attribute, "attribute"), descending, null, null);
    }

    /** @param expression a function, column, literal or cast @param descending direction @return the term */
    public static Order by(Expr expression, boolean descending) {
        return new Order(null, descending, null, Objects.requireNonNull(expression, "expression"));
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
        return new Order(attribute, descending, Nulls.FIRST, expression);
    }

    /** @return this term with NULLs sorted after other values */
    public Order nullsLast() {
        return new Order(attribute, descending, Nulls.LAST, expression);
    }
}
