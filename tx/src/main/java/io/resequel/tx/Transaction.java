package io.resequel.tx;

import io.r2dbc.spi.Connection;
import io.resequel.error.CommitFailedException;
import io.resequel.error.ConnectionException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Mono;

/**
 * A database transaction bound to one connection, or a savepoint inside one (a nested transaction).
 *
 * <p>A root transaction holds a pooled connection: {@link #commit()} and {@link #rollback()} end it and return the
 * connection to the pool. A nested transaction ({@link #parent()} not {@code null}) is a savepoint on its root's
 * connection: rolling it back rolls back to the savepoint and keeps the parent's work; committing it sends no SQL
 * (the savepoint lives until the root ends) and hands its {@code afterCommit} callbacks to the parent, so they run
 * only after the root commits.
 *
 * <p>Finishing a transaction twice, or running a statement on it after it finished, fails with
 * {@link TransactionFinishedException}.
 */
public final class Transaction {

    /** Life cycle of a transaction. */
    public enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    private static final AtomicLong IDS = new AtomicLong();
    /** The longest wait for a ROLLBACK before its connection is discarded instead. */
    private static final java.time.Duration ROLLBACK_LIMIT = java.time.Duration.ofSeconds(30);

    private final String id;
    private final Connection connection;
    private final Connection guarded;
    /** Shared by a root and its savepoints: ending a transaction and handing a statement to the driver exclude each other. */
    private final Object lock;
    private final Transaction parent;
    private final String savepoint;
    private final Function<Throwable, Mono<Void>> end;
    private final Function<Throwable, Throwable> translate;
    private final TransactionOptions options;
    private final AtomicReference<State> state = new AtomicReference<>(State.ACTIVE);
    private final AtomicInteger children = new AtomicInteger();
    private volatile boolean rollbackOnly;
    private final List<Supplier<? extends Publisher<?>>> afterCommit = new CopyOnWriteArrayList<>();
    private final List<Supplier<? extends Publisher<?>>> afterRollback = new CopyOnWriteArrayList<>();

    Transaction(Connection connection, Function<Throwable, Mono<Void>> end, Function<Throwable, Throwable> translate,
            TransactionOptions options) {
        this(connection, null, null, end, translate, "t" + IDS.incrementAndGet(), options);
    }

