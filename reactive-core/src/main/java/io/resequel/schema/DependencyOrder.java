package io.resequel.schema;

import io.resequel.model.AttributeDefinition;
import io.resequel.model.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders models so every table comes after the tables its foreign keys reference. */
final class DependencyOrder {

    private DependencyOrder() {
    }

    static List<Model<?>> of(List<Model<?>> models) {
        Map<String, Model<?>> byTable = new HashMap<>();
        for (Model<?> m : models) {
            byTable.put(m.tableName(), m);
        }
        List<Model<?>> out = new ArrayList<>();
        Set<Model<?>> done = new LinkedHashSet<>();
        for (Model<?> m : models) {
            visit(m, byTable, done, new LinkedHashSet<>(), out);
        }
        return out;
    }

    private static void visit(Model<?> m, Map<String, Model<?>> byTable, Set<Model<?>> done,
            LinkedHashSet<Model<?>> path, List<Model<?>> out) {
        if (done.contains(m)) {
            return;
        }
        if (!path.add(m)) {
            StringBuilder chain = new StringBuilder();
            for (Model<?> p : path) {
                chain.append(p.tableName()).append(" -> ");
            }
            throw new CyclicDependencyException("RSQ-701 Cyclic dependency found. " + m.tableName()
                    + " is dependent of itself. Dependency chain: " + chain + m.tableName()
                    + ". Put constraints(false) on one of the associations to break the cycle");
        }
        for (AttributeDefinition a : m.definition().attributes()) {
            if (a.references() != null) {
                Model<?> target = byTable.get(a.references().table());
                if (target != null && target != m) {
                    visit(target, byTable, done, path, out);
                }
            }
        }
        path.remove(m);
        done.add(m);
        out.add(m);
    }
}
