package io.resequel.tx;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
     * Runs {@code work} in a new transaction with default options, or in a savepoint of the current one.
     *
     * @param work the transactional work
     * @param <T>  element type
     * @return the work's elements
     * @see #inTransaction(TransactionOptions, Function)
     */
    public <T> Flux<T> inTransaction(Function<? super Transaction, ? extends Publisher<T>> work) {
        return inTransaction(TransactionOptions.DEFAULTS, work);
    }

    /**
     * Runs {@code work} in a managed transaction. Lazy: nothing happens before subscription. The work's queries find
     * the transaction in their Reactor Context. When the context already holds a transaction (or the options name a
     * parent), the work runs in a savepoint of it: its failure rolls back to the savepoint and the parent goes on.
     *
     * <p>Completes after the COMMIT; an error of the work is re-signalled after the ROLLBACK; cancelling rolls back
     * and releases the connection. With a {@link TransactionOptions#retry() retry}, a failed transaction is re-run
     * from the start (elements emitted by the failed attempt are not taken back).
     *
     * @param options isolation, read-only, retry, parent
     * @param work    the transactional work
     * @param <T>     element type
     * @return the work's elements, emitted before the commit completes
     */
    public <T> Flux<T> inTransaction(TransactionOptions options,
            Function<? super Transaction, ? extends Publisher<T>> work) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        Flux<T> once = TransactionContext.current(source.transactionKey()).flatMapMany(current -> {
            Transaction parent = options.parent() != null ? options.parent() : current.orElse(null);
            return managed(parent != null ? savepoint(parent) : root(options), work);
        });
        return options.retry() == null ? once : once.retryWhen(options.retry());
    }

    /**
     * Runs {@code work} in the current transaction when there is one (no savepoint), else in a new one: what a
     * multi-statement write needs to be atomic.
     *
     * @param work the work
     * @param <T>  element type
     * @return the work's elements
     */
    public <T> Flux<T> required(Function<? super Transaction, ? extends Publisher<T>> work) {
        Objects.requireNonNull(work, "work");
        return TransactionContext.current(source.transactionKey()).flatMapMany(current -> current.isPresent()
                ? current.get().ensureActive().thenMany(Flux.from(work.apply(current.get())))
                : managed(root(TransactionOptions.DEFAULTS), work));
    }

    /**
     * Runs {@code work} in a new root transaction on its own connection, even inside another transaction (which
     * stays suspended on its connection): Spring's REQUIRES_NEW.
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
        Flux<T> once = managed(root(options), work);
        return options.retry() == null ? once : once.retryWhen(options.retry());
    }

    /**
     * Begins an unmanaged transaction: the caller must {@link Transaction#commit()} or
     * {@link Transaction#rollback()} it, which returns the connection. It is not put in any Reactor Context; pass
     * it explicitly (e.g. {@code FindOptions.transaction(t)}). With {@link TransactionOptions#parent()} it is a
     * savepoint of that transaction.
     *
     * @param options isolation, read-only, parent
     * @return the transaction, once BEGIN (or SAVEPOINT) has run
     */
    public Mono<Transaction> begin(TransactionOptions options) {
        Objects.requireNonNull(options, "options");
        return options.parent() != null ? savepoint(options.parent()) : root(options);
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

    private <T> Flux<T> managed(Mono<Transaction> begin, Function<? super Transaction, ? extends Publisher<T>> work) {
        return Flux.usingWhen(begin,
                tx -> Flux.from(work.apply(tx)).contextWrite(ctx -> TransactionContext.with(ctx, tx)),
                Transaction::commitIfActive,
                (tx, e) -> tx.rollbackIfActive().onErrorResume(r -> {
                    if (r != e) {
                        e.addSuppressed(r);
                    }
                    return Mono.empty();
                }),
                tx -> tx.rollbackIfActive().onErrorResume(r -> Mono.empty()));
    }

    private Mono<Transaction> root(TransactionOptions options) {
        return source.acquireForTransaction(options).flatMap(c -> {
            IsolationLevel before = options.isolation() != null ? c.getTransactionIsolationLevel() : null;
            Supplier<Mono<Void>> end = () -> Mono.from(starter.reset(c, options)).then(restore(c, before))
                    .onErrorResume(e -> Mono.empty())
                    .then(source.release(c));
            Publisher<Void> begin = starter.begin(c, options);
            AtomicBoolean handedOver = new AtomicBoolean();
            return Mono.from(begin)
                    .onErrorMap(translate)
                    .then(Mono.fromSupplier(() -> new Transaction(c, end, translate)))
                    .onErrorResume(e -> source.release(c).then(Mono.error(e)))
                    .doOnNext(t -> handedOver.set(true))
                    // cancelled between acquire and the transaction's hand-over: return the connection
                    .doOnCancel(() -> {
                        if (handedOver.compareAndSet(false, true)) {
                            source.release(c).subscribe(v -> { }, e -> { });
                        }
                    });
        });
    }

    private Mono<Transaction> savepoint(Transaction parent) {
        return Mono.defer(() -> parent.ensureActive().then(Mono.defer(() -> {
            Transaction child = parent.child();
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
