package io.resequel.model;

import io.resequel.error.InstanceException;
import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.exec.Engine;
import io.resequel.exec.Transactions;
import io.resequel.query.FindOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.sql.Sql;
import io.resequel.validation.Values;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import io.resequel.hooks.HookType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The instance-level writes of a model: insert, update of changed fields, reload, destroy, increment. */
final class Persister<T extends Instance> {

    private final Model<T> model;
    private final Engine engine;

    Persister(Model<T> model, Engine engine) {
        this.model = model;
        this.engine = engine;
    }

    /** Validates (every failure collected, before any SQL), then inserts or updates the changed attributes. */
    Mono<Instance> save(Instance instance, SaveOptions options) {
        if (!options.hooks() || !model.hooks().operating()) {
            return save(instance, options, null);
        }
        // CREATE or UPDATE operators, chosen when the save is subscribed, as the instance is then new or not.
        return Mono.defer(() -> model.hooks().wrapSave(instance.isNewRecord() ? HookType.CREATE : HookType.UPDATE,
                save(instance, options, null)));
    }

    /**
     * @param afterWrite run after the row is written and before the after-hooks (or {@code null}): creating with
     *                   associations writes the children there, so the record's afterCreate sees them (Sequelize)
     */
    Mono<Instance> save(Instance instance, SaveOptions options, Function<Instance, Mono<Void>> afterWrite) {
        return Mono.defer(() -> {
            boolean isNew = instance.isNewRecord();
            if (isNew) {
                stampInsert(model.definition(), instance.values(), options.isSilent());
            }
            Mono<Void> validate = Mono.defer(() -> io.resequel.validation.Validation.validate(instance,
                    isNew ? options.fields() : changedFields(instance, options), model.valueLimits()));
            Mono<Instance> write = Mono.defer(() -> isNew ? insert(instance, options) : update(instance, options))
                    .flatMap(saved -> afterWrite == null ? Mono.just(saved) : afterWrite.apply(saved).thenReturn(saved));
            if (!options.hooks() || !model.hooks().active()) {
                return validate.then(write).doOnNext(Instance::applyClean);
            }
            // Sequelize's order: validate hooks, then create/update, then save; the after-hooks mirror them.
            return fire(HookType.BEFORE_VALIDATE, instance)
                    .then(validate.onErrorResume(io.resequel.error.ValidationException.class,
                            e -> model.fire(HookType.VALIDATION_FAILED, b -> b.instance(instance).error(e))
                                    .then(Mono.error(e))))
                    .then(fire(HookType.AFTER_VALIDATE, instance))
                    .then(Mono.defer(() -> {
                        Set<String> before = instance.changed();
                        Map<String, Object> beforeValues = new java.util.HashMap<>(instance.values());
                        return fire(isNew ? HookType.BEFORE_CREATE : HookType.BEFORE_UPDATE, instance)
                                .then(fire(HookType.BEFORE_SAVE, instance))
                                .then(Mono.defer(() -> isNew ? Mono.empty()
                                        : revalidate(instance, hookChanged(instance, beforeValues))))
                                .then(Mono.defer(() -> isNew ? insert(instance, options)
                                        : update(instance, withHookChanges(options, before, instance))))
                                .flatMap(saved -> afterWrite == null ? Mono.just(saved)
                                        : afterWrite.apply(saved).thenReturn(saved));
                    }))
                    .flatMap(saved -> fire(isNew ? HookType.AFTER_CREATE : HookType.AFTER_UPDATE, saved)
                            .then(fire(HookType.AFTER_SAVE, saved)).thenReturn(saved))
                    // Sequelize clears the changes only after the hook chain: after-hooks still see changed().
                    .doOnNext(Instance::applyClean);
        }).onErrorMap(e -> UniqueErrors.describe(model.definition(), e))
                .contextWrite(ctx -> Transactions.explicit(ctx, options.transaction(), options.isOutsideTransaction()));
    }

