package io.resequel;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.resequel.hooks.HookEvent;
import io.resequel.hooks.HookType;
import io.resequel.hooks.Hooks;
import io.resequel.tx.ConnectionSource;
import io.resequel.tx.PoolMetrics;
import io.resequel.tx.TransactionContext;
import io.resequel.tx.TransactionOptions;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the database-wide {@code BEFORE_POOL_ACQUIRE} / {@code AFTER_POOL_ACQUIRE} hooks (Sequelize's
 * {@code beforePoolAcquire}/{@code afterPoolAcquire}) around every connection taken from the pool, whether for a
 * query outside a transaction or to begin one; work on a transaction's connection takes none, so runs no hook.
 * Everything else goes to the wrapped source unchanged.
 */
final class PoolAcquireHooks implements ConnectionSource {

    private final ConnectionSource delegate;
    private final Supplier<Hooks> hooks;

    /** @param delegate the pool @param hooks the database-wide hooks, {@code null} while the database is built */
    PoolAcquireHooks(ConnectionSource delegate, Supplier<Hooks> hooks) {
        this.delegate = delegate;
        this.hooks = hooks;
    }

    @Override
    public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work) {
        return around(work, delegate::use);
    }

    @Override
    public <T> Flux<T> read(Function<? super Connection, ? extends Publisher<T>> work) {
        return around(work, delegate::read);
    }

    @Override
    public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        return around(work, w -> delegate.use(w, settle));
    }

    @Override
    public <T> Flux<T> read(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        return around(work, w -> delegate.read(w, settle));
    }

    @Override
    public Mono<Boolean> cancelStatement(Connection connection) {
        return delegate.cancelStatement(connection);
    }

    @Override
    public void invalidate(Connection connection) {
        delegate.invalidate(connection);
    }

    /**
     * Outside a transaction the wrapped source lends a pooled connection to the work, so the hooks run before it
     * subscribes and, with the connection, before the work. A transaction found elsewhere (Spring) is only known
     * to the wrapped source: then no hook runs, as for any transaction.
     */
    private <T> Flux<T> around(Function<? super Connection, ? extends Publisher<T>> work,
            Function<Function<? super Connection, ? extends Publisher<T>>, Flux<T>> source) {
        Hooks h = hooks.get();
        if (h == null || !h.has(HookType.BEFORE_POOL_ACQUIRE) && !h.has(HookType.AFTER_POOL_ACQUIRE)) {
            return source.apply(work);
        }
        return Flux.deferContextual(ctx -> TransactionContext.find(ctx).isPresent() || TransactionContext.hasLookups()
                ? source.apply(work)
                : before(h).thenMany(source.apply(c -> after(h, c).thenMany(Flux.defer(() -> work.apply(c))))));
    }

    @Override
    public Mono<Connection> acquire() {
        return hooked(delegate::acquire);
    }

    @Override
    public Mono<Connection> acquireForTransaction(TransactionOptions options) {
        return hooked(() -> delegate.acquireForTransaction(options));
    }

    private Mono<Connection> hooked(Supplier<Mono<Connection>> acquire) {
        return Mono.defer(() -> {
            Hooks h = hooks.get();
            if (h == null) {
                return acquire.get();
            }
            // A failing after-hook gives the connection back, since the caller never receives it.
            return before(h).then(Mono.defer(acquire)).flatMap(c -> after(h, c).thenReturn(c)
                    .onErrorResume(e -> delegate.release(c).then(Mono.error(e))));
        });
    }

    private static Mono<Void> before(Hooks h) {
        return h.run(HookEvent.of(HookType.BEFORE_POOL_ACQUIRE, null).build());
    }

    private static Mono<Void> after(Hooks h, Connection c) {
        return h.run(HookEvent.of(HookType.AFTER_POOL_ACQUIRE, null).connection(c).build());
    }

    @Override
    public Mono<Void> release(Connection connection) {
        return delegate.release(connection);
    }

    @Override
    public Mono<Void> discard(Connection connection) {
        return delegate.discard(connection);
    }

    @Override
    public Object transactionKey() {
        return delegate.transactionKey();
    }

    @Override
    public ConnectionFactoryMetadata metadata() {
        return delegate.metadata();
    }

    @Override
    public PoolMetrics metrics() {
        return delegate.metrics();
    }

    @Override
    public Mono<Void> close() {
        return delegate.close();
    }

    @Override
    public Mono<Void> close(Duration grace) {
        return delegate.close(grace);
    }
}
