package io.resequel.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An instance's values: one slot per attribute of the definition the instance was made with, in attribute order,
 * so reading a row allocates one array instead of a hash entry per column. A name the definition does not know (an
 * attribute an association added after the instance was made) goes to a small overflow map.
 */
final class AttributeValues extends AbstractMap<String, Object> {

    /** Marks a slot with no value (an attribute not selected), which differs from a NULL value. */
    private static final Object ABSENT = new Object();

    private final ModelDefinition definition;
    private final Object[] slots;
    private Map<String, Object> overflow;
    private int size;

    AttributeValues(ModelDefinition definition) {
        this.definition = definition;
        this.slots = new Object[definition.attributes().size()];
        java.util.Arrays.fill(slots, ABSENT);
    }

    @Override
    public Object get(Object key) {
        int i = key instanceof String s ? definition.indexOf(s) : -1;
        if (i < 0) {
            return overflow == null ? null : overflow.get(key);
        }
        Object v = slots[i];
        return v == ABSENT ? null : v;
    }

    @Override
    public boolean containsKey(Object key) {
        int i = key instanceof String s ? definition.indexOf(s) : -1;
        return i >= 0 ? slots[i] != ABSENT : overflow != null && overflow.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
        int i = definition.indexOf(key);
        if (i < 0) {
            if (overflow == null) {
                overflow = new LinkedHashMap<>(4);
            }
            boolean had = overflow.containsKey(key);
            Object old = overflow.put(key, value);
            size += had ? 0 : 1;
            return old;
        }
        Object old = slots[i];
        slots[i] = value;
        if (old == ABSENT) {
            size++;
            return null;
        }
        return old;
    }

    private AttributeValues(AttributeValues from) {
        this.definition = from.definition;
        this.slots = from.slots.clone();
        this.overflow = from.overflow == null ? null : new LinkedHashMap<>(from.overflow);
        this.size = from.size;
    }

    /** @return an independent copy (one array clone, where a {@code HashMap} copy allocates an entry per value) */
    AttributeValues copy() {
        return new AttributeValues(this);
    }

    /** Stores the value of the attribute at a position of the definition (rows are read in that order). */
    void putAt(int index, Object value) {
        if (slots[index] == ABSENT) {
            size++;
        }
        slots[index] = value;
    }

    @Override
    public Object remove(Object key) {
        int i = key instanceof String s ? definition.indexOf(s) : -1;
        if (i < 0) {
            if (overflow == null || !overflow.containsKey(key)) {
                return null;
            }
            size--;
            return overflow.remove(key);
        }
        Object old = slots[i];
        if (old == ABSENT) {
            return null;
        }
        slots[i] = ABSENT;
        size--;
        return old;
    }

    @Override
    public void clear() {
        java.util.Arrays.fill(slots, ABSENT);
        overflow = null;
        size = 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);
                    private final Iterator<Entry<String, Object>> rest = overflow == null ? null
                            : overflow.entrySet().iterator();

                    private int advance(int from) {
                        int i = from;
                        while (i < slots.length && slots[i] == ABSENT) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < slots.length || rest != null && rest.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next < slots.length) {
                            int i = next;
                            next = advance(i + 1);
                            return new SimpleImmutableEntry<>(definition.attributes().get(i).name(), slots[i]);
                        }
                        if (rest == null) {
                            throw new NoSuchElementException();
                        }
                        return rest.next();
                    }
                };
            }
        };
    }
}
