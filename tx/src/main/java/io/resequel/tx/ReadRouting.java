package io.resequel.tx;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/** Carries "use the writer" ({@code useMaster}) for reads in the Reactor Context, under a private key. */
public final class ReadRouting {

    private static final Object USE_MASTER = new Object() {
        @Override
        public String toString() {
            return "io.resequel.tx.useMaster";
        }
    };

    private ReadRouting() {
    }

    /** @param ctx the context @return it with reads forced to the writer */
    public static Context useMaster(Context ctx) {
        return ctx.put(USE_MASTER, Boolean.TRUE);
    }

    /** @param ctx a context @return whether reads in it must go to the writer: useMaster, or inside a transaction */
    public static boolean isUseMaster(ContextView ctx) {
        return ctx.<Boolean>getOrEmpty(USE_MASTER).orElse(Boolean.FALSE) || TransactionContext.find(ctx).isPresent();
    }
}
