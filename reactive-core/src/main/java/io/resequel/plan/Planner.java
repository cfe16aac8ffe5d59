package io.resequel.plan;

import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.query.Expr;
import io.resequel.query.FindOptions;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.sql.Dialect;
import io.resequel.sql.InsertStatements;
import io.resequel.sql.Sql;
import io.resequel.sql.SqlWriter;
import io.resequel.validation.Fits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns query options into statements for one dialect. Every identifier is quoted, every value bound; attribute
 * names are resolved against the model here, so a typo fails before any SQL is sent. Every written value is
 * checked to be stored exactly ({@link Fits}), whichever path (save, bulk, upsert, increment) brought it.
 */
public final class Planner {

    /** Shapes kept at most; past it the cache starts over (a bound against unbounded shape counts). */
    static final int CACHE_LIMIT = 2048;

    private final Dialect dialect;
    private final Map<String, String> selectTexts = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** @param dialect the dialect to render for */
    public Planner(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Statistics of the query text cache.
     *
     * @param hits    SELECTs whose text was reused, only their binds computed
     * @param misses  SELECTs rendered in full
     * @param entries shapes held
     */
    public record CacheStats(long hits, long misses, int entries) {
    }

    /** @return how often the SELECT text of a known query shape was reused */
    public CacheStats cacheStats() {
        return new CacheStats(hits.get(), misses.get(), selectTexts.size());
    }

    /** Forgets every cached SELECT text, after a model's attributes changed. */
    public void clearCache() {
        selectTexts.clear();
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
        // The text of a shape is rendered once; later queries of that shape walk the same code for binds only.
        String key = QueryShape.of(model, options);
        String text = selectTexts.get(key);
        if (text != null) {
            hits.incrementAndGet();
            SqlWriter w = SqlWriter.bindsOnly(dialect);
            SelectRenderer.Columns columns = SelectRenderer.render(w, model, options);
            return new SelectPlan(w.toSql(text), List.copyOf(columns.attributes()), columns.extras());
        }
        misses.incrementAndGet();
        SqlWriter w = new SqlWriter(dialect);
        SelectRenderer.Columns columns = SelectRenderer.render(w, model, options);
        Sql sql = w.toSql();
        if (selectTexts.size() >= CACHE_LIMIT) {
            selectTexts.clear();
        }
        selectTexts.put(key, sql.text());
        return new SelectPlan(sql, List.copyOf(columns.attributes()), columns.extras());
    }

    /**
     * A find with joined includes ({@link JoinRenderer}); not cached, since include trees vary more than shapes.
     *
     * @param root    the resolved include tree
     * @param options the find options
     * @return the statement and the row layout
     */
    public JoinPlan selectIncluded(IncludeNode root, FindOptions options) {
        String key = QueryShape.of(root.definition(), options, root);
        String text = selectTexts.get(key);
        if (text != null) {
            hits.incrementAndGet();
            SqlWriter w = SqlWriter.bindsOnly(dialect);
            JoinPlan plan = JoinRenderer.select(w, root, options);
            return new JoinPlan(w.toSql(text), plan.root(), plan.extras(), plan.width(), plan.streamable());
        }
        misses.incrementAndGet();
        JoinPlan plan = JoinRenderer.select(new SqlWriter(dialect), root, options);
        if (selectTexts.size() >= CACHE_LIMIT) {
            selectTexts.clear();
        }
        selectTexts.put(key, plan.sql().text());
        return plan;
    }

    /**
     * Sequelize's groupedLimit: one find per part, each in parentheses with its own order and limit, joined by
     * {@code UNION ALL}. The parts share the include tree, so one row layout reads them all; not cached (the number
     * of parts varies).
     *
     * @param root  the resolved include tree, the same for every part
     * @param parts the find options of each part (their where differs)
     * @return the statement and the row layout
     */
    public JoinPlan selectUnion(IncludeNode root, List<FindOptions> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a union needs at least one part");
        }
        SqlWriter w = new SqlWriter(dialect);
        JoinPlan first = null;
        for (FindOptions part : parts) {
            if (first != null) {
                w.append(" UNION ALL ");
            }
            w.append('(');
            JoinPlan plan = JoinRenderer.select(w, root, part);
            if (JoinRenderer.limitedInside(root, part)) {
                // The part's own LIMIT sits in its root sub-query, so its ORDER BY stands without one.
                dialect.keepUnionPartOrder(w);
            }
            w.append(')');
            first = first == null ? plan : first;
        }
        return new JoinPlan(w.toSql(), first.root(), first.extras(), first.width(), false);
    }

    /**
     * @param root    the resolved include tree
     * @param options where and includes
     * @return {@code SELECT COUNT(*)} of the distinct roots the joins and where leave
     */
    public Sql countIncluded(IncludeNode root, FindOptions options) {
        SqlWriter w = new SqlWriter(dialect);
        JoinRenderer.count(w, root, options);
        return w.toSql();
    }

