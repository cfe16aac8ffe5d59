package io.resequel.plan;

import io.resequel.model.AttributeDefinition;
import io.resequel.sql.Sql;
import java.util.List;

/**
 * A rendered SELECT and the attributes of its columns, in select-list order, so rows are read by index.
 *
 * @param sql     the statement
 * @param columns the attribute behind each selected column
 * @param extras  the aliases of the computed or aliased columns that follow them
 */
public record SelectPlan(Sql sql, List<AttributeDefinition> columns, List<Extra> extras) {

    /** @param sql the statement @param columns the attribute behind each column */
    public SelectPlan(Sql sql, List<AttributeDefinition> columns) {
        this(sql, columns, List.of());
    }

    /**
     * A select-list entry that is not a model attribute.
     *
     * @param alias the name it is read under
     * @param type  its data type when it is an aliased attribute, else {@code null} (the driver's value)
     */
    public record Extra(String alias, io.resequel.model.DataType type) {
    }
}
