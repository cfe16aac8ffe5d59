package io.resequel.sql;

import java.util.List;
import java.util.Objects;

/**
 * A rendered statement: text with dialect placeholders, and the values to bind in order.
 *
 * @param text  the SQL text; never contains a user value
 * @param binds the values, one per placeholder
 */
public record Sql(String text, List<Bind> binds) {
    /** Copies the binds. */
    public Sql {
        Objects.requireNonNull(text, "text");
        binds = List.copyOf(binds);
    }

    /** @param text SQL without parameters @return the statement */
    public static Sql of(String text) {
        return new Sql(text, List.of());
    }

    @Override
    public String toString() {
        return text;
    }
}
