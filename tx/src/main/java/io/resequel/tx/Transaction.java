package io.resequel.tx;

import io.r2dbc.spi.Connection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A database transaction bound to one connection. Finishing it twice, or using it after it finished,
 * fails with {@link TransactionFinishedException}.
 */
public final class Transaction {

    /** Life cycle of a transaction. */
    public enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    private final Connection connection;
    private final AtomicReference<State> state = new AtomicReference<>(State.ACTIVE);
    private final List<Supplier<Mono<Void>>> afterCommit = new CopyOnWriteArrayList<>();

    Transaction(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** @return the connection every statement of this transaction runs on */
    public Connection connection() {
        return connection;
    }

    /** @return the current state */
    public State state() {
        return state.get();
    }

    /** @return whether the transaction may still run statements */
    public boolean isActive() {
        return state.get() == State.ACTIVE;
    }

    /**
     * Registers work to run after a successful commit (never after a rollback).
     *
     * @param callback supplies the work
     */
    public void afterCommit(Supplier<Mono<Void>> callback) {
        afterCommit.add(Objects.requireNonNull(callback, "callback"));
    }

    /** @return commits, then runs the after-commit callbacks in order */
    public Mono<Void> commit() {
        return Mono.defer(() -> finish(State.COMMITTED)
                ? Mono.from(connection.commitTransaction())
                        .then(Flux.fromIterable(afterCommit).concatMap(Supplier::get).then())
                : Mono.error(new TransactionFinishedException(state.get())));
    }

    /** @return rolls back */
    public Mono<Void> rollback() {
        return Mono.defer(() -> finish(State.ROLLED_BACK)
                ? Mono.from(connection.rollbackTransaction())
                : Mono.error(new TransactionFinishedException(state.get())));
    }

    /** Rolls back when still active; used on error and cancel, where the state may already be final. */
    Mono<Void> rollbackIfActive() {
        return Mono.defer(() -> finish(State.ROLLED_BACK) ? Mono.from(connection.rollbackTransaction()) : Mono.empty());
    }

    private boolean finish(State to) {
        return state.compareAndSet(State.ACTIVE, to);
    }
}
