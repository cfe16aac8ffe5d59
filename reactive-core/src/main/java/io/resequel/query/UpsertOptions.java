package io.resequel.query;

import java.util.Arrays;
import java.util.List;

/**
 * Options of {@code Model.upsert}, as in Sequelize: {@code fields} (the attributes the UPDATE branch writes; by
 * default the keys of the values given), {@code validate} (default on), {@code returning} (read the stored row back;
 * default on) and {@code hooks} (beforeUpsert/afterUpsert; default on). Immutable; built with {@link #builder()}.
 */
public final class UpsertOptions {

    /** Every value given is written, validated, read back, with hooks. */
    public static final UpsertOptions DEFAULTS = builder().build();

    private final List<String> fields;
    private final boolean validate;
    private final boolean returning;
    private final boolean hooks;

    private UpsertOptions(Builder b) {
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

    /** Builds {@link UpsertOptions}. */
    public static final class Builder {
        private List<String> fields;
        private boolean validate = true;
        private boolean returning = true;
        private boolean hooks = true;

        private Builder() {
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
