package io.resequel.hooks;

import io.resequel.tx.TransactionManager;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final Map<HookType, List<Entry>> byType = new EnumMap<>(HookType.class);
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
        byType.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(new Entry(name, hook));
        return this;
    }

    /** @param type when it fires @param hook the hook @return these hooks */
    public Hooks add(HookType type, Hook hook) {
        return add(type, null, hook);
    }

    /** @param type a hook type @param name the name it was added with @return whether one was removed */
    public synchronized boolean remove(HookType type, String name) {
        List<Entry> list = byType.get(type);
        return list != null && list.removeIf(e -> Objects.equals(e.name(), name));
    }

    /** @param type a hook type @param hook the hook added @return whether it was removed */
    public synchronized boolean remove(HookType type, Hook hook) {
        List<Entry> list = byType.get(type);
        return list != null && list.removeIf(e -> e.hook() == hook);
    }

    /** @param type a hook type @return whether a hook of that type is declared here or database-wide */
    public boolean has(HookType type) {
        List<Entry> list = byType.get(type);
        return list != null && !list.isEmpty() || global != null && global.has(type);
    }

    /** @return whether any hook is declared here */
    public boolean any() {
        return byType.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /** @return whether any hook is declared here or database-wide (else operations skip the hook steps) */
    public boolean active() {
        return any() || global != null && global.any();
    }

    /** Removes every hook declared here. */
    public synchronized void clear() {
        byType.clear();
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
