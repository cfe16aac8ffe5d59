package io.resequel.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Options of {@code bulkCreate}: {@code fields} (attributes written), {@code ignoreDuplicates} (skip rows that
 * conflict with a unique key), {@code updateOnDuplicate} (overwrite these attributes of the existing row). Immutable.
 */
public final class BulkCreateOptions {

    /** Every given attribute, conflicts fail. */
    public static final BulkCreateOptions DEFAULTS = builder().build();

    private final List<String> fields;
    private final boolean ignoreDuplicates;
    private final List<String> updateOnDuplicate;

    private BulkCreateOptions(Builder b) {
        this.fields = b.fields == null ? null : List.copyOf(b.fields);
        this.ignoreDuplicates = b.ignoreDuplicates;
        this.updateOnDuplicate = List.copyOf(b.updateOnDuplicate);
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

    /** Builder of {@link BulkCreateOptions}. */
    public static final class Builder {
        private List<String> fields;
        private boolean ignoreDuplicates;
        private final List<String> updateOnDuplicate = new ArrayList<>();

        private Builder() {
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
