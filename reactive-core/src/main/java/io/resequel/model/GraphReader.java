package io.resequel.model;

import io.r2dbc.spi.Row;
import io.resequel.plan.IncludeNode;
import io.resequel.plan.JoinPlan;
import io.resequel.plan.SelectPlan;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the rows of a joined eager load into object graphs. A row is first copied out of the driver (a driver row is
 * only valid inside its callback); the rows of one root are then folded into the root, its to-one includes and its
 * lists of to-many includes, de-duplicated by each node's primary key.
 */
final class GraphReader {

    private final JoinPlan plan;
    private final Dialect dialect;
    private final DataType[] types;

    GraphReader(JoinPlan plan, Dialect dialect) {
        this.plan = plan;
        this.dialect = dialect;
        this.types = new DataType[plan.width()];
        layout(plan.root());
    }

    private void layout(IncludeNode node) {
        List<AttributeDefinition> columns = node.columns();
        for (int i = 0; i < columns.size(); i++) {
            types[node.offset() + i] = columns.get(i).type();
        }
        if (node.parent() == null) {
            List<SelectPlan.Extra> extras = plan.extras();
            for (int i = 0; i < extras.size(); i++) {
                types[node.offset() + columns.size() + i] = extras.get(i).type();
            }
        }
        for (int i = 0; i < node.throughColumns().size(); i++) {
            types[node.throughOffset() + i] = node.throughColumns().get(i).type();
        }
        for (IncludeNode c : node.joined()) {
            layout(c);
        }
    }

    /** @param row a driver row @return its values, read by index */
    Object[] read(Row row) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = dialect.read(row, i, types[i]);
        }
        return values;
    }

    /** @param row a row's values @return them by name: root attributes and aliases, then {@code path.attribute} */
    Map<String, Object> flat(Object[] row) {
        Map<String, Object> out = new LinkedHashMap<>();
        flat(plan.root(), row, out);
        return out;
    }

    private void flat(IncludeNode node, Object[] row, Map<String, Object> out) {
        String prefix = node.parent() == null ? "" : node.path() + ".";
        int at = node.offset();
        for (AttributeDefinition a : node.columns()) {
            out.put(prefix + a.name(), row[at++]);
        }
        if (node.parent() == null) {
            for (SelectPlan.Extra e : plan.extras()) {
                out.put(e.alias(), row[at++]);
            }
        }
        int j = node.throughOffset();
        for (AttributeDefinition a : node.throughColumns()) {
            out.put(prefix + node.through().name() + "." + a.name(), row[j++]);
        }
        for (IncludeNode c : node.joined()) {
            flat(c, row, out);
        }
    }

    /** @param row a row @return the root key that groups it, or {@code null} */
    Object rootKey(Object[] row) {
        return key(plan.root(), row);
    }

    /** @param rows every row of one root @return the root with its includes */
    @SuppressWarnings("unchecked")
    <T extends Instance> T root(List<Object[]> rows) {
        return (T) fold(plan.root(), rows);
    }

    /** @param rows rows in any order (ordered by a to-many column) @return the roots, in first-seen order */
    <T extends Instance> List<T> roots(List<Object[]> rows) {
        Map<Object, List<Object[]>> groups = new LinkedHashMap<>();
        int orphan = 0;
        for (Object[] r : rows) {
            Object k = rootKey(r);
            groups.computeIfAbsent(k != null ? k : new Object[] {orphan++}, x -> new ArrayList<>()).add(r);
        }
        List<T> out = new ArrayList<>(groups.size());
        for (List<Object[]> g : groups.values()) {
            out.add(root(g));
        }
        return out;
    }

    private Instance fold(IncludeNode node, List<Object[]> rows) {
        Object[] first = rows.get(0);
        Instance instance = build(node, first);
        for (IncludeNode child : node.joined()) {
            if (child.joined().isEmpty()) {
                leaf(instance, child, rows);
                continue;
            }
            Map<Object, List<Object[]>> groups = new LinkedHashMap<>();
            for (Object[] r : rows) {
                Object k = key(child, r);
                if (k != null) {
                    groups.computeIfAbsent(k, x -> new ArrayList<>(rows.size())).add(r);
                }
            }
            if (child.many()) {
                List<Instance> list = new ArrayList<>(groups.size());
                for (List<Object[]> g : groups.values()) {
                    list.add(fold(child, g));
                }
                instance.setIncluded(child.as(), list);
            } else {
                instance.setIncluded(child.as(), groups.isEmpty() ? null : fold(child, groups.values().iterator().next()));
            }
        }
        return instance;
    }

    /** A child without joined includes of its own needs only its first row per key: no per-child row lists. */
    private void leaf(Instance parent, IncludeNode child, List<Object[]> rows) {
        if (!child.many()) {
            for (Object[] r : rows) {
                if (key(child, r) != null) {
                    parent.setIncluded(child.as(), build(child, r));
                    return;
                }
            }
            parent.setIncluded(child.as(), null);
            return;
        }
        List<Instance> list = new ArrayList<>();
        if (rows.size() == 1) {
            if (key(child, rows.get(0)) != null) {
                list.add(build(child, rows.get(0)));
            }
        } else {
            Map<Object, Object[]> first = new LinkedHashMap<>();
            for (Object[] r : rows) {
                Object k = key(child, r);
                if (k != null) {
                    first.putIfAbsent(k, r);
                }
            }
            for (Object[] r : first.values()) {
                list.add(build(child, r));
            }
        }
        parent.setIncluded(child.as(), list);
    }

    private Instance build(IncludeNode node, Object[] row) {
        Instance instance = node.model().newInstance();
        List<AttributeDefinition> columns = node.columns();
        int at = node.offset();
        for (AttributeDefinition a : columns) {
            instance.putLoaded(a.name(), row[at++]);
        }
        if (node.parent() == null) {
            for (SelectPlan.Extra e : plan.extras()) {
                instance.putExtra(e.alias(), row[at++]);
            }
        }
        instance.markSaved();
        if (!node.throughColumns().isEmpty()) {
            Instance junction = node.through().newInstance();
            int j = node.throughOffset();
            for (AttributeDefinition a : node.throughColumns()) {
                junction.putLoaded(a.name(), row[j++]);
            }
            junction.markSaved();
            instance.setIncluded(node.through().name(), junction);
        }
        return instance;
    }

    /** The node's primary key in a row (keys come first): a value, a list for composite keys, {@code null} on a miss. */
    private static Object key(IncludeNode node, Object[] row) {
        int n = node.keys().size();
        if (n == 1) {
            return row[node.offset()];
        }
        List<Object> composite = new ArrayList<>(n);
        boolean any = false;
        for (int k = 0; k < n; k++) {
            Object v = row[node.offset() + k];
            any |= v != null;
            composite.add(v);
        }
        return any ? composite : null;
    }

    /** A copy of a loaded instance (a belongsToMany target shared by several parents gets one per parent). */
    static Instance copy(Instance source) {
        Instance c = source.model().newInstance();
        c.values().putAll(source.values());
        c.markSaved();
        return c;
    }
}
