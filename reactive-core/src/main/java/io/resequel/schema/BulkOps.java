package io.resequel.schema;

import io.resequel.error.UnknownColumnException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.plan.Planner;
import io.resequel.query.Where;
import io.resequel.sql.Dialect;
import io.resequel.sql.Fragment;
import io.resequel.sql.SqlWriter;
import io.resequel.validation.Values;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rows without a model: no validation, hooks or timestamps (as Sequelize's), but every value is coerced to the
 * described column type and bound, and an unknown column is named before any SQL.
 */
final class BulkOps {

    private final Catalog catalog;
    private final Dialect dialect;

    BulkOps(Catalog catalog) {
        this.catalog = catalog;
        this.dialect = catalog.dialect();
    }

    /** Split so that no statement carries more bind parameters than the database takes. */
    Mono<Long> insert(String table, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        return catalog.describe(table).flatMap(columns -> {
            ModelDefinition model = catalog.model(table, columns);
            Set<String> names = new LinkedHashSet<>();
            rows.forEach(r -> names.addAll(r.keySet()));
            List<AttributeDefinition> attrs = new ArrayList<>();
            for (String n : names) {
                attrs.add(attribute(model, table, n));
            }
            int perStatement = Math.max(1, dialect.maxBindParameters() / Math.max(1, attrs.size()));
            List<List<Map<String, Object>>> chunks = new ArrayList<>();
            for (int i = 0; i < rows.size(); i += perStatement) {
                chunks.add(rows.subList(i, Math.min(rows.size(), i + perStatement)));
            }
            return Flux.fromIterable(chunks).concatMap(chunk -> catalog.executor().update(insertSql(model, attrs, chunk)))
                    .reduce(0L, Long::sum);
        });
    }

    private io.resequel.sql.Sql insertSql(ModelDefinition model, List<AttributeDefinition> attrs,
            List<Map<String, Object>> rows) {
        SqlWriter w = new SqlWriter(dialect);
        w.append("INSERT INTO ").table(model.schema(), model.tableName()).append(" (");
        for (int i = 0; i < attrs.size(); i++) {
            w.append(i > 0 ? ", " : "").id(attrs.get(i).field());
        }
        w.append(") VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            w.append(r > 0 ? ", (" : "(");
            for (int i = 0; i < attrs.size(); i++) {
                AttributeDefinition a = attrs.get(i);
                w.append(i > 0 ? ", " : "").bind(Values.coerce(model.tableName(), a, rows.get(r).get(a.field())),
                        a.type());
            }
            w.append(")");
        }
        return w.toSql();
    }

    Mono<Long> update(String table, Map<String, Object> values, Where where) {
        return catalog.describe(table).flatMap(columns -> {
            ModelDefinition model = catalog.model(table, columns);
            SqlWriter w = new SqlWriter(dialect);
            w.append("UPDATE ").table(model.schema(), model.tableName()).append(" SET ");
            int i = 0;
            for (Map.Entry<String, Object> e : values.entrySet()) {
                AttributeDefinition a = attribute(model, table, e.getKey());
                w.append(i++ > 0 ? ", " : "").id(a.field()).append(" = ")
                        .bind(Values.coerce(table, a, e.getValue()), a.type());
            }
            where(w, model, where);
            return catalog.executor().update(w.toSql());
        });
    }

    Mono<Long> delete(String table, Where where) {
        return catalog.describe(table).flatMap(columns -> {
            ModelDefinition model = catalog.model(table, columns);
            SqlWriter w = new SqlWriter(dialect);
            w.append("DELETE FROM ").table(model.schema(), model.tableName());
            where(w, model, where);
            return catalog.executor().update(w.toSql());
        });
    }

    private static void where(SqlWriter w, ModelDefinition model, Where where) {
        if (where != null) {
            Fragment f = Planner.condition(model, where);
            w.append(" WHERE ");
            f.render(w);
        }
    }

    private static AttributeDefinition attribute(ModelDefinition model, String table, String column) {
        AttributeDefinition a = model.byField(column);
        if (a == null) {
            throw new UnknownColumnException(table, column,
                    model.attributes().stream().map(AttributeDefinition::field).toList());
        }
        return a;
    }
}
