package io.resequel;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.resequel.exec.ConstrainedBegin;
import io.resequel.exec.Engine;
import io.resequel.exec.Executor;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelRegistry;
import io.resequel.model.ModelSpec;
import io.resequel.exec.RawQueries;
import io.resequel.exec.Transactions;
import io.resequel.plan.Planner;
import io.resequel.query.QueryOptions;
import io.resequel.query.QueryResult;
import io.resequel.query.SyncOptions;
import io.resequel.schema.Synchronizer;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import io.resequel.tx.PoolMeters;
import io.resequel.tx.PoolMetrics;
import io.resequel.tx.ConnectionSource;
import io.resequel.tx.PooledConnectionSource;
import io.resequel.hooks.HookEvent;
import io.resequel.hooks.HookType;
import io.resequel.hooks.Hooks;
import io.resequel.tx.ReplicatedConnectionSource;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionManager;
import io.resequel.tx.TransactionOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The entry point, like a Sequelize instance: one database, its connection pool, dialect and models.
 *
 * <pre>{@code
 * Resequel db = Resequel.connect("r2dbc:h2:mem:///demo");
 * Model<Instance> users = db.define("User", m -> m
 *     .attribute("firstName", DataTypes.STRING, a -> a.allowNull(false))
 *     .attribute("age", DataTypes.INTEGER));
 * db.sync().then(users.create(Map.of("firstName", "Ada", "age", 36))).subscribe();
 * }</pre>
 *
 * <p>Connecting creates the pool but opens no connection; the dialect is picked from the driver's metadata.
 * Operations returning {@code Mono}/{@code Flux} are lazy and never block.
 */
public final class Resequel {

    private final Planner planner;
    private final RawQueries raw;
    private final ResequelOptions options;
    private final ConnectionSource source;
    private final Dialect dialect;
    private final Executor executor;
    private final TransactionManager transactions;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    private final ModelRegistry models;
    private final Synchronizer synchronizer;
    private final AutoCloseable meters;
    /** The writer's pool and the readers', for {@link #drain}. */
    private final List<PooledConnectionSource> pools;
    /** The replicated source, for its routing metrics; {@code null} without read replication. */
    private final ReplicatedConnectionSource replicated;
    private static final java.util.concurrent.atomic.AtomicInteger POOLS = new java.util.concurrent.atomic.AtomicInteger();

    Resequel(ResequelOptions options) {
        this.options = options;
        ConnectionFactoryOptions given = ConnectionFactoryOptions.parse(options.url);
        ConnectionFactory factory = ConnectionFactories.get(given);
        this.dialect = options.dialect != null ? options.dialect : DialectResolver.resolve(factory.getMetadata());
        factory = factory(given, factory);
        PooledConnectionSource writer = new PooledConnectionSource(factory, options.pool, dialect::observe,
                this::afterConnect, dialect.canceller(factory), dialect::translateConnect);
        ConnectionSource pooled;
        if (options.readUrls.isEmpty()) {
            pooled = writer;
            this.pools = List.of(writer);
            this.replicated = null;
        } else {
            List<PooledConnectionSource> readers = new ArrayList<>();
            for (String url : options.readUrls) {
                ConnectionFactoryOptions read = ConnectionFactoryOptions.parse(url);
                ConnectionFactory reader = factory(read, ConnectionFactories.get(read));
                readers.add(new PooledConnectionSource(reader, options.pool, dialect::observe, this::afterConnect,
                        dialect.canceller(reader), dialect::translateConnect));
            }
            this.replicated = new ReplicatedConnectionSource(writer, readers, options.readerHealthRetry,
                    Clock.systemUTC(), options.readYourWritesMode == null ? null : new io.resequel.tx.ReadYourWrites
                            .Session(options.readYourWritesMode, options.readYourWritesWindow),
                    "postgres".equals(dialect.name()));
            pooled = replicated;
            List<PooledConnectionSource> all = new ArrayList<>(readers);
            all.add(0, writer);
            this.pools = List.copyOf(all);
        }
        this.source = new PoolAcquireHooks(pooled, this::poolHooks);
        this.executor = new Executor(source, dialect, options.logging, options.benchmark, options.listeners,
                options.queryTimeout, options.observers);
        Dialect d = dialect;
        this.transactions = new TransactionManager(source, e -> d.translate(e, null), new ConstrainedBegin(dialect.transactionBegin(), dialect));
        this.planner = new Planner(dialect);
        this.raw = new RawQueries(executor);
        this.models = new ModelRegistry(new Engine(planner, executor, transactions, options.coalescing), options.define);
        this.synchronizer = new Synchronizer(executor);
        String poolName = options.poolName != null ? options.poolName : "resequel-" + POOLS.incrementAndGet();
        AutoCloseable poolMeters = PoolMeters.publish(source, poolName);
        if (replicated == null) {
            this.meters = poolMeters;
        } else {
            // routing decisions and replica lag beside the pool's gauges (issue 18: visible as metrics)
            AutoCloseable routingMeters = PoolMeters.publishRouting(replicated::routingMetrics, poolName);
            this.meters = () -> {
                try {
                    routingMeters.close();
                } finally {
                    poolMeters.close();
                }
            };
        }
    }

