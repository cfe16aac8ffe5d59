package io.resequel.schema;

import io.resequel.model.IndexDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.model.ModelSpec;
import io.resequel.plan.Planner;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tables: create, drop, drop all, rename, list, describe. */
final class TableOps {

    private final Catalog catalog;
    private final Dialect dialect;

    TableOps(Catalog catalog) {
        this.catalog = catalog;
        this.dialect = catalog.dialect();
    }

    Mono<Void> create(String table, Consumer<ModelSpec> columns) {
        return Mono.defer(() -> create(ModelDefinition.table(catalog.schema(), table, columns), true));
    }

    /**
     * @param model   a model or a table declared as one
     * @param indexes whether its indexes are created too ({@code sync} creates the missing ones itself, since an
     *                existing table may have some)
     * @return completes when created
     */
    Mono<Void> create(ModelDefinition model, boolean indexes) {
        return Mono.defer(() -> {
            List<String> statements = new ArrayList<>(dialect.createTable(model));
            if (indexes) {
                for (IndexDefinition i : model.indexes()) {
                    statements.addAll(dialect.createIndex(model, i,
                            i.where() == null ? null : Planner.condition(model, i.where())));
                }
            }
            return catalog.executor().executeAll(statements);
        });
    }

    /** @param model a model @return completes when its table (and PostgreSQL enum types) are gone */
    Mono<Void> drop(ModelDefinition model) {
        return Mono.defer(() -> catalog.executor().executeAll(dialect.dropTable(model)));
    }

    /** Described first, so PostgreSQL's enum types of the table's ENUM columns go with it. */
    Mono<Void> drop(String table, boolean cascade) {
        return catalog.columns(table).flatMap(columns -> catalog.executor()
                .executeAll(dialect.dropTable(catalog.model(table, columns), cascade)));
    }

    /**
     * Drops the foreign keys among the tables first, so no order is needed and cycles are no problem, then the
     * tables.
     */
    Mono<Void> dropAll(Set<String> skip) {
        return showAll().filter(t -> !skip.contains(t)).collectList().flatMap(tables -> Flux.fromIterable(tables)
                .concatMap(t -> catalog.constraints(t).flatMapIterable(cs -> cs.stream()
                        .filter(c -> "FOREIGN KEY".equals(c.type()))
                        .map(c -> dialect.dropConstraint(catalog.bare(t), c.name(), c.type())).toList()))
                .concatMap(statements -> catalog.executor().executeAll(statements))
                .thenMany(Flux.fromIterable(tables).concatMap(t -> drop(t, false)))
                .then());
    }

    Mono<Void> rename(String from, String to) {
        return catalog.describe(from).then(Mono.defer(() -> catalog.executor()
                .executeAll(dialect.renameTable(catalog.schema(), from, to))));
    }

    Flux<String> showAll() {
        return catalog.executor().query(dialect.tableNames(catalog.schema()), r -> Catalog.text(r, 0));
    }

    Mono<Map<String, ColumnDescription>> describe(String table) {
        return catalog.describe(table);
    }

    Mono<Boolean> exists(String table) {
        return catalog.columns(table).map(c -> !c.isEmpty());
    }
}
