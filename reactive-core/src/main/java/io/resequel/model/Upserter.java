package io.resequel.model;

import io.resequel.error.ResequelException;
import io.resequel.exec.Engine;
import io.resequel.query.Created;
import io.resequel.query.UpsertOptions;
import io.resequel.query.Where;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Single-row insert-or-update through the dialect's {@code conflictInsert} ({@code ON CONFLICT},
 * {@code ON DUPLICATE KEY}, {@code MERGE}); the created flag comes the way the dialect reports it.
 */
final class Upserter<T extends Instance> {

    private final Model<T> model;
    private final Engine engine;

    Upserter(Model<T> model, Engine engine) {
        this.model = model;
        this.engine = engine;
    }

    /**
     * The INSERT writes every value (defaults included); the UPDATE branch writes only the attributes given in
     * {@code values} (restricted to {@code options.fields()} when set) and {@code updatedAt}, as Sequelize, so a
     * model default never overwrites a stored value.
     */
    Mono<Created<T>> upsert(Map<String, ?> values, UpsertOptions options) {
        return Mono.defer(() -> {
            T instance = model.build(values);
            Persister.stampInsert(model.definition(), instance.values(), false);
            // Validation first, as Sequelize: an invalid value is reported before a missing key.
            Mono<Void> validate = options.validate()
                    ? io.resequel.validation.Validation.validate(instance, options.fields(), model.valueLimits()) : Mono.empty();
            return validate.then(Mono.defer(() -> write(instance, values, options)));
        });
    }

    private Mono<Created<T>> write(T instance, Map<String, ?> values, UpsertOptions options) {
        ModelDefinition def = model.definition();
        List<Map<String, Object>> rows = List.of(instance.values());
        List<AttributeDefinition> columns = Persister.insertColumns(def, rows, null);
        Persister.checkNotNull(def, rows, columns);
        Set<String> present = new LinkedHashSet<>();
        columns.forEach(a -> present.add(a.name()));
        Dialect dialect = engine.planner().dialect();
        if (options.conflictWhere() != null && !dialect.supports(io.resequel.sql.Feature.UPSERT_CONFLICT_WHERE)) {
            throw new io.resequel.error.UnsupportedFeatureException("upsert option conflictWhere", dialect.name(),
                    "leave out conflictWhere; partial unique indexes exist only on PostgreSQL");
        }
        List<AttributeDefinition> conflict = options.conflictFields() != null
                ? givenConflictKey(def, "upsert conflictFields", options.conflictFields(), present) : conflictKey(def, present);
        List<AttributeDefinition> update = new ArrayList<>();
        for (AttributeDefinition a : columns) {
            boolean given = values.containsKey(a.name())
                    && (options.fields() == null || options.fields().contains(a.name()));
            if (given && !conflict.contains(a) && !a.name().equals(def.createdAtAttribute())
                    || a.name().equals(def.updatedAtAttribute())) {
                update.add(a);
            }
        }
        if (update.isEmpty()) {
            update.addAll(conflict);
        }
        Object[] row = Persister.row(instance, columns);
        boolean flagged = dialect.upsertReport() == Dialect.UpsertReport.RETURNED_FLAG;
        // Under a partial index the conflict key does not single out the row (rows outside the predicate may share
        // it), so the statement returns the primary key of the row it wrote and that row is read back.
        List<AttributeDefinition> returned = flagged && options.conflictWhere() != null ? def.primaryKeys()
                : List.of();
        Sql sql = engine.planner().conflictInsert(def, columns, List.<Object[]>of(row), conflict,
                options.conflictWhere(), update, flagged, returned);
        List<Where> key = new ArrayList<>();
        conflict.forEach(a -> key.add(Where.eq(a.name(), instance.values().get(a.name()))));
        Where[] where = {key.size() == 1 ? key.get(0) : new Where.And(key)};
        Mono<Boolean> created = switch (dialect.upsertReport()) {
            case RETURNED_FLAG -> engine.executor().query(sql, r -> {
                if (!returned.isEmpty()) {
                    List<Where> pk = new ArrayList<>();
                    for (int i = 0; i < returned.size(); i++) {
                        AttributeDefinition a = returned.get(i);
                        pk.add(Where.eq(a.name(), r.get(i + 1, JavaTypes.of(a.type()))));
                    }
                    where[0] = pk.size() == 1 ? pk.get(0) : new Where.And(pk);
                }
                return r.get(0, Boolean.class);
            }).next();
            case AFFECTED_ROWS -> engine.executor().update(sql).map(n -> n == 1L);
            case NONE -> engine.transactions().required(tx -> model.unscoped().findOne(lookUp(where[0])).hasElement()
                    .flatMap(exists -> engine.executor().update(sql).thenReturn(!exists))).last();
        };
        if (!options.returning()) {
            return created.map(c -> {
                instance.markSaved();
                return new Created<>(instance, c);
            });
        }
        return created.flatMap(c -> model.unscoped().findOne(lookUp(where[0]))
                .map(found -> new Created<>(found, c)));
    }

