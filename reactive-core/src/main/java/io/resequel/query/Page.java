package io.resequel.query;

import java.util.List;

/**
 * The result of {@code findAndCountAll}: the number of matching rows (ignoring limit and offset) and one page of
 * them.
 *
 * @param count all matching rows
 * @param rows  the rows of this page
 * @param <T>   the instance class
 */
public record Page<T>(long count, List<T> rows) {
    /** Copies the rows. */
    public Page {
        rows = List.copyOf(rows);
    }
}
