package io.resequel.plan;

import io.resequel.sql.Sql;
import java.util.List;

/**
 * A rendered eager-loading SELECT: its statement, the include tree with each node's column offsets, the root's
 * computed columns, and whether the rows of one root arrive together (so roots can be emitted as they complete).
 *
 * @param sql        the statement
 * @param root       the root node
 * @param extras     the root's aliased and computed columns, after its attributes
 * @param width      the number of columns in a row
 * @param streamable whether the rows of each root are adjacent (ordered by the root key, not by a to-many column)
 */
public record JoinPlan(Sql sql, IncludeNode root, List<SelectPlan.Extra> extras, int width, boolean streamable) {
}
