package io.resequel.hooks;

import io.resequel.tx.TransactionManager;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The hooks of a model (local) or of a database (permanent: they run for every model, after its local hooks, as
 * Sequelize's {@code sequelize.addHook}). Hooks of one type run one after the other, in the order they were added.
 */
public final class Hooks {

    /** A named hook. */
    private record Entry(String name, Hook hook) {
    }

    /**
     * Copy-on-write: every operation reads it (most often to learn there is nothing to run), hooks are added rarely,
     * so readers see an immutable snapshot without locking.
     */
    private volatile Map<HookType, List<Entry>> byType = new EnumMap<>(HookType.class);
    private volatile int count;
    private final Hooks global;
    private final Operators operators = new Operators();
    private final TransactionManager transactions;

    /**
     * @param global       the database-wide hooks that run after these, or {@code null} for the database's own
     * @param transactions finds the transaction an event runs in
     */
    public Hooks(Hooks global, TransactionManager transactions) {
        this.global = global;
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * @param type when it fires
     * @param name a name to remove it by ({@code null} for an anonymous hook)
     * @param hook the hook
     * @return these hooks
     */
    public synchronized Hooks add(HookType type, String name, Hook hook) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hook, "hook");
        Map<HookType, List<Entry>> next = new EnumMap<>(HookType.class);
        next.putAll(byType);
        List<Entry> list = new ArrayList<>(next.getOrDefault(type, List.of()));
        list.add(new Entry(name, hook));
        next.put(type, List.copyOf(list));
        publish(next);
        return this;
    }

    private void publish(Map<HookType, List<Entry>> next) {
        int n = 0;
        for (List<Entry> l : next.values()) {
            n += l.size();
        }
        byType = next;
        count = n;
    }

    private synchronized boolean removeIf(HookType type, java.util.function.Predicate<Entry> which) {
        List<Entry> list = byType.get(type);
        if (list == null || list.stream().noneMatch(which)) {
            return false;
        }
        Map<HookType, List<Entry>> next = new EnumMap<>(HookType.class);
        next.putAll(byType);
        next.put(type, list.stream().filter(which.negate()).toList());
        publish(next);
        return true;
    }

    /** @param type when it fires @param hook the hook @return these hooks */
    public Hooks add(HookType type, Hook hook) {
        return add(type, null, hook);
    }

    /** @param type a hook type @param name the name it was added with @return whether one was removed */
    public boolean remove(HookType type, String name) {
        return removeIf(type, e -> Objects.equals(e.name(), name)) | operators.remove(type, name);
    }

    /** @param type a hook type @param hook the hook added @return whether it was removed */
    public boolean remove(HookType type, Hook hook) {
        return removeIf(type, e -> e.hook() == hook);
    }

    /** @param type a hook type @return whether a hook of that type is declared here or database-wide */
    public boolean has(HookType type) {
        List<Entry> list = byType.get(type);
        return list != null && !list.isEmpty() || global != null && global.has(type);
    }

    /** @return whether any hook is declared here */
    public boolean any() {
        return count > 0;
    }

    /** @return whether any hook is declared here or database-wide (else operations skip the hook steps) */
    public boolean active() {
        return any() || global != null && global.any();
    }

    /** Removes every hook declared here. */
    public synchronized void clear() {
        publish(new EnumMap<>(HookType.class));
        operators.clear();
    }

    /**
     * Runs the hooks of the event's type: these, then the database-wide ones, one after the other.
     *
     * @param event the event
     * @return completes after the last; the first error aborts
     */
    public Mono<Void> run(HookEvent event) {
        if (!has(event.type())) {
            return Mono.empty();
        }
        return transactions.current().flatMap(tx -> {
            event.transaction(tx.orElse(null));
            List<Entry> all = new ArrayList<>(byType.getOrDefault(event.type(), List.of()));
            if (global != null) {
                all.addAll(global.byType.getOrDefault(event.type(), List.of()));
            }
            return Flux.fromIterable(all).concatMap(e -> Flux.from(e.hook().apply(event)).then()).then();
        });
    }

    // Operator hooks: Reactor operators around every call of an operation.

    /**
     * Wraps every call of an operation in a Reactor operator, e.g.
     * {@code users.hooks().around(HookType.FIND, "timeout", rows -> rows.timeout(Duration.ofSeconds(2)))}.
     * Types: {@link HookType#FIND} (also reload, findOrBuild, the rows of findAndCountAll and the finds of
     * findOrCreate), {@link HookType#COUNT} (also the count of findAndCountAll), {@link HookType#SAVE},
     * {@link HookType#CREATE} (also the insert of findOrCreate), {@link HookType#UPDATE} (also instance increments),
     * {@link HookType#DESTROY}, {@link HookType#RESTORE}, {@link HookType#BULK_CREATE}, {@link HookType#BULK_UPDATE}
     * (also static increments), {@link HookType#BULK_DESTROY} (also truncate), {@link HookType#BULK_RESTORE},
     * {@link HookType#UPSERT}, {@link HookType#AGGREGATE}. An operation that runs in a transaction of its own (bulk
     * writes, upsert) is wrapped whole: its operators see its result after the COMMIT, and cutting it (a timeout, a
     * cancel) rolls it back. Order: the first registered is the outermost (it sees what
     * the later ones emit, and its subscription happens first); a model's operators wrap the database-wide ones,
     * as a model's hooks run before the database-wide ones. A save wraps SAVE operators around CREATE or UPDATE
     * ones. Skipped with {@code hooks(false)} / {@code withoutHooks()} where the operation takes that option.
     *
     * @param type     the operation
     * @param name     a name to remove it by ({@link #remove(HookType, String)}), or {@code null}
     * @param operator the operator, called once per call, at its subscription
     * @return these hooks
     */
    public Hooks around(HookType type, String name, HookOperator operator) {
        if (type.compareTo(HookType.FIND) < 0) {
            throw new IllegalArgumentException("RSQ-660 an operator hook wraps an operation (FIND, COUNT, SAVE, "
                    + "CREATE, UPDATE, DESTROY, RESTORE, BULK_CREATE, BULK_UPDATE, BULK_DESTROY, BULK_RESTORE, UPSERT "
                    + "or AGGREGATE), not the event " + type + " (use add for event hooks)");
        }
        operators.add(type, name, operator);
        return this;
    }

    /** @param type the operation @param operator the operator @return these hooks */
    public Hooks around(HookType type, HookOperator operator) {
        return around(type, null, operator);
    }

    /** @param type the operation @param operator the operator added @return whether it was removed */
    public boolean remove(HookType type, HookOperator operator) {
        return operators.remove(type, operator);
    }

    /**
     * The stream form of afterFind: an operator over the whole result stream of every find (filter, map,
     * {@code limitRate}...), registered as a {@link HookType#FIND} operator (same order and removal). Declare the
     * lambda's type to get typed rows: {@code hooks.afterFindStream("tenant", (Flux<User> rows) -> rows.filter(...))}.
     *
     * @param name     a name to remove it by, or {@code null}
     * @param operator the rows in, the rows the caller gets out
     * @param <T>      the model's instance type
     * @return these hooks
     */
    @SuppressWarnings("unchecked")
    public <T> Hooks afterFindStream(String name, java.util.function.Function<Flux<T>, Flux<T>> operator) {
        Objects.requireNonNull(operator, "operator");
        return around(HookType.FIND, name, rows -> (Flux<Object>) (Flux<?>) operator.apply((Flux<T>) (Flux<?>) rows));
    }

    /** @return whether an operator hook is declared here or database-wide */
    public boolean operating() {
        return operators.any() || global != null && global.operators.any();
    }

    /**
     * Applies the operator hooks of {@code type} to one call, at its subscription.
     *
     * @param type      the operation
     * @param operation the call
     * @param <R>       its element type
     * @return the call wrapped (the call itself when no operator is declared)
     */
    @SuppressWarnings("unchecked")
    public <R> Flux<R> wrap(HookType type, Flux<R> operation) {
        if (!operating()) {
            return operation;
        }
        return Flux.defer(() -> {
            List<HookOperator> all = new ArrayList<>();
            operators.collect(type, all);
            if (global != null) {
                global.operators.collect(type, all);
            }
            Flux<Object> wrapped = (Flux<Object>) (Flux<?>) operation;
            for (int i = all.size() - 1; i >= 0; i--) {
                wrapped = Objects.requireNonNull(all.get(i).apply(wrapped), "an operator hook returned null");
            }
            return (Flux<R>) (Flux<?>) wrapped;
        });
    }

    /**
     * {@link #wrap(HookType, Flux)} for an operation returning at most one value; waits for the wrapped stream to
     * complete rather than cancelling it after its value (a write commits on completion).
     *
     * @param type      the operation
     * @param operation the call
     * @param <R>       its value type
     * @return the call wrapped
     */
    public <R> Mono<R> wrap(HookType type, Mono<R> operation) {
        return operating() ? wrap(type, operation.flux()).singleOrEmpty() : operation;
    }

    /**
     * A save: the {@link HookType#SAVE} operators around the {@code CREATE} or {@code UPDATE} ones (chosen by the
     * caller, per call, as the instance is new or not).
     *
     * @param write     {@link HookType#CREATE} or {@link HookType#UPDATE}
     * @param operation the save
     * @param <R>       its value type
     * @return the save wrapped (the save itself when no operator is declared)
     */
    public <R> Mono<R> wrapSave(HookType write, Mono<R> operation) {
        return operating() ? wrap(HookType.SAVE, Mono.defer(() -> wrap(write, operation))) : operation;
    }

    // Sugar for the common instance hooks.

    /** @param name hook name @param hook the hook @return these hooks */
    public Hooks beforeCreate(String name, Hook hook) { return add(HookType.BEFORE_CREATE, name, hook); }

    /** @param name hook name @param hook the hook @return these hooks */
    public Hooks afterCreate(String name, Hook hook) { return add(HookType.AFTER_CREATE, name, hook); }

    /** @param name hook name @param hook the hook @return these hooks */
    public Hooks beforeSave(String name, Hook hook) { return add(HookType.BEFORE_SAVE, name, hook); }

    /** @param name hook name @param hook the hook @return these hooks */
    public Hooks afterSave(String name, Hook hook) { return add(HookType.AFTER_SAVE, name, hook); }

    /** @param name hook name @param hook the hook @return these hooks */
    public Hooks beforeUpdate(String name, Hook hook) { return add(HookType.BEFORE_UPDATE, name, hook); }

    /** @param name hook name @param hook the hook @return these hooks */
    public Hooks beforeDestroy(String name, Hook hook) { return add(HookType.BEFORE_DESTROY, name, hook); }

    /** @param name hook name @param hook the hook @return these hooks */
    public Hooks beforeFind(String name, Hook hook) { return add(HookType.BEFORE_FIND, name, hook); }
}
