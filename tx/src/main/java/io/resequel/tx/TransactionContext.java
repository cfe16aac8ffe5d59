package io.resequel.tx;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
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

    private static final List<Lookup> LOOKUPS = new CopyOnWriteArrayList<>();

    private TransactionContext() {
    }

    /**
     * Another place a transaction may be bound in the Reactor Context, such as Spring's reactive transaction
     * synchronization (see {@code ResequelTransactionManager}).
     */
    public interface Lookup {
        /**
         * @param key the connection source's {@link ConnectionSource#transactionKey() transaction key}
         * @return the transaction bound for that key in the subscriber's context, or empty
         */
        Mono<Transaction> find(Object key);
    }

    /** @param lookup a further place to look for the current transaction; registering the same class twice is a no-op */
    public static void register(Lookup lookup) {
        synchronized (LOOKUPS) {
            if (LOOKUPS.stream().noneMatch(l -> l.getClass() == lookup.getClass())) {
                LOOKUPS.add(lookup);
            }
        }
    }

    /**
     * @param key the connection source's transaction key
     * @return the transaction of the subscriber's context (Resequel's own, else one bound by a registered
     *         {@link Lookup} for {@code key}), if any, even when finished; never empty
     */
    public static Mono<Optional<Transaction>> current(Object key) {
        return Mono.deferContextual(ctx -> {
            Optional<Transaction> own = find(ctx);
            if (own.isPresent() || LOOKUPS.isEmpty()) {
                return Mono.just(own);
            }
            return Flux.fromIterable(LOOKUPS).concatMap(l -> l.find(key)).next()
                    .map(Optional::of).defaultIfEmpty(Optional.empty());
        });
    }

    /** @return whether a lookup (such as Spring's bridge) is registered, so a transaction may live outside the context */
    public static boolean hasLookups() {
        return !LOOKUPS.isEmpty();
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
