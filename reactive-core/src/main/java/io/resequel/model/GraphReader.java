package io.resequel.model;

import io.r2dbc.spi.Row;
import io.resequel.plan.IncludeNode;
import io.resequel.plan.JoinPlan;
import io.resequel.plan.SelectPlan;
import io.resequel.query.Selection;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the rows of a joined eager load into object graphs. A row is first copied out of the driver (a driver row is
 * only valid inside its callback); the rows of one root are then folded into the root, its to-one includes and its
 * lists of to-many includes, de-duplicated by each node's primary key.
 */
final class GraphReader {

    private final JoinPlan plan;
    private final Dialect dialect;
    private final DataType[] types;
    private final Shape root;

    GraphReader(JoinPlan plan, Dialect dialect) {
        this.plan = plan;
        this.dialect = dialect;
        this.types = new DataType[plan.width()];
        layout(plan.root());
        this.root = new Shape(plan.root());
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
        } else {
            List<Selection> extras = node.extras();
            for (int i = 0; i < extras.size(); i++) {
                types[node.offset() + columns.size() + i] = extras.get(i).target() instanceof String n
                        ? node.definition().attribute(n).type() : null;
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
            values[i] = dialect.readValue(row, i, types[i]);
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
        } else {
            for (Selection e : node.extras()) {
                out.put(prefix + e.alias(), row[at++]);
            }
        }
        int j = node.throughOffset();
        for (AttributeDefinition a : node.throughColumns()) {
            out.put(prefix + node.throughName() + "." + a.name(), row[j++]);
        }
        for (IncludeNode c : node.joined()) {
            flat(c, row, out);
        }
    }

    /** @param row a row @return the root key that groups it, or {@code null} */
    Object rootKey(Object[] row) {
        return key(root, row);
    }

    /** @param rows every row of one root @return the root with its includes */
    @SuppressWarnings("unchecked")
    <T extends Instance> T root(List<Object[]> rows) {
        return (T) fold(root, rows);
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

    private Instance fold(Shape shape, List<Object[]> rows) {
        Instance instance = build(shape, rows.get(0));
        for (Shape child : shape.joined) {
            if (child.joined.length == 0) {
                instance.setIncluded(child.as, leaves(child, rows));
                continue;
            }
            Map<Object, List<Object[]>> groups = new LinkedHashMap<>();
            for (Object[] r : rows) {
                Object k = key(child, r);
                if (k != null) {
                    groups.computeIfAbsent(k, x -> new ArrayList<>(4)).add(r);
                }
            }
            if (child.many) {
                List<Instance> list = new ArrayList<>(groups.size());
                for (List<Object[]> g : groups.values()) {
                    list.add(fold(child, g));
                }
                instance.setIncluded(child.as, list);
            } else {
                instance.setIncluded(child.as, groups.isEmpty() ? null : fold(child, groups.values().iterator().next()));
            }
        }
        return instance;
    }

    /**
     * A leaf include (no joined children) is built from the first row of each of its keys, so its rows need no
     * grouping. Rows repeat a key when the row set is a product (a to-one or sibling include); the keys are mostly
     * ascending (the ORDER BY of the to-many keys), so a repeat is found by comparing with the previous key until
     * the keys stop ascending, and only then through a set.
     *
     * @return the list of a to-many leaf, the instance or {@code null} of a to-one leaf
     */
    private Object leaves(Shape child, List<Object[]> rows) {
        if (!child.many) {
            for (Object[] r : rows) {
                if (key(child, r) != null) {
                    return build(child, r);
                }
            }
            return null;
        }
        List<Instance> list = new ArrayList<>(rows.size());
        Object last = null;
        Set<Object> seen = null;
        for (Object[] r : rows) {
            Object k = key(child, r);
            if (k == null || k.equals(last)) {
                continue;
            }
            if (seen == null && last != null && !ascending(last, k)) {
                seen = new HashSet<>();
                for (Instance i : list) {
                    seen.add(key(child, i));
                }
            }
            if (seen != null && !seen.add(k)) {
                continue;
            }
            list.add(build(child, r));
            last = k;
        }
        return list;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean ascending(Object a, Object b) {
        return a instanceof Comparable && a.getClass() == b.getClass() && ((Comparable) a).compareTo(b) < 0;
    }

    private Instance build(Shape shape, Object[] row) {
        IncludeNode node = shape.node;
        Instance instance = node.model().newInstance();
        String[] names = shape.names;
        int at = node.offset();
        for (String name : names) {
            instance.putLoaded(name, row[at++]);
        }
        if (node.parent() == null) {
            for (SelectPlan.Extra e : plan.extras()) {
                instance.putExtra(e.alias(), row[at++]);
            }
        } else {
            for (Selection e : node.extras()) {
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
            instance.setIncluded(node.throughName(), junction);
        }
        return instance;
    }

    /** The node's primary key in a row: a value, a list for composite keys, {@code null} when the join missed. */
    private static Object key(Shape shape, Object[] row) {
        int[] keys = shape.keys;
        if (keys.length == 1) {
            return row[keys[0]];
        }
        List<Object> composite = new ArrayList<>(keys.length);
        boolean any = false;
        for (int k : keys) {
            Object v = row[k];
            any |= v != null;
            composite.add(v);
        }
        return any ? composite : null;
    }

    /** The key of a built leaf instance, as {@link #key(Shape, Object[])} reads it from its row. */
    private static Object key(Shape shape, Instance instance) {
        if (shape.keyNames.length == 1) {
            return instance.values().get(shape.keyNames[0]);
        }
        List<Object> composite = new ArrayList<>(shape.keyNames.length);
        for (String k : shape.keyNames) {
            composite.add(instance.values().get(k));
        }
        return composite;
    }

    /** A node of the include tree with what folding needs precomputed (offsets, names, joined children). */
    private static final class Shape {
        final IncludeNode node;
        final String as;
        final boolean many;
        final String[] names;
        final int[] keys;
        final String[] keyNames;
        final Shape[] joined;

        Shape(IncludeNode node) {
            this.node = node;
            this.as = node.as();
            this.many = node.many();
            List<AttributeDefinition> columns = node.columns();
            this.names = columns.stream().map(AttributeDefinition::name).toArray(String[]::new);
            // A model without a primary key (Sequelize's removeAttribute('id')) is told apart by all its columns, as
            // Sequelize hashes the whole row when it has no key.
            List<AttributeDefinition> k = node.keys().isEmpty() ? columns : node.keys();
            if (!columns.containsAll(k)) {
                // A grouped root without its key (Sequelize adds none when all includes are to-one): every row is a
                // root of its own.
                k = List.of();
            }
            this.keys = new int[k.size()];
            this.keyNames = new String[k.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = node.offset() + columns.indexOf(k.get(i));
                keyNames[i] = k.get(i).name();
            }
            // A hidden include (attributes()) only joins: it has no columns to build from and is not set.
            this.joined = node.joined().stream().filter(c -> !c.hidden()).map(Shape::new).toArray(Shape[]::new);
        }
    }

    /** A copy of a loaded instance (a belongsToMany target shared by several parents gets one per parent). */
    static Instance copy(Instance source) {
        Instance c = source.model().newInstance();
        c.values().putAll(source.values());
        c.markSaved();
        return c;
    }
}
