package io.resequel.lambda;

import io.resequel.Resequel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Keeps connections out of a CRaC checkpoint (AWS Lambda SnapStart). A snapshot taken with open connections would be
 * restored into many environments at once, each holding the same dead sockets (and sharing the server's view of one
 * session); a password or token read before the snapshot may have expired when a copy is restored, days later.
 *
 * <p>{@link #beforeCheckpoint} {@linkplain Resequel#drain drains} the pools: running work may finish for a bounded
 * time, then every connection is closed. {@link #afterRestore} runs the restore actions (refreshing credentials, such
 * as {@link RefreshingPassword#refresh()}); the pool itself is opened again lazily, by the first query of the restored
 * copy, so each copy opens its own connections.
 */
public final class SnapStartResource implements Resource {

    /** The default wait for running work before a checkpoint: 5 s. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final Resequel db;
    private final Duration grace;
    private final List<Runnable> onRestore;

    /**
     * @param db        the Resequel whose pools are drained
     * @param grace     the longest wait for running work before its connections are closed under it
     * @param onRestore run after a restore, in order (credential refreshes)
     */
    public SnapStartResource(Resequel db, Duration grace, List<Runnable> onRestore) {
        this.db = Objects.requireNonNull(db, "db");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.onRestore = List.copyOf(onRestore);
    }

    /**
     * Makes a resource and registers it with CRaC's global context (a no-op on a JVM without CRaC). The caller must
     * keep a reference: a CRaC context may hold its resources weakly.
     *
     * @param db        the Resequel whose pools are drained
     * @param onRestore run after a restore (credential refreshes)
     * @return the registered resource
     */
    public static SnapStartResource register(Resequel db, Runnable... onRestore) {
        SnapStartResource r = new SnapStartResource(db, DEFAULT_GRACE, List.of(onRestore));
        Core.getGlobalContext().register(r);
        return r;
    }

    /** Drains the pools: waits up to the grace for running work, then closes every connection. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // the checkpoint thread is CRaC's own and waits for this on purpose
        db.drain(grace).block(grace.plusSeconds(10));
    }

    /** Runs the restore actions; the pools reopen lazily on the first query. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        onRestore.forEach(Runnable::run);
    }
}
