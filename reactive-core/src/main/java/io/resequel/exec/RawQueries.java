package io.resequel.exec;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.resequel.query.QueryOptions;
import io.resequel.query.QueryResult;
import io.resequel.query.QueryType;
import io.resequel.sql.Replacements;
import io.resequel.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Hand-written SQL: replacements and binds become bind parameters; rows come back as maps. */
public final class RawQueries {

    private final Executor executor;

    /** @param executor runs the statements */
    public RawQueries(Executor executor) {
        this.executor = executor;
    }

    /**
     * @param sql     the SQL
     * @param options replacements or binds
     * @return the statement the database will run, without running it
     */
    public Sql render(String sql, QueryOptions options) {
        return Replacements.render(executor.dialect(), sql, options);
    }

    /**
     * Runs the statement on subscribe and collects its rows and update count.
     *
     * @param sql     the SQL
     * @param options type, replacements or binds, nest, plain
     * @return the result; errors are typed ({@code RSQ-332}/{@code RSQ-333} for a missing value)
     */
    public Mono<QueryResult> query(String sql, QueryOptions options) {
        return Mono.defer(() -> {
            Sql statement = render(sql, options);
            List<Map<String, Object>> rows = new ArrayList<>();
            long[] affected = {0};
            return executor.segments(statement, segment -> {
                if (segment instanceof Result.RowSegment r) {
                    rows.add(map(r.row(), options));
                } else if (segment instanceof Result.UpdateCount u) {
                    affected[0] += u.value();
                }
                return Mono.empty();
            }).then(Mono.fromSupplier(() -> new QueryResult(options.type(),
                    options.plain() && rows.size() > 1 ? rows.subList(0, 1) : rows,
                    options.type() == QueryType.SELECT ? 0 : affected[0])));
        }).contextWrite(ctx -> QueryTimeouts.with(ctx, options.timeout()));
    }

    /**
     * Streams the rows of a query.
     *
     * @param sql     the SQL
     * @param options replacements or binds, nest, plain
     * @return the rows as maps, column label → value
     */
    public Flux<Map<String, Object>> select(String sql, QueryOptions options) {
        return rows(sql, options, row -> map(row, options));
    }

    /**
     * @param sql     the SQL
     * @param options replacements or binds, plain
     * @param mapper  maps each row
     * @param <T>     element type
     * @return the mapped rows
     */
    public <T> Flux<T> rows(String sql, QueryOptions options, Function<Row, T> mapper) {
        return Flux.defer(() -> {
            Flux<T> rows = executor.query(render(sql, options), mapper);
            return options.plain() ? rows.take(1) : rows;
        }).contextWrite(ctx -> QueryTimeouts.with(ctx, options.timeout()));
    }

    private Map<String, Object> map(Row row, QueryOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<? extends ColumnMetadata> columns = row.getMetadata().getColumnMetadatas();
        for (int i = 0; i < columns.size(); i++) {
            Object value = executor.dialect().read(row, i, null);
            String label = columns.get(i).getName();
            String key = options.fieldMap().getOrDefault(label, label);
            if (options.nest()) {
                put(m, key, value);
            } else {
                m.put(key, value);
            }
        }
        return m;
    }

    /** {@code nest}: {@code a.b.c} becomes {@code {a: {b: {c: value}}}}. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> m, String name, Object value) {
        String[] parts = name.split("\\.");
        Map<String, Object> at = m;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        at.put(parts[parts.length - 1], value);
    }
}
