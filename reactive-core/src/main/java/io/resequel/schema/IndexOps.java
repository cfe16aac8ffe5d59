package io.resequel.schema;

import io.resequel.model.Index;
import io.resequel.model.IndexDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.plan.Planner;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Indexes: add (every option of the model's {@link Index}), remove by name or columns, list. */
final class IndexOps {

    private final Catalog catalog;
    private final Dialect dialect;

    IndexOps(Catalog catalog) {
        this.catalog = catalog;
        this.dialect = catalog.dialect();
    }

    /** The index's columns and condition are checked against the described table, as a model's are. */
    Mono<Void> add(String table, Index index) {
        return catalog.describe(table).flatMap(columns -> {
            ModelDefinition model = catalog.model(table, columns);
            IndexDefinition d = model.resolve(index);
            return catalog.executor().executeAll(dialect.createIndex(model, d,
                    d.where() == null ? null : Planner.condition(model, d.where())));
        });
    }

    /**
     * @param model a model
     * @param index one of its indexes
     * @return completes when created
     */
    Mono<Void> add(ModelDefinition model, IndexDefinition index) {
        return Mono.defer(() -> catalog.executor().executeAll(dialect.createIndex(model, index,
                index.where() == null ? null : Planner.condition(model, index.where()))));
    }

    /**
     * @param table a table
     * @return the names of its indexes as the dialect lists them for {@code sync} (MySQL has no CREATE INDEX IF
     *         NOT EXISTS, so a missing index is found by name)
     */
    Mono<java.util.Set<String>> names(String table) {
        return catalog.executor().query(dialect.indexNames(catalog.schema(), table), r -> Catalog.text(r, 0))
                .collect(java.util.stream.Collectors.toSet());
    }

    Mono<Void> remove(String table, String name) {
        return Mono.defer(() -> catalog.executor().executeAll(dialect.dropIndex(catalog.bare(table),
                new IndexDefinition(name, List.of(), false, null, null, null, false, null))));
    }

    /** The name is the one {@link #add} gives an index on these columns without a name. */
    Mono<Void> remove(String table, List<String> fields) {
        return catalog.describe(table).flatMap(columns -> remove(table,
                catalog.model(table, columns).resolve(Index.on(fields.toArray(String[]::new))).name()));
    }

    Flux<IndexDescription> show(String table) {
        return catalog.executor().query(dialect.indexes(catalog.schema(), table), r -> new Object[] {
            Catalog.text(r, 0), Catalog.text(r, 1), Catalog.flag(r.get(2)), Catalog.flag(r.get(3))})
                .collectList()
                .flatMapIterable(rows -> {
                    Map<String, List<Object[]>> byName = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        byName.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(row);
                    }
                    List<IndexDescription> out = new ArrayList<>();
                    byName.forEach((name, parts) -> {
                        List<String> fields = new ArrayList<>();
                        for (Object[] p : parts) {
                            if (p[1] != null) {
                                fields.add((String) p[1]);
                            }
                        }
                        out.add(new IndexDescription(name, fields, (Boolean) parts.get(0)[2], (Boolean) parts.get(0)[3]));
                    });
                    return out;
                });
    }
}
