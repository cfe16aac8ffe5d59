package io.resequel;

import io.resequel.error.TransactionConflictException;
import java.time.Duration;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Ready-made {@link Retry} specs for {@code TransactionOptions.retry}: re-run a managed transaction from the start
 * when the database reports a conflict.
 */
public final class Retries {

    private Retries() {
    }

    /**
     * @param maxRetries how many times to re-run after the first failure
     * @param minBackoff the first wait; it grows exponentially with jitter
     * @return a spec retrying {@link TransactionConflictException}s (serialization failures, deadlocks, lock wait
     *         timeouts) only; other errors end the transaction at once. When retries run out, the last conflict is
     *         signalled (not Reactor's {@code RetryExhaustedException}).
     */
    public static RetryBackoffSpec onConflict(long maxRetries, Duration minBackoff) {
        return Retry.backoff(maxRetries, minBackoff)
                .filter(e -> e instanceof TransactionConflictException)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }
}
