package io.resequel.tx;

import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Carries the current {@link Transaction} in the Reactor Context (Sequelize's CLS mode, without
 * thread locals), under a key private to this class.
 */
public final class TransactionContext {

    private static final Object KEY = new Object() {
        @Override
        public String toString() {
            return "io.resequel.tx.Transaction";
        }
    };

    private TransactionContext() {
    }

    /**
     * @return the transaction of the subscriber's context, if any, even when it has finished (using it then fails
     *         with {@link TransactionFinishedException}); never empty
     */
    public static Mono<Optional<Transaction>> current() {
        return Mono.deferContextual(ctx -> Mono.just(find(ctx)));
    }

    /**
     * @param ctx a context view
     * @return the transaction it holds, if any (possibly finished)
     */
    public static Optional<Transaction> find(ContextView ctx) {
        return ctx.getOrEmpty(KEY);
    }

    /**
     * @param ctx the context to extend
     * @param tx  the transaction to carry
     * @return a new context holding {@code tx}
     */
    public static Context with(Context ctx, Transaction tx) {
        return ctx.put(KEY, tx);
    }

    /**
     * @param ctx the context to change
     * @return a new context without a transaction (work in it borrows its own connections)
     */
    public static Context without(Context ctx) {
        return ctx.delete(KEY);
    }
}
