package io.resequel.query;

import java.util.List;
import java.util.Objects;

/**
 * The value of a condition compared with every element of a list (Sequelize's {@code Op.any} / {@code Op.all}):
 * {@code Where.where("age", Op.GT, Where.any(List.of(18, 21)))}. PostgreSQL renders {@code > ANY (ARRAY[...])};
 * other databases expand it to the exactly equivalent {@code (age > ? OR age > ?)} / {@code AND}. An empty list is
 * false for ANY and true for ALL, as in SQL.
 *
 * @param all    {@code true} for ALL, {@code false} for ANY
 * @param values the elements
 */
public record Quantified(boolean all, List<?> values) {
    /** Copies the list. */
    public Quantified {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
    }
}
