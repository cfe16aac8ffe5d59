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
 */
final class Lane implements Executor {

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
            scheduler.schedule(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (Throwable e) {
                // a task of Reactor's subscribeOn signals its own errors; this keeps the lane draining if one escapes
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
