package io.resequel.plan;

import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.query.FindOptions;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import io.resequel.sql.SqlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns query options into statements for one dialect. Every identifier is quoted, every value bound; attribute
 * names are resolved against the model here, so a typo fails before any SQL is sent.
 */
public final class Planner {

    private final Dialect dialect;

    /** @param dialect the dialect to render for */
    public Planner(Dialect dialect) {
        this.dialect = dialect;
    }

    /** @return the dialect */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * @param model   the model
     * @param options the find options
     * @return {@code SELECT cols FROM table WHERE ... ORDER BY ... LIMIT ... OFFSET ...}
     */
    public SelectPlan select(ModelDefinition model, FindOptions options) {
        List<AttributeDefinition> columns = new ArrayList<>();
        if (options.attributes() == null) {
            columns.addAll(model.attributes());
        } else {
            for (String name : options.attributes()) {
                columns.add(model.attribute(name));
            }
        }
        SqlWriter w = new SqlWriter(dialect).append("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            w.id(columns.get(i).field());
        }
        w.append(" FROM ").table(model.schema(), model.tableName());
        where(w, model, options.where());
        if (!options.order().isEmpty()) {
            w.append(" ORDER BY ");
            for (int i = 0; i < options.order().size(); i++) {
                Order o = options.order().get(i);
                if (i > 0) {
                    w.append(", ");
                }
                w.id(model.fieldOf(o.attribute())).append(o.descending() ? " DESC" : " ASC");
            }
        }
        dialect.limitOffset(w, options.limit(), options.offset());
        if (options.lock() != null) {
            dialect.lock(w, options.lock());
        }
        return new SelectPlan(w.toSql(), List.copyOf(columns));
    }

    /** @param model the model @param where filter or {@code null} @return {@code SELECT COUNT(*) ...} */
    public Sql count(ModelDefinition model, Where where) {
        SqlWriter w = new SqlWriter(dialect).append("SELECT COUNT(*) FROM ").table(model.schema(), model.tableName());
        where(w, model, where);
        return w.toSql();
    }

    /**
     * A multi-row INSERT.
     *
     * @param model   the model
     * @param columns the attributes written, same for every row
     * @param rows    values per row, in column order, already coerced
     * @return {@code INSERT INTO t (cols) VALUES (...), (...)}
     */
    public Sql insert(ModelDefinition model, List<AttributeDefinition> columns, List<Object[]> rows) {
        SqlWriter w = new SqlWriter(dialect).append("INSERT INTO ").table(model.schema(), model.tableName());
        if (columns.isEmpty()) {
            return w.append(dialect.insertWithoutColumns()).toSql();
        }
        w.append(" (");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            w.id(columns.get(i).field());
        }
        w.append(") VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            w.append(r > 0 ? ", (" : "(");
            Object[] row = rows.get(r);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    w.append(", ");
                }
                w.bind(row[i], columns.get(i).type());
            }
            w.append(')');
        }
        return w.toSql();
    }

    /**
     * @param model  the model
     * @param values attribute → new value (coerced)
     * @param where  which rows
     * @return {@code UPDATE t SET a = ?, ... WHERE ...}
     */
    public Sql update(ModelDefinition model, Map<AttributeDefinition, Object> values, Where where) {
        SqlWriter w = new SqlWriter(dialect).append("UPDATE ").table(model.schema(), model.tableName()).append(" SET ");
        int i = 0;
        for (Map.Entry<AttributeDefinition, Object> e : values.entrySet()) {
            if (i++ > 0) {
                w.append(", ");
            }
            w.id(e.getKey().field()).append(" = ").bind(e.getValue(), e.getKey().type());
        }
        where(w, model, where);
        return w.toSql();
    }

    /**
     * An atomic increment: {@code SET a = a + ?}, plus plain assignments (such as {@code updatedAt}).
     *
     * @param model  the model
     * @param deltas attribute → amount to add (negative to subtract)
     * @param also   other assignments
     * @param where  which rows
     * @return the statement
     */
    public Sql increment(ModelDefinition model, Map<AttributeDefinition, Object> deltas,
            Map<AttributeDefinition, Object> also, Where where) {
        SqlWriter w = new SqlWriter(dialect).append("UPDATE ").table(model.schema(), model.tableName()).append(" SET ");
        int i = 0;
        for (Map.Entry<AttributeDefinition, Object> e : deltas.entrySet()) {
            if (i++ > 0) {
                w.append(", ");
            }
            w.id(e.getKey().field()).append(" = ").id(e.getKey().field()).append(" + ")
                    .bind(e.getValue(), e.getKey().type());
        }
        for (Map.Entry<AttributeDefinition, Object> e : also.entrySet()) {
            w.append(", ").id(e.getKey().field()).append(" = ").bind(e.getValue(), e.getKey().type());
        }
        where(w, model, where);
        return w.toSql();
    }

    /** @param model the model @param where which rows @return {@code DELETE FROM t WHERE ...} */
    public Sql delete(ModelDefinition model, Where where) {
        SqlWriter w = new SqlWriter(dialect).append("DELETE FROM ").table(model.schema(), model.tableName());
        where(w, model, where);
        return w.toSql();
    }

    private static void where(SqlWriter w, ModelDefinition model, Where where) {
        if (where != null) {
            w.append(" WHERE ");
            WhereRenderer.render(w, model, where);
        }
    }
}
