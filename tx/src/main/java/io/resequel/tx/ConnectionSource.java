package io.resequel.tx;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where connections come from: a pool, and the transaction in the Reactor Context when there is one.
 *
 * <p>{@link #use} is the one way the library runs work on a connection: it takes the connection of the
 * current transaction (never releasing it) or borrows one from the pool and releases it on complete,
 * error and cancel.
 */
public interface ConnectionSource {

    /**
     * Runs {@code work} on a connection. Lazy: nothing is acquired before subscription.
     *
     * @param work what to do with the connection; it must not close it
     * @param <T>  element type
     * @return the work's elements; on cancel the borrowed connection is still released
     */
    <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work);

    /**
     * Runs a read on a connection: like {@link #use}, except that with read replication and outside a transaction
     * (and without {@code useMaster}) the connection comes from a read replica.
     *
     * @param work what to do with the connection; it must not close it
     * @param <T>  element type
     * @return the work's elements
     */
    default <T> Flux<T> read(Function<? super Connection, ? extends Publisher<T>> work) {
        return use(work);
    }

    /**
     * Like {@link #use}, with a step for a subscriber that cancels before {@code work} finished: on a pooled
     * connection {@code settle} runs before the connection goes back to the pool (it waits for, or stops, the
     * statement still running there); an error from {@code settle} means the connection is unusable, and it is
     * closed instead of returned. A transaction's connection is the transaction's business: there {@code settle}
     * does not run.
     *
     * @param work   what to do with the connection; it must not close it
     * @param settle what to do with the connection after a cancel, before its release
     * @param <T>    element type
     * @return the work's elements
     */
    default <T> Flux<T> use(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        return use(work);
    }

    /**
     * {@link #read(Function)} with the cancel step of {@link #use(Function, Function)}.
     *
     * @param work   what to do with the connection; it must not close it
     * @param settle what to do with a pooled connection after a cancel, before its release
     * @param <T>    element type
     * @return the work's elements
     */
    default <T> Flux<T> read(Function<? super Connection, ? extends Publisher<T>> work,
            Function<? super Connection, ? extends Publisher<Void>> settle) {
        return read(work);
    }

    /**
     * Asks the server to stop the statement running now on a connection this source lent out (or on a
     * transaction's connection), through the database's {@link StatementCanceller}.
     *
     * @param connection a connection from this source
     * @return {@code true} once the server was asked; {@code false} when the database offers no way
     */
    default Mono<Boolean> cancelStatement(Connection connection) {
        return Mono.just(false);
    }

    /**
     * Marks a lent-out connection as unusable (a statement on it could not be stopped, or its transaction state is
     * unknown): its release closes it instead of returning it to the pool.
     *
     * @param connection a connection from this source
     */
    default void invalidate(Connection connection) {
        ConnectionMarks.markUnusable(ConnectionMarks.unwrap(connection));
    }

    /** @return a pooled connection the caller must {@link #release}; prefer {@link #use} */
    Mono<Connection> acquire();

    /**
     * @param options the transaction's options (a read-only transaction may use a read replica)
     * @return a pooled connection for a new transaction, which the caller must {@link #release}
     */
    default Mono<Connection> acquireForTransaction(TransactionOptions options) {
        return acquire();
    }

    /**
     * @param connection a connection from {@link #acquire()}
     * @return completes when the connection is back in the pool
     */
    Mono<Void> release(Connection connection);

    /**
     * Gives a connection back without letting it be reused: its session state is unknown (a transaction whose BEGIN,
     * COMMIT or ROLLBACK failed). It is {@linkplain #invalidate marked unusable}, so its release closes it.
     *
     * @param connection a connection from {@link #acquire()}
     * @return completes when the connection is closed and returned
     */
    default Mono<Void> discard(Connection connection) {
        return Mono.defer(() -> {
            invalidate(connection);
            return release(connection);
        }).onErrorResume(e -> Mono.empty());
    }

    /** @return the key under which integrations (Spring) bind this source's transaction; {@code this} by default */
    default Object transactionKey() {
        return this;
    }

    /** @return the driver's metadata (product name), used to choose a dialect */
    ConnectionFactoryMetadata metadata();

    /** @return the pool's state now */
    PoolMetrics metrics();

    /**
     * @return closes the pool once the connection releases still running have finished (waiting at most two seconds);
     *         connections still lent out are closed on release
     */
    Mono<Void> close();

    /**
     * Closes after the connections lent out came back, waiting at most {@code grace}: new acquisitions are refused at
     * once, and connections still lent out when the time is up are closed under their users.
     *
     * @param grace the longest wait for connections to come back
     * @return completes when the pool is closed
     */
    default Mono<Void> close(java.time.Duration grace) {
        return close();
    }
}
