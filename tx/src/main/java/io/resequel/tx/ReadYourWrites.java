package io.resequel.tx;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Read-your-writes consistency for read replication: after a write made in a scope, reads in that scope go to
 * the writer, so they see it although the replicas may lag. The scope is a Reactor Context (a request):
 * {@code flux.contextWrite(ctx -> ReadYourWrites.window(ctx, Duration.ofSeconds(2)))}, or a whole {@code Resequel}
 * ({@code ResequelOptions.Builder#readYourWrites}), where a write by anyone sends everyone's reads to the writer.
 *
 * <p>Two modes. {@link #window}: for {@code window} after the last write, reads go to the writer. {@link #lsn}
 * (PostgreSQL): after a write outside a transaction the writer's {@code pg_current_wal_lsn()} is remembered, and for
 * {@code bound} after the write a read goes to a replica only if that replica's {@code pg_last_wal_replay_lsn()} is
 * past it, else to the writer; elsewhere, and for writes inside a transaction (whose commit comes later), it acts
 * as {@link #window}. The window counts from the end of the last write statement.
 *
 * <p>A scope holds a mutable {@link Session} (the last write's time and LSN), shared by every operation run in it.
 */
public final class ReadYourWrites {

    private static final Object KEY = new Object() {
        @Override
        public String toString() {
            return "io.resequel.tx.readYourWrites";
        }
    };

    private ReadYourWrites() {
    }

    /** How a session decides that a replica has a write. */
    public enum Mode {
        /** Reads go to the writer for the window after a write. */
        WINDOW,
        /** Reads go to a replica that replayed past the write's LSN, else to the writer, for the bound. */
        LSN
    }

    /**
     * @param ctx    the context
     * @param window how long after a write in this context its reads go to the writer
     * @return the context with a new read-your-writes scope
     */
    public static Context window(Context ctx, Duration window) {
        return ctx.put(KEY, new Session(Mode.WINDOW, window));
    }

    /**
     * @param ctx   the context
     * @param bound how long after a write in this context its reads check the replica's replay position
     * @return the context with a new read-your-writes scope in LSN mode (window mode where LSNs are unknown)
     */
    public static Context lsn(Context ctx, Duration bound) {
        return ctx.put(KEY, new Session(Mode.LSN, bound));
    }

    /** @param ctx a context @return the read-your-writes scope put in it, if any */
    public static Optional<Session> find(ContextView ctx) {
        return ctx.getOrEmpty(KEY);
    }

    /** The writes of one scope: when the last ended, and the highest WAL position known after them. */
    public static final class Session {

        private final Mode mode;
        private final long windowNanos;
        private long lastWrite;
        private boolean written;
        private int running;
        private long lsn;
        private boolean lsnUnknown;

        /** @param mode how replicas are judged @param window how long a write counts */
        public Session(Mode mode, Duration window) {
            this.mode = Objects.requireNonNull(mode, "mode");
            if (window.isNegative()) {
                throw new IllegalArgumentException("RSQ-003 readYourWrites window must not be negative: " + window);
            }
            this.windowNanos = window.toNanos();
        }

        /** @return the mode */
        public Mode mode() {
            return mode;
        }

        synchronized void writeStarted() {
            if (!fresh()) {
                lsnUnknown = false; // a new period: what the last one did not know no longer matters
            }
            running++;
            written = true;
            lastWrite = System.nanoTime();
        }

        /** @param capturedLsn the WAL position after the write, or -1 when unknown (transaction, cancel, error) */
        synchronized void writeEnded(long capturedLsn) {
            running--;
            lastWrite = System.nanoTime();
            if (capturedLsn < 0) {
                lsnUnknown = true;
            } else {
                lsn = Math.max(lsn, capturedLsn);
            }
        }

        /** @return whether a write is running or ended within the window */
        synchronized boolean fresh() {
            return written && (running > 0 || System.nanoTime() - lastWrite < windowNanos);
        }

        /** @return the LSN a replica must have replayed, or -1 when only the writer is safe now */
        synchronized long requiredLsn() {
            return mode == Mode.LSN && running == 0 && !lsnUnknown && lsn > 0 ? lsn : -1;
        }
    }

    /** @param text a PostgreSQL LSN such as {@code 16/B374D848} @return it as one number */
    static long parseLsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** @param lsn a number from {@link #parseLsn} @return PostgreSQL's text form */
    static String formatLsn(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