    /**
     * The factory a pool uses for one URL: the dialect's options (and the pooler-safe ones in pooler mode), the
     * password supplier when there is one, and the dialect's adapter around the driver.
     */
    private ConnectionFactory factory(ConnectionFactoryOptions given, ConnectionFactory driver) {
        ConnectionFactoryOptions configured = dialect.configure(given);
        if (options.pool.poolerMode()) {
            configured = dialect.poolerSafe(configured);
        }
        ConnectionFactory factory = configured.equals(given) ? driver : ConnectionFactories.get(configured);
        if (options.password != null) {
            factory = new SuppliedPasswordFactory(configured, factory, options.password);
        }
        return dialect.connectionFactory(factory);
    }

    /**
     * Empties the connection pools without closing this instance, before the process is frozen into a snapshot (CRaC,
     * AWS Lambda SnapStart): new work waits for nothing and gets fresh connections, work running now may finish for
     * up to {@code grace} (then its connections are closed under it), and every connection opened before is closed.
     * The next acquire opens connections again, with the {@linkplain ResequelOptions.Builder#password current
     * password}, so no two copies restored from one snapshot share a connection.
     *
     * @param grace the longest wait for running work
     * @return completes when every connection opened before the call is closed
     */
    public Mono<Void> drain(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        return Flux.fromIterable(pools).concatMap(p -> p.drain(grace)).then();
    }

    /**
     * @param url an R2DBC URL, e.g. {@code r2dbc:h2:mem:///demo}, {@code r2dbc:postgresql://user@host/db}
     * @return a Resequel with default pool settings
     */
    public static Resequel connect(String url) {
        return builder().url(url).build();
    }

    /** @return a builder for URL, pool, logging and model defaults */
    public static ResequelOptions.Builder builder() {
        return new ResequelOptions.Builder();
    }

    /** @return the dialect in use */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the options this instance was built with */
    public ResequelOptions options() {
        return options;
    }

    // ---- models -------------------------------------------------------------------------------------------

    /**
     * Defines a model by name (Sequelize's {@code define}). Configuration mistakes throw at once.
     *
     * @param name the model name (singular; the table is its plural unless set)
     * @param spec attributes and options
     * @return the model
     */
    public Model<Instance> define(String name, Consumer<ModelSpec> spec) {
        return models.define(name, spec);
    }

    /**
     * Defines a typed model from a class whose static {@link io.resequel.model.Attribute} fields are its attributes.
     *
     * @param type the model class
     * @param <T>  the model class
     * @return the model
     */
    public <T extends Instance> Model<T> define(Class<T> type) {
        return models.define(type);
    }

    /** @param name a model name @return the model, or {@code null} */
    public Model<?> model(String name) {
        return models.get(name);
    }

    /** @param name a model name @return whether it is defined */
    public boolean isDefined(String name) {
        return models.get(name) != null;
    }

    /** @return every model, in definition order */
    public Collection<Model<?>> models() {
        return models.all();
    }

    // ---- schema -------------------------------------------------------------------------------------------

    /** @return creates every missing table, in foreign-key order */
    public Mono<Void> sync() {
        return sync(SyncOptions.DEFAULT);
    }

