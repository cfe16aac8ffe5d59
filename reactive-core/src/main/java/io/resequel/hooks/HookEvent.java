package io.resequel.hooks;

import io.resequel.model.Instance;
import io.resequel.query.FindOptions;
import io.resequel.query.Where;
import io.resequel.tx.Transaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a hook sees of the operation that fires it: the model, the instance or instances, the mutable values, where
 * and find options, the result or error, and the transaction in effect. Which parts are set depends on the
 * {@link HookType}; the others are {@code null} or empty.
 */
public final class HookEvent {

    private final HookType type;
    private final String model;
    private final Instance instance;
    private final List<? extends Instance> instances;
    private final Map<String, Object> values;
    private final FindOptions.Builder find;
    private Where where;
    private final Object result;
    private final Throwable error;
    private final Object connection;
    private Transaction transaction;

    private HookEvent(Builder b) {
        this.type = b.type;
        this.model = b.model;
        this.instance = b.instance;
        this.instances = b.instances;
        this.values = b.values;
        this.find = b.find;
        this.where = b.where;
        this.result = b.result;
        this.error = b.error;
        this.connection = b.connection;
    }

    /** @param type the hook type @param model the model name, or {@code null} @return a builder */
    public static Builder of(HookType type, String model) {
        return new Builder(type, model);
    }

    /** @return the hook type firing */
    public HookType type() { return type; }

    /** @return the model name, or {@code null} for database-wide events */
    public String model() { return model; }

    /** @return the instance of an instance hook (change its values to change what is written), or {@code null} */
    public Instance instance() { return instance; }

    /** @return the instances of a bulkCreate */
    public List<? extends Instance> instances() { return instances == null ? List.of() : instances; }

    /** @return the mutable values of a bulk update or upsert, or {@code null} */
    public Map<String, Object> values() { return values; }

    /** @return the mutable find options of a find or count hook, or {@code null} */
    public FindOptions.Builder find() { return find; }

    /** @return the where of a bulk update, destroy or restore, or {@code null} */
    public Where where() { return where; }

    /** @param replacement the where the bulk operation uses instead @return this event */
    public HookEvent where(Where replacement) {
        this.where = replacement;
        return this;
    }

    /** @return the result of an after-hook (an upsert's {@code Created}, a bulk write's count), or {@code null} */
    public Object result() { return result; }

    /** @return the failure of a {@code VALIDATION_FAILED} hook, or {@code null} */
    public Throwable error() { return error; }

    /** @return the R2DBC connection of an {@code AFTER_CONNECT} hook, or {@code null} */
    public Object connection() { return connection; }

    /** @return the transaction the operation runs in, if any */
    public Optional<Transaction> transaction() { return Optional.ofNullable(transaction); }

    void transaction(Transaction t) {
        this.transaction = t;
    }

    /** Builder of events, for the operations that fire hooks. */
    public static final class Builder {
        private final HookType type;
        private final String model;
        private Instance instance;
        private List<? extends Instance> instances;
        private Map<String, Object> values;
        private FindOptions.Builder find;
        private Where where;
        private Object result;
        private Throwable error;
        private Object connection;

        private Builder(HookType type, String model) {
            this.type = type;
            this.model = model;
        }

        /** @param i the instance @return this */
        public Builder instance(Instance i) { this.instance = i; return this; }

        /** @param list the instances @return this */
        public Builder instances(List<? extends Instance> list) { this.instances = list; return this; }

        /** @param v the mutable values @return this */
        public Builder values(Map<String, Object> v) { this.values = v; return this; }

        /** @param f the mutable find options @return this */
        public Builder find(FindOptions.Builder f) { this.find = f; return this; }

        /** @param w the where @return this */
        public Builder where(Where w) { this.where = w; return this; }

        /** @param r the result @return this */
        public Builder result(Object r) { this.result = r; return this; }

        /** @param e the error @return this */
        public Builder error(Throwable e) { this.error = e; return this; }

        /** @param c the connection @return this */
        public Builder connection(Object c) { this.connection = c; return this; }

        /** @return the event */
        public HookEvent build() { return new HookEvent(this); }
    }
}
