package io.resequel.plan;

import io.resequel.model.AttributeDefinition;
import io.resequel.sql.Sql;
import java.util.List;

/**
 * A rendered SELECT and the attributes of its columns, in select-list order, so rows are read by index.
 *
 * @param sql     the statement
 * @param columns the attribute behind each selected column
 */
public record SelectPlan(Sql sql, List<AttributeDefinition> columns) {
}
