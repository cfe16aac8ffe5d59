package io.resequel.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Options of {@code bulkCreate}: {@code fields} (attributes written), {@code ignoreDuplicates} (skip rows that
 * conflict with a unique key), {@code updateOnDuplicate} (overwrite these attributes of the existing row),
 * {@code validate} (run every record's validators first; Sequelize's default is off), {@code returning} (read every
 * column of the inserted rows back, so database-side values reach the instances), {@code conflictAttributes} and
 * {@code conflictWhere} (the unique key, and a partial unique index's predicate, that {@code updateOnDuplicate} or
 * {@code ignoreDuplicates} meet). Immutable.
 */
public final class BulkCreateOptions {

    /** Every given attribute, conflicts fail. */
    public static final BulkCreateOptions DEFAULTS = builder().build();

    private final List<String> fields;
    private final boolean ignoreDuplicates;
    private final List<String> updateOnDuplicate;
    private final boolean updateOnDuplicateCalled;
    private final boolean validate;
    private final boolean returning;
    private final boolean hooks;
    private final boolean individualHooks;
    private final List<String> conflictAttributes;
    private final Where conflictWhere;

    private BulkCreateOptions(Builder b) {
        this.conflictAttributes = List.copyOf(b.conflictAttributes);
        this.conflictWhere = b.conflictWhere;
        this.hooks = b.hooks;
        this.individualHooks = b.individualHooks;
        this.returning = b.returning;
        this.validate = b.validate;
        this.fields = b.fields == null ? null : List.copyOf(b.fields);
        this.ignoreDuplicates = b.ignoreDuplicates;
        this.updateOnDuplicate = List.copyOf(b.updateOnDuplicate);
        this.updateOnDuplicateCalled = b.updateOnDuplicateCalled;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the attributes written, or {@code null} for all given */
    public List<String> fields() { return fields; }

    /** @return whether conflicting rows are skipped */
    public boolean ignoreDuplicates() { return ignoreDuplicates; }

    /** @return attributes overwritten on a conflicting row (empty: none) */
    public List<String> updateOnDuplicate() { return updateOnDuplicate; }

    /**
     * @return whether {@code updateOnDuplicate} was asked for with no attribute, which {@code bulkCreate} refuses
     *         (as Sequelize: "updateOnDuplicate option only supports non-empty array")
     */
    public boolean updateOnDuplicateEmpty() { return updateOnDuplicateCalled && updateOnDuplicate.isEmpty(); }

    /** @return whether every record is validated first (all failures in one exception, nothing inserted) */
    public boolean validate() { return validate; }

    /** @return whether every column of the inserted rows is read back into the instances */
    public boolean returning() { return returning; }

    /** @return whether hooks run */
    public boolean hooks() { return hooks; }

    /** @return whether each record is saved with its instance hooks */
    public boolean individualHooks() { return individualHooks; }

    /** @return the attributes of the unique key a duplicate option meets; empty: the primary or a unique key found */
    public List<String> conflictAttributes() { return conflictAttributes; }

    /** @return the predicate of the partial unique index a duplicate option meets, or {@code null} */
    public Where conflictWhere() { return conflictWhere; }

    /** Builder of {@link BulkCreateOptions}. */
    public static final class Builder {
        private List<String> fields;
        private boolean ignoreDuplicates;
        private final List<String> updateOnDuplicate = new ArrayList<>();
        private boolean updateOnDuplicateCalled;
        private boolean validate;
        private boolean returning;
        private boolean hooks = true;
        private boolean individualHooks;
        private final List<String> conflictAttributes = new ArrayList<>();
        private Where conflictWhere;

        private Builder() {
        }

        /**
         * Sequelize's {@code conflictAttributes}: the attributes of the unique key that {@code updateOnDuplicate} or
         * {@code ignoreDuplicates} meet ({@code ON CONFLICT (cols)} on PostgreSQL, the merge key on H2), instead of
         * the primary key or the first unique key whose attributes all have values. Each must have a value in the
         * records. MySQL and MariaDB have no conflict target: {@code ON DUPLICATE KEY UPDATE} meets any unique key,
         * as in Sequelize, which ignores the option there.
         *
         * @param names attribute names
         * @return this
         */
        public Builder conflictAttributes(String... names) {
            conflictAttributes.addAll(Arrays.asList(names));
            return this;
        }

        /**
         * Sequelize's {@code conflictWhere}: the predicate of the partial unique index that the conflict attributes
         * name ({@code ON CONFLICT (cols) WHERE ...}). Only PostgreSQL has partial unique indexes; elsewhere the
         * bulkCreate fails with {@link io.resequel.error.UnsupportedFeatureException} before any SQL.
         *
         * @param where the index's predicate on the model's attributes
         * @return this
         */
        public Builder conflictWhere(Where where) {
            this.conflictWhere = java.util.Objects.requireNonNull(where, "where");
            return this;
        }

        /** @return this, without hooks (Sequelize's {@code hooks: false}) */
        public Builder withoutHooks() {
            this.hooks = false;
            return this;
        }

        /** @return this, saving each record on its own so its create and save hooks run */
        public Builder individualHooks() {
            this.individualHooks = true;
            return this;
        }

        /**
         * @return this, reading every column of the inserted rows back ({@code RETURNING}); needs a database that
         *         reports a row per insert (PostgreSQL, MariaDB, H2), else the bulkCreate fails with
         *         {@link io.resequel.error.UnsupportedOperatorException}
         */
        public Builder returning() {
            this.returning = true;
            return this;
        }

        /** @return this, validating every record before inserting any */
        public Builder validate() {
            this.validate = true;
            return this;
        }

        /** @param names attributes to write (timestamps always are) @return this */
        public Builder fields(String... names) {
            this.fields = Arrays.asList(names);
            return this;
        }

        /** @return this, skipping rows that conflict with an existing unique key */
        public Builder ignoreDuplicates() {
            this.ignoreDuplicates = true;
            return this;
        }

        /** @param names attributes to overwrite when a row conflicts @return this */
        public Builder updateOnDuplicate(String... names) {
            updateOnDuplicate.addAll(Arrays.asList(names));
            updateOnDuplicateCalled = true;
            return this;
        }

        /** @return the options */
        public BulkCreateOptions build() {
            if (ignoreDuplicates && !updateOnDuplicate.isEmpty()) {
                throw new IllegalArgumentException("ignoreDuplicates and updateOnDuplicate exclude each other");
            }
            return new BulkCreateOptions(this);
        }
    }
}
