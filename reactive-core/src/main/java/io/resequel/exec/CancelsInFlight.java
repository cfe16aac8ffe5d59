package io.resequel.exec;

import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The cancel requests sent to the server for statements on a connection and not yet delivered.
 *
 * <p>Why: a cancel request travels on a second socket (PostgreSQL's CancelRequest, MariaDB's {@code KILL QUERY}), so it
 * can arrive after the statement it was meant for has ended by itself. If the connection has meanwhile run its next
 * statement (back in the pool for another borrower, or the next statement of the same transaction), the server stops
 * that one instead. So neither the release of a connection nor its next statement may start before every cancel
 * request sent for it was delivered; a server that received the request while the connection is idle ignores it.
 */
final class CancelsInFlight {

    private final ConcurrentHashMap<Connection, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    /**
     * Records a cancel request about to be sent. Call before checking whether the statement still runs, so that
     * whoever sees the statement ended also sees this request.
     *
     * @param connection the connection whose statement is to be stopped
     * @return complete it with {@link #delivered} once the request was delivered or failed
     */
    CompletableFuture<Void> sending(Connection connection) {
        CompletableFuture<Void> request = new CompletableFuture<>();
        // Two requests for one connection (a timeout, then a cancel): whoever waits, waits for both.
        pending.merge(connection, request, (before, now) -> CompletableFuture.allOf(before, now));
        return request;
    }

    /**
     * @param connection the connection
     * @param request    what {@link #sending} returned
     */
    void delivered(Connection connection, CompletableFuture<Void> request) {
        request.complete(null);
        pending.computeIfPresent(connection, (c, all) -> all.isDone() ? null : all);
    }

    /**
     * @param connection the connection about to run a statement or go back to the pool
     * @param max        the longest wait (a request that never comes back must not hold the connection forever)
     * @return {@code null} when no request for it is on its way (the usual case: no operator is added), else a Mono
     *         completing once it was delivered, or after {@code max}
     */
    Mono<Void> awaitDelivered(Connection connection, Duration max) {
        if (pending.isEmpty()) {
            return null;
        }
        CompletableFuture<Void> f = pending.get(connection);
        return f == null || f.isDone() ? null : Mono.fromFuture(f, true).timeout(max, Mono.empty());
    }
}
