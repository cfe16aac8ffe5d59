package io.resequel.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.resequel.Resequel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import reactor.core.publisher.Mono;

/**
 * A Lambda handler whose work is a {@link Mono}. Build the {@link Resequel} (and define the models) once, in the
 * subclass's constructor: Lambda runs it in the init phase and keeps the instance across warm invocations.
 *
 * <pre>{@code
 * public final class Handler extends ReactiveRequestHandler<Map<String, Object>, String> {
 *     private static final Resequel DB = LambdaDefaults.builder().url(System.getenv("DB_URL")).build();
 *     private final Model<Instance> users = DB.define("User", m -> m.attribute("name", DataTypes.STRING));
 *     public Handler() { super(DB); }
 *     protected Mono<String> handle(Map<String, Object> in, Context ctx) {
 *         return users.count().map(String::valueOf);
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #handleRequest} subscribes and waits: the one place where blocking is right, since Lambda's thread
 * wants the answer and serves one invocation at a time. The wait ends at the invocation's deadline, Lambda's remaining
 * time minus a margin: there the work is cancelled, so its connections go back to the pool and its transaction rolls
 * back while the environment is still alive, and {@link InvocationTimeoutException} is thrown. Left to Lambda's own
 * timeout, the environment would be killed with a transaction open on the server until the server noticed.
 *
 * <p>The constructor registers a {@link SnapStartResource} for the Resequel, so a SnapStart snapshot holds no
 * connection.
 *
 * @param <I> the event type
 * @param <O> the response type
 */
public abstract class ReactiveRequestHandler<I, O> implements RequestHandler<I, O> {

    /** The default time kept back from Lambda's remaining time for cancelling and releasing: 500 ms. */
    public static final Duration DEFAULT_MARGIN = Duration.ofMillis(500);

    private final Resequel db;
    private final Duration margin;
    private final SnapStartResource snapStart;

    /** Marks the deadline's own timeout, told apart from a timeout inside the work. */
    private static final class Deadline extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Deadline() {
            super("invocation deadline", null, false, false);
        }
    }

    /**
     * @param db the Resequel built in the init phase, kept across invocations
     */
    protected ReactiveRequestHandler(Resequel db) {
        this(db, DEFAULT_MARGIN);
    }

    /**
     * @param db     the Resequel built in the init phase, kept across invocations
     * @param margin time kept back from Lambda's remaining time, for cancelling the work and releasing connections
     */
    protected ReactiveRequestHandler(Resequel db, Duration margin) {
        this.db = Objects.requireNonNull(db, "db");
        this.margin = Objects.requireNonNull(margin, "margin");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin must not be negative, was " + margin);
        }
        this.snapStart = SnapStartResource.register(db);
    }

    /**
     * The invocation's work. Lazy like every Resequel operation: nothing runs before the base subscribes.
     *
     * @param input   the event
     * @param context Lambda's context
     * @return the response; empty answers {@code null}
     */
    protected abstract Mono<O> handle(I input, Context context);

    /** @return the Resequel given at construction */
    protected final Resequel db() {
        return db;
    }

    /** @return the SnapStart resource registered for this handler's Resequel */
    public final SnapStartResource snapStart() {
        return snapStart;
    }

    /**
     * Runs {@link #handle} and waits for its result until the deadline.
     *
     * @throws InvocationTimeoutException when the deadline passed (the work was cancelled)
     */
    @Override
    public final O handleRequest(I input, Context context) {
        Objects.requireNonNull(context, "context");
        Duration deadline = Duration.ofMillis(Math.max(1, context.getRemainingTimeInMillis() - margin.toMillis()));
        Mono<O> work = Mono.defer(() -> handle(input, context));
        try {
            return work.timeout(deadline, Mono.error(Deadline::new)).block();
        } catch (Deadline e) {
            throw new InvocationTimeoutException(deadline, margin, awaitReleased(), null);
        }
    }

    /**
     * Cancelling starts the connections' release (and the rollback) asynchronously; the margin is there to let it
     * finish before Lambda freezes the environment, so wait for it up to half the margin.
     */
    private boolean awaitReleased() {
        long until = System.nanoTime() + margin.toNanos() / 2;
        while (db.poolMetrics().acquired() > 0) {
            if (System.nanoTime() >= until) {
                return false;
            }
            LockSupport.parkNanos(2_000_000);
        }
        return true;
    }
}
