package io.resequel.tx;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection pool settings, named after Sequelize's {@code pool} options and applied to r2dbc-pool.
 *
 * <p>Immutable; build with {@link #builder()} and derive with {@link #mutate()}. Defaults follow
 * Sequelize v6 ({@code max 5, min 0, idle 10 s, acquire 60 s, evict 1 s}).
 */
public final class PoolOptions {

    /** Sequelize v6 defaults. */
    public static final PoolOptions DEFAULTS = builder().build();

    private final int max;
    private final int min;
    private final Duration idle;
    private final Duration acquire;
    private final Duration evict;
    private final Duration maxLifetime;
    private final String validationQuery;
    private final long maxUses;
    private final Duration validateAfterIdle;
    private final boolean poolerMode;

    private PoolOptions(Builder b) {
        this.max = b.max;
        this.min = b.min;
        this.idle = b.idle;
        this.acquire = b.acquire;
        this.evict = b.evict;
        this.maxLifetime = b.maxLifetime;
        this.validationQuery = b.validationQuery;
        this.maxUses = b.maxUses;
        this.validateAfterIdle = b.validateAfterIdle;
        this.poolerMode = b.poolerMode;
    }

    /**
     * Settings for AWS Lambda and other short-lived, freezable processes: an execution environment serves one request
     * at a time, so at most 2 connections (one spare for a query outside the request's transaction), none kept when
     * idle, every connection closed after 60 s idle and 5 min of life (shorter than RDS Proxy's and PgBouncer's idle
     * client timeouts, so the server side never closes one first), an acquire that fails after 5 s instead of
     * eating the invocation's time, every connection checked with a round trip when lent out after being idle for
     * any time (a frozen environment's sockets may be dead), and {@linkplain #poolerMode() pooler mode} on (RDS Proxy,
     * PgBouncer in transaction mode).
     *
     * @return the Lambda settings, to adjust with {@link #mutate()}
     */
    public static PoolOptions lambda() {
        return builder().max(2).min(0).idle(Duration.ofSeconds(60)).maxLifetime(Duration.ofMinutes(5))
                .acquire(Duration.ofSeconds(5)).evict(Duration.ofSeconds(5)).validateAfterIdle(Duration.ZERO)
                .poolerMode(true).build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from these options */
    public Builder mutate() {
        Builder b = new Builder();
        b.max = max;
        b.min = min;
        b.idle = idle;
        b.acquire = acquire;
        b.evict = evict;
        b.maxLifetime = maxLifetime;
        b.validationQuery = validationQuery;
        b.maxUses = maxUses;
        b.validateAfterIdle = validateAfterIdle;
        b.poolerMode = poolerMode;
        return b;
    }

    /** @return most connections the pool opens */
    public int max() { return max; }

    /** @return connections the pool keeps open even when idle */
    public int min() { return min; }

    /** @return how long a connection may stay idle before it may be closed */
    public Duration idle() { return idle; }

    /** @return how long an acquire waits before failing */
    public Duration acquire() { return acquire; }

    /** @return the interval of the background eviction run */
    public Duration evict() { return evict; }

    /** @return the longest a connection lives, or a negative duration for no limit */
    public Duration maxLifetime() { return maxLifetime; }

    /** @return the query run to validate a connection before reuse, or {@code null} to use the driver's check */
    public String validationQuery() { return validationQuery; }

    /** @return how many times a connection is lent out before it is closed; {@link Long#MAX_VALUE} for no limit */
    public long maxUses() { return maxUses; }

    /**
     * @return how long a connection may sit idle in the pool before it is checked with a round trip to the server
     *         ({@code validate(REMOTE)}) when next lent out; negative never checks
     */
    public Duration validateAfterIdle() { return validateAfterIdle; }

    /**
     * @return whether connections go through a transaction-mode pooler (PgBouncer, RDS Proxy), so that no session
     *         state may outlive a transaction: no named prepared statements kept on the server, no session-level
     *         {@code SET}
     */
    public boolean poolerMode() { return poolerMode; }

    @Override
    public String toString() {
        return "PoolOptions{max=" + max + ", min=" + min + ", idle=" + idle + ", acquire=" + acquire
                + ", evict=" + evict + ", maxLifetime=" + maxLifetime + ", validationQuery=" + validationQuery
                + ", maxUses=" + (maxUses == Long.MAX_VALUE ? "unlimited" : String.valueOf(maxUses))
                + ", validateAfterIdle=" + validateAfterIdle + ", poolerMode=" + poolerMode + '}';
    }

    /** Builder of {@link PoolOptions}; each setter validates its argument. */
    public static final class Builder {
        private int max = 5;
        private int min = 0;
        private Duration idle = Duration.ofSeconds(10);
        private Duration acquire = Duration.ofSeconds(60);
        private Duration evict = Duration.ofSeconds(1);
        private Duration maxLifetime = Duration.ofMillis(-1);
        private String validationQuery;
        private long maxUses = Long.MAX_VALUE;
        private Duration validateAfterIdle = Duration.ofSeconds(1);
        private boolean poolerMode;

        private Builder() {
        }

        /**
         * Pooler-safe connections, for a transaction-mode pooler in front of the database (PgBouncer with
         * {@code pool_mode = transaction}, RDS Proxy), which gives each transaction whichever server session is free:
         * state left in a session would show up in another client's, or be missing from the next transaction. On, the
         * dialect keeps no session state between transactions: on PostgreSQL the driver's prepared-statement cache is
         * off, so every statement is parsed unnamed within its own round trip. Costs one parse per statement.
         *
         * @param poolerMode whether a transaction-mode pooler sits in front (default off; on in {@link #lambda()})
         * @return this
         */
        public Builder poolerMode(boolean poolerMode) {
            this.poolerMode = poolerMode;
            return this;
        }

        /** @param max most connections, at least 1 (default 5) */
        public Builder max(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("pool max must be at least 1, was " + max);
            }
            this.max = max;
            return this;
        }

        /** @param min connections kept open, 0 or more (default 0) */
        public Builder min(int min) {
            if (min < 0) {
                throw new IllegalArgumentException("pool min must not be negative, was " + min);
            }
            this.min = min;
            return this;
        }

        /** @param idle idle time before a connection may be closed (default 10 s) */
        public Builder idle(Duration idle) {
            this.idle = Objects.requireNonNull(idle, "idle");
            return this;
        }

        /** @param acquire longest wait for a connection (default 60 s) */
        public Builder acquire(Duration acquire) {
            this.acquire = Objects.requireNonNull(acquire, "acquire");
            return this;
        }

        /** @param evict interval between eviction runs (default 1 s) */
        public Builder evict(Duration evict) {
            this.evict = Objects.requireNonNull(evict, "evict");
            return this;
        }

        /** @param maxLifetime longest life of a connection; negative for none (the default) */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
            return this;
        }

        /** @param validationQuery a query such as {@code SELECT 1} run before a connection is reused */
        public Builder validationQuery(String validationQuery) {
            this.validationQuery = validationQuery;
            return this;
        }

        /**
         * @param maxUses close a connection after it has been lent out this many times (Sequelize's {@code maxUses};
         *                default unlimited), at least 1
         * @return this
         */
        public Builder maxUses(long maxUses) {
            if (maxUses < 1) {
                throw new IllegalArgumentException("pool maxUses must be at least 1, was " + maxUses);
            }
            this.maxUses = maxUses;
            return this;
        }

        /**
         * A connection that sat idle in the pool longer than this is checked with one round trip to the server
         * ({@code Connection.validate(REMOTE)}) before it is lent out, and replaced when the server dropped it
         * (restart, idle kill, a proxy's timeout). Busy connections are never checked: the cost is one round trip
         * per acquire after a quiet period.
         *
         * @param validateAfterIdle the idle time after which a connection is checked (default 1 s); zero checks
         *                          every acquire, negative never checks
         * @return this
         */
        public Builder validateAfterIdle(Duration validateAfterIdle) {
            this.validateAfterIdle = Objects.requireNonNull(validateAfterIdle, "validateAfterIdle");
            return this;
        }

        /** @return the options; fails when {@code min > max} */
        public PoolOptions build() {
            if (min > max) {
                throw new IllegalArgumentException("pool min (" + min + ") must not exceed max (" + max + ")");
            }
            return new PoolOptions(this);
        }
    }
}