    /**
     * @param options force (drop and create) or alter (match columns); {@code hooks(false)} runs no sync hook
     * @return completes when done; with no model defined it only checks the connection ({@link #authenticate()}),
     *         so bad credentials or an unknown database fail it
     */
    public Mono<Void> sync(SyncOptions options) {
        Objects.requireNonNull(options, "options");
        Mono<Void> body = Mono.defer(() -> models.all().isEmpty()
                // As Sequelize: with no model to create, sync still proves the database answers.
                ? authenticate()
                : synchronizer.sync(new ArrayList<>(models.all()), options));
        if (!options.isHooks()) {
            return body;
        }
        return hooks().run(HookEvent.of(HookType.BEFORE_BULK_SYNC, null).build())
                .then(body)
                .then(Mono.defer(() -> hooks().run(HookEvent.of(HookType.AFTER_BULK_SYNC, null).build())));
    }

    /**
     * The database-wide (permanent) hooks: they run for every model after its own hooks, plus the connection and
     * bulk-sync hooks ({@code db.hooks().add(HookType.AFTER_CONNECT, e -> ...)}).
     *
     * @return the hooks
     */
    public Hooks hooks() {
        return models.hooks();
    }

    /** @param hook runs synchronously on every later define, with the model name and spec (Sequelize's beforeDefine) */
    public void beforeDefine(java.util.function.BiConsumer<String, ModelSpec> hook) {
        models.beforeDefine(hook);
    }

    /** @param hook runs synchronously with every model defined later (Sequelize's afterDefine) */
    public void afterDefine(Consumer<Model<?>> hook) {
        models.afterDefine(hook);
    }

    /** @return the database-wide hooks, or {@code null} while the constructor has not made them yet */
    private Hooks poolHooks() {
        ModelRegistry registry = models;
        return registry == null ? null : registry.hooks();
    }

    private Mono<Void> afterConnect(io.r2dbc.spi.Connection connection) {
        ModelRegistry registry = models;
        return registry == null ? Mono.empty()
                : registry.hooks().run(HookEvent.of(HookType.AFTER_CONNECT, null).connection(connection).build());
    }

    /** @param model one model @param options sync mode @return completes when its table is synced */
    public Mono<Void> sync(Model<?> model, SyncOptions options) {
        return synchronizer.sync(List.of(model), options);
    }

    /** @return drops every model's table, dependents first */
    public Mono<Void> drop() {
        return synchronizer.drop(new ArrayList<>(models.all()));
    }

    /** @param model one model @return drops its table */
    public Mono<Void> drop(Model<?> model) {
        return synchronizer.drop(List.of(model));
    }

    /** @return the sync engine, for describing tables */
    public Synchronizer schema() {
        return synchronizer;
    }

    // ---- connections and transactions ---------------------------------------------------------------------

    /** @return checks the database answers ({@code SELECT 1+1}) */
    public Mono<Void> authenticate() {
        return executor.query(Sql.of("SELECT 1+1 AS result"), row -> row.get(0)).then();
    }

    /**
     * Runs work in a managed transaction and gives its result after the COMMIT succeeded: the usual form.
     *
     * @param work the transactional work; its queries find the transaction in the Reactor Context
     * @param <T>  result type
     * @return the work's result, emitted only once committed
     * @see #transaction(TransactionOptions, Function)
     */
    public <T> Mono<T> transaction(Function<Transaction, ? extends Mono<T>> work) {
        return transaction(TransactionOptions.DEFAULTS, work);
    }

