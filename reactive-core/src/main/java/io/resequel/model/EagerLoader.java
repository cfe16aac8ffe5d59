package io.resequel.model;

import io.resequel.assoc.BelongsToMany;
import io.resequel.exec.Engine;
import io.resequel.plan.IncludeNode;
import io.resequel.plan.IncludeResolver;
import io.resequel.plan.JoinPlan;
import io.resequel.query.FindOptions;
import io.resequel.query.Include;
import io.resequel.query.Where;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds with includes. Joined includes are read in one statement and folded root by root: when the rows are ordered
 * by the root key (always, unless the order names a to-many include's column), a root is emitted as soon as its last
 * row arrives, so memory holds one root's rows however many roots stream. Otherwise the rows are buffered and folded
 * at the end. Separate includes are loaded per window of {@value #WINDOW} roots with one {@code WHERE fk IN (...)}
 * query each; with a per-parent limit, a hasMany's window is one statement of limited parts joined by UNION ALL
 * (Sequelize's groupedLimit), other includes run one query per parent; inside a transaction, whose single
 * connection cannot run a second statement while the first streams, the roots are read in full first.
 */
final class EagerLoader<T extends Instance> {

    /** Roots per separate-include query: bounds the IN list and the roots held while children load. */
    static final int WINDOW = 256;

    private final Model<T> model;
    private final Engine engine;

    EagerLoader(Model<T> model, Engine engine) {
        this.model = model;
        this.engine = engine;
    }

    Flux<T> find(FindOptions options, Optional<?> transaction) {
        IncludeNode root = IncludeResolver.resolve(model, options);
        JoinPlan plan = engine.planner().selectIncluded(root, options);
        GraphReader reader = new GraphReader(plan, engine.planner().dialect());
        Flux<Object[]> rows = engine.executor().read(plan.sql(), reader::read);
        Flux<T> roots = plan.streamable()
                ? rows.bufferUntilChanged(EagerLoader.rowKey(reader)).map(reader::<T>root)
                : rows.collectList().flatMapIterable(reader::<T>roots);
        if (!root.hasSeparate()) {
            return roots;
        }
        if (transaction.isPresent()) {
            return roots.collectList().flatMapMany(all -> separate(root, all).thenMany(Flux.fromIterable(all)));
        }
        // Prefetch of one window: at most two windows of roots are held while children load.
        return roots.buffer(WINDOW).concatMap(batch -> separate(root, batch).thenMany(Flux.fromIterable(batch)), 1);
    }

    /**
     * The key that groups streamed rows into roots. A row without a root key (the unmatched side of a RIGHT OUTER
     * JOIN) is a root of its own, as Sequelize builds one instance per such row: a fresh object never equals the
     * previous one.
     */
    static java.util.function.Function<Object[], Object> rowKey(GraphReader reader) {
        return row -> {
            Object k = reader.rootKey(row);
            return k != null ? k : new Object();
        };
    }

    /** Sequelize's {@code raw: true} with includes: one flat map per joined row, included columns as {@code Tasks.title}. */
    Flux<Map<String, Object>> raw(FindOptions options) {
        return Flux.defer(() -> {
            IncludeNode root = IncludeResolver.resolve(model, options, true);
            JoinPlan plan = engine.planner().selectIncluded(root, options);
            GraphReader reader = new GraphReader(plan, engine.planner().dialect());
            return engine.executor().read(plan.sql(), row -> reader.flat(reader.read(row)));
        });
    }

    Mono<Long> count(FindOptions options) {
        return Mono.defer(() -> {
            IncludeNode root = IncludeResolver.resolve(model, options);
            return engine.executor().read(engine.planner().countIncluded(root, options),
                    row -> ((Number) row.get(0)).longValue()).next();
        });
    }

    /** Loads every separate include of the tree for a window of roots, parents before their children. */
    private Mono<Void> separate(IncludeNode root, List<T> batch) {
        List<IncludeNode> nodes = new ArrayList<>();
        separateNodes(root, nodes);
        return Flux.fromIterable(nodes).concatMap(node -> load(node, parents(batch, node.parent()))).then();
    }

    private static void separateNodes(IncludeNode node, List<IncludeNode> out) {
        for (IncludeNode c : node.children()) {
            if (c.separate()) {
                out.add(c);
            } else {
                separateNodes(c, out);
            }
        }
    }

    /** The loaded instances at a joined node's path, across the window's roots. */
    private static List<Instance> parents(List<? extends Instance> roots, IncludeNode node) {
        if (node.parent() == null) {
            return new ArrayList<>(roots);
        }
        List<Instance> out = new ArrayList<>();
        for (Instance p : parents(roots, node.parent())) {
            Object v = p.included(node.as());
            if (v instanceof List<?> l) {
                for (Object x : l) {
                    out.add((Instance) x);
                }
            } else if (v instanceof Instance i) {
                out.add(i);
            }
        }
        return out;
    }

    private Mono<Void> load(IncludeNode node, List<Instance> parents) {
        String sourceKey = node.association().sourceKey();
        Map<Object, List<Instance>> byKey = new HashMap<>();
        Set<Object> keys = new LinkedHashSet<>();
        for (Instance p : parents) {
            p.setIncluded(node.as(), new ArrayList<Instance>());
            Object k = p.getDataValue(sourceKey); // the stored key, not a getter's view of it
            if (k != null) {
                keys.add(norm(k));
                byKey.computeIfAbsent(norm(k), x -> new ArrayList<>()).add(p);
            }
        }
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        Integer limit = node.include().limit();
        if (limit == null) {
            return children(node, List.copyOf(keys), null).doOnNext(c -> attach(node, c, byKey)).then();
        }
        if (groupable(node)) {
            // Sequelize's groupedLimit: one statement, a limited SELECT per parent joined by UNION ALL.
            return grouped(node, List.copyOf(keys), limit).doOnNext(c -> attach(node, c, byKey)).then();
        }
        // Otherwise one limited query per parent, four at a time, in parent order.
        return Flux.fromIterable(keys)
                .flatMapSequential(k -> children(node, List.of(k), limit), 4)
                .doOnNext(c -> attach(node, c, byKey)).then();
    }

    /**
     * Whether a per-parent limit can be one UNION ALL statement: a hasMany (each part's children belong to one
     * parent, so parts never share a child), no separate include below (those load per window through a find of
     * their own) and no find hooks on the target (they run per find, as the per-parent queries do).
     */
    private static boolean groupable(IncludeNode node) {
        if (node.association() instanceof BelongsToMany<?, ?> || node.model().hooks().active()) {
            return false;
        }
        List<IncludeNode> below = new ArrayList<>();
        separateNodes(node, below);
        return below.isEmpty();
    }

    /**
     * The children of a window of parents with a per-parent limit, in one statement: {@code (SELECT ... WHERE fk = ?
     * ORDER BY ... LIMIT n) UNION ALL (...)}, one limited part per parent key. Each part keeps its order; the parts
     * come back one after the other.
     */
    private Flux<Instance> grouped(IncludeNode node, List<Object> keys, int limit) {
        ModelDefinition def = node.model().definition();
        List<FindOptions> parts = new ArrayList<>(keys.size());
        for (Object key : keys) {
            FindOptions.Builder b = FindOptions.builder();
            childQuery(node, List.of(key), limit).accept(b);
            parts.add(Paranoid.options(def, b.build()));
        }
        IncludeNode childRoot = IncludeResolver.resolve(node.model(), parts.get(0));
        JoinPlan plan = engine.planner().selectUnion(childRoot, parts);
        GraphReader reader = new GraphReader(plan, engine.planner().dialect());
        List<Include> includes = parts.get(0).includes();
        return engine.executor().read(plan.sql(), reader::read).collectList()
                .flatMapIterable(reader::<Instance>roots).doOnNext(found -> found.loadedWith(includes));
    }

    private Flux<? extends Instance> children(IncludeNode node, List<Object> keys, Integer limit) {
        // The include already carries the target's scopes (merged when resolved): none is applied again.
        return node.model().unscoped().findAll(childQuery(node, keys, limit));
    }

    private static java.util.function.Consumer<FindOptions.Builder> childQuery(IncludeNode node, List<Object> keys,
            Integer limit) {
        Include i = node.include();
        List<String> attributes = node.columns().stream().map(AttributeDefinition::name).toList();
        return q -> {
            q.attributes(attributes).order(i.orderList().toArray(io.resequel.query.Order[]::new))
                    .paranoid(i.isParanoid());
            if (i.where() != null) {
                q.where(i.where());
            }
            node.association().scope().forEach((a, v) -> q.where(io.resequel.assoc.Association.scopeTerm(a, v)));
            if (node.association() instanceof BelongsToMany<?, ?> m) {
                Where junction = Where.in(m.foreignKey(), keys);
                for (Map.Entry<String, Object> e : m.throughScope().entrySet()) {
                    junction = junction.and(Where.eq(e.getKey(), e.getValue()));
                }
                if (node.throughWhere() != null) {
                    junction = junction.and(node.throughWhere());
                }
                List<String> shown = new ArrayList<>(node.throughColumns().stream().map(AttributeDefinition::name)
                        .toList());
                if (!shown.contains(m.foreignKey())) {
                    shown.add(m.foreignKey());
                }
                q.include(Include.of(m.targetJunction()).required(true).where(junction)
                        .attributes(shown.toArray(String[]::new)));
            } else {
                q.where(Where.in(node.association().foreignKey(), keys));
            }
            q.include(i.includes().toArray(Include[]::new));
            if (limit != null) {
                q.limit(limit);
            }
        };
    }

    private static void attach(IncludeNode node, Instance child, Map<Object, List<Instance>> byKey) {
        if (node.association() instanceof BelongsToMany<?, ?> m) {
            String junctionName = m.through().name();
            List<Instance> junctions = child.getMany(junctionName, Instance.class);
            for (int n = 0; n < junctions.size(); n++) {
                Instance j = junctions.get(n);
                Instance target = n == 0 ? child : GraphReader.copy(child);
                target.setIncluded(junctionName, node.throughColumns().isEmpty() ? null : j);
                if (node.throughColumns().isEmpty() || !junctionName.equals(node.throughName())) {
                    target.removeIncluded(junctionName);
                }
                if (!node.throughColumns().isEmpty() && !junctionName.equals(node.throughName())) {
                    target.setIncluded(node.throughName(), j); // through: {as}
                }
                add(byKey.get(norm(j.getDataValue(m.foreignKey()))), node, target);
            }
            return;
        }
        add(byKey.get(norm(child.getDataValue(node.association().foreignKey()))), node, child);
    }

    @SuppressWarnings("unchecked")
    private static void add(List<Instance> parents, IncludeNode node, Instance child) {
        if (parents == null) {
            return;
        }
        for (int n = 0; n < parents.size(); n++) {
            ((List<Instance>) parents.get(n).included(node.as())).add(n == 0 ? child : GraphReader.copy(child));
        }
    }

    /** Keys compare across integer widths (an INTEGER key read back as a Long elsewhere). */
    static Object norm(Object key) {
        if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return ((Number) key).longValue();
        }
        return key;
    }
}
