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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
 *
 * <p>With {@link ReadYourWrites} (a scope in the Reactor Context, else this source's own), a read after a recent
 * write of the scope goes to the writer, or in LSN mode to a reader only once it has replayed past the write. The
 * decisions are counted in {@link #routingMetrics()}.
 */
public final class ReplicatedConnectionSource implements ConnectionSource {

    private final PooledConnectionSource writer;
    private final List<PooledConnectionSource> readers;
    private final Duration healthRetry;
    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, Long> downUntil = new ConcurrentHashMap<>();
    /** The source-wide read-your-writes scope, or {@code null}; a scope in the Reactor Context wins. */
    private final ReadYourWrites.Session shared;
    /** Whether the servers report WAL positions (PostgreSQL), for {@link ReadYourWrites.Mode#LSN}. */
    private final boolean walPositions;
    private final LongAdder replicaReads = new LongAdder();
    private final LongAdder writerReads = new LongAdder();
    private final LongAdder consistentReads = new LongAdder();
    private final LongAdder lsnChecks = new LongAdder();
    private final LongAdder lsnBehind = new LongAdder();
    private final AtomicLong lastLag = new AtomicLong();

    /**
     * @param writer      the writer's pool
     * @param readers     the readers' pools (at least one)
     * @param healthRetry how long a failed reader is skipped
     * @param clock       the clock for health retries
     */
    public ReplicatedConnectionSource(PooledConnectionSource writer, List<PooledConnectionSource> readers,
            Duration healthRetry, Clock clock) {
        this(writer, readers, healthRetry, clock, null, false);
    }

    /**
     * @param writer       the writer's pool
     * @param readers      the readers' pools (at least one)
     * @param healthRetry  how long a failed reader is skipped
     * @param clock        the clock for health retries
     * @param shared       the read-your-writes scope of every operation without one in its context, or {@code null}
     * @param walPositions whether the servers are PostgreSQL's, reporting WAL positions for the LSN mode
     */
    public ReplicatedConnectionSource(PooledConnectionSource writer, List<PooledConnectionSource> readers,
            Duration healthRetry, Clock clock, ReadYourWrites.Session shared, boolean walPositions) {
        this.shared = shared;
        this.walPositions = walPositions;
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
        return write(work, writer::use);
    }

    @Override
    public <T> Flux<T> read(Function<? super Connection, ? extends Publisher<T>> work) {
        Objects.requireNonNull(work, "work");
        return routed(work, writer::use, this::release);
    }

    @Override
    public <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        return write(work, w -> writer.use(w, settle));
    }

    @Override
    public <T> Flux<T> read(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(settle, "settle");
        return routed(work, w -> writer.use(w, settle), c -> PooledConnectionSource.afterCancel(this, c, settle));
    }

    /**
     * A write on the writer; in a read-your-writes scope it is recorded, with (LSN mode, outside a transaction, on
     * PostgreSQL) the writer's WAL position read on the same connection once the work is done.
     */
    private <T> Flux<T> write(Function<? super Connection, ? extends Publisher<T>> work,
            Function<Function<? super Connection, ? extends Publisher<T>>, Flux<T>> onWriter) {
        Objects.requireNonNull(work, "work");
        return Flux.deferContextual(ctx -> {
            ReadYourWrites.Session s = ReadYourWrites.find(ctx).orElse(shared);
            if (s == null) {
                return onWriter.apply(work);
            }
            return TransactionContext.current(transactionKey()).flatMapMany(tx -> Flux.defer(() -> {
                long[] lsn = {-1};
                Function<? super Connection, ? extends Publisher<T>> w = work;
                if (walPositions && s.mode() == ReadYourWrites.Mode.LSN && tx.isEmpty()) {
                    w = c -> Flux.<T>from(work.apply(c))
                            .concatWith(currentLsn(c).doOnNext(l -> lsn[0] = l).then(Mono.empty()));
                }
                s.writeStarted();
                // recorded before the end reaches downstream: a read chained after the write must see it ended
                return onWriter.apply(w).doOnTerminate(() -> s.writeEnded(lsn[0]))
                        .doOnCancel(() -> s.writeEnded(-1));
            }));
        });
    }

    /** Where a read runs: the writer in a transaction, with useMaster or after a recent write; else a reader. */
    private <T> Flux<T> routed(Function<? super Connection, ? extends Publisher<T>> work,
            Function<Function<? super Connection, ? extends Publisher<T>>, Flux<T>> onWriter,
            Function<Connection, Publisher<Void>> onCancel) {
        return TransactionContext.current(transactionKey()).flatMapMany(tx -> Flux.deferContextual(ctx -> {
            if (tx.isPresent() || ReadRouting.isUseMaster(ctx)) {
                writerReads.increment();
                return onWriter.apply(work);
            }
            ReadYourWrites.Session s = ReadYourWrites.find(ctx).orElse(shared);
            if (s == null || !s.fresh()) {
                replicaReads.increment();
                return Flux.usingWhen(acquireReader(), work, this::release, (c, e) -> release(c), onCancel);
            }
            long lsn = walPositions ? s.requiredLsn() : -1;
            if (lsn < 0) {
                consistentReads.increment();
                return onWriter.apply(work);
            }
            // the reader's connection stays lent while the writer serves a lagging read: a different pool, no deadlock
            return Flux.usingWhen(acquireReader(), c -> caughtUp(c, lsn).flatMapMany(ok -> {
                if (ok) {
                    replicaReads.increment();
                    return work.apply(c);
                }
                consistentReads.increment();
                return onWriter.apply(work);
            }), this::release, (c, e) -> release(c), onCancel);
        }));
    }

    /** @return the writer's current WAL position, or nothing when it cannot be read */
    private static Mono<Long> currentLsn(Connection c) {
        return Flux.from(c.createStatement("SELECT pg_current_wal_lsn()::text").execute())
                .concatMap(r -> r.map((row, m) -> row.get(0, String.class)))
                .next()
                .map(ReadYourWrites::parseLsn)
                .onErrorResume(e -> Mono.empty());
    }

    /** @return whether the server on {@code c} has replayed past {@code lsn} (a primary replays nothing: true) */
    private Mono<Boolean> caughtUp(Connection c, long lsn) {
        lsnChecks.increment();
        return Flux.from(c.createStatement("SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::bigint AS lag")
                        .bind(0, ReadYourWrites.formatLsn(lsn)).execute())
                .concatMap(r -> r.map((row, m) -> java.util.Optional.ofNullable(row.get(0, Long.class))))
                .next()
                .map(lag -> {
                    long behind = Math.max(0, lag.orElse(0L));
                    lastLag.set(behind);
                    if (behind > 0) {
                        lsnBehind.increment();
                    }
                    return behind == 0;
                })
                .onErrorReturn(false);
    }

    /** @return the read routing decisions so far */
    public RoutingMetrics routingMetrics() {
        return new RoutingMetrics(replicaReads.sum(), writerReads.sum(), consistentReads.sum(), lsnChecks.sum(),
                lsnBehind.sum(), lastLag.get());
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
