package io.resequel.query;

import java.util.List;
import java.util.Map;

/**
 * What a raw query returned.
 *
 * @param type         the query type
 * @param rows         the rows (column label → value; nested maps with {@code nest})
 * @param affectedRows rows the statement changed (0 for a SELECT)
 */
public record QueryResult(QueryType type, List<Map<String, Object>> rows, long affectedRows) {

    /** Copies the rows. */
    public QueryResult {
        rows = List.copyOf(rows);
    }

    /**
     * @return Sequelize's result shape for the type: SELECT → rows; BULKUPDATE, BULKDELETE, DELETE → the count;
     *         INSERT, UPDATE, UPSERT → {@code [rows, affectedRows]}; RAW → {@code [rows, {affectedRows}]}
     */
    public Object shape() {
        return switch (type) {
            case SELECT -> rows;
            case BULKUPDATE, BULKDELETE, DELETE -> affectedRows;
            case INSERT, UPDATE, UPSERT -> List.of(rows, affectedRows);
            case RAW -> List.of(rows, Map.of("affectedRows", affectedRows));
        };
    }
}
