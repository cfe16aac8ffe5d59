package io.resequel.model;

import io.resequel.exec.Engine;
import io.resequel.query.FindOptions;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A model bound to a database: Sequelize's model class. Builds instances, finds them, and writes in bulk.
 *
 * <p>Every method returning {@code Mono} or {@code Flux} is lazy: it does nothing until subscribed, signals errors
 * (unknown attributes, validation, database errors) through {@code onError}, and releases its connection on
 * complete, error and cancel. Outside a transaction each statement borrows a pooled connection; inside
 * {@code db.transaction(...)} it uses the transaction's.
 *
 * @param <T> the instance class ({@link Instance} for models defined by name)
 */
public final class Model<T extends Instance> {

    private final ModelDefinition definition;
    private final Supplier<T> factory;
    private final Finder<T> finder;
    private final Persister<T> persister;
    private final BulkWriter<T> bulk;

    Model(ModelDefinition definition, Supplier<T> factory, Engine engine) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.finder = new Finder<>(this, engine);
        this.persister = new Persister<>(this, engine);
        this.bulk = new BulkWriter<>(this, engine);
    }

    /** @return the model name */
    public String name() {
        return definition.name();
    }

    /** @return the resolved definition: table, attributes, keys */
    public ModelDefinition definition() {
        return definition;
    }

    /** @return the table name */
    public String tableName() {
        return definition.tableName();
    }

    Finder<T> finder() {
        return finder;
    }

    Persister<T> persister() {
        return persister;
    }

    T newInstance() {
        T instance = factory.get();
        instance.attach(this);
        return instance;
    }

    // ---- building -----------------------------------------------------------------------------------------

    /**
     * Builds an unsaved instance with defaults applied. Synchronous; no SQL.
     *
     * @param values attribute → value
     * @return the new instance
     * @throws io.resequel.error.UnknownAttributeException for an unknown attribute
     * @throws io.resequel.error.ValidationException for a value of the wrong type
     */
    public T build(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        T instance = newInstance();
        for (AttributeDefinition a : definition.attributes()) {
            if (a.defaultValue() != null && !values.containsKey(a.name())) {
                instance.set(a.name(), a.defaultValue().next());
            }
        }
        values.forEach(instance::set);
        return instance;
    }

    /** @param values attribute → value @return the inserted instance, with its generated key */
    public Mono<T> create(Map<String, ?> values) {
        return create(values, SaveOptions.DEFAULTS);
    }

    /** @param values attribute → value @param options fields to write @return the inserted instance */
    public Mono<T> create(Map<String, ?> values, SaveOptions options) {
        return Mono.defer(() -> build(values).save(options));
    }

    /**
     * Inserts many rows with multi-row INSERTs, batched under the database's bind-parameter limit, in one
     * transaction: if any row fails, none is left.
     *
     * @param records one map per row
     * @return the inserted instances, in order, with generated keys
     */
    public Flux<T> bulkCreate(List<? extends Map<String, ?>> records) {
        Objects.requireNonNull(records, "records");
        return bulk.bulkCreate(records);
    }

    // ---- finding ------------------------------------------------------------------------------------------

    /** @return every row, streamed */
    public Flux<T> findAll() {
        return finder.findAll(FindOptions.ALL);
    }

    /** @param options where, attributes, order, limit, offset @return the matching rows, streamed */
    public Flux<T> findAll(FindOptions options) {
        return finder.findAll(Objects.requireNonNull(options, "options"));
    }

    /** @param query builds the options, e.g. {@code q -> q.where(User.AGE.gte(18)).limit(10)} @return the rows */
    public Flux<T> findAll(Consumer<FindOptions.Builder> query) {
        return finder.findAll(options(query));
    }

    /** @param options the query @return the first matching row, or empty */
    public Mono<T> findOne(FindOptions options) {
        return finder.findOne(Objects.requireNonNull(options, "options"));
    }

    /** @param query builds the options @return the first matching row, or empty */
    public Mono<T> findOne(Consumer<FindOptions.Builder> query) {
        return finder.findOne(options(query));
    }

    /** @param key the primary-key value @return the row, or empty */
    public Mono<T> findByPk(Object key) {
        return finder.findByPk(key);
    }

    /** @return the number of rows */
    public Mono<Long> count() {
        return finder.count(null);
    }

    /** @param where a filter @return the number of matching rows */
    public Mono<Long> count(Where where) {
        return finder.count(where);
    }

    // ---- bulk writes --------------------------------------------------------------------------------------

    /**
     * @param values attribute → new value
     * @param where  which rows (required: use {@code Where.and()} for all rows)
     * @return the number of rows updated
     */
    public Mono<Long> update(Map<String, ?> values, Where where) {
        return bulk.update(Objects.requireNonNull(values, "values"), Objects.requireNonNull(where, "where"), false);
    }

    /** @param where which rows (required: use {@code Where.and()} for all rows) @return the number deleted */
    public Mono<Long> destroy(Where where) {
        return bulk.destroy(Objects.requireNonNull(where, "where"));
    }

    /**
     * Atomically adds to attributes of every matching row ({@code SET x = x + ?}).
     *
     * @param deltas attribute → amount
     * @param where  which rows
     * @return the number of rows updated
     */
    public Mono<Long> increment(Map<String, ? extends Number> deltas, Where where) {
        return bulk.increment(deltas, Objects.requireNonNull(where, "where"), false);
    }

    /** @param deltas attribute → amount to subtract @param where which rows @return the number of rows updated */
    public Mono<Long> decrement(Map<String, ? extends Number> deltas, Where where) {
        return bulk.increment(deltas, Objects.requireNonNull(where, "where"), true);
    }

    private static FindOptions options(Consumer<FindOptions.Builder> query) {
        FindOptions.Builder b = FindOptions.builder();
        Objects.requireNonNull(query, "query").accept(b);
        return b.build();
    }

    @Override
    public String toString() {
        return "Model(" + name() + " -> " + tableName() + ")";
    }
}
