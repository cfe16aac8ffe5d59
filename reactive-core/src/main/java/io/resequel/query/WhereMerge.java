package io.resequel.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sequelize's default {@code whereMergeStrategy: 'overwrite'} for scopes: both filters are split into their top-level
 * AND items; an item on an attribute of the later filter replaces the earlier filter's items on the same attribute
 * (in their place), and every other item of either side is kept. Items that name no single attribute ({@code or},
 * {@code not}, expression conditions) are never dropped.
 */
final class WhereMerge {

    private WhereMerge() {
    }

    /** @param earlier the filter merged into, or {@code null} @param later the filter that wins, or {@code null} */
    static Where overwrite(Where earlier, Where later) {
        if (earlier == null) {
            return later;
        }
        if (later == null) {
            return earlier;
        }
        List<Where> before = new ArrayList<>();
        flatten(earlier, before);
        List<Where> after = new ArrayList<>();
        flatten(later, after);
        Map<String, List<Where>> replacing = new LinkedHashMap<>();
        for (Where w : after) {
            String key = key(w);
            if (key != null) {
                replacing.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
            }
        }
        List<Where> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Where w : before) {
            String key = key(w);
            if (key == null || !replacing.containsKey(key)) {
                out.add(w);
            } else if (placed.add(key)) {
                out.addAll(replacing.get(key));
            }
        }
        for (Where w : after) {
            String key = key(w);
            if (key == null || !placed.contains(key)) {
                out.add(w);
            }
        }
        return out.size() == 1 ? out.get(0) : new Where.And(out);
    }

    /** @param earlier a filter, or {@code null} @param later a filter, or {@code null} @return both, ANDed */
    static Where and(Where earlier, Where later) {
        if (earlier == null || later == null) {
            return earlier == null ? later : earlier;
        }
        List<Where> out = new ArrayList<>();
        flatten(earlier, out);
        flatten(later, out);
        return new Where.And(out);
    }

    /** @return the merged filter, by the strategy */
    static Where merge(WhereMergeStrategy strategy, Where earlier, Where later) {
        return strategy == WhereMergeStrategy.AND ? and(earlier, later) : overwrite(earlier, later);
    }

    private static void flatten(Where w, List<Where> out) {
        if (w instanceof Where.And a) {
            a.items().forEach(item -> flatten(item, out));
        } else {
            out.add(w);
        }
    }

    private static String key(Where w) {
        return w instanceof Where.Condition c ? c.attribute() : null;
    }
}
