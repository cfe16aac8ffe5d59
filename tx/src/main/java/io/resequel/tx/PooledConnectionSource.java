package io.resequel.tx;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import io.r2dbc.spi.Wrapped;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A {@link ConnectionSource} over r2dbc-pool that joins the transaction found in the Reactor Context. */
public final class PooledConnectionSource implements ConnectionSource {

    private final ConnectionFactory factory;
    private final ConnectionPool pool;
    private final int max;
    private final Duration acquire;
    private final ReleaseTracker releases = new ReleaseTracker();
    /** Connections handed out and not yet released, so that a closing pool can wait for them. */
    private final Set<Connection> lent = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

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
        Objects.requireNonNull(onConnect, "onConnect");
        Objects.requireNonNull(afterConnect, "afterConnect");
        this.factory = Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(options, "options");
        ConnectionPoolConfiguration.Builder config = ConnectionPoolConfiguration.builder(factory)
                .maxSize(options.max())
                .initialSize(options.min())
                .minIdle(options.min())
                .maxIdleTime(options.idle())
                .maxAcquireTime(options.acquire())
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
        return Flux.usingWhen(acquire(), work, this::release, (c, e) -> release(c), this::releaseAfterCancel);
    }

    /**
     * A cancelled statement goes on in the driver: r2dbc-postgresql and r2dbc-mysql read (and discard) the rest of
     * its result. Were the connection back in the pool meanwhile, closing it (pool close, eviction) would make the
     * driver drop the late rows and its "connection closed" error through {@code onNextDropped}/{@code onErrorDropped}.
     * A remote validation queues behind the cancelled statement, so the connection returns once that finished.
     */
    private Mono<Void> releaseAfterCancel(Connection connection) {
        return Mono.from(connection.validate(ValidationDepth.REMOTE))
                .onErrorResume(e -> Mono.just(false))
                .then(release(connection));
    }

    @Override
    public Mono<Connection> acquire() {
        return Mono.defer(() -> closing ? Mono.error(new PoolClosedException()) : pool.create()
                .onErrorMap(e -> e instanceof R2dbcTimeoutException || e instanceof TimeoutException,
                        e -> new ConnectionAcquireTimeoutException(max, acquire, metrics(), e))
                .doOnNext(lent::add));
    }

    @Override
    public Mono<Void> release(Connection connection) {
        return Mono.defer(() -> {
            lent.remove(connection);
            return releases.track(Mono.from(connection.close()));
        });
    }

    /** @param connection a connection @return whether this pool lent it out and has not had it back */
    boolean lends(Connection connection) {
        return lent.contains(connection);
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
    public Mono<Void> close(Duration grace) {
        return Mono.defer(() -> {
            closing = true;
            Mono<Void> drained = lent.isEmpty() ? Mono.empty()
                    : Flux.interval(Duration.ofMillis(10)).filter(tick -> lent.isEmpty()).next().then()
                            .timeout(grace, Mono.empty());
            return drained.then(Flux.fromIterable(List.copyOf(lent))
                    // still lent out after the grace: close the physical connection under its user
                    .concatMap(c -> Mono.from(c instanceof Wrapped<?> w && w.unwrap() instanceof Connection p
                            ? p.close() : c.close()).onErrorResume(e -> Mono.empty()))
                    .then())
                    .then(close());
        });
    }

    @Override
    public Mono<Void> close() {
        // Dispose only after running releases unwound: disposing under a release that is still recycling made
        // reactor-pool return a connection's permit twice ("Too many permits returned"); see ReleaseTracker.
        return Mono.defer(() -> {
            closing = true;
            return releases.settled().then(pool.disposeLater());
        });
    }
}
