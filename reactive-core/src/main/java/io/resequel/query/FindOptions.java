package io.resequel.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import io.resequel.tx.Transaction;

/**
 * What a finder selects: {@code where}, {@code attributes}, {@code order}, {@code limit}, {@code offset}.
 * Immutable; build with {@link #builder()} or the {@code q -> q.where(...)} form of the finders.
 */
public final class FindOptions {

    /** No filter, all attributes, no order. */
    public static final FindOptions ALL = builder().build();

    private final Where where;
    private final List<String> attributes;
    private final List<Order> order;
    private final Integer limit;
    private final Integer offset;
    private final Transaction transaction;
    private final Lock lock;
    private final List<String> exclude;
    private final boolean distinct;
    private final List<Selection> extra;
    private final List<Object> group;
    private final Where having;
    private final Boolean rejectOnEmpty;
    private final java.util.function.Supplier<? extends RuntimeException> rejectError;
    private final Boolean useMaster;
    private final java.time.Duration timeout;
    private final boolean outsideTransaction;
    private final List<Include> includes;
    private final Boolean subQuery;
    private final Boolean paranoid;
    private final boolean hooks;

    private FindOptions(Builder b) {
        this.hooks = b.hooks;
        this.paranoid = b.paranoid;
        this.includes = List.copyOf(b.includes);
        this.subQuery = b.subQuery;
        this.rejectOnEmpty = b.rejectOnEmpty;
        this.rejectError = b.rejectError;
        this.extra = List.copyOf(b.extra);
        this.group = List.copyOf(b.group);
        this.having = b.having;
        this.exclude = List.copyOf(b.exclude);
        this.distinct = b.distinct;
        this.where = b.where;
        this.attributes = b.attributes == null ? null : List.copyOf(b.attributes);
        this.order = List.copyOf(b.order);
        this.limit = b.limit;
        this.offset = b.offset;
        this.transaction = b.transaction;
        this.lock = b.lock;
        this.useMaster = b.useMaster;
        this.timeout = b.timeout;
        this.outsideTransaction = b.outsideTransaction;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder mutate() {
        Builder b = new Builder();
        b.where = where;
        b.attributes = attributes == null ? null : new ArrayList<>(attributes);
        b.order.addAll(order);
        b.limit = limit;
        b.offset = offset;
        b.transaction = transaction;
        b.lock = lock;
        b.exclude.addAll(exclude);
        b.distinct = distinct;
        b.extra.addAll(extra);
        b.group.addAll(group);
        b.having = having;
        b.rejectOnEmpty = rejectOnEmpty;
        b.rejectError = rejectError;
        b.useMaster = useMaster;
        b.timeout = timeout;
        b.outsideTransaction = outsideTransaction;
        b.includes.addAll(includes);
        b.subQuery = subQuery;
        b.paranoid = paranoid;
        b.hooks = hooks;
        return b;
    }

    /** @return the filter, or {@code null} */
    public Where where() { return where; }

    /** @return the attributes to select, or {@code null} for all */
    public List<String> attributes() { return attributes; }

    /** @return the order terms */
    public List<Order> order() { return order; }

    /** @return the row limit, or {@code null} */
    public Integer limit() { return limit; }

    /** @return rows to skip, or {@code null} */
    public Integer offset() { return offset; }

    /** @return the transaction to run in, given explicitly (wins over the one in the Reactor Context), or {@code null} */
    public Transaction transaction() { return transaction; }

    /** @return the row lock, or {@code null} */
    public Lock lock() { return lock; }
    /** @return attributes left out of the select list (Sequelize's {@code attributes: {exclude}}) */
    public List<String> exclude() { return exclude; }

    /** @return whether the SELECT is {@code DISTINCT} */
    public boolean distinct() { return distinct; }

    /** @return aliased attributes and computed expressions selected after the attributes */
    public List<Selection> extra() { return extra; }

    /** @return GROUP BY terms: attribute names or {@link Expr}s */
    public List<Object> group() { return group; }

    /** @return the HAVING filter, or {@code null}; its names may be attributes or select-list aliases */
    public Where having() { return having; }

    /** @return whether finding nothing is an {@link io.resequel.error.EmptyResultException} */
    public boolean rejectOnEmpty() { return Boolean.TRUE.equals(rejectOnEmpty); }

    /** @return whether the query said to reject on empty ({@code null}: it did not say; the model's option holds) */
    public Boolean rejectOnEmptySetting() { return rejectOnEmpty; }

    /** @return the error to signal when nothing is found, or {@code null} for {@link io.resequel.error.EmptyResultException} */
    public java.util.function.Supplier<? extends RuntimeException> rejectError() { return rejectError; }

    /** @return whether the query reads from the writer even when read replicas are configured */
    public boolean useMaster() { return Boolean.TRUE.equals(useMaster); }

    /** @return the statements' timeout, or {@code null} for the database default */
    public java.time.Duration timeout() { return timeout; }

    /** @return whether the query runs outside any transaction, even one in the Reactor Context */
    public boolean outsideTransaction() { return outsideTransaction; }

    /** @return the eager-loaded associations */
    public List<Include> includes() { return includes; }

    /**
     * @return whether a limited query with a to-many include selects the roots in a limited sub-query (the default,
     *         as Sequelize's {@code subQuery}); {@code false} applies LIMIT to the joined rows
     */
    public boolean subQuery() { return subQuery == null || subQuery; }

    /** @return whether soft-deleted rows of a paranoid model are left out (the default) */
    public boolean paranoid() { return paranoid == null || paranoid; }

    /** @return whether find hooks run (the default) */
    public boolean hooks() { return hooks; }

    /** @return the explicit paranoid flag, or {@code null} when not set (for merging into includes) */
    Boolean paranoidSetting() { return paranoid; }

    /**
     * Merges options on top of these, as Sequelize merges scopes (these are the earlier scope, {@code source} the
     * later scope or the finder's options): {@code where} and {@code having} per attribute (a condition on an
     * attribute of {@code source} replaces the conditions on that attribute here, other conditions of both are
     * kept), attribute lists, excluded attributes, computed attributes and groups unioned, order terms and includes
     * concatenated (includes of the same association are merged when the query resolves them), and the scalars
     * {@code source} sets (limit, offset, lock, paranoid, subQuery, transaction, ...) overwritten.
     *
     * @param source the options that win
     * @return the merged options
     */
    public FindOptions merge(FindOptions source) {
        return merge(source, WhereMergeStrategy.OVERWRITE);
    }

    /**
     * {@link #merge(FindOptions)} with the model's {@code whereMergeStrategy}: with {@link WhereMergeStrategy#AND}
     * the {@code where} and {@code having} of both sides are combined with AND instead of per attribute.
     *
     * @param source   the options that win
     * @param strategy how the filters combine
     * @return the merged options
     */
    public FindOptions merge(FindOptions source, WhereMergeStrategy strategy) {
        Objects.requireNonNull(source, "source");
        Builder b = mutate();
        b.where = WhereMerge.merge(strategy, where, source.where);
        b.having = WhereMerge.merge(strategy, having, source.having);
        b.attributes = attributes == null ? (source.attributes == null ? null : new ArrayList<>(source.attributes))
                : source.attributes == null ? b.attributes : union(attributes, source.attributes);
        replace(b.exclude, union(exclude, source.exclude));
        replace(b.extra, union(extra, source.extra));
        replace(b.group, union(group, source.group));
        b.order.addAll(source.order);
        b.includes.addAll(source.includes);
        b.limit = source.limit != null ? source.limit : limit;
        b.offset = source.offset != null ? source.offset : offset;
        b.lock = source.lock != null ? source.lock : lock;
        b.transaction = source.transaction != null ? source.transaction : transaction;
        b.paranoid = source.paranoid != null ? source.paranoid : paranoid;
        b.subQuery = source.subQuery != null ? source.subQuery : subQuery;
        b.useMaster = source.useMaster != null ? source.useMaster : useMaster;
        b.timeout = source.timeout != null ? source.timeout : timeout;
        b.distinct = distinct || source.distinct;
        b.rejectOnEmpty = source.rejectOnEmpty != null ? source.rejectOnEmpty : rejectOnEmpty;
        b.rejectError = source.rejectError != null ? source.rejectError : rejectError;
        b.outsideTransaction = outsideTransaction || source.outsideTransaction;
        b.hooks = hooks && source.hooks;
        return b.build();
    }

    /** @return both lists' elements, in order, without duplicates (lodash's {@code union}) */
    static <E> List<E> union(List<E> first, List<E> second) {
        List<E> out = new ArrayList<>(first);
        for (E e : second) {
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static <E> void replace(List<E> target, List<E> elements) {
        target.clear();
        target.addAll(elements);
    }

    /** Builder of {@link FindOptions}. */
    public static final class Builder {
        private Where where;
        private List<String> attributes;
        private final List<Order> order = new ArrayList<>();
        private Integer limit;
        private Integer offset;
        private Transaction transaction;
        private Lock lock;
        private final List<String> exclude = new ArrayList<>();
        private boolean distinct;
        private final List<Selection> extra = new ArrayList<>();
        private final List<Object> group = new ArrayList<>();
        private Where having;
        private Boolean rejectOnEmpty;
        private java.util.function.Supplier<? extends RuntimeException> rejectError;
        private Boolean useMaster;
        private java.time.Duration timeout;
        private boolean outsideTransaction;
        private final List<Include> includes = new ArrayList<>();
        private Boolean subQuery;
        private Boolean paranoid;
        private boolean hooks = true;

        private Builder() {
        }

        /** @param hooks {@code false}: skip the find hooks (Sequelize's {@code hooks: false}) @return this */
        public Builder hooks(boolean hooks) {
            this.hooks = hooks;
            return this;
        }

        /** @return the where set so far, or {@code null} (for hooks that inspect the options) */
        public Where currentWhere() {
            return where;
        }

        /** @param replacement the whole where, replacing the one set so far ({@code null} for none) @return this */
        public Builder replaceWhere(Where replacement) {
            this.where = replacement;
            return this;
        }

        /** @param paranoid {@code false}: include soft-deleted rows of a paranoid model @return this */
        public Builder paranoid(boolean paranoid) {
            this.paranoid = paranoid;
            return this;
        }

        /** @param include eager-loaded associations, appended @return this */
        public Builder include(Include... include) {
            includes.addAll(Arrays.asList(include));
            return this;
        }

        /** @param targets models or associations to eager-load with default options @return this */
        public Builder include(IncludeTarget... targets) {
            for (IncludeTarget t : targets) {
                includes.add(Include.of(t));
            }
            return this;
        }

        /** @param alias an association alias to eager-load ({@code include: 'tasks'}) @return this */
        public Builder include(String alias) {
            includes.add(Include.of(alias));
            return this;
        }

        /**
         * @param subQuery {@code false}: with a limit and a to-many include, LIMIT applies to the joined rows
         *                 instead of the roots (Sequelize's {@code subQuery: false})
         * @return this
         */
        public Builder subQuery(boolean subQuery) {
            this.subQuery = subQuery;
            return this;
        }

        /** @param where the filter; a second call adds with AND @return this */
        public Builder where(Where where) {
            Objects.requireNonNull(where, "where");
            this.where = this.where == null ? where : this.where.and(where);
            return this;
        }

        /** @param attribute name @param value value @return this, filtered by {@code attribute = value} */
        public Builder where(String attribute, Object value) {
            return where(Where.eq(attribute, value));
        }

        /** @param attribute name @param op operator @param value operand @return this */
        public Builder where(String attribute, Op op, Object value) {
            return where(Where.where(attribute, op, value));
        }

        /** @param names the attributes to select @return this */
        public Builder attributes(String... names) {
            this.attributes = Arrays.asList(names);
            return this;
        }

        /** @param names the attributes to select @return this */
        public Builder attributes(List<String> names) {
            this.attributes = new ArrayList<>(names);
            return this;
        }

        /** @param names attributes to leave out of the select list @return this */
        public Builder exclude(String... names) {
            exclude.addAll(Arrays.asList(names));
            return this;
        }

        /**
         * Selects an attribute under another name ({@code attributes: [['a', 'b']]}).
         *
         * @param attribute the attribute
         * @param alias     the name to read it under
         * @return this
         */
        public Builder attribute(String attribute, String alias) {
            extra.add(new Selection(attribute, alias));
            return this;
        }

        /**
         * Selects a computed expression ({@code [fn('COUNT', col('id')), 'n']}), after the attributes (all of them
         * unless {@link #attributes} narrowed them, like Sequelize's {@code attributes: {include}}).
         *
         * @param expression the expression
         * @param alias      the name to read it under
         * @return this
         */
        public Builder attribute(Expr expression, String alias) {
            extra.add(new Selection(expression, alias));
            return this;
        }

        /** @param terms attribute names or {@link Expr}s @return this, grouped by them */
        public Builder group(Object... terms) {
            for (Object term : terms) {
                if (!(term instanceof String) && !(term instanceof Expr)) {
                    throw new IllegalArgumentException("group takes attribute names or Expr, got " + term);
                }
                group.add(term);
            }
            return this;
        }

        /** @param having a filter on groups; a second call adds with AND @return this */
        public Builder having(Where having) {
            Objects.requireNonNull(having, "having");
            this.having = this.having == null ? having : this.having.and(having);
            return this;
        }

        /** @return this, failing with {@link io.resequel.error.EmptyResultException} when nothing is found */
        public Builder rejectOnEmpty() {
            this.rejectOnEmpty = true;
            return this;
        }

        /**
         * @param reject whether to fail when nothing is found; {@code false} overrides the model's
         *               {@code rejectOnEmpty} option for this query
         * @return this
         */
        public Builder rejectOnEmpty(boolean reject) {
            this.rejectOnEmpty = reject;
            return this;
        }

        /**
         * Sequelize's {@code rejectOnEmpty: new MyError()}: fails with this error instead of
         * {@link io.resequel.error.EmptyResultException} when nothing is found.
         *
         * @param error makes the error, once per empty result
         * @return this
         */
        public Builder rejectOnEmpty(java.util.function.Supplier<? extends RuntimeException> error) {
            this.rejectOnEmpty = true;
            this.rejectError = Objects.requireNonNull(error, "error");
            return this;
        }

        /** @return this, selecting {@code DISTINCT} rows */
        public Builder distinct() {
            this.distinct = true;
            return this;
        }

        /** @param terms ORDER BY terms, appended @return this */
        public Builder order(Order... terms) {
            order.addAll(Arrays.asList(terms));
            return this;
        }

        /** @param limit most rows @return this */
        public Builder limit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative, was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /** @param offset rows to skip @return this */
        public Builder offset(int offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative, was " + offset);
            }
            this.offset = offset;
            return this;
        }

        /**
         * @param transaction run in this transaction (e.g. an unmanaged one from {@code db.startTransaction()}); wins
         *                    over the transaction in the Reactor Context
         * @return this
         */
        public Builder transaction(Transaction transaction) {
            this.transaction = Objects.requireNonNull(transaction, "transaction");
            return this;
        }

        /**
         * @param lock a row lock such as {@link Lock#UPDATE} or {@code Lock.SHARE.skipLocked()}; needs a transaction
         * @return this
         */
        public Builder lock(Lock lock) {
            this.lock = Objects.requireNonNull(lock, "lock");
            return this;
        }

        /** @param useMaster read from the writer, not a read replica (Sequelize's {@code useMaster}) @return this */
        public Builder useMaster(boolean useMaster) {
            this.useMaster = useMaster;
            return this;
        }

        /**
         * @param timeout a positive statement timeout: each statement this find runs is stopped on the server after it, failing
         *                with {@link io.resequel.error.QueryTimeoutException} (default: {@code ResequelOptions.queryTimeout})
         * @return this
         */
        public Builder timeout(java.time.Duration timeout) {
            this.timeout = io.resequel.exec.QueryTimeouts.checked(timeout);
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
        public FindOptions build() {
            return new FindOptions(this);
        }
    }
}
