package io.resequel.sql;

import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.ModelDefinition;
import java.util.List;
import java.util.function.Function;

/** The INSERT forms every dialect and the planner share: column lists, multi-row VALUES, the standard MERGE. */
public final class InsertStatements {

    private InsertStatements() {
    }

    /**
     * @param w       the writer
     * @param columns the columns
     * @param prefix  text before each quoted name ({@code "S."} in a MERGE)
     */
    public static void columnList(SqlWriter w, List<AttributeDefinition> columns, String prefix) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            w.append(prefix).id(columns.get(i).field());
        }
    }

    /**
     * Appends {@code INSERT INTO t (cols) VALUES (...), (...)} with every value bound.
     *
     * @param w       the writer
     * @param model   the table
     * @param columns the columns, the same for every row
     * @param rows    values per row in column order; a {@link Fragment} is rendered in place of a bind
     */
    public static void insertValues(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns,
            List<Object[]> rows) {
        w.append("INSERT INTO ").table(model.schema(), model.tableName()).append(" (");
        columnList(w, columns, "");
        w.append(") VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            w.append(r > 0 ? ", (" : "(");
            Object[] row = rows.get(r);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    w.append(", ");
                }
                if (row[i] instanceof Fragment sql) {
                    sql.render(w); // a SQL expression given as the value (Expr), rendered by the planner
                } else {
                    w.bind(row[i], columns.get(i).type());
                }
            }
            w.append(')');
        }
    }

    /**
     * Appends the SQL-standard upsert: {@code MERGE INTO t USING (VALUES ...) S (cols) ON (keys) WHEN MATCHED THEN
     * UPDATE ... WHEN NOT MATCHED THEN INSERT ...}.
     *
     * @param w          the writer
     * @param model      the table
     * @param columns    the columns written
     * @param rows       values per row
     * @param conflict   the key columns that decide a match
     * @param update     the columns updated on a match (none: matched rows are left alone)
     * @param columnType the column type of a data type, to type the VALUES columns
     */
    public static void merge(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns, List<Object[]> rows,
            List<AttributeDefinition> conflict, List<AttributeDefinition> update, Function<DataType, String> columnType) {
        w.append("MERGE INTO ").table(model.schema(), model.tableName()).append(" T USING (VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            w.append(r > 0 ? ", (" : "(");
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    w.append(", ");
                }
                // Typed so the database knows each VALUES column without a table to infer it from.
                w.append("CAST(");
                if (rows.get(r)[i] instanceof Fragment sql) {
                    sql.render(w); // a SQL expression given as the value (Expr), rendered by the planner
                } else {
                    w.bind(rows.get(r)[i], columns.get(i).type());
                }
                w.append(" AS ").append(columnType.apply(columns.get(i).type())).append(')');
            }
            w.append(')');
        }
        w.append(") S (");
        columnList(w, columns, "");
        w.append(") ON (");
        for (int i = 0; i < conflict.size(); i++) {
            if (i > 0) {
                w.append(" AND ");
            }
            w.append("T.").id(conflict.get(i).field()).append(" = S.").id(conflict.get(i).field());
        }
        w.append(')');
        if (!update.isEmpty()) {
            w.append(" WHEN MATCHED THEN UPDATE SET ");
            for (int i = 0; i < update.size(); i++) {
                if (i > 0) {
                    w.append(", ");
                }
                w.id(update.get(i).field()).append(" = S.").id(update.get(i).field());
            }
        }
        w.append(" WHEN NOT MATCHED THEN INSERT (");
        columnList(w, columns, "");
        w.append(") VALUES (");
        columnList(w, columns, "S.");
        w.append(')');
    }
}