    /**
     * An aggregate over the matching rows: {@code SELECT fn([DISTINCT] col) FROM t WHERE ...}.
     *
     * @param model    the model
     * @param function {@code COUNT}, {@code MAX}, {@code MIN}, {@code SUM}, {@code AVG}
     * @param column   the attribute, or {@code null} for {@code *}
     * @param distinct whether to aggregate distinct values
     * @param where    filter or {@code null}
     * @return the statement
     */
    public Sql aggregate(ModelDefinition model, String function, AttributeDefinition column, boolean distinct,
            Where where) {
        SqlWriter w = new SqlWriter(dialect).append("SELECT ").append(function).append('(');
        if (column == null) {
            w.append('*');
        } else {
            w.append(distinct ? "DISTINCT " : "").id(column.field());
        }
        w.append(") FROM ").table(model.schema(), model.tableName());
        where(w, model, where);
        return w.toSql();
    }

    /**
     * An INSERT that updates or skips rows conflicting on a unique key ({@link Dialect#conflictInsert}).
     *
     * @param model        the model
     * @param columns      the columns written
     * @param rows         values per row
     * @param conflict     the unique key
     * @param update       the columns overwritten on conflict; empty to skip
     * @param insertedFlag whether to append the dialect's inserted flag (single-row upsert)
     * @return the statement
     */
    public Sql conflictInsert(ModelDefinition model, List<AttributeDefinition> columns, List<Object[]> rows,
            List<AttributeDefinition> conflict, List<AttributeDefinition> update, boolean insertedFlag) {
        return conflictInsert(model, columns, rows, conflict, null, update, insertedFlag, List.of());
    }

    /**
     * @param model         the model
     * @param columns       the columns written
     * @param rows          values per row
     * @param conflict      the unique key
     * @param conflictWhere a partial unique index's predicate on the model's attributes, or {@code null}
     * @param update        the columns overwritten on conflict; empty to skip
     * @param insertedFlag  whether to append the dialect's inserted flag (single-row upsert)
     * @param returned      columns the flag's row carries after it (the primary key), usually none
     * @return the statement
     */
    public Sql conflictInsert(ModelDefinition model, List<AttributeDefinition> columns, List<Object[]> rows,
            List<AttributeDefinition> conflict, Where conflictWhere, List<AttributeDefinition> update,
            boolean insertedFlag, List<AttributeDefinition> returned) {
        Fits.requireStorable(model.name(), columns, rows, dialect.valueLimits());
        SqlWriter w = new SqlWriter(dialect);
        dialect.conflictInsert(w, model, columns, expressionsRendered(model, rows), conflict,
                conflictWhere == null ? null : condition(model, conflictWhere), update);
        if (insertedFlag) {
            dialect.upsertInsertedFlag(w, returned);
        }
        return w.toSql();
    }

    /** @param model the model @return {@code TRUNCATE TABLE t} */
    public Sql truncate(ModelDefinition model) {
        return truncate(model, false, false);
    }

    /**
     * @param model           the model
     * @param cascade         also empty referencing tables, where the database can
     * @param restartIdentity reset the auto-increment sequence
     * @return the dialect's TRUNCATE
     */
    public Sql truncate(ModelDefinition model, boolean cascade, boolean restartIdentity) {
        SqlWriter w = new SqlWriter(dialect);
        dialect.truncate(w, model, cascade, restartIdentity);
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
        Fits.requireStorable(model.name(), columns, rows, dialect.valueLimits());
        SqlWriter w = new SqlWriter(dialect);
        if (columns.isEmpty()) {
            return w.append("INSERT INTO ").table(model.schema(), model.tableName())
                    .append(dialect.insertWithoutColumns()).toSql();
        }
        InsertStatements.insertValues(w, model, columns, expressionsRendered(model, rows));
        return w.toSql();
    }

    /**
     * @param model  the model
     * @param values attribute → new value (coerced)
     * @param where  which rows
     * @return {@code UPDATE t SET a = ?, ... WHERE ...}
     */
    public Sql update(ModelDefinition model, Map<AttributeDefinition, Object> values, Where where) {
        return update(model, values, where, null, false);
    }

    /**
     * @param model     the model
     * @param values    attribute → new value (coerced)
     * @param where     which rows
     * @param limit     at most this many rows, or {@code null}
     * @param returning append {@code RETURNING} of every column (only where {@link io.resequel.sql.Feature#RETURNING})
     * @return {@code UPDATE t SET a = ?, ... WHERE ...}
     */
    public Sql update(ModelDefinition model, Map<AttributeDefinition, Object> values, Where where, Integer limit,
            boolean returning) {
        Fits.requireStorable(model.name(), values, dialect.valueLimits());
        SqlWriter w = new SqlWriter(dialect).append("UPDATE ").table(model.schema(), model.tableName()).append(" SET ");
        int i = 0;
        for (Map.Entry<AttributeDefinition, Object> e : values.entrySet()) {
            if (i++ > 0) {
                w.append(", ");
            }
            w.id(e.getKey().field()).append(" = ");
            if (e.getValue() instanceof Expr expr) {
                ExprRenderer.render(w, Scope.of(model), expr);
            } else {
                w.bind(e.getValue(), e.getKey().type());
            }
        }
        limitedWhere(w, model, where, limit);
        if (returning) {
            returning(w, model);
        }
        return w.toSql();
    }

