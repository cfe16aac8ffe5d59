package io.resequel.tx;

import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.TransactionDefinition;
import java.util.Objects;
import reactor.util.retry.Retry;

/**
 * How a transaction starts: isolation level, read-only, and for managed transactions a {@link Retry} that re-runs
 * the whole transaction from the start when it fails (for example on a serialization failure or deadlock).
 *
 * <p>Immutable; build with {@link #builder()}, derive with {@link #mutate()}. The defaults are the database's own
 * isolation level, read-write, no retry.
 */
public final class TransactionOptions {

    /** The database's isolation level, read-write, no retry. */
    public static final TransactionOptions DEFAULTS = builder().build();

    private final IsolationLevel isolation;
    private final boolean readOnly;
    private final Retry retry;
    private final Transaction parent;
    private final ConstraintCheck constraints;

    private TransactionOptions(Builder b) {
        this.isolation = b.isolation;
        this.readOnly = b.readOnly;
        this.retry = b.retry;
        this.parent = b.parent;
        this.constraints = b.constraints;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from these options */
    public Builder mutate() {
        Builder b = new Builder();
        b.isolation = isolation;
        b.readOnly = readOnly;
        b.retry = retry;
        b.parent = parent;
        b.constraints = constraints;
        return b;
    }

    /** @return the isolation level, or {@code null} for the database's default */
    public IsolationLevel isolation() { return isolation; }

    /** @return whether the transaction only reads */
    public boolean readOnly() { return readOnly; }

    /** @return how a managed transaction is re-run after a failure, or {@code null} for never */
    public Retry retry() { return retry; }

    /** @return the transaction in which this one is a savepoint, or {@code null} */
    public Transaction parent() { return parent; }

    /** @return when deferrable constraints are checked, or {@code null} for their declared default */
    public ConstraintCheck constraints() { return constraints; }

    /** @return the R2DBC definition passed to {@code beginTransaction} */
    TransactionDefinition definition() {
        return new TransactionDefinition() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getAttribute(Option<T> option) {
                if (option.equals(TransactionDefinition.ISOLATION_LEVEL)) {
                    return (T) isolation;
                }
                if (option.equals(TransactionDefinition.READ_ONLY)) {
                    return readOnly ? (T) Boolean.TRUE : null;
                }
                return null;
            }
        };
    }

    @Override
    public String toString() {
        return "TransactionOptions{isolation=" + (isolation == null ? "default" : isolation.asSql())
                + ", readOnly=" + readOnly + ", retry=" + (retry != null) + ", nested=" + (parent != null) + '}';
    }

    /** Builder of {@link TransactionOptions}. */
    public static final class Builder {
        private IsolationLevel isolation;
        private boolean readOnly;
        private Retry retry;
        private Transaction parent;
        private ConstraintCheck constraints;

        private Builder() {
        }

        /**
         * @param constraints when deferrable constraints are checked (Sequelize's {@code deferrable}), e.g.
         *                    {@code ConstraintCheck.setDeferred()}; PostgreSQL only
         * @return this
         */
        public Builder constraints(ConstraintCheck constraints) {
            this.constraints = Objects.requireNonNull(constraints, "constraints");
            return this;
        }

        /**
         * @param isolation {@link IsolationLevel#READ_UNCOMMITTED}, {@link IsolationLevel#READ_COMMITTED},
         *                  {@link IsolationLevel#REPEATABLE_READ} or {@link IsolationLevel#SERIALIZABLE}
         * @return this
         */
        public Builder isolation(IsolationLevel isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation");
            return this;
        }

        /** @param readOnly whether the transaction only reads (default false) @return this */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * @param retry re-runs a managed transaction from the start when it fails as this spec allows, e.g.
         *              {@code Retry.backoff(3, Duration.ofMillis(20)).filter(e -> e instanceof TransactionConflict)}
         * @return this
         */
        public Builder retry(Retry retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** @param parent run as a savepoint inside this transaction @return this */
        public Builder parent(Transaction parent) {
            this.parent = Objects.requireNonNull(parent, "parent");
            return this;
        }

        /** @return the options */
        public TransactionOptions build() {
            return new TransactionOptions(this);
        }
    }
}
