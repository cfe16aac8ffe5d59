package io.resequel.lambda;

import io.resequel.error.ResequelException;
import java.time.Duration;

/**
 * An invocation's work did not finish before its deadline (the time Lambda gave it minus the handler's margin). The
 * work was cancelled before Lambda would have killed the environment: its connections went back to the pool and its
 * transaction rolled back, so the next invocation starts clean.
 */
public final class InvocationTimeoutException extends ResequelException {

    private static final long serialVersionUID = 1L;

    private final Duration deadline;
    private final boolean released;

    /**
     * @param deadline how long the work was given
     * @param margin   the time kept back from Lambda's remaining time
     * @param released whether every connection was back in the pool when the handler returned
     * @param cause    Reactor's timeout
     */
    public InvocationTimeoutException(Duration deadline, Duration margin, boolean released, Throwable cause) {
        super("RSQ-161 the invocation's work did not finish within " + deadline.toMillis() + " ms (the remaining"
                + " time minus a margin of " + margin.toMillis() + " ms) and was cancelled"
                + (released ? "; its connections were released and its transaction rolled back"
                : "; some connections were still being released") + ". Raise the function's timeout or make the"
                + " work cheaper", cause);
        this.deadline = deadline;
        this.released = released;
    }

    /** @return how long the work was given */
    public Duration deadline() {
        return deadline;
    }

    /** @return whether every connection was back in the pool when the handler returned */
    public boolean released() {
        return released;
    }
}
