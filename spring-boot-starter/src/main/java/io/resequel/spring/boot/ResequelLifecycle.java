package io.resequel.spring.boot;

import io.resequel.Resequel;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Closes Resequel gracefully when the application stops: after the web server's graceful shutdown (a lower phase
 * stops later), new work is refused, running queries and transactions get {@code resequel.shutdown-grace} to
 * finish, then the pool closes ({@link Resequel#close(Duration)}).
 */
public final class ResequelLifecycle implements SmartLifecycle, DisposableBean {

    /** Below the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and its stop ({@code - 2048}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Resequel db;
    private final Duration grace;
    private volatile boolean running;
    private volatile boolean closed;

    /** @param db the Resequel to close @param grace how long running work may take to finish */
    public ResequelLifecycle(Resequel db, Duration grace) {
        this.db = db;
        this.grace = grace;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("stop(Runnable) is the only stop");
    }

    @Override
    public void stop(Runnable callback) {
        closed = true;
        db.close(grace).doFinally(s -> {
            running = false;
            callback.run();
        }).subscribe(null, e -> { });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** A context that never started (a failed refresh) still releases its connections. */
    @Override
    public void destroy() {
        if (!closed) {
            closed = true;
            db.close(Duration.ZERO).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(grace.plusSeconds(5));
        }
    }
}
