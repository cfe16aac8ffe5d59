package io.resequel.model;

import io.resequel.error.BulkValidationException;
import io.resequel.error.ResequelException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.exec.Engine;
import io.resequel.hooks.HookEvent;
import io.resequel.hooks.HookType;
import io.resequel.query.Expr;
import io.resequel.query.SaveOptions;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.UpdateResult;
import io.resequel.query.FindOptions;
import io.resequel.query.Where;
import io.resequel.query.WriteOptions;
import io.resequel.sql.Feature;
import io.resequel.sql.Sql;
import io.resequel.validation.Fits;
import io.resequel.validation.Validation;
import io.resequel.validation.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The multi-row writes of a model. {@code bulkCreate} sends multi-row INSERTs sized to the dialect's bind-parameter
 * limit, all in one transaction (the caller's, or a new one), so a failing row leaves none behind.
 */
final class BulkWriter<T extends Instance> {

    /** Large statements cost the server more to parse than they save in round trips past this many rows. */
    private static final int MAX_ROWS_PER_STATEMENT = 1000;

    private final Model<T> model;
    private final Engine engine;

    BulkWriter(Model<T> model, Engine engine) {
        this.model = model;
        this.engine = engine;
    }

    Flux<T> bulkCreate(List<? extends Map<String, ?>> records) {
        return bulkCreate(records, BulkCreateOptions.DEFAULTS);
    }

    Flux<T> bulkCreate(List<? extends Map<String, ?>> records, BulkCreateOptions options) {
        return hookedBulkCreate(records, options).onErrorMap(e -> UniqueErrors.describe(model.definition(), e));
    }

    private Flux<T> hookedBulkCreate(List<? extends Map<String, ?>> records, BulkCreateOptions options) {
        return Flux.defer(() -> {
            List<T> instances = new ArrayList<>(records.size());
            for (Map<String, ?> r : records) {
                instances.add(model.build(r));
            }
            if (!options.hooks() || !hooked(options.individualHooks())) {
                return insertAll(instances, options);
            }
            // beforeBulkCreate may change the instances; with individualHooks each is saved with its own hooks.
            return engine.transactions().required(tx -> model.fire(HookType.BEFORE_BULK_CREATE,
                            e -> e.instances(instances))
                    .thenMany(options.individualHooks()
                            ? Flux.fromIterable(instances).concatMap(i -> i.<T>save())
                            : insertAll(instances, options))
                    .collectList()
                    .flatMapMany(saved -> model.fire(HookType.AFTER_BULK_CREATE, e -> e.instances(saved))
                            .thenMany(Flux.fromIterable(saved))));
        });
    }

    /**
     * Whether a bulk write takes its hooked path: an event hook is declared, or the write saves or destroys its rows
     * one by one ({@code individualHooks}) and operator hooks (SAVE, CREATE, UPDATE, DESTROY) wait for those calls.
     */
    private boolean hooked(boolean individualHooks) {
        return model.hooks().active() || individualHooks && model.hooks().operating();
    }

    /**
     * Rows of one bulkCreate that share their INSERT columns, cut into statements.
     *
     * @param columns   the columns written
     * @param generated the auto-increment keys the database assigns and reports back
     * @param batches   the instances of each statement
     */
    private record Group<T>(List<AttributeDefinition> columns, List<AttributeDefinition> generated,
            List<List<T>> batches) {
    }

    private Flux<T> insertAll(List<T> instances, BulkCreateOptions options) {
        return Flux.defer(() -> {
            if (options.updateOnDuplicateEmpty()) {
                return Flux.error(new ResequelException("RSQ-612 " + model.name() + ".bulkCreate: updateOnDuplicate "
                        + "needs at least one attribute to update; name them, or use ignoreDuplicates"));
            }
            if (options.conflictWhere() != null
                    && !engine.planner().dialect().supports(Feature.UPSERT_CONFLICT_WHERE)) {
                return Flux.error(new io.resequel.error.UnsupportedFeatureException("bulkCreate option conflictWhere",
                        engine.planner().dialect().name(),
                        "leave out conflictWhere; partial unique indexes exist only on PostgreSQL"));
            }
            ModelDefinition def = model.definition();
            // One timestamp for the whole call, as Sequelize: the rows were created together.
            Object now = DefaultValue.NOW.next();
            for (T instance : instances) {
                Persister.stampInsert(def, instance.values(), now);
            }
            if (instances.isEmpty()) {
                return Flux.empty();
            }
            List<Group<T>> groups = new ArrayList<>();
            for (List<T> run : keyRuns(def, instances)) {
                groups.add(group(def, run, options));
            }
            // Every row is checked before the first INSERT, so no batch is written ahead of a bad row.
            Flux<T> write = Flux.defer(() -> {
                for (Group<T> g : groups) {
                    for (List<T> batch : g.batches()) {
                        Fits.requireStorable(model.name(), g.columns(), Persister.rows(batch, g.columns()),
                                model.valueLimits());
                    }
                }
                return write(def, options, groups);
            });
            return options.validate() ? validateAll(instances, options).thenMany(write) : write;
        });
    }

    /**
     * Consecutive runs of instances that give the same auto-increment keys: a row without its key must get the
     * database's value, never a bound NULL, so a run that gives keys and one that does not go in separate
     * statements (which also keeps MySQL's consecutive LAST_INSERT_ID assumption true).
     */
    private static <T extends Instance> List<List<T>> keyRuns(ModelDefinition def, List<T> instances) {
        List<List<T>> runs = new ArrayList<>();
        Set<String> last = null;
        for (T instance : instances) {
            Set<String> given = new LinkedHashSet<>();
            for (AttributeDefinition a : def.attributes()) {
                if (a.autoIncrement() && instance.values().get(a.name()) != null) {
                    given.add(a.name());
                }
            }
            if (!given.equals(last)) {
                runs.add(new ArrayList<>());
                last = given;
            }
            runs.get(runs.size() - 1).add(instance);
        }
        return runs;
    }

    private Group<T> group(ModelDefinition def, List<T> run, BulkCreateOptions options) {
        List<Map<String, Object>> rows = run.stream().map(Instance::values).toList();
        List<AttributeDefinition> columns = Persister.insertColumns(def, rows, options.fields());
        if (!options.validate()) {
            Persister.checkNotNull(def, rows, columns); // with validate, the validators report it with the rest
        }
        List<AttributeDefinition> generated = Persister.generated(def, Map.of());
        generated.removeIf(columns::contains);
        // A row without columns is INSERT ... DEFAULT VALUES, which inserts one row: one statement per record.
        int perStatement = columns.isEmpty() ? 1 : Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT,
                engine.planner().dialect().maxBindParameters() / columns.size()));
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < run.size(); i += perStatement) {
            batches.add(run.subList(i, Math.min(run.size(), i + perStatement)));
        }
        return new Group<>(columns, generated, batches);
    }

    /** Every record's failures, gathered into one exception (with each record and its index) before any insert. */
    private Mono<Void> validateAll(List<T> instances, BulkCreateOptions options) {
        List<BulkValidationException.Failure> failures = new CopyOnWriteArrayList<>();
        return Flux.range(0, instances.size())
                .concatMap(i -> Validation.validate(instances.get(i), options.fields(), model.valueLimits())
                        .onErrorResume(ValidationException.class, e -> {
                            failures.add(new BulkValidationException.Failure(i,
                                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                                            instances.get(i).values())), e));
                            return Mono.empty();
                        }))
                .then(Mono.defer(() -> failures.isEmpty() ? Mono.empty()
                        : Mono.error(new BulkValidationException(failures))));
    }

    private Flux<T> write(ModelDefinition def, BulkCreateOptions options, List<Group<T>> groups) {
        if (options.returning() && !options.ignoreDuplicates() && options.updateOnDuplicate().isEmpty()
                && !engine.planner().dialect().supports(Feature.MULTI_ROW_GENERATED_KEYS)) {
            return Flux.error(new UnsupportedOperatorException("bulkCreate returning",
                    engine.planner().dialect().name(), "the server reports only the first generated id of a "
                    + "multi-row INSERT; reload the instances instead"));
        }
        return engine.transactions().required(tx -> Flux.fromIterable(groups)
                .concatMap(g -> Flux.fromIterable(g.batches()).concatMap(batch -> write(def, options, g, batch))));
    }

    private Flux<T> write(ModelDefinition def, BulkCreateOptions options, Group<T> group, List<T> batch) {
        if (options.ignoreDuplicates() || !options.updateOnDuplicate().isEmpty()) {
            Set<String> present = new LinkedHashSet<>();
            group.columns().forEach(a -> present.add(a.name()));
            List<AttributeDefinition> conflict = options.conflictAttributes().isEmpty()
                    ? Upserter.conflictKey(def, present)
                    : Upserter.givenConflictKey(def, "bulkCreate conflictAttributes", options.conflictAttributes(),
                            present);
            List<AttributeDefinition> update = options.updateOnDuplicate().stream().map(def::attribute).toList();
            return conflictBatch(def, group.columns(), conflict, options.conflictWhere(), update, batch);
        }
        if (options.returning()) {
            return returningBatch(def, group.columns(), batch);
        }
        return insertBatch(def, group.columns(), group.generated(), batch);
    }

    /** Inserts and reads every attribute of each inserted row back, in insertion order. */
    private Flux<T> returningBatch(ModelDefinition def, List<AttributeDefinition> columns, List<T> batch) {
        List<Object[]> rows = Persister.rows(batch, columns);
        List<AttributeDefinition> all = def.attributes();
        Sql sql = engine.planner().insert(def, columns, rows);
        return engine.executor().insert(sql, Persister.fields(all), r -> {
                    Object[] values = new Object[all.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = engine.planner().dialect().readValue(r, i, all.get(i).type());
                    }
                    return values;
                })
                .collectList()
                .flatMapMany(read -> {
                    for (int r = 0; r < batch.size() && r < read.size(); r++) {
                        for (int i = 0; i < all.size(); i++) {
                            batch.get(r).values().put(all.get(i).name(), read.get(r)[i]);
                        }
                    }
                    return Flux.fromIterable(batch).doOnNext(Instance::markSaved);
                });
    }

    private Flux<T> insertBatch(ModelDefinition def, List<AttributeDefinition> columns,
            List<AttributeDefinition> generated, List<T> batch) {
        List<Object[]> rows = Persister.rows(batch, columns);
        Sql sql = engine.planner().insert(def, columns, rows);
        Mono<Void> write;
        if (generated.size() != 1) {
            write = engine.executor().update(sql).then();
        } else {
            AttributeDefinition key = generated.get(0);
            boolean perRow = engine.planner().dialect().supports(Feature.MULTI_ROW_GENERATED_KEYS);
            write = engine.executor().insert(sql, Persister.fields(generated), r -> (Number) r.get(0))
                    .collectList()
                    .doOnNext(keys -> assignKeys(key, batch, keys, perRow))
                    .then();
        }
        return write.thenMany(Flux.fromIterable(batch).doOnNext(Instance::markSaved));
    }

    /** Rows may be skipped or merged, so generated keys are not assigned (as in Sequelize). */
    private Flux<T> conflictBatch(ModelDefinition def, List<AttributeDefinition> columns,
            List<AttributeDefinition> conflict, Where conflictWhere, List<AttributeDefinition> update, List<T> batch) {
        List<Object[]> rows = Persister.rows(batch, columns);
        Sql sql = engine.planner().conflictInsert(def, columns, rows, conflict, conflictWhere, update, false,
                List.of());
        return engine.executor().update(sql).thenMany(Flux.fromIterable(batch).doOnNext(Instance::markSaved));
    }

    Mono<Void> truncate() {
        return Mono.defer(() -> engine.executor().update(engine.planner().truncate(model.definition())).then());
    }

    private void assignKeys(AttributeDefinition key, List<T> batch, List<Number> keys, boolean perRow) {
        if (keys.isEmpty()) {
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            // Without per-row keys the database reports the first id of the statement; MySQL allocates a
            // multi-row simple INSERT's ids consecutively, as Sequelize also assumes.
            Number n = perRow ? (i < keys.size() ? keys.get(i) : null) : keys.get(0).longValue() + i;
            if (n != null) {
                batch.get(i).values().put(key.name(), Persister.narrow(key, n));
            }
        }
    }

    Mono<Long> update(Map<String, ?> values, Where where, boolean silent) {
        return update(values, WriteOptions.builder().where(where).build(), silent)
                .map(UpdateResult::count);
    }

    Mono<UpdateResult<T>> update(Map<String, ?> values, WriteOptions options,
            boolean silentFlag) {
        return hookedUpdate(restricted(values, options), options, silentFlag)
                .onErrorMap(e -> UniqueErrors.describe(model.definition(), e));
    }

    /**
     * The values a bulk update writes: those named by {@code fields} when given (the others are ignored), and without
     * the VIRTUAL ones under {@code sideEffects(false)}, whose setters would write other attributes.
     */
    private Map<String, ?> restricted(Map<String, ?> values, WriteOptions options) {
        if (options.fields() == null && options.sideEffects()) {
            return values;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            boolean inFields = options.fields() == null || options.fields().contains(name);
            boolean virtual = model.definition().virtuals().containsKey(name);
            if (inFields && (options.sideEffects() || !virtual)) {
                out.put(name, v);
            }
        });
        return out;
    }

    private Mono<UpdateResult<T>> hookedUpdate(Map<String, ?> values, WriteOptions options, boolean silentFlag) {
        if (!options.hooks() || !hooked(options.individualHooks())) {
            return plainUpdate(values, options, silentFlag);
        }
        return Mono.defer(() -> {
            Map<String, Object> mutable = new LinkedHashMap<>(values);
            HookEvent before = HookEvent.of(HookType.BEFORE_BULK_UPDATE, model.name()).values(mutable)
                    .where(options.where()).build();
            return engine.transactions().required(tx -> model.hooks().run(before).then(Mono.defer(() -> {
                WriteOptions effective = rewhere(options, before.where());
                if (!options.individualHooks()) {
                    return plainUpdate(mutable, effective, silentFlag);
                }
                // Loaded in full first: the transaction's one connection cannot write while the SELECT streams.
                return model.finder().findAll(FindOptions.builder().where(alive(effective))
                        .paranoid(effective.paranoid()).build())
                        .collectList().flatMapMany(Flux::fromIterable)
                        .concatMap(i -> {
                            i.set(mutable);
                            return i.<T>save(options.silent() || silentFlag ? SaveOptions.DEFAULTS.silent()
                                    : SaveOptions.DEFAULTS);
                        }).collectList().map(rows -> new UpdateResult<>(rows.size(), rows));
            })).flatMap(r -> model.fire(HookType.AFTER_BULK_UPDATE, e -> e.values(mutable).where(before.where())
                    .result(r.count())).thenReturn(r))).singleOrEmpty();
        });
    }

    /** @return the options' where, restricted to rows not soft-deleted unless {@code paranoid(false)} */
    private Where alive(WriteOptions options) {
        return options.paranoid() ? Paranoid.where(model.definition(), options.where()) : options.where();
    }

    /** @return the options with another where, every other option kept */
    static WriteOptions rewhere(WriteOptions options, Where where) {
        if (where == options.where()) {
            return options;
        }
        WriteOptions.Builder b = WriteOptions.builder().where(where);
        if (!options.hooks()) {
            b.withoutHooks();
        }
        if (options.individualHooks()) {
            b.individualHooks();
        }
        if (options.limit() != null) {
            b.limit(options.limit());
        }
        if (options.silent()) {
            b.silent();
        }
        if (options.returning()) {
            b.returning();
        }
        if (options.force()) {
            b.force();
        }
        if (options.truncate()) {
            b.truncate(options.cascade(), options.restartIdentity());
        }
        if (options.fields() != null) {
            b.fields(options.fields().toArray(String[]::new));
        }
        return b.paranoid(options.paranoid()).sideEffects(options.sideEffects()).build();
    }

    private Mono<UpdateResult<T>> plainUpdate(Map<String, ?> values, WriteOptions options,
            boolean silentFlag) {
        boolean silent = silentFlag || options.silent();
        Where where = options.where() == null ? null : alive(options);
        // Sequelize's validate (default true): the values are validated on an instance built from them, the other
        // attributes skipped.
        return Mono.defer(() -> where == null ? Mono.<Void>empty() : io.resequel.validation.Validation.validate(
                model.build(values), values.keySet(), model.valueLimits())).then(Mono.defer(() -> {
            if (where == null) {
                return Mono.error(new ResequelException("RSQ-609 " + model.name()
                        + ".update: missing where; use Where.and() to update every row"));
            }
            ModelDefinition def = model.definition();
            Map<AttributeDefinition, Object> set = new LinkedHashMap<>();
            List<ValidationItem> problems = new ArrayList<>();
            withVirtualsApplied(def, values).forEach((name, v) -> {
                AttributeDefinition a = def.attribute(name);
                Object coerced = v instanceof Expr ? v : Values.coerce(model.name(), a, v);
                if (coerced == null && !a.allowNull()) {
                    problems.add(Values.notNull(model.name(), a));
                }
                set.put(a, coerced);
            });
            if (!problems.isEmpty()) {
                return Mono.error(new ValidationException(problems));
            }
            if (set.isEmpty()) {
                return Mono.just(new UpdateResult<T>(0, List.of()));
            }
            String updatedAt = def.updatedAtAttribute();
            if (updatedAt != null && !silent && !values.containsKey(updatedAt)) {
                set.put(def.attribute(updatedAt), DefaultValue.NOW.next());
            }
            if (options.returning()) {
                if (!engine.planner().dialect().supports(Feature.RETURNING)) {
                    return Mono.error(new UnsupportedOperatorException("UPDATE ... RETURNING",
                            engine.planner().dialect().name(), "read the rows with a find after the update"));
                }
                Sql sql = engine.planner().update(def, set, where, options.limit(), true);
                return engine.executor().query(sql, new InstanceReader<>(model, engine.planner().dialect(),
                        def.attributes())).collectList()
                        .map(rows -> new UpdateResult<>(rows.size(), rows));
            }
            return engine.executor().update(engine.planner().update(def, set, where, options.limit(), false))
                    .map(n -> new UpdateResult<T>(n, List.of()));
        }));
    }

    /**
     * VIRTUAL attributes of a bulk update run their setters on a scratch instance; what the setters change replaces
     * them (Sequelize builds an instance from the values for the same reason).
     */
    private Map<String, ?> withVirtualsApplied(ModelDefinition def, Map<String, ?> values) {
        if (def.virtuals().isEmpty() || values.keySet().stream().noneMatch(def.virtuals()::containsKey)) {
            return values;
        }
        T scratch = model.newInstance();
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            if (def.virtuals().containsKey(name)) {
                scratch.set(name, v);
            } else {
                out.put(name, v);
            }
        });
        for (String changed : scratch.changed()) {
            out.put(changed, scratch.getDataValue(changed));
        }
        return out;
    }

    Mono<Long> destroy(Where where) {
        return destroy(WriteOptions.builder().where(where).build());
    }

    /** A paranoid model's bulk destroy: {@code SET deletedAt = now} on the rows not yet deleted. */
    private Mono<Long> softDestroy(ModelDefinition def, WriteOptions options) {
        Map<AttributeDefinition, Object> set = new LinkedHashMap<>();
        set.put(def.attribute(def.deletedAtAttribute()), DefaultValue.NOW.next());
        return engine.executor().update(engine.planner().update(def, set, Paranoid.where(def, options.where()),
                options.limit(), false));
    }

    /** Sequelize's {@code Model.restore({where})}: clears {@code deletedAt} of the matching rows. */
    Mono<Long> restore(Where where) {
        return restore(WriteOptions.builder().where(where).build());
    }

    /** Sequelize's {@code Model.restore(options)}, with {@code individualHooks} and {@code hooks: false}. */
    Mono<Long> restore(WriteOptions options) {
        Where where = options.where();
        if (!options.hooks() || !model.hooks().active()) {
            return plainRestore(where);
        }
        if (options.individualHooks()) {
            return Mono.defer(() -> {
                HookEvent before = HookEvent.of(HookType.BEFORE_BULK_RESTORE, model.name()).where(where).build();
                return engine.transactions().required(tx -> model.hooks().run(before).then(Mono.defer(() ->
                        individualRestore(before.where())))
                        .flatMap(n -> model.fire(HookType.AFTER_BULK_RESTORE, e -> e.where(before.where()).result(n))
                                .thenReturn(n))).singleOrEmpty();
            });
        }
        return Mono.defer(() -> {
            HookEvent before = HookEvent.of(HookType.BEFORE_BULK_RESTORE, model.name()).where(where).build();
            return model.hooks().run(before).then(Mono.defer(() -> plainRestore(before.where())))
                    .flatMap(n -> model.fire(HookType.AFTER_BULK_RESTORE, e -> e.where(before.where()).result(n))
                            .thenReturn(n));
        });
    }

    /** Each matching row (deleted or not, as Sequelize) gets its restore hooks around the one UPDATE. */
    private Mono<Long> individualRestore(Where where) {
        return model.finder().findAll(FindOptions.builder().where(where).paranoid(false).build()).collectList()
                .flatMap(rows -> Flux.fromIterable(rows)
                        .concatMap(i -> model.fire(HookType.BEFORE_RESTORE, e -> e.instance(i)))
                        .then(plainRestore(where))
                        .flatMap(n -> Flux.fromIterable(rows).concatMap(i -> {
                            i.setDataValue(model.definition().deletedAtAttribute(), Paranoid.unset(model.definition()));
                            i.markSaved();
                            return model.fire(HookType.AFTER_RESTORE, e -> e.instance(i));
                        }).then(Mono.just(n))));
    }

    private Mono<Long> plainRestore(Where where) {
        return Mono.defer(() -> {
            ModelDefinition def = model.definition();
            if (def.deletedAtAttribute() == null) {
                return Mono.error(new ResequelException(Paranoid.notParanoid(model.name())));
            }
            Map<AttributeDefinition, Object> set = new LinkedHashMap<>();
            set.put(def.attribute(def.deletedAtAttribute()), Paranoid.unset(def));
            return engine.executor().update(engine.planner().update(def, set, where));
        });
    }

    Mono<Long> destroy(WriteOptions options) {
        if (!options.hooks() || !hooked(options.individualHooks()) || options.truncate()) {
            return plainDestroy(options);
        }
        return Mono.defer(() -> {
            HookEvent before = HookEvent.of(HookType.BEFORE_BULK_DESTROY, model.name()).where(options.where()).build();
            return engine.transactions().required(tx -> model.hooks().run(before).then(Mono.defer(() -> {
                WriteOptions effective = rewhere(options, before.where());
                if (!options.individualHooks()) {
                    return plainDestroy(effective);
                }
                return model.finder().findAll(FindOptions.builder().where(effective.where()).build()).collectList()
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(i -> i.destroy(options.force())
                        .thenReturn(1L)).count();
            })).flatMap(n -> model.fire(HookType.AFTER_BULK_DESTROY, e -> e.where(before.where()).result(n))
                    .thenReturn(n))).singleOrEmpty();
        });
    }

    private Mono<Long> plainDestroy(WriteOptions options) {
        return Mono.defer(() -> {
            if (options.truncate()) {
                return engine.executor().update(engine.planner().truncate(model.definition(), options.cascade(),
                        options.restartIdentity()));
            }
            if (options.where() == null) {
                return Mono.error(new ResequelException("RSQ-609 " + model.name()
                        + ".destroy: missing where or truncate; use Where.and() to delete every row"));
            }
            ModelDefinition def = model.definition();
            if (def.deletedAtAttribute() != null && !options.force()) {
                return softDestroy(def, options);
            }
            return engine.executor().update(engine.planner().delete(def, options.where(), options.limit()));
        });
    }

    /** The static increment with options: every field by the same amount, silent and transaction honoured. */
    Mono<Long> increment(List<String> fields, io.resequel.query.IncrementOptions options, Where where,
            boolean negate) {
        Map<String, Number> deltas = new LinkedHashMap<>();
        fields.forEach(f -> deltas.put(f, options.by()));
        return Mono.defer(() -> engine.executor()
                        .update(model.persister().incrementSql(model.definition(), deltas, negate, options.isSilent(),
                                where)))
                .contextWrite(ctx -> io.resequel.exec.Transactions.explicit(ctx, options.transaction(), false));
    }

    Mono<Long> increment(Map<String, ? extends Number> deltas, Where where, boolean negate) {
        return Mono.defer(() -> engine.executor()
                .update(model.persister().incrementSql(model.definition(), deltas, negate, false, where)));
    }
}
