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
import io.resequel.exec.DdlRecording;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code sync} and {@code drop}: creates tables in foreign-key order (referenced tables first), drops them in
 * reverse, and with {@code alter} adds, changes and drops columns and foreign keys to match the models. After each
 * table, the model's indexes the table lacks are created.
 *
 * <p>Every step is an operation of the {@link QueryInterface} (describe, create and drop table, add, change and
 * remove column, add and remove constraint, add index), given the model's own definition: {@code sync} and
 * migrations share one DDL path.
 */
public final class Synchronizer {

    private final Executor executor;
    private final Dialect dialect;

    /** @param executor runs the DDL */
    public Synchronizer(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialect = executor.dialect();
    }

    private QueryInterface qi(ModelDefinition model) {
        return new QueryInterface(executor, model.schema());
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
            Map<ModelDefinition, List<IndexDefinition>> indexes = new IdentityHashMap<>();
            for (Model<?> m : order) {
                indexes.put(m.definition(), plan(m.definition()));
            }
            Mono<Void> drop = options.isForce() ? drop(order) : Mono.empty();
            return drop.then(Flux.fromIterable(order).concatMap(m -> syncHook(m, HookType.BEFORE_SYNC, options)
                    .then(Mono.defer(() -> syncOne(m.definition(), options, null)))
                    .then(Mono.defer(() -> createMissingIndexes(m.definition(), indexes.get(m.definition()), null)))
                    .then(Mono.defer(() -> syncHook(m, HookType.AFTER_SYNC, options))))
                    .then());
        });
    }

    /**
     * What {@code sync({alter})} would run to bring the tables to the models, and the inverse, without running it
     * (the catalog is read, no DDL is sent, no hooks run): the body of a generated migration. The inverse restores
     * the columns' old types and nullability and the old foreign keys, drops what was added, and adds removed
     * columns back empty (their data cannot come back); defaults and comments of changed columns are not restored.
     *
     * @param models the models
     * @param drop   whether columns the models lack are dropped (as {@link SyncOptions#drop})
     * @return the up and down statements; both empty when the tables already match
     */
    public Mono<MigrationScript> plan(List<Model<?>> models, boolean drop) {
        return Mono.defer(() -> {
            List<Model<?>> order = DependencyOrder.of(models);
            List<String> up = new ArrayList<>();
            Deque<List<String>> undo = new ArrayDeque<>();
            SyncOptions options = SyncOptions.alter().drop(drop);
            return Flux.fromIterable(order)
                    .concatMap(m -> syncOne(m.definition(), options, undo)
                            .then(Mono.defer(() -> createMissingIndexes(m.definition(), plan(m.definition()), undo))))
                    .then(Mono.fromSupplier(() -> {
                        List<String> down = new ArrayList<>();
                        undo.forEach(down::addAll);
                        return new MigrationScript(up, down);
                    }))
                    .contextWrite(DdlRecording.into(up));
        });
    }

    /** A model's before/after sync hooks, unless the options turned hooks off. */
    private static Mono<Void> syncHook(Model<?> m, HookType type, SyncOptions options) {
        return options.isHooks() ? m.hooks().run(HookEvent.of(type, m.name()).build()) : Mono.empty();
    }

    /** @return the model's indexes, concurrent builds last, each rendered once to fail early */
    private List<IndexDefinition> plan(ModelDefinition model) {
        List<IndexDefinition> out = new ArrayList<>();
        for (IndexDefinition i : model.indexes()) {
            dialect.createIndex(model, i, i.where() == null ? null : Planner.condition(model, i.where()));
            out.add(i);
        }
        // Concurrent builds last, as Sequelize orders them (they wait for every open transaction on the table).
        out.sort(Comparator.comparing(IndexDefinition::concurrently));
        return out;
    }

    /**
     * Creates the indexes the table lacks, by name as the catalog lists them: after CREATE TABLE IF NOT EXISTS the
     * table may be an old one, and MySQL has no CREATE INDEX IF NOT EXISTS.
     */
    private Mono<Void> createMissingIndexes(ModelDefinition model, List<IndexDefinition> planned,
            Deque<List<String>> undo) {
        if (planned.isEmpty()) {
            return Mono.empty();
        }
        QueryInterface qi = qi(model);
        return qi.indexNames(model.tableName()).flatMap(existing -> Flux.fromIterable(planned)
                .filter(i -> !existing.contains(i.name()))
                .concatMap(i -> qi.addIndex(model, i)
                        .doOnSuccess(v -> push(undo, () -> dialect.dropIndex(model, i))))
                .then());
    }

    /** Inverse statements go first: the down script undoes the last change first. */
    private static void push(Deque<List<String>> undo, Supplier<List<String>> statements) {
        if (undo != null) {
            undo.push(statements.get());
        }
    }

    /** @param models the models to drop @return completes when their tables are gone (dependents first) */
    public Mono<Void> drop(List<Model<?>> models) {
        return Mono.defer(() -> {
            List<Model<?>> order = new ArrayList<>(DependencyOrder.of(models));
            Collections.reverse(order);
            return Flux.fromIterable(order)
                    .concatMap(m -> qi(m.definition()).dropTable(m.definition()))
                    .then();
        });
    }

    private Mono<Void> syncOne(ModelDefinition model, SyncOptions options, Deque<List<String>> undo) {
        QueryInterface qi = qi(model);
        if (!options.isAlter()) {
            return qi.createTable(model, false);
        }
        return qi.tableExists(model.tableName()).flatMap(exists -> !exists
                ? qi.createTable(model, false).doOnSuccess(v -> push(undo, () -> dialect.dropTable(model)))
                : qi.describeTable(model.tableName())
                        .flatMap(columns -> alter(qi, model, columns, options.isDrop(), undo)));
    }

    /**
     * @param model a model
     * @return its table's columns as the database describes them; empty when the table does not exist
     */
    public Flux<ColumnInfo> describe(ModelDefinition model) {
        return qi(model).tableExists(model.tableName()).flatMapMany(exists -> !exists ? Flux.empty()
                : qi(model).describeTable(model.tableName()).flatMapIterable(Map::values).map(Catalog::info));
    }

    /**
     * As Sequelize's {@code sync({alter})}: columns the model lacks are removed (unless {@code drop} is off),
     * columns that differ in type or nullability are changed, missing ones added; then each foreign key of the
     * model whose key on the table differs (target, ON DELETE, ON UPDATE, deferrable) is dropped and added again.
     */
    private Mono<Void> alter(QueryInterface qi, ModelDefinition model, Map<String, ColumnDescription> columns,
            boolean drop, Deque<List<String>> undo) {
        String table = model.tableName();
        // The table as it is, for the inverse statements of a planned migration only.
        ModelDefinition old = undo == null ? null : new Catalog(executor, model.schema()).model(table, columns);
        List<Mono<Void>> steps = new ArrayList<>();
        for (ColumnDescription c : columns.values()) {
            AttributeDefinition a = model.byField(c.name());
            if (a == null) {
                if (drop) {
                    steps.add(qi.removeColumn(table, c.name())
                            .doOnSuccess(v -> push(undo, () -> dialect.addColumn(old, old.byField(c.name())))));
                }
            } else if (!a.primaryKey() && !dialect.columnMatches(Catalog.info(c), a)) {
                steps.add(qi.changeColumn(model, a, c)
                        .doOnSuccess(v -> push(undo, () -> dialect.changeColumn(old, old.byField(c.name())))));
            }
        }
        List<AttributeDefinition> present = new ArrayList<>();
        for (AttributeDefinition a : model.attributes()) {
            if (columns.containsKey(a.field())) {
                present.add(a);
            } else {
                steps.add(qi.addColumn(model, a).doOnSuccess(v -> push(undo, () -> removeAdded(model, a))));
            }
        }
        Mono<Void> keys = present.stream().noneMatch(a -> a.references() != null) ? Mono.empty()
                : qi.getForeignKeyReferencesForTable(table).flatMap(existing -> Flux.fromIterable(present)
                        .filter(a -> a.references() != null)
                        .concatMap(a -> foreignKey(qi, model, a, existing, undo))
                        .then());
        return Flux.concat(steps).then(keys);
    }

    /** The inverse of an added column: its foreign key first (MySQL refuses to drop a column a key uses). */
    private List<String> removeAdded(ModelDefinition model, AttributeDefinition a) {
        List<String> out = new ArrayList<>();
        if (a.references() != null) {
            out.addAll(dialect.dropConstraint(model, ColumnOps.foreignKey(a).nameFor(model.tableName()),
                    "FOREIGN KEY"));
        }
        out.addAll(dialect.removeColumn(model, a.field()));
        return out;
    }

    /** Adds the attribute's foreign key if the column has none like it, dropping the column's other keys first. */
    private Mono<Void> foreignKey(QueryInterface qi, ModelDefinition model, AttributeDefinition a,
            List<ForeignKeyReference> existing, Deque<List<String>> undo) {
        List<ForeignKeyReference> onColumn = existing.stream().filter(k -> k.columnName().equals(a.field())).toList();
        if (onColumn.stream().anyMatch(k -> ForeignKeys.matches(k, a.references(), dialect))) {
            return Mono.empty();
        }
        return Flux.fromIterable(onColumn).distinct(ForeignKeyReference::constraintName)
                .concatMap(k -> qi.removeConstraint(model.tableName(), k.constraintName())
                        .doOnSuccess(v -> push(undo,
                                () -> dialect.addConstraint(model, ForeignKeys.constraint(k), null))))
                .then(Mono.defer(() -> qi.addForeignKey(model, a)))
                .doOnSuccess(v -> push(undo, () -> dialect.dropConstraint(model,
                        ColumnOps.foreignKey(a).nameFor(model.tableName()), "FOREIGN KEY")));
    }
}
