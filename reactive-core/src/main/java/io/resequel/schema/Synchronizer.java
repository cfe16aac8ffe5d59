package io.resequel.schema;

import io.resequel.exec.Executor;
import io.resequel.hooks.HookEvent;
import io.resequel.hooks.HookType;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.IndexDefinition;
import io.resequel.model.Model;
import io.resequel.model.ModelDefinition;
import io.resequel.plan.Planner;
import io.resequel.query.SyncOptions;
import io.resequel.sql.ColumnInfo;
import io.resequel.sql.Dialect;
import io.resequel.sql.Fragment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code sync} and {@code drop}: creates tables in foreign-key order (referenced tables first), drops them in
 * reverse, and with {@code alter} adds, changes and drops columns to match the models. After each table, the
 * model's indexes the table lacks are created.
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
            // Rendered first, so an index option the database lacks fails the sync before any DDL runs.
            Map<ModelDefinition, List<PlannedIndex>> indexes = new IdentityHashMap<>();
            for (Model<?> m : order) {
                indexes.put(m.definition(), plan(m.definition()));
            }
            Mono<Void> drop = options.isForce() ? drop(order) : Mono.empty();
            return drop.then(Flux.fromIterable(order).concatMap(m -> syncHook(m, HookType.BEFORE_SYNC, options)
                    .then(Mono.defer(() -> syncOne(m.definition(), options)))
                    .then(Mono.defer(() -> createMissingIndexes(m.definition(), indexes.get(m.definition()))))
                    .then(Mono.defer(() -> syncHook(m, HookType.AFTER_SYNC, options))))
                    .then());
        });
    }

    /** A model's before/after sync hooks, unless the options turned hooks off. */
    private static Mono<Void> syncHook(Model<?> m, HookType type, SyncOptions options) {
        return options.isHooks() ? m.hooks().run(HookEvent.of(type, m.name()).build()) : Mono.empty();
    }

    /** An index with its CREATE statements, rendered by the dialect. */
    private record PlannedIndex(String name, boolean concurrently, List<String> statements) {
    }

    private List<PlannedIndex> plan(ModelDefinition model) {
        List<PlannedIndex> out = new ArrayList<>();
        for (IndexDefinition i : model.indexes()) {
            Fragment where = i.where() == null ? null : Planner.condition(model, i.where());
            out.add(new PlannedIndex(i.name(), i.concurrently(), dialect.createIndex(model, i, where)));
        }
        // Concurrent builds last, as Sequelize orders them (they wait for every open transaction on the table).
        out.sort(Comparator.comparing(PlannedIndex::concurrently));
        return out;
    }

    /**
     * Creates the indexes the table lacks, by name as the catalog lists them: after CREATE TABLE IF NOT EXISTS the
     * table may be an old one, and MySQL has no CREATE INDEX IF NOT EXISTS.
     */
    private Mono<Void> createMissingIndexes(ModelDefinition model, List<PlannedIndex> planned) {
        if (planned.isEmpty()) {
            return Mono.empty();
        }
        return executor.query(dialect.indexNames(model.schema(), model.tableName()), row -> row.get(0, String.class))
                .collect(Collectors.toSet())
                .flatMap(existing -> {
                    List<String> statements = new ArrayList<>();
                    for (PlannedIndex p : planned) {
                        if (!existing.contains(p.name())) {
                            statements.addAll(p.statements());
                        }
                    }
                    return executor.executeAll(statements);
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
                : executor.executeAll(alterStatements(model, columns, options.isDrop())));
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

    private List<String> alterStatements(ModelDefinition model, List<ColumnInfo> columns, boolean drop) {
        List<String> out = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ColumnInfo c : columns) {
            AttributeDefinition a = model.byField(c.name());
            if (a == null) {
                if (drop) {
                    out.addAll(dialect.removeColumn(model, c.name()));
                }
            } else {
                present.add(c.name());
                if (!a.primaryKey() && !dialect.columnMatches(c, a)) {
                    out.addAll(dialect.changeColumn(model, a, c));
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
