package io.resequel.tx;

import io.resequel.error.ResequelException;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.resequel.error.ConnectionAcquireTimeoutException;
import io.resequel.error.PoolClosedException;
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
import reactor.pool.PoolShutdownException;

/**
 * A {@link ConnectionSource} over r2dbc-pool that joins the transaction found in the Reactor Context.
 *
 * <p>Beyond r2dbc-pool it checks connections that sat idle longer than {@link PoolOptions#validateAfterIdle()}
 * with a round trip before lending them out, replaces connections the pool finds dead instead of failing the
 * acquire, stops statements on the server through the database's {@link StatementCanceller}, and closes
 * connections marked {@linkplain #invalidate unusable} instead of returning them.
 */
public final class PooledConnectionSource implements ConnectionSource {

    /** r2dbc-pool's error when a connection fails its validation on acquire ({@code Validation.validate}). */
    private static final String VALIDATION_FAILED = "Connection validation failed";

    private final ConnectionFactory factory;
    private final ConnectionPoolConfiguration configuration;
    /** The current pool; {@code null} after a {@link #drain} until the next acquire opens a fresh one. */
    private volatile ConnectionPool pool;
    private final int max;
    private final Duration acquire;
    private final ReleaseTracker releases = new ReleaseTracker();
    private final Duration validateAfterIdle;
    private final StatementCanceller canceller;
    /** Connections handed out and not yet released, so that a closing pool can wait for them. */
    private final Set<Connection> lent = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
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
        this(factory, options, onConnect, afterConnect, StatementCanceller.NONE, Function.identity());
    }

    /**
     * @param factory       the driver's factory
     * @param options       pool settings
     * @param onConnect     told the metadata of each new physical connection (server product and version)
     * @param afterConnect  runs on each new physical connection before its first use (connect hooks)
     * @param canceller     how this database stops a running statement from outside its connection
     * @param connectErrors turns the driver's errors of opening a connection into typed ones (the dialect's)
     */
    public PooledConnectionSource(ConnectionFactory factory, PoolOptions options,
            Consumer<ConnectionMetadata> onConnect,
            Function<Connection, ? extends Publisher<Void>> afterConnect, StatementCanceller canceller,
            Function<Throwable, Throwable> connectErrors) {
        Objects.requireNonNull(onConnect, "onConnect");
        this.canceller = Objects.requireNonNull(canceller, "canceller");
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
                        .then(Mono.from(afterConnect.apply(c)))
                        .then(canceller.register(c)));
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
        this.configuration = config.build();
        this.pool = new ConnectionPool(configuration);
        this.max = options.max();
        this.acquire = options.acquire();
        this.validateAfterIdle = options.validateAfterIdle();
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

    @Override
    public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(settle, "settle");
        return Flux.deferContextual(ctx -> {
            Transaction own = TransactionContext.find(ctx).orElse(null);
            if (own == null && TransactionContext.hasLookups()) {
                return TransactionContext.current(this).flatMapMany(found -> found
                        .<Flux<T>>map(tx -> onTransaction(tx, work)).orElseGet(() -> pooled(work, settle)));
            }
            return own != null ? onTransaction(own, work) : pooled(work, settle);
        });
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

    /**
     * Borrows with a cancel step: after a cancel, {@code settle} runs before the release, so the connection goes back
     * idle (or is closed when settling failed), never with a statement still running on it.
     */
    <T> Flux<T> pooled(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        return Flux.usingWhen(acquire(), work, this::release, (c, e) -> release(c), c -> afterCancel(this, c, settle));
    }

    /** Settles a connection whose work was cancelled, then releases it; closed instead when settling failed. */
    static Mono<Void> afterCancel(ConnectionSource source, Connection c,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        return Mono.from(settle.apply(c)).onErrorResume(e -> {
            source.invalidate(c);
            return Mono.empty();
        }).then(source.release(c));
    }

    @Override
    public Mono<Connection> acquire() {
        return Mono.defer(() -> closing ? Mono.error(new PoolClosedException(null)) : acquire(max + 1)
                .onErrorMap(e -> !(e instanceof ResequelException), this::typed)
                .doOnNext(lent::add));
    }

    /**
     * Takes a connection; one the pool found dead (its validation failed) or that fails the check after idling is
     * dropped and another taken, up to {@code attempts} times, so dead idle connections never reach the caller.
     */
    private Mono<Connection> acquire(int attempts) {
        return Mono.defer(() -> currentPool().create())
                // a connect that failed is tried once more; a timeout or a closed pool is final
                .onErrorResume(e -> !isAcquireTimeout(e) && !isClosed(e) && !isDead(e),
                        e -> Mono.defer(() -> currentPool().create()))
                .onErrorMap(e -> !isDead(e), this::typed)
                .flatMap(this::checkIdle)
                .onErrorResume(e -> attempts > 1 && isDead(e), e -> acquire(attempts - 1));
    }

    private static boolean isDead(Throwable e) {
        return e instanceof R2dbcNonTransientResourceException && VALIDATION_FAILED.equals(e.getMessage());
    }

    /** A connection idle longer than the threshold makes one round trip; a dead one is closed and reported dead. */
    private Mono<Connection> checkIdle(Connection connection) {
        Long since = ConnectionMarks.takeIdleSince(ConnectionMarks.unwrap(connection));
        if (since == null || validateAfterIdle.isNegative()
                || System.nanoTime() - since < validateAfterIdle.toNanos()) {
            return Mono.just(connection);
        }
        return Mono.from(connection.validate(ValidationDepth.REMOTE))
                .timeout(acquire.isNegative() || acquire.isZero() ? Duration.ofSeconds(30) : acquire)
                .onErrorReturn(false)
                .flatMap(alive -> {
                    if (alive) {
                        return Mono.just(connection);
                    }
                    invalidate(connection);
                    return releaseTo(connection).then(Mono.error(
                            new R2dbcNonTransientResourceException(VALIDATION_FAILED)));
                });
    }

    private boolean isClosed(Throwable e) {
        ConnectionPool p = pool;
        return e instanceof PoolShutdownException || closing && (p == null || p.isDisposed());
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
        return Mono.defer(() -> {
            lent.remove(connection);
            return releases.track(releaseTo(connection));
        });
    }

    /** Returns a connection to its pool, or closes it when it was marked unusable. */
    static Mono<Void> releaseTo(Connection connection) {
        return Mono.defer(() -> {
            Connection driver = ConnectionMarks.unwrap(connection);
            if (ConnectionMarks.takeUnusable(driver)) {
                // Closing the connection under the pool's wrapper first makes r2dbc-pool's release-time validation
                // fail, and the pool then destroys it instead of lending it out again.
                return closeUnderPool(connection).then(Mono.from(connection.close()));
            }
            ConnectionMarks.released(driver);
            return Mono.from(connection.close());
        });
    }

    /**
     * Closes the connection one level under r2dbc-pool's wrapper (the driver's, or the H2 dialect's lane, which must
     * not be bypassed: the engine would run on the caller's thread).
     */
    private static Mono<Void> closeUnderPool(Connection connection) {
        Connection under = connection instanceof Wrapped<?> w && w.unwrap() instanceof Connection c ? c : connection;
        return Mono.from(under.close()).onErrorResume(e -> Mono.empty());
    }

    @Override
    public Mono<Boolean> cancelStatement(Connection connection) {
        return Mono.defer(() -> canceller.cancel(ConnectionMarks.unwrap(connection)));
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
        ConnectionPool p = pool;
        if (p == null) {
            return new PoolMetrics(0, 0, 0, max);
        }
        return p.getMetrics()
                .map(m -> new PoolMetrics(m.acquiredSize(), m.idleSize(), m.pendingAcquireSize(), max))
                .orElse(new PoolMetrics(0, 0, 0, max));
    }

    @Override
    public Mono<Void> close(Duration grace) {
        return Mono.defer(() -> {
            closing = true;
            return RunRegistry.awaitUntil(lent::isEmpty, grace).then(Flux.fromIterable(List.copyOf(lent))
                    // still lent out after the grace: close the physical connection under its user
                    .concatMap(PooledConnectionSource::closeUnderPool)
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
            return releases.settled().then(Mono.defer(() -> {
                ConnectionPool p;
                synchronized (this) {
                    p = pool;
                    pool = null;
                }
                return p == null ? Mono.empty() : p.disposeLater();
            }));
        });
    }

    /** @return the pool, opened again (without connections) after a {@link #drain} */
    private ConnectionPool currentPool() {
        ConnectionPool p = pool;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (closing) {
                throw new PoolShutdownException();
            }
            if (pool == null) {
                pool = new ConnectionPool(configuration);
            }
            return pool;
        }
    }

    /**
     * Empties the pool without closing this source, for a process about to be frozen in a snapshot (CRaC, Lambda
     * SnapStart): the pool in use is detached at once, so that the next acquire opens a fresh one lazily; the
     * connections lent out are waited for up to {@code grace} and closed under their users after it; then the old
     * pool and every connection it holds are closed. Connections opened before the drain are never lent out again.
     *
     * @param grace the longest wait for connections still lent out
     * @return completes when every connection the old pool opened is closed
     */
    public Mono<Void> drain(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        return Mono.defer(() -> {
            ConnectionPool old;
            synchronized (this) {
                old = pool;
                pool = null;
            }
            if (old == null) {
                return Mono.empty();
            }
            List<Connection> before = List.copyOf(lent);
            return RunRegistry.awaitUntil(() -> before.stream().noneMatch(lent::contains), grace)
                    .then(Flux.fromIterable(before).filter(lent::contains)
                            .concatMap(PooledConnectionSource::closeUnderPool).then())
                    .then(releases.settled())
                    .then(old.disposeLater());
        });
    }
}
