package io.resequel.dialect.h2;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.Scheduler;

/**
 * Runs one connection's tasks one after another, in the order they were submitted, on a shared scheduler: a
 * connection's statements, COMMIT and ROLLBACK must reach the engine in order, as on a network connection. Holds no
 * thread while idle, so it needs no disposal.
 *
 * <p>A lane that becomes busy because a task of another lane submitted to it (the next transaction of a
 * {@code flatMap} begun on the thread that just committed the last one, say) is drained on that same thread once
 * the submitting lane has nothing left to run, instead of on a fresh scheduler thread: a thread hop costs more than
 * an in-memory statement. It never runs nested inside the other lane's task (which could wait on a lock that the
 * other lane's next task would free), and it does not wait behind the other lane's queued work: if that lane still
 * has tasks when its current one ends, the waiting lane goes to the scheduler after all.
 */
final class Lane implements Executor {

    /** The lane whose task the current thread runs, if any. */
    private static final ThreadLocal<Lane> RUNNING = new ThreadLocal<>();
    /** A lane made busy by the running task, to be drained on this thread after the running lane. */
    private static final ThreadLocal<Lane> NEXT = new ThreadLocal<>();

    private final Scheduler scheduler;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    /** @param scheduler where the tasks run (bounded elastic: they may block on the engine's locks) */
    Lane(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            if (RUNNING.get() != null && NEXT.get() == null) {
                NEXT.set(this);
            } else {
                scheduler.schedule(this::drain);
            }
        }
    }

    /** Drains this lane, then the lanes its tasks made busy, one after another on this thread. */
    private void drain() {
        Lane lane = this;
        while (lane != null) {
            lane.drainOwn();
            lane = NEXT.get();
            NEXT.remove();
        }
    }

    private void drainOwn() {
        RUNNING.set(this);
        try {
            do {
                Runnable task = tasks.poll();
                try {
                    task.run();
                } catch (Throwable e) {
                    // a task of Reactor's subscribeOn signals its own errors; this keeps the lane draining if one
                    // escapes
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                }
                Lane next = NEXT.get();
                if (next != null && pending.get() > 1) {
                    // this lane has more to run: the waiting lane must not wait behind it
                    NEXT.remove();
                    next.scheduler.schedule(next::drain);
                }
            } while (pending.decrementAndGet() != 0);
        } finally {
            RUNNING.remove();
        }
    }
}
