package io.resequel.tx;

import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs work in a managed transaction: begin, run, commit when the work completes, roll back when it
 * errors or is cancelled, and release the connection in every case.
 */
public final class TransactionManager {

    private final ConnectionSource source;

    /** @param source where connections come from */
    public TransactionManager(ConnectionSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Runs {@code work} in the current transaction, or in a new one when the context has none.
     * Lazy; every query inside {@code work} finds the transaction in its Reactor Context.
     *
     * @param work the transactional work
     * @param <T>  element type
     * @return the work's elements, emitted before the commit completes; the commit's error, if any, ends
     *         the flux
     */
    public <T> Flux<T> inTransaction(Function<? super Transaction, ? extends Publisher<T>> work) {
        Objects.requireNonNull(work, "work");
        return TransactionContext.current().flatMapMany(current -> current
                .<Flux<T>>map(tx -> Flux.from(work.apply(tx)))
                .orElseGet(() -> Flux.usingWhen(begin(),
                        tx -> Flux.from(work.apply(tx)).contextWrite(ctx -> TransactionContext.with(ctx, tx)),
                        tx -> tx.commit().onErrorResume(e -> source.release(tx.connection()).then(Mono.error(e)))
                                .then(source.release(tx.connection())),
                        (tx, e) -> tx.rollbackIfActive().onErrorResume(r -> Mono.empty())
                                .then(source.release(tx.connection())),
                        tx -> tx.rollbackIfActive().onErrorResume(r -> Mono.empty())
                                .then(source.release(tx.connection())))));
    }

    /** @return an unmanaged transaction; the caller must commit or roll back and then {@link #end} it */
    public Mono<Transaction> begin() {
        return source.acquire().flatMap(c -> Mono.from(c.beginTransaction())
                .thenReturn(new Transaction(c))
                .onErrorResume(e -> source.release(c).then(Mono.error(e))));
    }

    /**
     * @param tx an unmanaged transaction that has finished
     * @return releases its connection
     */
    public Mono<Void> end(Transaction tx) {
        return tx.rollbackIfActive().then(source.release(tx.connection()));
    }
}
