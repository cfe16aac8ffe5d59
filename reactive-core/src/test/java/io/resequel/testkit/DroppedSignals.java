package io.resequel.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Hooks;

/**
 * Collects the errors and values Reactor drops ({@link Hooks#onErrorDropped}, {@link Hooks#onNextDropped}): a
 * signal that reaches no subscriber is a lost failure or a leaked resource, which DESIGN.md's "nothing dropped" rule
 * forbids. The hooks are installed once per JVM and record into the window opened by the running test; tests run
 * one at a time in a JVM, so a drop is attributed to the test during which it happened.
 */
public final class DroppedSignals {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final List<String> DROPPED = new ArrayList<>();
    /** How many drops happened while no test was running (between tests, in class setup). */
    private static int outside;
    private static boolean open;
    /** The test that ran last, to name the likely culprit of a drop between tests. */
    private static String test = "(none yet)";

    private DroppedSignals() {
    }

    /** Installs the hooks (once per JVM); the test kit does it for every {@link DatabaseTest}. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Hooks.onErrorDropped(e -> {
                if (driverCloseEcho(e)) {
                    // r2dbc-mysql, asked to close a connection (the pool discarding one the server had already
                    // dropped, e.g. across a restart), reports the channel's end to its response processor, which
                    // has no subscriber by then: the close was ours and was awaited. Logged, not counted; every
                    // other dropped error is counted.
                    System.err.println("[resequel test kit] driver echoed a close it was asked for during " + test
                            + ": " + e);
                    return;
                }
                record("error", describe(e));
            });
            // the stack says which operator dropped the value
            Hooks.onNextDropped(v -> {
                String what = v.getClass().getName() + ": " + v + " at " + describe(new Throwable("dropped here"));
                if (driverProtocolMessage(v)) {
                    // r2dbc-postgresql's connection discards a backend message that arrives when no conversation
                    // waits for it any more (its statement was cancelled, or the server ended the session): a
                    // protocol frame inside the driver, never a row or an error that reached Resequel. Logged, not
                    // counted; errors are always counted.
                    System.err.println("[resequel test kit] driver discarded a protocol message during " + test
                            + ": " + what.lines().findFirst().orElse(""));
                    return;
                }
                record("value", what);
            });
        }
    }

    private static synchronized void record(String kind, String what) {
        // Printed as well, so a drop is seen in the build log next to the test that caused it.
        System.err.println("[resequel test kit] dropped " + kind + (open ? " during " : " after ") + test + " on "
                + Thread.currentThread().getName() + ": " + what);
        if (open) {
            DROPPED.add(kind + " " + what);
        } else {
            outside++;
        }
    }

    /** @return whether the error is r2dbc-mysql's "expected close" of a connection it was told to close */
    static boolean driverCloseEcho(Throwable e) {
        if (!e.getClass().getName().equals("io.asyncer.r2dbc.mysql.client.MySqlConnectionClosedException")) {
            return false;
        }
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals("io.asyncer.r2dbc.mysql.client.ClientExceptions")
                    && f.getMethodName().equals("expectedClosed")) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the value is a driver's own wire-protocol message (see the onNextDropped hook) */
    static boolean driverProtocolMessage(Object v) {
        return v.getClass().getName().startsWith("io.r2dbc.postgresql.message.backend.");
    }

    private static String describe(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /**
     * Starts collecting for a test, forgetting what earlier tests dropped.
     *
     * @param name the test, for the log
     */
    public static synchronized void open(String name) {
        test = name;
        DROPPED.clear();
        open = true;
    }

    /** @return what was dropped since {@link #open(String)}; stops collecting */
    public static synchronized List<String> close() {
        open = false;
        List<String> out = new ArrayList<>(DROPPED);
        DROPPED.clear();
        return out;
    }

    /** @return what the running test dropped so far (for a test that checks dropping itself) */
    public static synchronized List<String> sinceTestStart() {
        return new ArrayList<>(DROPPED);
    }

    /** @return how many signals were dropped while no test was running */
    public static synchronized int outsideTests() {
        return outside;
    }
}
