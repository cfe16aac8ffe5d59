package io.resequel.model;

import io.resequel.error.LockWithoutTransactionException;
import io.resequel.error.EmptyResultException;
import io.resequel.error.ResequelException;
import io.resequel.exec.Engine;
import io.resequel.exec.LookupCoalescing;
import io.resequel.hooks.HookType;
import io.resequel.tx.ReadRouting;
import reactor.util.context.Context;
import io.resequel.exec.QueryTimeouts;
import io.resequel.exec.Transactions;
import io.resequel.plan.SelectPlan;
import io.resequel.query.FindOptions;
import io.resequel.query.Page;
import io.resequel.query.Where;
import io.resequel.sql.Bind;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import io.resequel.validation.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The read operations of a model. */
final class Finder<T extends Instance> {

    private final Model<T> model;
    private final Engine engine;
    private volatile PkQuery byPk;
    /** Coalesces plain findByPk lookups, or null (off, or a key that does not qualify); made on first use. */
    private volatile Object batcher;
    private static final Object NO_BATCHER = new Object();
    private final EagerLoader<T> eager;

    Finder(Model<T> model, Engine engine) {
        this.model = model;
        this.engine = engine;
        this.eager = new EagerLoader<>(model, engine);
    }

    /** After the definition changed (an association added a key): the cached findByPk text is stale. */
    void forgetCachedPlans() {
        byPk = null;
        batcher = null;
    }

    @SuppressWarnings("unchecked")
    private PkBatcher<T> batcher() {
        Object b = batcher;
        if (b == null) {
            PkBatcher<T> made = PkBatcher.of(model, engine);
            batcher = b = made != null ? made : NO_BATCHER;
        }
        return b == NO_BATCHER ? null : (PkBatcher<T>) b;
    }

    Flux<T> findAll(FindOptions given) {
        if (given.hooks() && model.hooks().active()) {
            // beforeFind hooks may change the options: they run first, on a mutable copy.
            FindOptions.Builder b = given.mutate();
            return model.fire(HookType.BEFORE_FIND, e -> e.find(b))
                    .then(model.fire(HookType.BEFORE_FIND_AFTER_EXPAND_INCLUDE_ALL, e -> e.find(b)))
                    .then(Mono.fromCallable(() -> Paranoid.options(model.definition(), b.build()).mutate()))
                    .flatMap(after -> model.fire(HookType.BEFORE_FIND_AFTER_OPTIONS, e -> e.find(after))
                            .thenReturn(after))
                    .flatMapMany(after -> findAll(after.hooks(false).build()))
                    .concatMap(found -> model.fire(HookType.AFTER_FIND, e -> e.instance(found)).thenReturn(found));
        }
        return engine.transactions().current().flatMapMany(tx -> {
            FindOptions options = Paranoid.options(model.definition(), withVirtualDependencies(given));
            if (options.lock() != null && tx.isEmpty()) {
                return Flux.error(new LockWithoutTransactionException(model.name(), options.lock()));
            }
            if (!options.includes().isEmpty()) {
                List<io.resequel.query.Include> includes = options.includes();
                return eager.find(options, tx).doOnNext(found -> found.loadedWith(includes));
            }
            SelectPlan plan = engine.planner().select(model.definition(), options);
            return engine.executor().read(plan.sql(),
                    new InstanceReader<>(model, engine.planner().dialect(), plan));
        }).contextWrite(ctx -> context(ctx, given));
    }

