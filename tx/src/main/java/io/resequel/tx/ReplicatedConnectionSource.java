package io.resequel.tx;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.resequel.error.ConnectionAcquireTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read replication (Sequelize's {@code replication: { write, read: [...] }}): one pool for the writer and one per
 * reader. {@link #read} borrows from the readers round-robin, outside a transaction and unless {@code useMaster} is
 * set ({@link ReadRouting}); everything else, and every statement inside a transaction, uses the writer. A
 * read-only transaction takes its connection from a reader.
 *
 * <p>A reader whose connection cannot be acquired (other than by a pool timeout) is skipped for
 * {@code healthRetry}, then tried again; when no reader is healthy, reads go to the writer.
 */
public final class ReplicatedConnectionSource implements ConnectionSource {

    private final PooledConnectionSource writer;
    private final List<PooledConnectionSource> readers;
    private final Duration healthRetry;
    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, Long> downUntil = new ConcurrentHashMap<>();

    /**
     * @param writer      the writer's pool
     * @param readers     the readers' pools (at least one)
     * @param healthRetry how long a failed reader is skipped
     * @param clock       the clock for health retries
     */
    public ReplicatedConnectionSource(PooledConnectionSource writer, List<PooledConnectionSource> readers,
            Duration healthRetry, Clock clock) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.readers = List.copyOf(readers);
        if (this.readers.isEmpty()) {
            throw new IllegalArgumentException("replication needs at least one read URL");
        }
        this.healthRetry = Objects.requireNonNull(healthRetry, "healthRetry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work) {
        return writer.use(work);
    }

    @Override
    public <T> Flux<T> read(Function<? super Connection, ? extends Publisher<T>> work) {
        Objects.requireNonNull(work, "work");
        return TransactionContext.current(transactionKey()).flatMapMany(tx -> Flux.deferContextual(ctx ->
                tx.isPresent() || ReadRouting.isUseMaster(ctx)
                        ? writer.use(work)
                        : Flux.usingWhen(acquireReader(), work, this::release, (c, e) -> release(c), this::release)));
    }

    @Override
    public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        return writer.use(work, settle);
    }

    @Override
    public <T> Flux<T> read(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(settle, "settle");
        return TransactionContext.current(transactionKey()).flatMapMany(tx -> Flux.deferContextual(ctx ->
                tx.isPresent() || ReadRouting.isUseMaster(ctx)
                        ? writer.use(work, settle)
                        : Flux.usingWhen(acquireReader(), work, this::release, (c, e) -> release(c),
                                c -> PooledConnectionSource.afterCancel(this, c, settle))));
    }

    /** Asks the writer's canceller, then each reader's, until one knows the connection. */
    @Override
    public Mono<Boolean> cancelStatement(Connection connection) {
        return Flux.concat(writer.cancelStatement(connection),
                        Flux.fromIterable(readers).concatMap(r -> r.cancelStatement(connection)))
                .filter(Boolean::booleanValue)
                .next()
                .defaultIfEmpty(false);
    }

    /** @return the writer's key: transactions run on the writer */
    @Override
    public Object transactionKey() {
        return writer.transactionKey();
    }

    @Override
    public Mono<Connection> acquire() {
        return writer.acquire();
    }

    @Override
    public Mono<Connection> acquireForTransaction(TransactionOptions options) {
        return options.readOnly() ? acquireReader() : writer.acquire();
    }

    /** Round-robin over healthy readers; a reader that fails to connect is marked down and the next one tried. */
    private Mono<Connection> acquireReader() {
        return Mono.defer(() -> {
            int start = Math.floorMod(next.getAndIncrement(), readers.size());
            return tryReader(start, 0);
        });
    }

    private Mono<Connection> tryReader(int start, int tried) {
        if (tried == readers.size()) {
            return writer.acquire();
        }
        int i = (start + tried) % readers.size();
        Long down = downUntil.get(i);
        if (down != null && clock.millis() < down) {
            return tryReader(start, tried + 1);
        }
        return readers.get(i).acquire()
                .doOnNext(c -> downUntil.remove(i))
                .onErrorResume(e -> !(e instanceof ConnectionAcquireTimeoutException), e -> {
                    downUntil.put(i, clock.millis() + healthRetry.toMillis());
                    return tryReader(start, tried + 1);
                });
    }

    @Override
    public Mono<Void> release(Connection connection) {
        // back through the pool that lent it, so that pool knows it is no longer lent out (graceful close waits on it)
        if (writer.lends(connection)) {
            return writer.release(connection);
        }
        for (PooledConnectionSource reader : readers) {
            if (reader.lends(connection)) {
                return reader.release(connection);
            }
        }
        return PooledConnectionSource.releaseTo(connection);
    }

    @Override
    public ConnectionFactoryMetadata metadata() {
        return writer.metadata();
    }

    /** @return the sum over the writer's and the readers' pools */
    @Override
    public PoolMetrics metrics() {
        int acquired = 0;
        int idle = 0;
        int pending = 0;
        int max = 0;
        List<PooledConnectionSource> all = new ArrayList<>(readers);
        all.add(writer);
        for (PooledConnectionSource s : all) {
            PoolMetrics m = s.metrics();
            acquired += m.acquired();
            idle += m.idle();
            pending += m.pending();
            max += m.max();
        }
        return new PoolMetrics(acquired, idle, pending, max);
    }

    /** @return the writer's pool state */
    public PoolMetrics writerMetrics() {
        return writer.metrics();
    }

    @Override
    public Mono<Void> close() {
        return close(Duration.ZERO);
    }

    @Override
    public Mono<Void> close(Duration grace) {
        List<PooledConnectionSource> all = new ArrayList<>(readers);
        all.add(writer);
        return Flux.fromIterable(all).flatMap(p -> p.close(grace)).then();
    }
}
