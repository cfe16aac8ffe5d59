package io.resequel.schema;

import io.resequel.exec.Executor;
import io.resequel.hooks.HookEvent;
import io.resequel.hooks.HookType;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Model;
import io.resequel.model.ModelDefinition;
import io.resequel.query.SyncOptions;
import io.resequel.sql.ColumnInfo;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code sync} and {@code drop}: creates tables in foreign-key order (referenced tables first), drops them in
 * reverse, and with {@code alter} adds, changes and drops columns to match the models.
 */
public final class Synchronizer {

    private final Executor executor;
    private final Dialect dialect;

    /** @param executor runs the DDL */
    public Synchronizer(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialect = executor.dialect();
    }

    /**
     * @param models  the models to sync
     * @param options force / alter
     * @return completes when every table matches
     */
    public Mono<Void> sync(List<Model<?>> models, SyncOptions options) {
        return Mono.defer(() -> {
            List<Model<?>> order = DependencyOrder.of(models);
            Mono<Void> drop = options.isForce() ? drop(order) : Mono.empty();
            return drop.then(Flux.fromIterable(order).concatMap(m -> m.hooks()
                    .run(HookEvent.of(HookType.BEFORE_SYNC, m.name()).build())
                    .then(Mono.defer(() -> syncOne(m.definition(), options)))
                    .then(Mono.defer(() -> m.hooks().run(HookEvent.of(HookType.AFTER_SYNC, m.name()).build()))))
                    .then());
        });
    }

    /** @param models the models to drop @return completes when their tables are gone (dependents first) */
    public Mono<Void> drop(List<Model<?>> models) {
        return Mono.defer(() -> {
            List<Model<?>> order = new ArrayList<>(DependencyOrder.of(models));
            Collections.reverse(order);
            return Flux.fromIterable(order)
                    .concatMap(m -> executor.executeAll(dialect.dropTable(m.definition())))
                    .then();
        });
    }

    private Mono<Void> syncOne(ModelDefinition model, SyncOptions options) {
        if (!options.isAlter()) {
            return executor.executeAll(dialect.createTable(model));
        }
        return describe(model).collectList().flatMap(columns -> columns.isEmpty()
                ? executor.executeAll(dialect.createTable(model))
                : executor.executeAll(alterStatements(model, columns)));
    }

    /**
     * @param model a model
     * @return its table's columns as the database describes them; empty when the table does not exist
     */
    public Flux<ColumnInfo> describe(ModelDefinition model) {
        return executor.query(dialect.describeTable(model.schema(), model.tableName()),
                row -> new ColumnInfo(row.get(0, String.class), row.get(1, String.class),
                        "YES".equalsIgnoreCase(row.get(2, String.class))));
    }

    private List<String> alterStatements(ModelDefinition model, List<ColumnInfo> columns) {
        List<String> out = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ColumnInfo c : columns) {
            AttributeDefinition a = model.byField(c.name());
            if (a == null) {
                out.addAll(dialect.removeColumn(model, c.name()));
            } else {
                present.add(c.name());
                if (!a.primaryKey() && !dialect.columnMatches(c, a)) {
                    out.addAll(dialect.changeColumn(model, a));
                }
            }
        }
        for (AttributeDefinition a : model.attributes()) {
            if (!present.contains(a.field())) {
                out.addAll(dialect.addColumn(model, a));
            }
        }
        return out;
    }
}