    /**
     * Runs work in a managed transaction (Sequelize's {@code sequelize.transaction(options, t => ...)}). Lazy.
     * BEGIN runs on subscription with the options' isolation level and read-only flag; the work's queries find the
     * transaction in the Reactor Context (an explicit {@code transaction} option on a query wins). COMMIT runs when
     * the work completes, and only then does the result reach the caller: a value received is a value committed.
     * ROLLBACK runs when the work errors (the error is then re-signalled) or when the caller cancels before the
     * result arrived (e.g. a {@code timeout} or a dropped HTTP client): the work is cut, none of its statements
     * reaches the database after the ROLLBACK begins, and the connection goes back to the pool only in a known state.
     * A cancel while COMMIT is in flight lets it finish. A COMMIT whose connection broke fails with
     * {@link io.resequel.error.CommitFailedException} ({@code outcomeUnknown()}). A transaction that was rolled back
     * before the work ended (the work called {@code rollback()}, or MariaDB/H2 ended it as a deadlock victim whose
     * error the work caught) fails with {@link io.resequel.tx.TransactionFinishedException} instead of giving the
     * work's result.
     *
     * <p>Called inside another transaction, the work runs in a SAVEPOINT: its failure rolls back to the savepoint
     * and the outer transaction goes on (Sequelize, under CLS, would start an independent transaction instead).
     * With a {@code retry} option the whole transaction re-runs from BEGIN after a failure the spec accepts, e.g.
     * {@link Retries#onConflict}.
     *
     * @param options isolation level, read-only, retry
     * @param work    the transactional work
     * @param <T>     result type
     * @return the work's result after the commit; typed errors: {@link io.resequel.error.TransactionConflictException}
     *         on serialization failures and deadlocks, {@link io.resequel.tx.TransactionFinishedException} when the
     *         work uses a transaction it finished itself
     */
    public <T> Mono<T> transaction(TransactionOptions options, Function<Transaction, ? extends Mono<T>> work) {
        return transactions.inTransaction(options, work).singleOrEmpty();
    }

    /**
     * Like {@link #transaction(Function)} for work with several results: they are held until the COMMIT and then
     * emitted. For a large read inside a transaction, see {@link #transactionStreaming}.
     *
     * @param work the transactional work
     * @param <T>  element type
     * @return the work's elements, after the commit
     */
    public <T> Flux<T> transactionMany(Function<Transaction, ? extends Publisher<T>> work) {
        return transactions.inTransaction(work);
    }

    /**
     * @param options isolation level, read-only, retry
     * @param work    the transactional work
     * @param <T>     element type
     * @return the work's elements, after the commit; see {@link #transactionMany(Function)}
     */
    public <T> Flux<T> transactionMany(TransactionOptions options, Function<Transaction, ? extends Publisher<T>> work) {
        return transactions.inTransaction(options, work);
    }

    /**
     * Runs work in a managed transaction and streams its elements as they come, before the COMMIT: for reading more
     * rows than memory holds in one consistent snapshot. <strong>Cancelling the stream rolls the transaction
     * back</strong>, and an element received is not yet committed; the stream completes after the COMMIT. Writes
     * belong in {@link #transaction(Function)}.
     *
     * @param options isolation level, read-only (no retry)
     * @param work    the transactional work
     * @param <T>     element type
     * @return the work's elements as they come
     */
    public <T> Flux<T> transactionStreaming(TransactionOptions options,
            Function<Transaction, ? extends Publisher<T>> work) {
        return transactions.inTransactionStreaming(options, work);
    }

    /**
     * Begins an unmanaged transaction (Sequelize's {@code await sequelize.transaction()}). The caller passes it to
     * each query ({@code FindOptions.transaction(t)}, {@code SaveOptions.in(t)}) and must end it with
     * {@link Transaction#commit()} or {@link Transaction#rollback()}, which return the connection to the pool.
     * Using it after it finished fails with {@link io.resequel.tx.TransactionFinishedException}.
     *
     * @param options isolation level, read-only, or a parent (then it is a savepoint of the parent)
     * @return the transaction, after BEGIN
     */
    public Mono<Transaction> startTransaction(TransactionOptions options) {
        return transactions.begin(options);
    }

    /** @return an unmanaged transaction with the database's defaults; see {@link #startTransaction(TransactionOptions)} */
    public Mono<Transaction> startTransaction() {
        return transactions.begin();
    }

    /** @return the transaction manager (for integrations such as Spring's transaction manager) */
    public TransactionManager transactionManager() {
        return transactions;
    }

    /** @return the pool's state: acquired, idle, pending (summed over writer and readers under replication) */
    public PoolMetrics poolMetrics() {
        return source.metrics();
    }

    /**
     * @return the read routing decisions under read replication (replica, writer, read-your-writes, LSN checks);
     *         all zero without it, where every read uses the one pool
     */
    public io.resequel.tx.RoutingMetrics routingMetrics() {
        return replicated != null ? replicated.routingMetrics() : new io.resequel.tx.RoutingMetrics(0, 0, 0, 0, 0, 0);
    }