    /**
     * A VIRTUAL attribute in {@code attributes(...)} is replaced by the attributes it depends on (Sequelize's
     * {@code VIRTUAL(type, deps)}); it selects nothing itself.
     */
    private FindOptions withVirtualDependencies(FindOptions options) {
        ModelDefinition def = model.definition();
        if (options.attributes() == null || def.virtuals().isEmpty()
                || options.attributes().stream().noneMatch(def.virtuals()::containsKey)) {
            return options;
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String a : options.attributes()) {
            if (def.virtuals().containsKey(a)) {
                names.addAll(def.dependenciesOf(a));
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            def.primaryKeys().forEach(pk -> names.add(pk.name()));
        }
        return options.mutate().attributes(List.copyOf(names)).build();
    }

    Mono<Long> countIncluded(FindOptions options) {
        return eager.count(options).contextWrite(ctx -> context(ctx, options));
    }

    Flux<T> findAllChecked(FindOptions options) {
        Flux<T> rows = findAll(options);
        return rejects(options) ? rows.switchIfEmpty(Mono.error(() -> empty(options))) : rows;
    }

    SelectPlan plan(FindOptions options) {
        return engine.planner().select(model.definition(), options);
    }

    /** The statement a find would send: with includes, the eager-loading join. */
    io.resequel.sql.Sql sql(FindOptions options) {
        if (!options.includes().isEmpty()) {
            return engine.planner().selectIncluded(io.resequel.plan.IncludeResolver.resolve(model, options), options)
                    .sql();
        }
        return plan(options).sql();
    }

    Mono<T> findOne(FindOptions options) {
        // LIMIT 1 leaves at most one row, so waiting for completion costs nothing and avoids cancelling the result.
        // As Sequelize, no LIMIT when the where pins the key or a single-column unique attribute to a value: at most
        // one row matches, and a to-many include then needs no sub-query.
        FindOptions limited = options.limit() == null && uniqueLookup(options.where()) ? options
                : options.mutate().limit(1).build();
        Mono<T> one = findAll(limited).singleOrEmpty();
        return rejects(options) ? one.switchIfEmpty(Mono.error(() -> empty(options))) : one;
    }

    /** @return whether a top-level condition of the where is {@code key = value} or {@code unique = value} */
    private boolean uniqueLookup(Where where) {
        if (where == null) {
            return false;
        }
        if (where instanceof Where.And and) {
            return and.items().stream().anyMatch(this::uniqueLookup);
        }
        if (!(where instanceof Where.Condition c) || c.op() != io.resequel.query.Op.EQ || c.value() == null
                || c.value() instanceof io.resequel.query.Expr || c.value() instanceof io.resequel.query.Quantified
                || c.value() instanceof java.util.Collection<?>) {
            return false;
        }
        ModelDefinition d = model.definition();
        if (!d.hasAttribute(c.attribute())) {
            return false;
        }
        AttributeDefinition a = d.attribute(c.attribute());
        if (a.primaryKey()) {
            return d.primaryKeys().size() == 1;
        }
        return a.unique() != null && (a.unique().isEmpty() || d.attributes().stream()
                .filter(other -> a.unique().equals(other.unique())).count() == 1);
    }

    /** Rows as maps of attribute (or alias) → value, without building instances' state. */
    Flux<Map<String, Object>> findAllRaw(FindOptions given) {
        FindOptions options = Paranoid.options(model.definition(), given);
        if (!options.includes().isEmpty()) {
            return eager.raw(options).contextWrite(ctx -> context(ctx, options));
        }
        return Flux.defer(() -> {
            SelectPlan plan = engine.planner().select(model.definition(), options);
            Dialect dialect = engine.planner().dialect();
            return engine.executor().read(plan.sql(), row -> {
                Map<String, Object> m = new LinkedHashMap<>();
                int i = 0;
                for (AttributeDefinition a : plan.columns()) {
                    m.put(a.name(), dialect.readValue(row, i++, a.type()));
                }
                for (SelectPlan.Extra e : plan.extras()) {
                    m.put(e.alias(), dialect.readValue(row, i++, e.type()));
                }
                return m;
            });
        }).contextWrite(ctx -> context(ctx, options));
    }

    Mono<Page<T>> findAndCountAll(FindOptions options) {
        FindOptions.Builder counting = FindOptions.builder();
        if (options.where() != null) {
            counting.where(options.where());
        }
        if (options.distinct()) {
            counting.distinct();
        }
        counting.paranoid(options.paranoid());
        if (!options.hooks()) {
            counting.hooks(false); // hooks(false) skips the count's beforeCount too
        }
        if (options.transaction() != null) {
            counting.transaction(options.transaction()); // the count sees what the rows see
        }
        // With includes, count the distinct roots the joins leave (required includes filter, optional ones don't).
        counting.include(options.includes().toArray(io.resequel.query.Include[]::new));
        Mono<Long> count = new Aggregates(model, engine).count(counting.build());
        Flux<T> rows = findAll(options);
        if (options.hooks()) {
            // Sequelize's findAndCountAll is a count and a findAll, each with its hooks: so are its operators.
            count = model.hooks().wrap(HookType.COUNT, count);
            rows = model.hooks().wrap(HookType.FIND, rows);
        }
        return Mono.zip(count, rows.collectList())
                .map(t -> new Page<>(t.getT1(), t.getT1() == 0 ? List.of() : t.getT2()));
    }

    /** The query's own {@code rejectOnEmpty}, else the model's option. */
    private boolean rejects(FindOptions options) {
        Boolean asked = options.rejectOnEmptySetting();
        return asked != null ? asked : model.definition().rejectOnEmpty();
    }

    private RuntimeException empty(FindOptions options) {
        if (options.rejectError() != null) {
            return options.rejectError().get();
        }
        if (options.rejectOnEmptySetting() == null && model.definition().rejectError() != null) {
            return model.definition().rejectError().get();
        }
        return new EmptyResultException("RSQ-601 " + model.name() + ": no row matches "
                + (options.where() == null ? "(no filter)" : options.where()) + " and rejectOnEmpty is set");
    }

    Mono<T> findByPk(Object key) {
        return Mono.defer(() -> {
            if ((model.hooks().active() || model.definition().rejectOnEmpty()) && key != null && model.definition().primaryKeys().size() == 1) {
                return findOne(FindOptions.builder().where(Where.eq(model.definition().primaryKeys().get(0).name(),
                        key)).build());
            }
            List<AttributeDefinition> pks = model.definition().primaryKeys();
            if (pks.size() != 1) {
                return Mono.error(new ResequelException("RSQ-602 " + model.name()
                        + " has " + (pks.isEmpty() ? "no primary key" : "a composite primary key")
                        + "; use findOne with a where on its key attributes"));
            }
            if (key == null) {
                return Mono.empty();
            }
            AttributeDefinition pk = pks.get(0);
            Object value = Values.coerce(model.name(), pk, key);
            // The hottest finder: its statement text and row reader are built once and reused with new binds.
            PkQuery cached = byPk;
            if (cached == null) {
                SelectPlan plan = engine.planner().select(model.definition(), FindOptions.builder()
                        .where(Paranoid.where(model.definition(), Where.eq(pk.name(), value))).build());
                cached = new PkQuery(plan, new InstanceReader<>(model, engine.planner().dialect(), plan.columns()));
                byPk = cached;
            }
            List<Bind> binds = new ArrayList<>(cached.plan.sql().binds());
            binds.set(0, new Bind(value, pk.type()));
            // A primary key matches at most one row: no LIMIT, and no cancel of the result after it.
            Mono<T> alone = engine.executor().read(new Sql(cached.plan.sql().text(), binds), cached.reader)
                    .singleOrEmpty();
            PkBatcher<T> coalesced = batcher();
            if (coalesced == null) {
                return alone;
            }
            // Only a lookup whose query nothing in its context shapes, outside any transaction, shares a query.
            return Mono.deferContextual(ctx -> !LookupCoalescing.plain(ctx) ? alone
                    : engine.transactions().current().flatMap(tx -> tx.isPresent() ? alone
                            : coalesced.find(value, ctx)));
        });
    }

    /** The cached statement and reader of {@code findByPk}. */
    private final class PkQuery {
        final SelectPlan plan;
        final InstanceReader<T> reader;

        PkQuery(SelectPlan plan, InstanceReader<T> reader) {
            this.plan = plan;
            this.reader = reader;
        }
    }

    /** The context a read runs with: replica routing, then the explicit or opted-out transaction. */
    private static Context context(Context ctx, FindOptions options) {
        return QueryTimeouts.with(Transactions.explicit(options.useMaster() ? ReadRouting.useMaster(ctx) : ctx,
                options.transaction(), options.outsideTransaction()), options.timeout());
    }
}