    /**
     * The upsert's own look-ups of its row: not a find of the user's (Sequelize's upsert fires no find hooks), so no
     * find hooks or operators (a tenant filter must not hide the row just written), and read from the writer (a
     * replica may not have the row yet).
     */
    private static java.util.function.Consumer<io.resequel.query.FindOptions.Builder> lookUp(Where where) {
        return q -> q.where(where).hooks(false).useMaster(true);
    }

    /**
     * The attributes named by {@code conflictFields} (or bulkCreate's {@code conflictAttributes}): known, and given a
     * value, since the row is read back by them.
     */
    static List<AttributeDefinition> givenConflictKey(ModelDefinition def, String option, List<String> names,
            Set<String> present) {
        List<AttributeDefinition> key = new ArrayList<>();
        for (String name : names) {
            AttributeDefinition a = def.attribute(name);
            if (!present.contains(a.name())) {
                throw new ResequelException("RSQ-607 " + def.name() + ": " + option + " names '" + name
                        + "', which has no value among " + present + "; give every conflict field a value");
            }
            if (!key.contains(a)) {
                key.add(a);
            }
        }
        return key;
    }

    /**
     * The primary key when all of it is given, else the first unique key whose attributes are all given: an
     * attribute's {@code unique}, then a unique index of the model's {@code indexes} (as Sequelize's upsert keys).
     */
    static List<AttributeDefinition> conflictKey(ModelDefinition def, Set<String> present) {
        List<AttributeDefinition> pk = def.primaryKeys();
        if (!pk.isEmpty() && pk.stream().allMatch(a -> present.contains(a.name()))) {
            return pk;
        }
        for (AttributeDefinition a : def.attributes()) {
            if (a.unique() == null || !present.contains(a.name())) {
                continue;
            }
            if (a.unique().isEmpty()) {
                return List.of(a);
            }
            List<AttributeDefinition> group = def.attributes().stream().filter(b -> a.unique().equals(b.unique()))
                    .toList();
            if (group.stream().allMatch(b -> present.contains(b.name()))) {
                return group;
            }
        }
        for (IndexDefinition index : def.indexes()) {
            if (!index.unique()) {
                continue;
            }
            List<AttributeDefinition> group = new ArrayList<>();
            for (String field : index.fields()) {
                AttributeDefinition a = def.byField(field);
                if (a == null || !present.contains(a.name())) {
                    group = null;
                    break;
                }
                group.add(a);
            }
            if (group != null && !group.isEmpty()) {
                return group;
            }
        }
        throw new ResequelException("RSQ-607 " + def.name() + ": an upsert or a duplicate-key option needs the "
                + "primary key or all attributes of a unique key among the values; given " + present);
    }
}