    /** Rows whose {@link Expr} values (Sequelize's fn/col/literal/cast as values) are rendered, not bound. */
    private static List<Object[]> expressionsRendered(ModelDefinition model, List<Object[]> rows) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] copy = row;
            for (int i = 0; i < row.length; i++) {
                if (row[i] instanceof Expr e) {
                    if (copy == row) {
                        copy = row.clone();
                    }
                    copy[i] = (io.resequel.sql.Fragment) x -> ExprRenderer.render(x, Scope.of(model), e);
                }
            }
            out.add(copy);
        }
        return out;
    }

    private static void returning(SqlWriter w, ModelDefinition model) {
        w.append(" RETURNING ");
        for (int c = 0; c < model.attributes().size(); c++) {
            w.append(c > 0 ? ", " : "").id(model.attributes().get(c).field());
        }
    }

    /** @param model the model @param where which rows @param limit most rows or {@code null} @return the DELETE */
    public Sql delete(ModelDefinition model, Where where, Integer limit) {
        SqlWriter w = new SqlWriter(dialect).append("DELETE FROM ").table(model.schema(), model.tableName());
        limitedWhere(w, model, where, limit);
        return w.toSql();
    }

    /**
     * A WHERE, optionally limited to the first {@code limit} matching rows: where the dialect has
     * {@link io.resequel.sql.Feature#WRITE_LIMIT}, {@code WHERE ... LIMIT ?} as Sequelize writes it for MySQL and
     * MariaDB; elsewhere by key, {@code WHERE pk IN (SELECT pk FROM (SELECT pk FROM t WHERE ... LIMIT ?) AS limited)}
     * (Sequelize's PostgreSQL form, in a derived table so that no database refuses it).
     */
    private void limitedWhere(SqlWriter w, ModelDefinition model, Where where, Integer limit) {
        if (limit == null) {
            where(w, model, where);
            return;
        }
        if (dialect.supports(io.resequel.sql.Feature.WRITE_LIMIT)) {
            where(w, model, where);
            dialect.limitOffset(w, limit, null);
            return;
        }
        if (model.primaryKeys().size() != 1) {
            throw new io.resequel.error.ResequelException("RSQ-608 " + model.name() + ": limit on a bulk write needs "
                    + "a single-column primary key");
        }
        String pk = model.primaryKeys().get(0).field();
        w.append(" WHERE ").id(pk).append(" IN (SELECT ").id(pk).append(" FROM (SELECT ").id(pk).append(" FROM ")
                .table(model.schema(), model.tableName());
        where(w, model, where);
        dialect.limitOffset(w, limit, null);
        w.append(") ").id("limited").append(')');
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
        return increment(model, deltas, also, where, false);
    }

    /**
     * @param model     the model
     * @param deltas    attribute → amount added
     * @param also      attribute → value set as well
     * @param where     which rows
     * @param returning append {@code RETURNING} of every column (only where {@link io.resequel.sql.Feature#RETURNING})
     * @return {@code UPDATE t SET a = a + ?, ... WHERE ...}
     */
    public Sql increment(ModelDefinition model, Map<AttributeDefinition, Object> deltas,
            Map<AttributeDefinition, Object> also, Where where, boolean returning) {
        // An amount finer than the column's scale would be rounded when added, like any other value.
        Fits.requireStorable(model.name(), deltas, dialect.valueLimits());
        Fits.requireStorable(model.name(), also, dialect.valueLimits());
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
        if (returning) {
            returning(w, model);
        }
        return w.toSql();
    }

    /** @param model the model @param where which rows @return {@code DELETE FROM t WHERE ...} */
    public Sql delete(ModelDefinition model, Where where) {
        SqlWriter w = new SqlWriter(dialect).append("DELETE FROM ").table(model.schema(), model.tableName());
        where(w, model, where);
        return w.toSql();
    }

    /**
     * @param model the model
     * @param where a condition on its attributes
     * @return the condition as a fragment with bare column names (a partial index's WHERE); its values go through
     *         {@link SqlWriter#bind}, so a DDL writer ({@link SqlWriter#inline}) writes them as escaped literals
     */
    public static io.resequel.sql.Fragment condition(ModelDefinition model, Where where) {
        return w -> WhereRenderer.render(w, Scope.of(model), where);
    }

    private static void where(SqlWriter w, ModelDefinition model, Where where) {
        if (where != null) {
            w.append(" WHERE ");
            WhereRenderer.render(w, Scope.of(model), where);
        }
    }
}
