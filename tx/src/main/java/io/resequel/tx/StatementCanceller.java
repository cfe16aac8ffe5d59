package io.resequel.tx;

import io.r2dbc.spi.Connection;
import reactor.core.publisher.Mono;

/**
 * Asks the server to stop the statement running on a connection, from outside that connection's conversation
 * (PostgreSQL's cancel request, MariaDB's {@code KILL QUERY} sent on another connection).
 *
 * <p>R2DBC has no such operation: cancelling a driver's result only stops the client from reading, while the
 * server keeps running the statement and the connection stays busy until it ends. A dialect supplies the
 * database's way; {@link #NONE} is for databases that have none (H2 runs statements synchronously).
 */
public interface StatementCanceller {

    /** A database without a cancel: {@link #cancel} answers {@code false}. */
    StatementCanceller NONE = connection -> Mono.just(false);

    /**
     * Learns what a later {@link #cancel} needs about a physical connection (MariaDB's connection id). Runs every
     * time the pool lends the connection out, so it must be cheap once the connection is known.
     *
     * @param connection the driver's connection (not a pool wrapper)
     * @return completes when done
     */
    default Mono<Void> register(Connection connection) {
        return Mono.empty();
    }

    /**
     * Asks the server to stop whatever statement runs on the connection now. The statement then ends with an error
     * (or, for MariaDB's {@code SLEEP}, early) on its own connection. A request that reaches an idle connection is
     * ignored by the server.
     *
     * @param connection the driver's connection (not a pool wrapper)
     * @return {@code true} once the server received the request; {@code false} when this canceller cannot stop
     *         statements on that connection (unknown connection, or no cancel in this database)
     */
    Mono<Boolean> cancel(Connection connection);
}
