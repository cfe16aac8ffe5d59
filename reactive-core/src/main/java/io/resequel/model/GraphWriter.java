package io.resequel.model;

import io.resequel.assoc.Association;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.error.AssociationException;
import io.resequel.exec.Engine;
import io.resequel.plan.IncludeResolver;
import io.resequel.query.Include;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creating with associations (Sequelize's {@code create(values, {include})}): belongsTo parents are created first and
 * their keys copied into the record, then the record is inserted, then its hasOne/hasMany children (with the key and
 * association scope) and belongsToMany targets with their junction rows, depth first. The whole graph is written in
 * one transaction (the caller's, or a new one), so a failure anywhere leaves nothing behind.
 */
final class GraphWriter {

    private final Engine engine;

    GraphWriter(Engine engine) {
        this.engine = engine;
    }

    <T extends Instance> Mono<T> create(Model<T> model, Map<String, ?> values, List<Include> includes) {
        return engine.transactions().required(tx -> node(model, values, includes)).singleOrEmpty();
    }

    /**
     * The root model's bulk hooks wrap the whole graph, as Sequelize's {@code bulkCreate} with include: before, with
     * the built roots (a hook's changes are written); after, with the created roots and their children.
     */
    <T extends Instance> Flux<T> createAll(Model<T> model, List<? extends Map<String, ?>> records,
            List<Include> includes) {
        return engine.transactions().required(tx -> Flux.defer(() -> {
            List<T> built = new ArrayList<>(records.size());
            for (Map<String, ?> r : records) {
                built.add(model.build(own(model, r)));
            }
            boolean hooks = model.hooks().active();
            Mono<Void> before = hooks ? model.fire(io.resequel.hooks.HookType.BEFORE_BULK_CREATE,
                    e -> e.instances(built)) : Mono.empty();
            return before.thenMany(Flux.range(0, records.size())
                            .concatMap(k -> node(model, records.get(k), includes, built.get(k))))
                    .collectList()
                    .flatMapMany(saved -> (hooks ? model.fire(io.resequel.hooks.HookType.AFTER_BULK_CREATE,
                            e -> e.instances(saved)) : Mono.<Void>empty()).thenMany(Flux.fromIterable(saved)));
        }));
    }

    /** Values under association aliases are nested records; those not listed in include are ignored. */
    private static <T extends Instance> Map<String, Object> own(Model<T> model, Map<String, ?> values) {
        Map<String, Object> own = new LinkedHashMap<>(values);
        for (Association<T, ?> a : model.associations()) {
            if (!model.definition().hasAttribute(a.as())) {
                own.remove(a.as());
            }
        }
        return own;
    }

    private <T extends Instance> Mono<T> node(Model<T> model, Map<String, ?> values, List<Include> includes) {
        return node(model, values, includes, null);
    }

    /**
     * Sequelize's order: belongsTo parents (each with all its hooks), the record's before-hooks and INSERT, its
     * children, then its after-hooks (which so see the children and the attached parents).
     *
     * @param prebuilt the record already built (bulk: the instance the bulk hooks saw), or {@code null}
     */
    private <T extends Instance> Mono<T> node(Model<T> model, Map<String, ?> values, List<Include> includes,
            T prebuilt) {
        return Mono.defer(() -> {
            Map<String, Object> own = own(model, values);
            Map<String, Object> attached = new LinkedHashMap<>();
            List<Mono<?>> parents = new ArrayList<>();
            List<Step> after = new ArrayList<>();
            for (Include i : includes) {
                Association<?, ?> a = IncludeResolver.association(model, i);
                Object nested = values.get(a.as());
                if (nested == null) {
                    continue;
                }
                if (a instanceof BelongsTo<?, ?>) {
                    parents.add(nested(a.target(), node(a.target(), record(model, a, nested), i.includes())).doOnNext(p -> {
                        own.put(a.foreignKey(), p.get(a.targetKey()));
                        attached.put(a.as(), p);
                    }));
                } else {
                    after.add(new Step(a, i, a.isMany() ? records(model, a, nested)
                            : List.of(record(model, a, nested))));
                }
            }
            return Flux.concat(parents).then(Mono.defer(() -> {
                T record = prebuilt != null ? prebuilt : model.build(own);
                if (prebuilt != null) {
                    for (Association<T, ?> a : model.associations()) {
                        if (a instanceof BelongsTo<?, ?> && attached.containsKey(a.as())) {
                            record.set(a.foreignKey(), own.get(a.foreignKey()));
                        }
                    }
                }
                attached.forEach(record::setIncluded);
                @SuppressWarnings("unchecked")
                Mono<T> saved = (Mono<T>) model.persister().save(record, io.resequel.query.SaveOptions.DEFAULTS,
                        r -> Flux.fromIterable(after).concatMap(s -> children(r, s)).then());
                return saved;
            }));
        });
    }

    /**
     * A nested record goes through its own model's SAVE and CREATE operators, as a create of that model would
     * (Sequelize fires the nested model's create hooks); the root's wrap the whole graph (see Model#create).
     */
    private static <X> Mono<X> nested(Model<?> model, Mono<X> create) {
        return model.hooks().wrapSave(io.resequel.hooks.HookType.CREATE, create);
    }

    /** One to-many or hasOne include of a created record: its nested records. */
    private record Step(Association<?, ?> association, Include include, List<Map<String, Object>> records) {
    }

    private Mono<Void> children(Instance saved, Step s) {
        Association<?, ?> a = s.association();
        Object key = saved.get(a.sourceKey());
        Flux<Instance> created;
        if (a instanceof BelongsToMany<?, ?> m) {
            String junctionName = m.through().name();
            created = Flux.fromIterable(s.records()).concatMap(r -> {
                Map<String, Object> target = new LinkedHashMap<>(r);
                Object junction = target.remove(junctionName);
                return nested(a.target(), node(a.target(), target, s.include().includes())).flatMap(t -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    if (junction instanceof Map<?, ?> jv) {
                        jv.forEach((k, v) -> row.put(String.valueOf(k), v));
                    }
                    row.putAll(m.throughScope());
                    row.put(m.foreignKey(), key);
                    row.put(m.otherKey(), t.get(m.targetKey()));
                    return m.through().create(row).map(j -> {
                        t.setIncluded(junctionName, j);
                        return (Instance) t;
                    });
                });
            });
        } else {
            created = Flux.fromIterable(s.records()).concatMap(r -> {
                Map<String, Object> child = new LinkedHashMap<>(r);
                child.putAll(a.writableScope());
                child.put(a.foreignKey(), key);
                return nested(a.target(), node(a.target(), child, s.include().includes()));
            });
        }
        return created.collectList().doOnNext(list -> saved.setIncluded(a.as(),
                a.isMany() ? list : list.isEmpty() ? null : list.get(0))).then();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Model<?> model, Association<?, ?> a, Object nested) {
        if (nested instanceof Map<?, ?> m) {
            return new LinkedHashMap<>((Map<String, Object>) m);
        }
        if (nested instanceof Instance i && i.isNewRecord()) {
            return new LinkedHashMap<>(i.values());
        }
        throw new AssociationException("RSQ-805 " + model.name() + "." + a.as() + ": creating with associations "
                + "takes a map of the new " + a.target().name() + "'s values (existing rows are linked with the "
                + "association's mixins), got " + (nested == null ? "null" : nested.getClass().getSimpleName()));
    }

    private static List<Map<String, Object>> records(Model<?> model, Association<?, ?> a, Object nested) {
        if (!(nested instanceof Collection<?> c)) {
            throw new AssociationException("RSQ-805 " + model.name() + "." + a.as() + " is a to-many association: "
                    + "pass a list of " + a.target().name() + " values");
        }
        List<Map<String, Object>> out = new ArrayList<>(c.size());
        for (Object x : c) {
            out.add(record(model, a, x));
        }
        return out;
    }
}
