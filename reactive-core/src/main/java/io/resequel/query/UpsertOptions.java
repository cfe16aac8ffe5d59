package io.resequel.query;

import java.util.Arrays;
import java.util.List;

/**
 * Options of {@code Model.upsert}, as in Sequelize: {@code fields} (the attributes the UPDATE branch writes; by
 * default the keys of the values given), {@code validate} (default on), {@code returning} (read the stored row back;
 * default on), {@code hooks} (beforeUpsert/afterUpsert; default on), {@code conflictFields} (the unique key that
 * identifies the existing row, instead of the one inferred from the model) and {@code conflictWhere} (the predicate of
 * a partial unique index, PostgreSQL). Immutable; built with {@link #builder()}.
 */
public final class UpsertOptions {

    /** Every value given is written, validated, read back, with hooks. */
    public static final UpsertOptions DEFAULTS = builder().build();

    private final List<String> fields;
    private final boolean validate;
    private final boolean returning;
    private final boolean hooks;
    private final List<String> conflictFields;
    private final Where conflictWhere;

    private UpsertOptions(Builder b) {
        this.conflictFields = b.conflictFields == null ? null : List.copyOf(b.conflictFields);
        this.conflictWhere = b.conflictWhere;
        this.fields = b.fields == null ? null : List.copyOf(b.fields);
        this.validate = b.validate;
        this.returning = b.returning;
        this.hooks = b.hooks;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the attributes an update may write, or {@code null} for the keys of the values given */
    public List<String> fields() { return fields; }

    /** @return whether the validators run first */
    public boolean validate() { return validate; }

    /** @return whether the stored row is read back */
    public boolean returning() { return returning; }

    /** @return whether beforeUpsert/afterUpsert run */
    public boolean hooks() { return hooks; }

    /** @return the attributes of the unique key an existing row is found by, or {@code null} to infer it */
    public List<String> conflictFields() { return conflictFields; }

    /** @return the partial unique index's predicate the conflict is checked under, or {@code null} */
    public Where conflictWhere() { return conflictWhere; }

    /** Builds {@link UpsertOptions}. */
    public static final class Builder {
        private List<String> fields;
        private boolean validate = true;
        private boolean returning = true;
        private boolean hooks = true;
        private List<String> conflictFields;
        private Where conflictWhere;

        private Builder() {
        }

        /**
         * Sequelize's {@code conflictFields}: the attributes of the unique key (a constraint or unique index, declared
         * on the model or not) that identifies the existing row, instead of the primary key or the model's first
         * unique key whose attributes are all given. Their values must be among the values. On MySQL/MariaDB the
         * statement cannot name a key ({@code ON DUPLICATE KEY} reacts to any); the fields still choose the row read
         * back.
         *
         * @param attributes attribute names
         * @return this
         */
        public Builder conflictFields(String... attributes) {
            if (attributes.length == 0) {
                throw new IllegalArgumentException("conflictFields needs at least one attribute");
            }
            this.conflictFields = Arrays.asList(attributes);
            return this;
        }

        /**
         * Sequelize's {@code conflictWhere}: the predicate of a partial unique index ({@code Index.where}), so
         * PostgreSQL can use that index to detect the conflict ({@code ON CONFLICT (key) WHERE ...}). Other databases
         * have no partial indexes: the upsert fails there with {@link io.resequel.error.UnsupportedFeatureException}
         * before any SQL.
         *
         * @param where a condition on the model's attributes
         * @return this
         */
        public Builder conflictWhere(Where where) {
            this.conflictWhere = java.util.Objects.requireNonNull(where, "where");
            return this;
        }

        /** @param names the attributes the update branch may write (updatedAt is always written) @return this */
        public Builder fields(String... names) {
            this.fields = Arrays.asList(names);
            return this;
        }

        /** @param validate whether the validators run (default {@code true}) @return this */
        public Builder validate(boolean validate) {
            this.validate = validate;
            return this;
        }

        /**
         * @param returning whether the stored row is read back (default {@code true}); without it the instance holds
         *                  the values written
         * @return this
         */
        public Builder returning(boolean returning) {
            this.returning = returning;
            return this;
        }

        /** @return this, without beforeUpsert/afterUpsert */
        public Builder withoutHooks() {
            this.hooks = false;
            return this;
        }

        /** @return the options */
        public UpsertOptions build() {
            return new UpsertOptions(this);
        }
    }
}
