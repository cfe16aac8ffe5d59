package io.resequel.query;

import java.util.Objects;

/**
 * Options of a bulk {@code update} or {@code destroy}: which rows ({@code where}, required unless
 * {@code truncate}), at most how many ({@code limit}), whether {@code updatedAt} is left alone ({@code silent}),
 * whether the updated rows are read back ({@code returning}, where the database has {@code UPDATE ... RETURNING}),
 * whether a destroy empties the table ({@code truncate}), and, for an update, which of the values are written
 * ({@code fields}) and whether VIRTUAL setters may write other attributes ({@code sideEffects}). Immutable.
 */
public final class WriteOptions {

    private final Where where;
    private final Integer limit;
    private final boolean silent;
    private final boolean returning;
    private final boolean truncate;
    private final boolean cascade;
    private final boolean restartIdentity;
    private final boolean force;
    private final boolean hooks;
    private final boolean individualHooks;
    private final boolean paranoid;
    private final java.time.Duration timeout;
    private final java.util.List<String> fields;
    private final boolean sideEffects;

    private WriteOptions(Builder b) {
        this.fields = b.fields == null ? null : java.util.List.copyOf(b.fields);
        this.sideEffects = b.sideEffects;
        this.paranoid = b.paranoid;
        this.timeout = b.timeout;
        this.force = b.force;
        this.hooks = b.hooks;
        this.individualHooks = b.individualHooks;
        this.where = b.where;
        this.limit = b.limit;
        this.silent = b.silent;
        this.returning = b.returning;
        this.truncate = b.truncate;
        this.cascade = b.cascade;
        this.restartIdentity = b.restartIdentity;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return which rows, or {@code null} (only with truncate) */
    public Where where() { return where; }

    /** @return at most this many rows, or {@code null} */
    public Integer limit() { return limit; }

    /** @return whether {@code updatedAt} is left unchanged */
    public boolean silent() { return silent; }

    /** @return whether updated rows are read back */
    public boolean returning() { return returning; }

    /** @return whether a destroy truncates the table */
    public boolean truncate() { return truncate; }

    /** @return whether a truncate also empties the tables that reference this one (PostgreSQL's CASCADE) */
    public boolean cascade() { return cascade; }

    /** @return whether a truncate resets the auto-increment sequence (RESTART IDENTITY) */
    public boolean restartIdentity() { return restartIdentity; }

    /** @return the statements' timeout, or {@code null} for the database default */
    public java.time.Duration timeout() { return timeout; }

    /** @return whether hooks run */
    public boolean hooks() { return hooks; }

    /** @return whether the rows are loaded and their instance hooks run one by one */
    public boolean individualHooks() { return individualHooks; }

    /** @return whether a paranoid model's soft-deleted rows are left out (default); {@code false} includes them */
    public boolean paranoid() { return paranoid; }

    /** @return whether a destroy deletes rows of a paranoid model instead of setting {@code deletedAt} */
    public boolean force() { return force; }

    /** @return the attributes an update may write, or {@code null} for every value given */
    public java.util.List<String> fields() { return fields; }

    /** @return whether what VIRTUAL setters change is written too (default) */
    public boolean sideEffects() { return sideEffects; }

    /** Builder of {@link WriteOptions}. */
    public static final class Builder {
        private Where where;
        private Integer limit;
        private boolean silent;
        private boolean returning;
        private boolean truncate;
        private boolean cascade;
        private boolean restartIdentity;
        private boolean force;
        private boolean hooks = true;
        private boolean individualHooks;
        private boolean paranoid = true;
        private java.util.List<String> fields;
        private boolean sideEffects = true;

        /**
         * Sequelize's {@code fields} of a bulk update: only these attributes of the values are written (with
         * {@code updatedAt}); the other values are ignored, so a request body can be passed whole.
         *
         * @param attributes attribute names
         * @return this
         */
        public Builder fields(String... attributes) {
            this.fields = java.util.Arrays.asList(attributes);
            return this;
        }

        /**
         * Sequelize's {@code sideEffects} of a bulk update: {@code false} leaves out the VIRTUAL attributes of the
         * values, so their setters change nothing that would be written; by default what they set is written.
         *
         * @param sideEffects whether VIRTUAL setters' changes are written
         * @return this
         */
        public Builder sideEffects(boolean sideEffects) {
            this.sideEffects = sideEffects;
            return this;
        }

        /**
         * @param paranoid {@code false} lets a bulk update of a paranoid model reach soft-deleted rows too
         *                 (Sequelize's {@code paranoid: false})
         * @return this
         */
        public Builder paranoid(boolean paranoid) {
            this.paranoid = paranoid;
            return this;
        }

        private java.time.Duration timeout;

        /**
         * @param timeout a positive statement timeout: each statement this update or destroy runs is stopped on the server after it, failing
         *                with {@link io.resequel.error.QueryTimeoutException} (default: {@code ResequelOptions.queryTimeout})
         * @return this
         */
        public Builder timeout(java.time.Duration timeout) {
            this.timeout = io.resequel.exec.QueryTimeouts.checked(timeout);
            return this;
        }

        /** @return this, without hooks (Sequelize's {@code hooks: false}) */
        public Builder withoutHooks() {
            this.hooks = false;
            return this;
        }

        /** @return this, loading the matching rows and running their instance hooks one by one */
        public Builder individualHooks() {
            this.individualHooks = true;
            return this;
        }

        /** @return this, deleting rows of a paranoid model for good ({@code force: true}) */
        public Builder force() {
            this.force = true;
            return this;
        }

        private Builder() {
        }

        /** @param where which rows ({@code Where.and()} for all) @return this */
        public Builder where(Where where) {
            this.where = Objects.requireNonNull(where, "where");
            return this;
        }

        /** @param limit at most this many rows @return this */
        public Builder limit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative, was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /** @return this, leaving {@code updatedAt} unchanged */
        public Builder silent() {
            this.silent = true;
            return this;
        }

        /** @return this, reading the updated rows back */
        public Builder returning() {
            this.returning = true;
            return this;
        }

        /** @return this, emptying the table on destroy ({@code TRUNCATE}) */
        public Builder truncate() {
            this.truncate = true;
            return this;
        }

        /**
         * Sequelize's {@code destroy({truncate: true, cascade, restartIdentity})}.
         *
         * @param cascade         also empty the tables whose foreign keys reference this one ({@code CASCADE},
         *                        PostgreSQL; H2 and MySQL have no such TRUNCATE and ignore it, as Sequelize does)
         * @param restartIdentity reset the auto-increment sequence ({@code RESTART IDENTITY}; MySQL's TRUNCATE
         *                        always does)
         * @return this, emptying the table on destroy
         */
        public Builder truncate(boolean cascade, boolean restartIdentity) {
            this.truncate = true;
            this.cascade = cascade;
            this.restartIdentity = restartIdentity;
            return this;
        }

        /** @return the options */
        public WriteOptions build() {
            return new WriteOptions(this);
        }
    }
}
