package io.resequel.tx;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.resequel.error.ConnectionAcquireTimeoutException;
import io.resequel.error.PoolClosedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.pool.PoolShutdownException;

/** A {@link ConnectionSource} over r2dbc-pool that joins the transaction found in the Reactor Context. */
public final class PooledConnectionSource implements ConnectionSource {

    private final ConnectionFactory factory;
    private final ConnectionPool pool;
    private final int max;
    private final Duration acquire;
    private final Function<Throwable, Throwable> connectErrors;

    /**
     * @param factory the driver's connection factory (not pooled)
     * @param options pool settings
     */
    public PooledConnectionSource(ConnectionFactory factory, PoolOptions options) {
        this(factory, options, metadata -> { });
    }

    /**
     * @param factory   the driver's connection factory (not pooled)
     * @param options   pool settings
     * @param onConnect told the metadata of each new physical connection (server product and version)
     */
    public PooledConnectionSource(ConnectionFactory factory, PoolOptions options,
            Consumer<ConnectionMetadata> onConnect) {
        this(factory, options, onConnect, c -> Mono.empty());
    }

    /**
     * @param factory      the driver's factory
     * @param options      pool settings
     * @param onConnect    told the metadata of each new physical connection (server product and version)
     * @param afterConnect runs on each new physical connection before its first use (connect hooks)
     */
    public PooledConnectionSource(ConnectionFactory factory, PoolOptions options,
            Consumer<ConnectionMetadata> onConnect,
            java.util.function.Function<io.r2dbc.spi.Connection, ? extends org.reactivestreams.Publisher<Void>> afterConnect) {
        this(factory, options, onConnect, afterConnect, Function.identity());
    }

    /**
     * @param factory       the driver's factory
     * @param options       pool settings
     * @param onConnect     told the metadata of each new physical connection (server product and version)
     * @param afterConnect  runs on each new physical connection before its first use (connect hooks)
     * @param connectErrors turns the driver's errors of opening a connection into typed ones (the dialect's)
     */
    public PooledConnectionSource(ConnectionFactory factory, PoolOptions options,
            Consumer<ConnectionMetadata> onConnect,
            Function<Connection, ? extends Publisher<Void>> afterConnect,
            Function<Throwable, Throwable> connectErrors) {
        Objects.requireNonNull(onConnect, "onConnect");
        this.connectErrors = Objects.requireNonNull(connectErrors, "connectErrors");
        Objects.requireNonNull(afterConnect, "afterConnect");
        this.factory = Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(options, "options");
        ConnectionPoolConfiguration.Builder config = ConnectionPoolConfiguration.builder(factory)
                .maxSize(options.max())
                .initialSize(options.min())
                .minIdle(options.min())
                .maxIdleTime(options.idle())
                .maxAcquireTime(options.acquire())
                // r2dbc-pool retries a failed acquisition, its timeout included, so a wait of `acquire` failed only
                // after twice that; acquire() retries once itself, but not a timeout
                .acquireRetry(0)
                .backgroundEvictionInterval(options.evict())
                .maxLifeTime(options.maxLifetime())
                .postAllocate(c -> Mono.fromRunnable(() -> onConnect.accept(c.getMetadata()))
                        .then(Mono.from(afterConnect.apply(c))));
        if (options.validationQuery() != null) {
            config.validationQuery(options.validationQuery());
        } else {
            config.validationDepth(ValidationDepth.LOCAL);
        }
        if (options.maxUses() != Long.MAX_VALUE) {
            // r2dbc-pool has no maxUses; reactor-pool counts acquisitions, so the eviction predicate (which replaces
            // r2dbc-pool's own) checks idle time and lifetime as before, plus the count.
            Duration idle = options.idle();
            Duration life = options.maxLifetime();
            long uses = options.maxUses();
            config.customizer(b -> b.evictionPredicate((c, meta) -> meta.acquireCount() >= uses
                    || !idle.isNegative() && !idle.isZero() && meta.idleTime() >= idle.toMillis()
                    || !life.isNegative() && !life.isZero() && meta.lifeTime() >= life.toMillis()));
        }
        this.pool = new ConnectionPool(config.build());
        this.max = options.max();
        this.acquire = options.acquire();
    }

    @Override
    public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work) {
        Objects.requireNonNull(work, "work");
        return Flux.deferContextual(ctx -> {
            Transaction own = TransactionContext.find(ctx).orElse(null);
            if (own == null && TransactionContext.hasLookups()) {
                // A transaction bound elsewhere (Spring's synchronization) is looked up asynchronously.
                return TransactionContext.current(this).flatMapMany(found -> found
                        .<Flux<T>>map(tx -> onTransaction(tx, work)).orElseGet(() -> pooled(work)));
            }
            return own != null ? onTransaction(own, work) : pooled(work);
        });
    }

    private static <T> Flux<T> onTransaction(Transaction tx, Function<? super Connection, ? extends Publisher<T>> work) {
        return tx.ensureActive().thenMany(Flux.defer(() -> work.apply(tx.connection())));
    }

    private <T> Flux<T> pooled(Function<? super Connection, ? extends Publisher<T>> work) {
        return Flux.usingWhen(acquire(), work, this::release, (c, e) -> release(c), this::release);
    }

    @Override
    public Mono<Connection> acquire() {
        return pool.create()
                // a pooled connection that failed validation, or a connect that failed, is tried once more
                .onErrorResume(e -> !isAcquireTimeout(e) && !isClosed(e), e -> pool.create())
                .onErrorMap(this::typed);
    }

    private boolean isClosed(Throwable e) {
        return e instanceof PoolShutdownException || pool.isDisposed();
    }

    /** r2dbc-pool signals its own wait running out as an R2dbcTimeoutException caused by Reactor's timeout. */
    private static boolean isAcquireTimeout(Throwable e) {
        return e instanceof TimeoutException
                || e instanceof R2dbcTimeoutException && e.getCause() instanceof TimeoutException;
    }

    private Throwable typed(Throwable e) {
        if (isClosed(e)) {
            return new PoolClosedException(e);
        }
        if (isAcquireTimeout(e)) {
            PoolMetrics m = metrics();
            return new ConnectionAcquireTimeoutException(max, acquire, m.acquired(), m.idle(), m.pending(), e);
        }
        return connectErrors.apply(e);
    }

    @Override
    public Mono<Void> release(Connection connection) {
        return Mono.from(connection.close());
    }

    @Override
    public ConnectionFactoryMetadata metadata() {
        return factory.getMetadata();
    }

    @Override
    public PoolMetrics metrics() {
        return pool.getMetrics()
                .map(m -> new PoolMetrics(m.acquiredSize(), m.idleSize(), m.pendingAcquireSize(), max))
                .orElse(new PoolMetrics(0, 0, 0, max));
    }

    @Override
    public Mono<Void> close() {
        // reactor-pool can miscount permits when eviction races disposal ("Too many permits returned"); the pool
        // is closed either way, so that bookkeeping error must not fail the caller's shutdown.
        return pool.disposeLater().onErrorResume(
                e -> e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).contains("permits"),
                e -> Mono.empty());
    }
}