    private Transaction(Connection connection, Transaction parent, String savepoint, Function<Throwable, Mono<Void>> end,
            Function<Throwable, Throwable> translate, String id, TransactionOptions options) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.guarded = new GuardedConnection(this, connection);
        this.lock = parent != null ? parent.lock : new Object();
        this.parent = parent;
        this.savepoint = savepoint;
        this.end = end;
        this.translate = translate;
        this.id = id;
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param options the options it was asked with (its isolation is its root's: a savepoint has none of its own)
     * @return a savepoint child of this transaction (not yet created on the connection)
     */
    Transaction child(TransactionOptions options) {
        int n = children.incrementAndGet();
        String name = id + "_sp_" + n;
        return new Transaction(connection, this, "rsq_" + name, null, translate, name, options);
    }

    /** @return the options this transaction was begun with (Sequelize's {@code transaction.options}) */
    public TransactionOptions options() {
        return options;
    }

    /** @return an identifier for logs ({@code t7}, or {@code t7_sp_1} for a savepoint) */
    public String id() {
        return id;
    }

    /**
     * @return the connection every statement of this transaction runs on. Its statements reach the driver only while
     *         the transaction is active (else they fail with {@link TransactionFinishedException}), and it cannot end
     *         the transaction itself; {@link Connection#unwrap() unwrap} it for driver-specific calls.
     */
    public Connection connection() {
        return guarded;
    }

    /** @return the pooled connection itself, for ending the transaction */
    Connection rawConnection() {
        return connection;
    }

    /**
     * Hands an operation of the transaction's body to the driver if, and only if, the transaction is active at that
     * moment. Check and subscription happen under the lock that {@link #finish} takes, so an operation is either
     * queued on the connection before COMMIT/ROLLBACK or refused.
     *
     * @param operation creates the driver's publisher
     * @param <T>       element type
     * @return the operation's signals, or {@link TransactionFinishedException}
     */
    <T> Flux<T> gate(Supplier<? extends Publisher<? extends T>> operation) {
        return gate(null, operation);
    }

    /**
     * @param sql       the statement handed over, named in the error when it is refused; {@code null} if none
     * @param operation creates the driver's publisher
     * @param <T>       element type
     * @return the operation's signals, or {@link TransactionFinishedException} carrying {@code sql}
     * @see #gate(Supplier)
     */
    <T> Flux<T> gate(String sql, Supplier<? extends Publisher<? extends T>> operation) {
        return new Flux<T>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                synchronized (lock) {
                    if (!isActive()) {
                        Operators.error(actual, TransactionFinishedException.statement(Transaction.this,
                                finalState(), sql));
                        return;
                    }
                    Publisher<? extends T> p;
                    try {
                        p = Objects.requireNonNull(operation.get(), "the driver returned no publisher");
                    } catch (RuntimeException e) {
                        Operators.error(actual, e);
                        return;
                    }
                    p.subscribe(actual);
                }
            }
        };
    }

    /** @return the enclosing transaction of a savepoint, or {@code null} for a root transaction */
    public Transaction parent() {
        return parent;
    }

    /** @return the savepoint name of a nested transaction, or {@code null} */
    public String savepoint() {
        return savepoint;
    }

    /** @return the current state */
    public State state() {
        return state.get();
    }

    /** Marks the transaction so that it can only roll back (used when a participant of a shared transaction fails). */
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    /** @return whether {@link #setRollbackOnly()} was called */
    public boolean isRollbackOnly() {
        return rollbackOnly;
    }

    /** @return whether the transaction (and every enclosing one) may still run statements */
    public boolean isActive() {
        return state.get() == State.ACTIVE && (parent == null || parent.isActive());
    }

    /** @return a completed Mono when active, else {@link TransactionFinishedException} */
    Mono<Void> ensureActive() {
        return isActive() ? Mono.empty() : Mono.error(TransactionFinishedException.statement(this, finalState(), null));
    }

    /** @return this transaction's state, or its finished root's when only an enclosing transaction ended */
    State finalState() {
        return state.get() != State.ACTIVE ? state.get() : rootState();
    }

    private State rootState() {
        Transaction t = this;
        while (t.parent != null && t.state.get() == State.ACTIVE) {
            t = t.parent;
        }
        return t.state.get();
    }

    /**
     * Registers work to run after the root transaction commits successfully (never after a rollback, never when
     * the COMMIT fails). Callbacks run in registration order, each awaited; their values are ignored.
     *
     * @param callback supplies the work; it runs outside the transaction, after the connection went back
     */
    public void afterCommit(Supplier<? extends Publisher<?>> callback) {
        afterCommit.add(Objects.requireNonNull(callback, "callback"));
    }

    /** @param callback work to run after this transaction rolls back (or its savepoint is rolled back to) */
    public void afterRollback(Supplier<? extends Publisher<?>> callback) {
        afterRollback.add(Objects.requireNonNull(callback, "callback"));
    }

    /**
     * Commits. A root transaction sends COMMIT, returns its connection to the pool (also when COMMIT fails) and then
     * runs the after-commit callbacks. A savepoint sends nothing and hands its callbacks to its parent.
     *
     * @return completes when done; {@link TransactionFinishedException} when already finished
     */
    public Mono<Void> commit() {
        // detached: a caller that cancels must not cut COMMIT short, or the connection would go back in an unknown state
        return Detached.mono(Mono.defer(() -> isActive() && finish(State.COMMITTED)
                ? doCommit()
                : Mono.error(TransactionFinishedException.commit(this, finalState()))), () -> { }, v -> { });
    }

    /**
     * Rolls back: a root transaction sends ROLLBACK and returns its connection; a savepoint rolls back to itself and
     * the parent goes on. Then the after-rollback callbacks run.
     *
     * @return completes when done; {@link TransactionFinishedException} when already finished
     */
    public Mono<Void> rollback() {
        return Detached.mono(Mono.defer(() -> finish(State.ROLLED_BACK)
                ? doRollback()
                : Mono.error(TransactionFinishedException.rollback(this, state.get()))), () -> { }, v -> { });
    }

    /**
     * Ends the root transaction as rolled back when the database already rolled all of it back itself (a MySQL,
     * MariaDB or H2 deadlock victim), as Sequelize does on MySQL and MariaDB: sends a (redundant) ROLLBACK, returns the connection and runs the
     * after-rollback callbacks. Later statements, commits and savepoints of it, or of any of its savepoints, fail
     * with {@link TransactionFinishedException} instead of running in auto-commit mode.
     *
     * @return completes when done; nothing when the root had already ended
     */
    public Mono<Void> rollbackAborted() {
        Transaction root = this;
        while (root.parent != null) {
            root = root.parent;
        }
        return root.rollbackIfActive();
    }

    /** @return commits when still active, else nothing (a managed transaction the work ended itself) */
    Mono<Void> commitIfActive() {
        return Mono.defer(() -> isActive() && finish(State.COMMITTED) ? doCommit() : Mono.empty());
    }

    /** @return rolls back when still active; used on error and cancel, where the state may already be final */
    Mono<Void> rollbackIfActive() {
        return Mono.defer(() -> finish(State.ROLLED_BACK) ? doRollback() : Mono.empty());
    }

    private Mono<Void> doCommit() {
        if (parent != null) {
            parent.afterCommit.addAll(afterCommit);
            parent.afterRollback.addAll(afterRollback);
            return Mono.empty();
        }
        return thenEnd(Mono.from(connection.commitTransaction()).onErrorMap(this::commitFailure))
                .then(run(afterCommit));
    }

    private Mono<Void> doRollback() {
        if (parent != null) {
            if (!parent.isActive()) {
                return run(afterRollback); // the root's end already undid the savepoint's work
            }
            return Mono.from(connection.rollbackTransactionToSavepoint(savepoint)).onErrorMap(translate)
                    .then(run(afterRollback));
        }
        // A ROLLBACK that never answers (a wedged connection) must not hold the connection for good: after the bound the
        // connection is discarded, and closing it makes the server roll back.
        return thenEnd(Mono.from(connection.rollbackTransaction()).onErrorMap(translate).timeout(ROLLBACK_LIMIT))
                .then(run(afterRollback));
    }

    /**
     * A COMMIT that failed because the connection broke (the dialect types that as a {@link ConnectionException}) may
     * or may not have been applied: the caller is told so. One the server refused (a deferred constraint, a
     * serialization failure, a trigger) was rolled back: its typed error says so.
     */
    private Throwable commitFailure(Throwable e) {
        Throwable typed = translate.apply(e);
        return typed instanceof ConnectionException ? new CommitFailedException(id, true, typed) : typed;
    }

    /**
     * Runs {@code step}, then ends the root: a clean end restores the session and releases the connection; after a
     * failed COMMIT or ROLLBACK the connection's state is unknown, so it is discarded, never pooled again.
     */
    private Mono<Void> thenEnd(Mono<Void> step) {
        return step.onErrorResume(e -> end.apply(e).onErrorResume(x -> {
                    e.addSuppressed(x);
                    return Mono.empty();
                }).then(Mono.error(e)))
                .then(Mono.defer(() -> end.apply(null)));
    }

    private static Mono<Void> run(List<Supplier<? extends Publisher<?>>> callbacks) {
        return Flux.fromIterable(callbacks).concatMap(s -> Flux.from(s.get()).then()).then();
    }

    private boolean finish(State to) {
        synchronized (lock) {
            return state.compareAndSet(State.ACTIVE, to);
        }
    }

    @Override
    public String toString() {
        return "Transaction(" + id + ", " + state.get() + ")";
    }
}
