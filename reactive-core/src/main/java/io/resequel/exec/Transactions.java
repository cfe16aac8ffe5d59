package io.resequel.exec;

import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionContext;
import reactor.util.context.Context;

/** Applies an explicit {@code transaction} option: it replaces whatever transaction the Reactor Context holds. */
public final class Transactions {

    private Transactions() {
    }

    /**
     * @param ctx the subscriber's context
     * @param tx  the explicit transaction, or {@code null}
     * @return {@code ctx} carrying {@code tx}, or {@code ctx} unchanged when {@code tx} is {@code null}
     */
    public static Context explicit(Context ctx, Transaction tx) {
        return tx == null ? ctx : TransactionContext.with(ctx, tx);
    }

    /**
     * @param ctx     the subscriber's context
     * @param tx      the explicit transaction, or {@code null}
     * @param outside run outside any transaction, even one in the context (Sequelize's {@code transaction: null})
     * @return the context the operation runs with
     */
    public static Context explicit(Context ctx, Transaction tx, boolean outside) {
        return outside ? TransactionContext.without(ctx) : explicit(ctx, tx);
    }
}
