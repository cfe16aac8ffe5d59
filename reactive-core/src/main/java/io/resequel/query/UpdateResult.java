package io.resequel.query;

import java.util.List;

/**
 * The result of a bulk update: Sequelize's {@code [affectedCount, affectedRows]}.
 *
 * @param count the rows updated
 * @param rows  the updated rows when {@code returning} was asked, else empty
 * @param <T>   the instance class
 */
public record UpdateResult<T>(long count, List<T> rows) {
    /** Copies the rows. */
    public UpdateResult {
        rows = List.copyOf(rows);
    }
}
