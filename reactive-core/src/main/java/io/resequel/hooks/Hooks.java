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
        return removeIf(type, e -> Objects.equals(e.name(), name));
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
