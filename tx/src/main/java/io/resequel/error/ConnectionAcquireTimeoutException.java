package io.resequel.error;

import java.time.Duration;

/**
 * No pooled connection became free within the pool's {@code acquire} time (Sequelize's
 * {@code ConnectionAcquireTimeoutError}). The message names the pool size, the wait and the pool's state, and the
 * usual fixes: a larger {@code max}, a longer {@code acquire}, or work that holds connections for less time.
 */
public class ConnectionAcquireTimeoutException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final int max;
    private final Duration waited;

    /**
     * @param max      the pool's size limit
     * @param waited   the acquire timeout that elapsed
     * @param acquired connections lent out when the wait ended
     * @param idle     idle connections when the wait ended
     * @param pending  callers waiting when the wait ended
     * @param cause    the pool's timeout
     */
    public ConnectionAcquireTimeoutException(int max, Duration waited, int acquired, int idle, int pending,
            Throwable cause) {
        super("RSQ-130 no connection became free within " + waited.toMillis() + " ms (pool max " + max + "; "
                + acquired + " acquired, " + idle + " idle, " + pending
                + " waiting); raise pool max or acquire, or hold connections for less time (long transactions,"
                + " unconsumed results)", cause);
        this.max = max;
        this.waited = waited;
    }

    /** @return the pool's size limit */
    public int max() {
        return max;
    }

    /** @return how long the caller waited */
    public Duration waited() {
        return waited;
    }
}
