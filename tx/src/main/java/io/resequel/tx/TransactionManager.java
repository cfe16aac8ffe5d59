package io.resequel.tx;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import java.util.Objects;
import java.util.Optional;
import io.resequel.error.PoolClosedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Begins, nests, commits and rolls back transactions.
 *
 * <p>Managed ({@link #inTransaction}): begin, run the work with the transaction in its Reactor Context, commit
 * when the work completes, roll back when it errors or is cancelled, and release the connection in every case.
 * Inside another transaction (found in the context, or given as {@link TransactionOptions#parent()}) the work runs
 * in a savepoint instead. Unmanaged ({@link #begin}): the caller commits or rolls back, which releases the
 * connection.
 */
public final class TransactionManager {

    private final ConnectionSource source;
    private final Function<Throwable, Throwable> translate;
    private final TransactionBegin starter;
    private final RunRegistry runs = new RunRegistry();
    private volatile boolean closing;

    private static final Logger LOG = Loggers.getLogger(TransactionManager.class);
    /** How long {@link #shutdown} waits for stopped transactions to roll back and return their connections. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** @param source where connections come from */
    public TransactionManager(ConnectionSource source) {
        this(source, Function.identity(), TransactionBegin.r2dbc());
    }

    /**
     * @param source    where connections come from
     * @param translate turns driver errors of BEGIN, COMMIT, ROLLBACK and SAVEPOINT into typed ones
     * @param starter   how a root transaction begins and how the session is reset after it
     */
    public TransactionManager(ConnectionSource source, Function<Throwable, Throwable> translate,
            TransactionBegin starter) {
        this.source = Objects.requireNonNull(source, "source");
        this.translate = Objects.requireNonNull(translate, "translate");
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** @return where connections come from */
    public ConnectionSource source() {
        return source;
    }

    /**
     * Runs {@code work} in a new transaction with default options, or in a savepoint of the current one; its
     * elements reach the caller after the COMMIT.
     *
     * @param work the transactional work
     * @param <T>  element type
     * @return the work's elements, after the commit
     * @see #inTransaction(TransactionOptions, Function)
     */
    public <T> Flux<T> inTransaction(Function<? super Transaction, ? extends Publisher<T>> work) {
        return inTransaction(TransactionOptions.DEFAULTS, work);
    }

    /**
     * Runs {@code work} in a managed transaction and emits its elements only once the COMMIT succeeded. Lazy:
     * nothing happens before subscription. The work's queries find the transaction in their Reactor Context. When
     * the context already holds a transaction (or the options name a parent), the work runs in a savepoint of it:
     * its failure rolls back to the savepoint and the parent goes on.
     *
     * <p>The work's elements are held until the commit (a transactional result is a bounded write set; to stream a
     * large read inside a transaction use {@link #inTransactionStreaming}). An error of the work is re-signalled
     * after the ROLLBACK. Cancelling before the elements arrive rolls back: the work is cut, no statement of it
     * reaches the database after the ROLLBACK begins, and the connection goes back only once its state is known.
     * Cancelling while COMMIT is in flight lets the COMMIT finish (its outcome is then the database's). With a
     * {@link TransactionOptions#retry() retry}, a failed transaction is re-run from the start.
     *
     * @param options isolation, read-only, retry, parent
     * @param work    the transactional work
     * @param <T>     element type
     * @return the work's elements, emitted after the commit
     */
    public <T> Flux<T> inTransaction(TransactionOptions options,
            Function<? super Transaction, ? extends Publisher<T>> work) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        Flux<T> once = TransactionContext.current(source.transactionKey()).flatMapMany(current -> {
            Transaction parent = options.parent() != null ? options.parent() : current.orElse(null);
            return buffered(parent != null ? savepoint(parent, options) : root(options), work);
        });
        return options.retry() == null ? once : once.retryWhen(options.retry());
    }

    /**
     * Runs {@code work} in a managed transaction and streams its elements as they come, before the COMMIT: for large
     * reads that need one snapshot. <strong>Cancelling the stream rolls the transaction back</strong> (a consumer
     * that stops reading has not seen the end of the work), so an element received does not mean it was committed;
     * the stream completes after the COMMIT and fails after the ROLLBACK. Use {@link #inTransaction} for writes.
     *
     * @param options isolation, read-only, parent (no retry: elements already emitted cannot be taken back)
     * @param work    the transactional work
     * @param <T>     element type
     * @return the work's elements as they come; completes after the commit
     */
    public <T> Flux<T> inTransactionStreaming(TransactionOptions options,
            Function<? super Transaction, ? extends Publisher<T>> work) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        return TransactionContext.current(source.transactionKey()).flatMapMany(current -> {
            Transaction parent = options.parent() != null ? options.parent() : current.orElse(null);
            return streaming(parent != null ? savepoint(parent, options) : root(options), work);
        });
    }

    /**
     * Runs {@code work} in the current transaction when there is one (no savepoint), else in a new one whose elements
     * are emitted after its commit: what a multi-statement write needs to be atomic.
     *
     * @param work the work
     * @param <T>  element type
     * @return the work's elements
     */
    public <T> Flux<T> required(Function<? super Transaction, ? extends Publisher<T>> work) {
        Objects.requireNonNull(work, "work");
        return TransactionContext.current(source.transactionKey()).flatMapMany(current -> current.isPresent()
                ? current.get().ensureActive().thenMany(Flux.defer(() -> work.apply(current.get())))
                : buffered(root(TransactionOptions.DEFAULTS), work));
    }

    /**
     * Runs {@code work} in a new root transaction on its own connection, even inside another transaction (which
     * stays suspended on its connection): Spring's REQUIRES_NEW. Elements are emitted after the commit.
     *
     * @param options isolation and read-only (a parent is ignored)
     * @param work    the work
     * @param <T>     element type
     * @return the work's elements
     */
    public <T> Flux<T> inNewTransaction(TransactionOptions options,
            Function<? super Transaction, ? extends Publisher<T>> work) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        Flux<T> once = buffered(root(options), work);
        return options.retry() == null ? once : once.retryWhen(options.retry());
    }

    /**
     * Begins an unmanaged transaction: the caller must {@link Transaction#commit()} or
     * {@link Transaction#rollback()} it, which returns the connection. It is not put in any Reactor Context; pass
     * it explicitly (e.g. {@code FindOptions.transaction(t)}). With {@link TransactionOptions#parent()} it is a
     * savepoint of that transaction. Cancelling before the transaction is handed over rolls it back once BEGIN
     * completed and returns the connection: a half-begun transaction never reaches the pool.
     *
     * @param options isolation, read-only, parent
     * @return the transaction, once BEGIN (or SAVEPOINT) has run
     */
    public Mono<Transaction> begin(TransactionOptions options) {
        Objects.requireNonNull(options, "options");
        Mono<Transaction> start = options.parent() != null ? savepoint(options.parent(), options) : root(options);
        return Detached.mono(start, () -> { }, orphan -> orphan.rollbackIfActive().subscribe(v -> { },
                e -> LOG.debug("rollback of a transaction begun for a cancelled caller failed", e)));
    }

    /** @return an unmanaged transaction with default options */
    public Mono<Transaction> begin() {
        return begin(TransactionOptions.DEFAULTS);
    }

    /**
     * @param tx an unmanaged transaction
     * @return rolls it back if still active (which releases its connection); for code written against the
     *         earlier begin/end pair
     */
    public Mono<Void> end(Transaction tx) {
        return tx.rollbackIfActive();
    }

    /**
     * Stops taking new transactions, waits up to {@code grace} for the running managed transactions to finish, then
     * rolls back those still running (their work is cut) and waits for their connections to come back.
     *
     * @param grace how long running transactions may take to finish on their own
     * @return completes when no managed transaction of this manager holds a connection
     */
    public Mono<Void> shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        return Mono.defer(() -> {
            closing = true;
            return runs.awaitIdle(grace).then(Mono.defer(() -> {
                runs.stopAll();
                return runs.awaitIdle(STOP_WAIT);
            }));
        });
    }

    /** @return whether {@link #shutdown} was called */
    public boolean isClosed() {
        return closing;
    }

    /** The work's elements, held until the commit; the run is detached from the caller's cancel (see {@link Run}). */
    private <T> Flux<T> buffered(Mono<Transaction> start, Function<? super Transaction, ? extends Publisher<T>> work) {
        return Flux.defer(() -> {
            Run run = new Run();
            Mono<List<T>> life = start.flatMap(tx -> run.body(tx, work).collectList()
                    .flatMap(items -> run.finish(tx).thenReturn(items))
                    .onErrorResume(e -> run.fail(tx, e)));
            return Detached.mono(run.tracked(life.flux()).singleOrEmpty(), run::stop, items -> { })
                    .flatMapIterable(items -> items);
        });
    }

    /** The work's elements as they come; cancel cuts the work and rolls back. */
    private <T> Flux<T> streaming(Mono<Transaction> start, Function<? super Transaction, ? extends Publisher<T>> work) {
        return Flux.defer(() -> {
            Run run = new Run();
            Flux<T> life = start.flatMapMany(tx -> run.body(tx, work)
                    .concatWith(run.finish(tx).then(Mono.empty()))
                    .onErrorResume(e -> run.fail(tx, e)));
            return Detached.flux(run.tracked(life), run::stop);
        });
    }

    /**
     * One managed transaction's life: it is never cancelled itself. A caller's cancel (or {@link #shutdown}) only
     * {@link #stop stops} the work; BEGIN, COMMIT and ROLLBACK always run to their end, so the connection goes back
     * in a known state.
     */
    /**
     * The Context key under which Reactor's operators look for a subscriber-local onErrorDropped handler
     * ({@code Hooks.KEY_ON_ERROR_DROPPED}, package-private in reactor-core; stable since 3.4).
     */
    private static final String LOCAL_ERROR_DROPPED = "reactor.onErrorDropped.local";

    private final class Run {
        private final Sinks.Empty<Void> stopped = Sinks.empty();
        private volatile Throwable stop;

        /** The caller cancelled: nobody waits for the outcome. */
        void stop() {
            stop(new CancellationException("the caller cancelled the transaction"));
        }

        /** @param reason what the caller, if still there, is told after the rollback */
        void stop(Throwable reason) {
            stop = reason;
            stopped.tryEmitEmpty();
        }

        <T> Flux<T> body(Transaction tx, Function<? super Transaction, ? extends Publisher<T>> work) {
            return Cut.until(Flux.defer(() -> work.apply(tx))
                    .contextWrite(ctx -> TransactionContext.with(ctx, tx).put(LOCAL_ERROR_DROPPED,
                            (Consumer<Throwable>) this::dropped)), stopped.asMono());
        }

        /**
         * An error the body's operators could not deliver. Once the run was stopped, Reactor's operators drop an error
         * that races the cancel (a hook failing, or a statement refused by the rolled-back transaction, as the cut
         * arrives): the caller is gone and the transaction rolled back, so, as {@link Detached} does, it is logged at
         * debug level. Before a stop it is a real loss and goes to Reactor's global hook.
         */
        private void dropped(Throwable e) {
            if (stop != null) {
                LOG.debug("after the transaction's caller cancelled: {}", e.toString());
            } else {
                Operators.onErrorDropped(e, Context.empty());
            }
        }

        /**
         * Commits when the work ran to its end, rolls back when it was stopped and then says why. A transaction that
         * was rolled back before the work ended (by the work, or by the database as a deadlock victim) cannot commit:
         * the caller is told so rather than handed the work's results as if committed.
         */
        Mono<Void> finish(Transaction tx) {
            return Mono.defer(() -> {
                Throwable reason = stop;
                if (reason != null) {
                    return tx.rollbackIfActive().then(Mono.error(reason));
                }
                return tx.finalState() == Transaction.State.ROLLED_BACK
                        ? Mono.error(TransactionFinishedException.commit(tx, Transaction.State.ROLLED_BACK))
                        : tx.commitIfActive();
            });
        }

        <R> Mono<R> fail(Transaction tx, Throwable e) {
            return tx.rollbackIfActive().onErrorResume(r -> {
                if (r != e) {
                    e.addSuppressed(r);
                }
                return Mono.empty();
            }).then(Mono.error(e));
        }

        /** Registers the run for {@link #shutdown} while it lives; refuses to start once the manager closes. */
        <R> Flux<R> tracked(Flux<R> life) {
            return Flux.defer(() -> {
                if (closing) {
                    return Flux.error(new PoolClosedException(null));
                }
                runs.add(this, () -> stop(PoolClosedException.rolledBackByClose()));
                return life.doFinally(s -> runs.remove(this));
            });
        }
    }

    private Mono<Transaction> root(TransactionOptions options) {
        return source.acquireForTransaction(options).flatMap(c -> {
            IsolationLevel before = options.isolation() != null ? c.getTransactionIsolationLevel() : null;
            Function<Throwable, Mono<Void>> end = failure -> failure != null ? source.discard(c)
                    : Mono.from(starter.reset(c, options)).then(restore(c, before))
                            .then(source.release(c))
                            .onErrorResume(e -> source.discard(c));
            return Mono.from(starter.begin(c, options))
                    .onErrorMap(translate)
                    .then(Mono.fromSupplier(() -> new Transaction(c, end, translate, options)))
                    // BEGIN failed: whether a transaction is open is unknown; a ROLLBACK settles it, else the
                    // connection is not pooled again
                    .onErrorResume(e -> Mono.from(c.rollbackTransaction()).then(source.release(c))
                            .onErrorResume(r -> source.discard(c))
                            .then(Mono.error(e)));
        });
    }

    private Mono<Transaction> savepoint(Transaction parent, TransactionOptions options) {
        return Mono.defer(() -> parent.ensureActive().then(Mono.defer(() -> {
            Transaction child = parent.child(options);
            return Mono.from(parent.connection().createSavepoint(child.savepoint()))
                    .onErrorMap(translate)
                    .thenReturn(child);
        })));
    }

    /** Puts back the session isolation level where a driver applied a transaction's level to the session. */
    private static Mono<Void> restore(Connection c, IsolationLevel before) {
        if (!TransactionBegin.differs(c, before)) {
            return Mono.empty();
        }
        return Mono.from(c.setTransactionIsolationLevel(before));
    }

    /** @return the current transaction of the subscriber's context, if any (possibly finished) */
    public Mono<Optional<Transaction>> current() {
        return TransactionContext.current(source.transactionKey());
    }
}
