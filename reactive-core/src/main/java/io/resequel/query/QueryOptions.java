package io.resequel.query;

import io.resequel.tx.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of a raw query ({@code db.query(sql, o -> o.replacements(Map.of("status", "active")))}). Replacements
 * ({@code :name} or {@code ?}) and bind parameters ({@code $name} or {@code $1}) both become bind parameters, never
 * text; a marker inside a string literal, quoted identifier or comment is left alone. Immutable once built.
 */
public final class QueryOptions {

    private final QueryType type;
    private final Map<String, Object> namedReplacements;
    private final List<Object> positionalReplacements;
    private final Map<String, Object> namedBinds;
    private final List<Object> positionalBinds;
    private final boolean nest;
    private final boolean plain;
    private final Map<String, String> fieldMap;
    private final java.time.Duration timeout;
    private final Transaction transaction;
    private final boolean outsideTransaction;

    private QueryOptions(Builder b) {
        this.type = b.type;
        this.namedReplacements = b.namedReplacements;
        this.positionalReplacements = b.positionalReplacements;
        this.namedBinds = b.namedBinds;
        this.positionalBinds = b.positionalBinds;
        this.nest = b.nest;
        this.plain = b.plain;
        this.fieldMap = Map.copyOf(b.fieldMap);
        this.timeout = b.timeout;
        this.transaction = b.transaction;
        this.outsideTransaction = b.outsideTransaction;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the query type */
    public QueryType type() { return type; }

    /** @return {@code :name} replacements, or {@code null} */
    public Map<String, Object> namedReplacements() { return namedReplacements; }

    /** @return {@code ?} replacements, or {@code null} */
    public List<Object> positionalReplacements() { return positionalReplacements; }

    /** @return {@code $name} bind values, or {@code null} */
    public Map<String, Object> namedBinds() { return namedBinds; }

    /** @return {@code $1} bind values, or {@code null} */
    public List<Object> positionalBinds() { return positionalBinds; }

    /** @return whether dotted column names become nested maps */
    public boolean nest() { return nest; }

    /** @return column label → key in the result maps (Sequelize's {@code fieldMap}); empty for none */
    public Map<String, String> fieldMap() { return fieldMap; }

    /** @return whether only the first row is returned */
    public boolean plain() { return plain; }

    /** @return the statement's timeout, or {@code null} for the database default */
    public java.time.Duration timeout() { return timeout; }
    /** @return the transaction to run in, given explicitly (wins over the one in the Reactor Context), or {@code null} */
    public Transaction transaction() { return transaction; }

    /** @return whether the query runs outside any transaction, even one in the Reactor Context */
    public boolean outsideTransaction() { return outsideTransaction; }

    /** Builder of {@link QueryOptions}. */
    public static final class Builder {
        private QueryType type = QueryType.RAW;
        private Map<String, Object> namedReplacements;
        private List<Object> positionalReplacements;
        private Map<String, Object> namedBinds;
        private List<Object> positionalBinds;
        private boolean nest;
        private boolean plain;
        private final Map<String, String> fieldMap = new LinkedHashMap<>();
        private java.time.Duration timeout;
        private Transaction transaction;
        private boolean outsideTransaction;

        private Builder() {
        }

        /**
         * @param timeout a positive statement timeout: each statement this query runs is stopped on the server after it, failing
         *                with {@link io.resequel.error.QueryTimeoutException} (default: {@code ResequelOptions.queryTimeout})
         * @return this
         */
        public Builder timeout(java.time.Duration timeout) {
            this.timeout = io.resequel.exec.QueryTimeouts.checked(timeout);
            return this;
        }

        /** @param type the query type (default RAW) @return this */
        public Builder type(QueryType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** @param values {@code :name} → value (a collection expands to a list) @return this */
        public Builder replacements(Map<String, ?> values) {
            this.namedReplacements = new LinkedHashMap<>(values);
            return this;
        }

        /** @param values one per {@code ?}, in order (a collection expands to a list) @return this */
        public Builder replacements(Object... values) {
            this.positionalReplacements = new ArrayList<>(Arrays.asList(values));
            return this;
        }

        /** @param values {@code $name} → value @return this */
        public Builder bind(Map<String, ?> values) {
            this.namedBinds = new LinkedHashMap<>(values);
            return this;
        }

        /** @param values {@code $1}, {@code $2}, ... @return this */
        public Builder bind(Object... values) {
            this.positionalBinds = new ArrayList<>(Arrays.asList(values));
            return this;
        }

        /** @return this, turning {@code a.b} column names into nested maps */
        public Builder nest() {
            this.nest = true;
            return this;
        }

        /**
         * @param columnToKey result column label → the key it gets in each row map (e.g. {@code user_name → userName})
         * @return this
         */
        public Builder fieldMap(Map<String, String> columnToKey) {
            fieldMap.putAll(columnToKey);
            return this;
        }

        /** @return this, keeping only the first row */
        public Builder plain() {
            this.plain = true;
            return this;
        }

        /**
         * @param transaction run in this transaction (Sequelize's {@code {transaction: t}}, e.g. an unmanaged one from
         *                    {@code db.startTransaction()}); wins over the transaction in the Reactor Context
         * @return this
         */
        public Builder transaction(Transaction transaction) {
            this.transaction = Objects.requireNonNull(transaction, "transaction");
            return this;
        }

        /**
         * Runs the query on its own pooled connection even inside {@code db.transaction(...)} (Sequelize's
         * {@code transaction: null}).
         *
         * @return this
         */
        public Builder outsideTransaction() {
            this.outsideTransaction = true;
            return this;
        }

        /** @return the options */
        public QueryOptions build() {
            boolean replacing = namedReplacements != null || positionalReplacements != null;
            boolean binding = namedBinds != null || positionalBinds != null;
            if (replacing && binding) {
                throw new IllegalArgumentException("RSQ-331 a query uses either replacements or bind parameters, "
                        + "not both");
            }
            return new QueryOptions(this);
        }
    }
}