    /**
     * Closes gracefully, waiting up to 10 seconds for running work; see {@link #close(Duration)}.
     *
     * @return completes when every connection is closed
     */
    public Mono<Void> close() {
        return close(CLOSE_GRACE);
    }

    /**
     * Closes: new queries and transactions are refused at once ({@link io.resequel.error.PoolClosedException}); running
     * managed transactions and borrowed connections get up to {@code grace} to finish; transactions still running
     * then are rolled back (their work is cut) and queries still running lose their connection; then the pool and
     * its Micrometer gauges are closed.
     *
     * @param grace how long running work may take to finish on its own
     * @return completes when every connection is closed
     */
    public Mono<Void> close(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        return hooks().run(HookEvent.of(HookType.BEFORE_DISCONNECT, null).build())
                .then(transactions.shutdown(grace))
                .then(Mono.fromRunnable(() -> {
                    try {
                        meters.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("could not remove the pool's gauges", e);
                    }
                }))
                .then(source.close(grace))
                .then(Mono.defer(() -> hooks().run(HookEvent.of(HookType.AFTER_DISCONNECT, null).build())));
    }

    /**
     * Runs hand-written SQL on subscribe (Sequelize's {@code sequelize.query}). Replacements ({@code :name},
     * {@code ?}) and binds ({@code $name}, {@code $1}) all become bind parameters; markers inside string literals,
     * quoted identifiers and comments are text. Inside {@code transaction(...)} it uses the transaction; an
     * explicit {@code transaction(t)} option wins, {@code outsideTransaction()} borrows its own connection.
     *
     * @param sql     the SQL
     * @param options type, replacements or binds, nest, plain, transaction
     * @return rows and affected count; {@link QueryResult#shape()} gives Sequelize's shape for the type
     */
    public Mono<QueryResult> query(String sql, Consumer<QueryOptions.Builder> options) {
        return Mono.defer(() -> {
            QueryOptions o = queryOptions(options);
            return raw.query(sql, o).contextWrite(ctx -> inTransactionOf(ctx, o));
        });
    }

    /**
     * @param sql     a SELECT
     * @param options replacements or binds, nest, plain
     * @return the rows as maps, streamed
     */
    public Flux<Map<String, Object>> select(String sql, Consumer<QueryOptions.Builder> options) {
        return Flux.defer(() -> {
            QueryOptions o = queryOptions(options);
            return raw.select(sql, o).contextWrite(ctx -> inTransactionOf(ctx, o));
        });
    }

    /**
     * Maps the rows of hand-written SQL to a model's instances ({@code model} + {@code mapToModel}): columns are
     * matched to attributes by field or name; other columns are readable with {@code get(label)}.
     *
     * @param sql     a SELECT
     * @param model   the model
     * @param options replacements or binds, plain
     * @param <T>     the instance class
     * @return saved instances, streamed
     */
    public <T extends Instance> Flux<T> select(String sql, Model<T> model, Consumer<QueryOptions.Builder> options) {
        return Flux.defer(() -> {
            QueryOptions o = queryOptions(options);
            return raw.rows(sql, o, model.rowMapper(dialect)).contextWrite(ctx -> inTransactionOf(ctx, o));
        });
    }

    /** @return the context a raw query runs in: its explicit transaction, or none when it runs outside one */
    private static Context inTransactionOf(Context ctx, QueryOptions o) {
        return Transactions.explicit(ctx, o.transaction(), o.outsideTransaction());
    }

    private static QueryOptions queryOptions(Consumer<QueryOptions.Builder> options) {
        QueryOptions.Builder b = QueryOptions.builder();
        options.accept(b);
        return b.build();
    }

    /** @return the planner that renders statements for this database; {@code planner().cacheStats()} shows the query text cache */
    public Planner planner() {
        return planner;
    }

    /**
     * @return the query interface (Sequelize's {@code getQueryInterface()}): DDL and bulk writes by table name,
     *         in the connection's current schema
     */
    public io.resequel.schema.QueryInterface queryInterface() {
        return new io.resequel.schema.QueryInterface(executor, null);
    }

    /** @return the statement executor (for raw statements until the query API lands) */
    public Executor executor() {
        return executor;
    }
}
