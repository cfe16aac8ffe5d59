package io.resequel.hooks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operator hooks of one {@link Hooks}, by type, in registration order. Copy-on-write as the other hooks: every
 * call of an operation reads them, they change rarely.
 */
final class Operators {

    /** A named operator. */
    private record Entry(String name, HookOperator operator) {
    }

    private volatile Map<HookType, List<Entry>> byType = new EnumMap<>(HookType.class);

    synchronized void add(HookType type, String name, HookOperator operator) {
        Map<HookType, List<Entry>> next = new EnumMap<>(HookType.class);
        next.putAll(byType);
        List<Entry> list = new ArrayList<>(next.getOrDefault(type, List.of()));
        list.add(new Entry(name, Objects.requireNonNull(operator, "operator")));
        next.put(type, List.copyOf(list));
        byType = next;
    }

    synchronized boolean remove(HookType type, String name) {
        return removeIf(type, e -> Objects.equals(e.name(), name));
    }

    synchronized boolean remove(HookType type, HookOperator operator) {
        return removeIf(type, e -> e.operator() == operator);
    }

    private boolean removeIf(HookType type, java.util.function.Predicate<Entry> which) {
        List<Entry> list = byType.get(type);
        if (list == null || list.stream().noneMatch(which)) {
            return false;
        }
        Map<HookType, List<Entry>> next = new EnumMap<>(HookType.class);
        next.putAll(byType);
        next.put(type, list.stream().filter(which.negate()).toList());
        byType = next;
        return true;
    }

    synchronized void clear() {
        byType = new EnumMap<>(HookType.class);
    }

    boolean any() {
        return !byType.isEmpty() && byType.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /** Adds the operators of {@code type} to {@code out}, first registered first. */
    void collect(HookType type, List<HookOperator> out) {
        for (Entry e : byType.getOrDefault(type, List.of())) {
            out.add(e.operator());
        }
    }
}
