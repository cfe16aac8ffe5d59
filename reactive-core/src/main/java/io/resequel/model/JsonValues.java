package io.resequel.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of JSON-shaped values (maps, lists, byte arrays), so that instances never share a mutable value: each build
 * gets its own copy of a constant default (Sequelize's {@code _.cloneDeep} of {@code defaultValue}), {@code toJSON()}
 * hands out a copy, and a dotted {@code set("meta.city", v)} writes into a copy.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** @param value a value @return a deep copy of maps, lists and byte arrays; any other value itself */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>(m.size() * 2);
            m.forEach((k, v) -> out.put(k, copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        if (value instanceof byte[] b) {
            return b.clone();
        }
        return value;
    }

    /**
     * Sequelize's {@code Dottie.set}: a copy of {@code root} with {@code value} at {@code path}, creating the objects
     * on the way (replacing a value on the way that is no object).
     *
     * @param root  the JSON attribute's value, or {@code null}
     * @param path  the keys below it, at least one
     * @param value the value to put
     * @return the new value of the attribute
     */
    static Map<Object, Object> withPath(Object root, List<String> path, Object value) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> out = root instanceof Map<?, ?> m ? (Map<Object, Object>) copy(m) : new LinkedHashMap<>();
        Map<Object, Object> at = out;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = at.get(path.get(i));
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<>();
                at.put(path.get(i), next);
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> child = (Map<Object, Object>) next;
            at = child;
        }
        at.put(path.get(path.size() - 1), value);
        return out;
    }
}
