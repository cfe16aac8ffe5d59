package io.resequel.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs BlockHound when the test JVM's JUnit session opens, before any test class runs.
 *
 * <p>Why not at the first {@link DatabaseTest}: installing retransforms JDK classes such as
 * {@code ScheduledThreadPoolExecutor}. A test that ran earlier in the same JVM and started Reactor's schedulers (a
 * unit test using {@code Mono.delay}, an H2 test on the bounded elastic scheduler) leaves worker threads parked inside
 * those very methods; retransforming them under their feet corrupted the scheduler's lock
 * ({@code IllegalMonitorStateException} in {@code DelayedWorkQueue.take}), after which timers stopped firing and
 * closing a pool hung. Registered in {@code META-INF/services}, so every module whose tests use the test kit gets it.
 */
public final class BlockHoundAtLaunch implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ResequelExtension.installBlockHound();
    }
}
