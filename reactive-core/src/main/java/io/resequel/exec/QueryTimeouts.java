package io.resequel.exec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Carries a per-operation statement timeout in the Reactor Context (under a private key), so every statement an
 * operation runs (a find's eager-loading queries included) gets it without each call passing it along.
 */
public final class QueryTimeouts {

    private static final Object KEY = new Object() {
        @Override
        public String toString() {
            return "io.resequel.exec.queryTimeout";
        }
    };

    private QueryTimeouts() {
    }

    /**
     * @param ctx     the context
     * @param timeout the statements' timeout, or {@code null} to keep what the context holds
     * @return the context carrying it
     */
    public static Context with(Context ctx, Duration timeout) {
        return timeout == null ? ctx : ctx.put(KEY, checked(timeout));
    }

    /** @param ctx a context @return the timeout it carries */
    static Optional<Duration> find(ContextView ctx) {
        return ctx.getOrEmpty(KEY);
    }

    /**
     * @param timeout a timeout
     * @return it, when positive
     * @throws IllegalArgumentException for zero or negative
     */
    public static Duration checked(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("a statement timeout must be positive, was " + timeout);
        }
        return timeout;
    }
}