    /** The changed attributes whose value a before-hook set or altered. */
    private static Set<String> hookChanged(Instance instance, Map<String, Object> beforeValues) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : instance.changed()) {
            if (!ValueEquality.same(beforeValues.get(f), instance.values().get(f))) {
                out.add(f);
            }
        }
        return out;
    }

    /** Sequelize validates again what the before-hooks changed, so a hook cannot write an invalid value. */
    private static Mono<Void> revalidate(Instance instance, Set<String> fields) {
        return fields.isEmpty() ? Mono.empty() : io.resequel.validation.Validation.validate(instance, fields);
    }

    /** Attributes a before-hook changed are written too, even outside the requested fields (as Sequelize). */
    private static SaveOptions withHookChanges(SaveOptions options, Set<String> before, Instance instance) {
        if (options.fields() == null) {
            return options;
        }
        Set<String> fields = new LinkedHashSet<>(options.fields());
        for (String f : instance.changed()) {
            if (!before.contains(f)) {
                fields.add(f);
            }
        }
        return fields.size() == options.fields().size() ? options
                : options.withFields(List.copyOf(fields));
    }

    private Mono<Void> fire(HookType type, Instance instance) {
        return model.fire(type, b -> b.instance(instance));
    }

    private static Set<String> changedFields(Instance instance, SaveOptions options) {
        Set<String> fields = new LinkedHashSet<>(instance.changed());
        if (options.fields() != null) {
            fields.retainAll(options.fields());
        }
        return fields;
    }

    private Mono<Instance> insert(Instance instance, SaveOptions options) {
        ModelDefinition def = model.definition();
        stampInsert(def, instance.values(), options.isSilent());
        List<AttributeDefinition> columns = insertColumns(def, List.of(instance.values()), options.fields());
        checkNotNull(def, List.of(instance.values()), columns);
        Sql sql = engine.planner().insert(def, columns, List.<Object[]>of(row(instance, columns)));
        List<AttributeDefinition> generated = new ArrayList<>(generated(def, instance.values()));
        if (engine.planner().dialect().supports(io.resequel.sql.Feature.AUTO_INCREMENT_ON_ZERO)) {
            // MariaDB/MySQL store the next counter value for an explicit 0: read back the key the row got.
            for (AttributeDefinition a : def.attributes()) {
                if (a.autoIncrement() && instance.values().get(a.name()) instanceof Number n && n.longValue() == 0
                        && !generated.contains(a)) {
                    generated.add(a);
                }
            }
        }
        if (generated.isEmpty()) {
            return engine.executor().update(sql).then(Mono.fromRunnable(() -> instance.deferClean(Instance.allFields())))
                    .thenReturn(instance);
        }
        return engine.executor().insert(sql, fields(generated), r -> readKeys(r, generated))
                // Not next(): cancelling before the INSERT completes may, under load, make the statement guard stop
                // it on the server, and that cancel can land on the next statement of the same transaction (the
                // children written right after it when creating with associations).
                .reduce((first, later) -> first)
                .doOnNext(keys -> keys.forEach(instance.values()::put))
                .then(Mono.fromRunnable(() -> instance.deferClean(Instance.allFields())))
                .thenReturn(instance);
    }

    private Map<String, Object> readKeys(io.r2dbc.spi.Row row, List<AttributeDefinition> generated) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (int i = 0; i < generated.size(); i++) {
            AttributeDefinition a = generated.get(i);
            Object raw = row.get(i);
            keys.put(a.name(), raw instanceof Number n ? Values.coerce(model.name(), a, narrow(a, n)) : raw);
        }
        return keys;
    }

    static Object narrow(AttributeDefinition a, Number n) {
        return switch (a.type().kind()) {
            case INTEGER -> n.intValue();
            case SMALLINT -> n.shortValue();
            case BIGINT -> n.longValue();
            default -> n;
        };
    }

    private Mono<Instance> update(Instance instance, SaveOptions options) {
        ModelDefinition def = model.definition();
        requireKey(def, "save");
        Set<String> fields = new LinkedHashSet<>(instance.changed());
        if (options.fields() != null) {
            options.fields().forEach(def::attribute);
            fields.retainAll(options.fields());
        }
        if (options.omitNullSetting() != null ? options.omitNullSetting() : def.omitNull()) {
            fields.removeIf(f -> instance.values().get(f) == null && !isForeignKey(def.attribute(f)));
        }
        if (fields.isEmpty()) {
            return Mono.just(instance);
        }
        Map<AttributeDefinition, Object> set = new LinkedHashMap<>();
        List<ValidationItem> problems = new ArrayList<>();
        for (String f : fields) {
            AttributeDefinition a = def.attribute(f);
            Object v = instance.values().get(f);
            if (v == null && !a.allowNull()) {
                problems.add(Values.notNull(model.name(), a));
            }
            set.put(a, v);
        }
        if (!problems.isEmpty()) {
            return Mono.error(new ValidationException(problems));
        }
        String updatedAt = def.updatedAtAttribute();
        if (updatedAt != null && !options.isSilent() && !fields.contains(updatedAt)) {
            OffsetDateTime now = (OffsetDateTime) DefaultValue.NOW.next();
            instance.values().put(updatedAt, now);
            set.put(def.attribute(updatedAt), now);
        }
        Where where = keyWhere(def, instance.previousValues());
        String version = def.versionAttribute();
        Object loaded = null;
        if (version != null) {
            // Optimistic locking: only the version this instance was loaded at may be overwritten.
            loaded = instance.previousValues().get(version);
            where = where.and(Where.eq(version, loaded));
            Object next = ((Number) (loaded == null ? 0 : loaded)).intValue() + 1;
            instance.values().put(version, next);
            set.put(def.attribute(version), next);
        }
        Sql sql = engine.planner().update(def, set, where);
        List<String> written = set.keySet().stream().map(AttributeDefinition::name).toList();
        Object expected = loaded;
        return engine.executor().update(sql).flatMap(n -> n == 0 && version != null
                        ? stale(instance, expected) : Mono.fromRunnable(() -> instance.deferClean(written)))
                .thenReturn(instance);
    }

    /**
     * Foreign keys are written even under omitNull, so unlinking an association stores its null: those that reference
     * a table, and, as Sequelize decides by name, attributes named {@code …Id}.
     */
    private static boolean isForeignKey(AttributeDefinition a) {
        return a.references() != null || a.name().endsWith("Id");
    }

    /** The row's current version, read only after a versioned write touched nothing, for the error's message. */
    private <X> Mono<X> stale(Instance instance, Object expected) {
        ModelDefinition def = model.definition();
        String version = def.versionAttribute();
        instance.values().put(version, expected);
        Map<String, Object> key = new LinkedHashMap<>();
        for (AttributeDefinition pk : def.primaryKeys()) {
            key.put(pk.name(), instance.previousValues().get(pk.name()));
        }
        return model.finder().findAll(FindOptions.builder().where(keyWhere(def, instance.previousValues()))
                        .attributes(version).paranoid(false).build())
                .next().map(fresh -> java.util.Optional.ofNullable(fresh.get(version)))
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(actual -> Mono.error(new io.resequel.error.OptimisticLockException(model.name(), key,
                        expected, actual.orElse(null))));
    }

    /**
     * Sequelize's {@code reload(options)}: {@code findOne} by key through the model's scopes, with the includes the
     * instance was loaded with unless the options give their own; replaces every value (and the loaded
     * associations), or with {@code attributes} only those.
     */
    Mono<Instance> reload(Instance instance, java.util.function.Consumer<FindOptions.Builder> given) {
        return Mono.defer(() -> {
            ModelDefinition def = model.definition();
            requireKey(def, "reload");
            FindOptions.Builder b = FindOptions.builder();
            given.accept(b);
            FindOptions asked = b.build();
            if (asked.includes().isEmpty() && !instance.loadedIncludes().isEmpty()) {
                b.include(instance.loadedIncludes().toArray(io.resequel.query.Include[]::new));
            }
            // The instance's key, whatever where the options carry (Sequelize ignores it too).
            b.replaceWhere(keyWhere(def, instance.previousValues()));
            return model.findOne(b.build())
                    .switchIfEmpty(Mono.error(() -> new InstanceException("RSQ-603 " + model.name()
                            + " instance could not be reloaded because it does not exist anymore")))
                    .map(fresh -> {
                        if (asked.attributes() == null) {
                            instance.values().clear();
                            instance.clearIncluded();
                            instance.loadedWith(fresh.loadedIncludes());
                            instance.values().putAll(fresh.values());
                            instance.markSaved();
                        } else {
                            for (Map.Entry<String, Object> e : fresh.values().entrySet()) {
                                instance.values().put(e.getKey(), e.getValue());
                            }
                            instance.markSaved(fresh.values().keySet());
                        }
                        for (io.resequel.assoc.Association<?, ?> a : model.associations()) {
                            if (fresh.isIncluded(a.as())) {
                                instance.setIncluded(a.as(), fresh.included(a.as()));
                            }
                        }
                        return instance;
                    });
        });
    }

    Mono<Void> destroy(Instance instance, boolean force) {
        return model.hooks().wrap(HookType.DESTROY, destroy(instance, force, true));
    }

    /**
     * Destroys with BEFORE_DESTROY/AFTER_DESTROY and, for hasOne/hasMany associations declared with
     * {@code onDelete(CASCADE)} and {@code hooks(true)}, the children destroyed one by one first (firing their
     * hooks), all in one transaction.
     */
    Mono<Void> destroy(Instance instance, boolean force, boolean hooks) {
        if (!hooks) {
            return destroyRow(instance, force);
        }
        List<io.resequel.assoc.Association<?, ?>> cascades = new ArrayList<>();
        if (model.definition().deletedAtAttribute() == null || force) {
            for (io.resequel.assoc.Association<?, ?> a : model.associations()) {
                if (a.hooks() && a.onDelete() == ReferentialAction.CASCADE
                        && (a.kind() == io.resequel.assoc.Association.Kind.HAS_MANY
                        || a.kind() == io.resequel.assoc.Association.Kind.HAS_ONE)) {
                    cascades.add(a);
                }
            }
        }
        Mono<Void> run = fire(HookType.BEFORE_DESTROY, instance)
                .then(Flux.fromIterable(cascades).concatMap(a -> a.target().unscoped().findAll(q -> q.where(
                        Where.eq(a.foreignKey(), instance.get(a.sourceKey()))))
                        // Read the children in full first: in a transaction one connection cannot delete while it
                        // still streams the SELECT.
                        .collectList().flatMapMany(Flux::fromIterable).concatMap(Instance::destroy)).then())
                .then(destroyRow(instance, force))
                .then(fire(HookType.AFTER_DESTROY, instance));
        return cascades.isEmpty() ? run : engine.transactions().required(tx -> run).then();
    }

    private Mono<Void> destroyRow(Instance instance, boolean force) {
        return Mono.defer(() -> {
            ModelDefinition def = model.definition();
            requireKey(def, "destroy");
            String deletedAt = def.deletedAtAttribute();
            if (deletedAt != null && !force) {
                // A soft delete is a save: pending changes go with it, and a versioned row is checked.
                if (instance.getDataValue(deletedAt) == null) {
                    instance.setDataValue(deletedAt, DefaultValue.NOW.next());
                }
                return save(instance, SaveOptions.DEFAULTS.withoutHooks()).then();
            }
            Where where = keyWhere(def, instance.previousValues());
            String version = def.versionAttribute();
            if (version == null) {
                return engine.executor().update(engine.planner().delete(def, where)).then();
            }
            Object loaded = instance.previousValues().get(version);
            return engine.executor().update(engine.planner().delete(def, where.and(Where.eq(version, loaded))))
                    .flatMap(n -> n == 0 ? stale(instance, loaded) : Mono.empty()).then();
        });
    }

    /** Sequelize's {@code instance.restore()}: clears {@code deletedAt} of a paranoid row. */
    Mono<Instance> restore(Instance instance) {
        return model.hooks().wrap(HookType.RESTORE, Mono.defer(() -> {
            ModelDefinition def = model.definition();
            String deletedAt = def.deletedAtAttribute();
            if (deletedAt == null) {
                return Mono.error(new InstanceException(Paranoid.notParanoid(model.name())));
            }
            requireKey(def, "restore");
            return fire(HookType.BEFORE_RESTORE, instance).then(Mono.defer(() -> {
                instance.setDataValue(deletedAt, Paranoid.unset(def));
                // The cleared deletedAt is a null that must be written, whatever omitNull says (as in Sequelize).
                return save(instance, new SaveOptions(List.of(deletedAt), false).withoutHooks().omitNull(false));
            })).flatMap(i -> fire(HookType.AFTER_RESTORE, i).thenReturn(i));
        }));
    }

    Mono<Instance> increment(Instance instance, Map<String, ? extends Number> deltas, boolean negate,
            io.resequel.query.IncrementOptions options) {
        // An increment updates the instance's row without saving it: UPDATE operators, not SAVE ones.
        return model.hooks().wrap(HookType.UPDATE, Mono.defer(() -> {
            ModelDefinition def = model.definition();
            requireKey(def, "increment");
            if (instance.isNewRecord()) {
                return Mono.error(new InstanceException("RSQ-604 " + model.name()
                        + " instance is not saved yet; save it before increment or decrement"));
            }
            Where where = keyWhere(def, instance.previousValues());
            if (options.where() != null) {
                where = where.and(options.where());
            }
            boolean returning = options.returning()
                    && engine.planner().dialect().supports(io.resequel.sql.Feature.RETURNING);
            Sql sql = incrementSql(def, deltas, negate, options.isSilent(), where, returning);
            if (!returning) {
                return engine.executor().update(sql).thenReturn(instance);
            }
            // PostgreSQL: the new values come back with the UPDATE, as Sequelize's instance increment.
            return engine.executor().query(sql, new InstanceReader<>(model, engine.planner().dialect(),
                            def.attributes()))
                    .collectList()
                    .map(rows -> {
                        if (!rows.isEmpty()) {
                            Instance fresh = rows.get(0);
                            instance.values().putAll(fresh.values());
                            instance.markSaved(fresh.values().keySet());
                        }
                        return instance;
                    });
        }).contextWrite(ctx -> Transactions.explicit(ctx, options.transaction(), false)));
    }

    Sql incrementSql(ModelDefinition def, Map<String, ? extends Number> deltas, boolean negate, boolean silent,
            Where where) {
        return incrementSql(def, deltas, negate, silent, where, false);
    }

    private Sql incrementSql(ModelDefinition def, Map<String, ? extends Number> deltas, boolean negate,
            boolean silent, Where where, boolean returning) {
        Map<AttributeDefinition, Object> d = new LinkedHashMap<>();
        deltas.forEach((name, by) -> {
            AttributeDefinition a = def.attribute(name);
            Object amount = Values.coerce(model.name(), a, by);
            d.put(a, negate ? negate(amount) : amount);
        });
        if (def.versionAttribute() != null) {
            d.put(def.attribute(def.versionAttribute()), 1);
        }
        Map<AttributeDefinition, Object> also = new LinkedHashMap<>();
        if (def.updatedAtAttribute() != null && !silent) {
            also.put(def.attribute(def.updatedAtAttribute()), DefaultValue.NOW.next());
        }
        return engine.planner().increment(def, d, also, where, returning);
    }

    private static Object negate(Object n) {
        if (n instanceof Integer i) return -i;
        if (n instanceof Long l) return -l;
        if (n instanceof Short s) return (short) -s;
        if (n instanceof Float f) return -f;
        if (n instanceof Double d) return -d;
        if (n instanceof java.math.BigDecimal b) return b.negate();
        throw new IllegalArgumentException("cannot negate " + n);
    }

    // ---- shared with bulk writes --------------------------------------------------------------------------

    static void stampInsert(ModelDefinition def, Map<String, Object> values, boolean silent) {
        stampInsert(def, values, null);
    }

    /** @param now the time to stamp, shared by the rows of one bulk write, or {@code null} for the time now */
    static void stampInsert(ModelDefinition def, Map<String, Object> values, Object now) {
        for (String ts : new String[] {def.createdAtAttribute(), def.updatedAtAttribute()}) {
            if (ts != null && values.get(ts) == null) {
                now = now != null ? now : DefaultValue.NOW.next();
                values.put(ts, now);
            }
        }
    }

    /** Columns of an INSERT: every attribute some row has a value for, except omitted generated keys. */
    static List<AttributeDefinition> insertColumns(ModelDefinition def, List<Map<String, Object>> rows,
            List<String> fields) {
        List<AttributeDefinition> out = new ArrayList<>();
        for (AttributeDefinition a : def.attributes()) {
            if (fields != null && !fields.contains(a.name()) && !isTimestamp(def, a)) {
                continue;
            }
            boolean any = false;
            for (Map<String, Object> r : rows) {
                if (r.get(a.name()) != null) {
                    any = true;
                    break;
                }
            }
            if (any || !a.autoIncrement() && !a.allowNull() && a.defaultValue() == null) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean isTimestamp(ModelDefinition def, AttributeDefinition a) {
        return a.name().equals(def.createdAtAttribute()) || a.name().equals(def.updatedAtAttribute());
    }

    static void checkNotNull(ModelDefinition def, List<Map<String, Object>> rows, List<AttributeDefinition> columns) {
        List<ValidationItem> problems = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            for (AttributeDefinition a : columns) {
                if (r.get(a.name()) == null && !a.allowNull() && !a.autoIncrement()) {
                    problems.add(Values.notNull(def.name(), a));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    static List<AttributeDefinition> generated(ModelDefinition def, Map<String, Object> values) {
        List<AttributeDefinition> out = new ArrayList<>();
        for (AttributeDefinition a : def.attributes()) {
            if (a.autoIncrement() && values.get(a.name()) == null) {
                out.add(a);
            }
        }
        return out;
    }

    /** @return the instance's values in column order, as one row of an INSERT */
    static Object[] row(Instance instance, List<AttributeDefinition> columns) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = instance.values().get(columns.get(i).name());
        }
        return row;
    }

    /** @return the rows of several instances */
    static List<Object[]> rows(List<? extends Instance> instances, List<AttributeDefinition> columns) {
        List<Object[]> rows = new java.util.ArrayList<>(instances.size());
        for (Instance instance : instances) {
            rows.add(row(instance, columns));
        }
        return rows;
    }

    static String[] fields(List<AttributeDefinition> attributes) {
        return attributes.stream().map(AttributeDefinition::field).toArray(String[]::new);
    }

    static Where keyWhere(ModelDefinition def, Map<String, Object> values) {
        List<Where> parts = new ArrayList<>();
        for (AttributeDefinition pk : def.primaryKeys()) {
            parts.add(Where.eq(pk.name(), values.get(pk.name())));
        }
        return parts.size() == 1 ? parts.get(0) : new Where.And(parts);
    }

    private void requireKey(ModelDefinition def, String operation) {
        if (def.primaryKeys().isEmpty()) {
            throw new InstanceException("RSQ-605 " + model.name() + " has no primary key, so an instance cannot "
                    + operation + " itself; use the model's static " + operation + " with a where");
        }
    }
}
