package io.resequel.plan;

import io.resequel.assoc.Association;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.error.EagerLoadingException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Model;
import io.resequel.model.ModelDefinition;
import io.resequel.query.FindOptions;
import io.resequel.query.Include;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves a find's includes against the declared associations, with Sequelize's errors: a model that is not
 * associated, an aliased association included without {@code as}, an alias that matches none, an association
 * declared twice to the same model and included without {@code as}. Expands {@code all} (and nested all).
 */
public final class IncludeResolver {

    /** Beyond this length an alias path becomes a short generated alias (identifier limits are 63/64). */
    private static final int MAX_ALIAS = 60;

    private int generated;
    /** Rows read flat: attributes as listed, no keys added. */
    private boolean raw;
    /** A limit or offset: the root may be a sub-query, which the joins read the parent's side of a key from. */
    private boolean limited;

    private IncludeResolver() {
    }

    /**
     * @param root    the model found
     * @param options its options (attributes, exclude, includes)
     * @return the root node with its resolved include tree
     */
    public static IncludeNode resolve(Model<?> root, FindOptions options) {
        return resolve(root, options, false);
    }

    /**
     * @param root    the model found
     * @param options its options (attributes, exclude, includes)
     * @param raw     whether rows are read flat (Sequelize's {@code raw: true}): then the listed attributes are
     *                selected as given, no key added, since no rows are folded
     * @return the root node with its resolved include tree
     */
    public static IncludeNode resolve(Model<?> root, FindOptions options, boolean raw) {
        ModelDefinition d = root.definition();
        List<AttributeDefinition> columns = raw ? listed(d, options.attributes(), options.exclude())
                : select(d, options.attributes(), options.exclude());
        IncludeNode node = new IncludeNode(root, null, null, null, root.name(), root.name(), "", columns, null,
                false, false, false, false, List.of(), null);
        node.raw = raw;
        IncludeResolver r = new IncludeResolver();
        r.raw = raw;
        r.limited = options.limit() != null || options.offset() != null;
        r.children(node, options.includes());
        if (!raw && options.attributes() != null && !options.group().isEmpty() && !anyMany(node)) {
            // Sequelize adds no primary key to a grouped find whose includes are all to-one: each grouped row is a
            // root of its own, and the key would break the GROUP BY.
            node.columns.removeIf(c -> c.primaryKey() && !options.attributes().contains(c.name()));
        }
        return node;
    }

    private static boolean anyMany(IncludeNode node) {
        for (IncludeNode c : node.children) {
            if (c.many() || anyMany(c)) {
                return true;
            }
        }
        return false;
    }

    private void children(IncludeNode parent, List<Include> includes) {
        List<Include> explicit = new ArrayList<>();
        List<Include> all = new ArrayList<>();
        for (Include i : includes) {
            (i.allKinds() != null ? all : explicit).add(i);
        }
        // Includes of one association (from scopes and the finder's options) merge into one, later ones winning.
        Map<Association<?, ?>, Include> merged = new LinkedHashMap<>();
        Map<Association<?, ?>, Model<?>> scopedBy = new HashMap<>();
        // Their wheres merge by the parent model's whereMergeStrategy, as Sequelize's _uniqIncludes on that model.
        io.resequel.query.WhereMergeStrategy strategy = parent.model.whereMergeStrategy();
        for (Include i : explicit) {
            Association<?, ?> a = association(parent.model, i);
            merged.merge(a, i, (earlier, later) -> earlier.merge(later, strategy));
            if (i.target() instanceof Model<?> m && m.scoped()) {
                scopedBy.put(a, m);
            }
        }
        Set<Association<?, ?>> seen = new LinkedHashSet<>(merged.keySet());
        for (Map.Entry<Association<?, ?>, Include> e : merged.entrySet()) {
            Association<?, ?> a = e.getKey();
            add(parent, a, scoped(scopedBy.getOrDefault(a, a.target()), e.getValue()));
        }
        for (Include i : all) {
            for (Association<?, ?> a : parent.model.associations()) {
                if (seen.contains(a) || !i.allKinds().contains(kind(a)) || i.isNested() && expandedAbove(parent, a)) {
                    continue;
                }
                seen.add(a);
                Include generatedInclude = Include.of(a);
                if (i.attributeList() != null) {
                    generatedInclude = generatedInclude.attributes(i.attributeList().toArray(String[]::new));
                }
                if (i.required() != null) {
                    generatedInclude = generatedInclude.required(i.required());
                }
                if (i.isNested()) {
                    generatedInclude = generatedInclude.include(i);
                }
                add(parent, a, scoped(a.target(), generatedInclude));
            }
        }
    }

    /**
     * Sequelize's guard of {@code include: {all: true, nested: true}}: a nested expansion stops at a target already
     * expanded above the node being expanded (its strict ancestors), so a self-reference is included once (the
     * root's own association to itself) and a cycle A → B → A ends at B.
     */
    private static boolean expandedAbove(IncludeNode parent, Association<?, ?> a) {
        for (IncludeNode n = parent.parent; n != null; n = n.parent) {
            if (n.model.definition() == a.target().definition()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The include with the scopes of its model applied, as Sequelize injects them: those of a scoped view given as
     * the include's model ({@code Include.of(tasks.scope("open"))}), else the target's default scope.
     */
    private static Include scoped(Model<?> model, Include i) {
        io.resequel.query.FindOptions scope = model.activeScope();
        return scope == null ? i : i.withScope(scope, model.whereMergeStrategy());
    }

    private static Include.Kind kind(Association<?, ?> a) {
        return switch (a.kind()) {
            case HAS_ONE -> Include.Kind.HAS_ONE;
            case BELONGS_TO -> Include.Kind.BELONGS_TO;
            case HAS_MANY -> Include.Kind.HAS_MANY;
            case BELONGS_TO_MANY -> Include.Kind.BELONGS_TO_MANY;
        };
    }

    private void add(IncludeNode parent, Association<?, ?> a, Include i) {
        Model<?> target = a.target();
        if (i.target() instanceof Model<?> given && given.origin() == target) {
            // A schema copy of the target (Sequelize's include of Model.schema(name)): that schema's table is joined.
            target = target.schema(given.definition().schema());
        }
        ModelDefinition d = target.definition();
        List<AttributeDefinition> columns = raw ? listed(d, i.attributeList(), i.excluded())
                : select(d, i.attributeList(), i.excluded());
        boolean required = i.required() != null ? i.required() : i.where() != null;
        boolean separate = i.separate() != null ? i.separate() : i.limit() != null;
        if (separate && !a.isMany()) {
            throw new EagerLoadingException("RSQ-813 " + parent.model.name() + " include " + a.as() + ": only "
                    + "hasMany and belongsToMany associations support separate (and an include limit)");
        }
        if (!separate && (i.limit() != null || !i.orderList().isEmpty())) {
            throw new EagerLoadingException("RSQ-813 " + parent.model.name() + " include " + a.as() + ": limit and "
                    + "order on an include apply per parent and need separate(true)");
        }
        boolean duplicating = a.isMany() && (i.duplicating() == null || i.duplicating());
        String alias = alias(parent.parent == null ? a.as() : parent.alias + "->" + a.as());
        String path1 = parent.path.isEmpty() ? a.as() : parent.path + "." + a.as();
        List<AttributeDefinition> throughColumns = List.of();
        String throughAlias = null;
        if (a instanceof BelongsToMany<?, ?> m) {
            ModelDefinition td = m.through().definition();
            // Junction rows are not folded by key: read exactly the listed attributes (all when none listed).
            throughColumns = i.throughAttributeList() == null ? select(td, null, List.of())
                    : i.throughAttributeList().stream().map(td::attribute).toList();
            throughAlias = alias(alias + "->" + m.through().name());
        }
        IncludeNode node = new IncludeNode(target, a, i, parent, a.as(), alias, path1, columns, i.where(), required,
                i.isRight() && !required, separate, duplicating, throughColumns, throughAlias);
        if (separate && !(a instanceof BelongsToMany<?, ?>)) {
            ensure(columns, d.attribute(a.foreignKey()));
        }
        parent.children.add(node);
        children(node, i.includes());
        hideIfEmpty(node, separate);
        if (separate || limited || !raw && !node.hidden) {
            // The separate query (or the limited root's sub-query, joined on it) reads the parent's side of the key.
            ensure(parent.columns, parent.definition().attribute(a instanceof BelongsTo<?, ?> ? a.foreignKey()
                    : a.sourceKey()));
        }
    }

    /**
     * Sequelize's {@code attributes: []} on an include: nothing of it is selected, not even its key, so it can join
     * under an aggregate; it is then not set on its parent. It still selects its key when its own includes or
     * junction read anything, since those are folded under it.
     */
    private static void hideIfEmpty(IncludeNode node, boolean separate) {
        Include i = node.include;
        if (separate || i.attributeList() == null || !i.attributeList().isEmpty() || !i.extraList().isEmpty()
                || !node.throughColumns.isEmpty()) {
            return;
        }
        for (IncludeNode c : node.children) {
            if (c.separate || !c.hidden) {
                return;
            }
        }
        node.columns.clear();
        node.hidden = true;
    }

    private String alias(String wanted) {
        return wanted.length() <= MAX_ALIAS ? wanted : "_i" + (++generated);
    }

    /** The listed attributes (all when none are listed) as given, without keys: rows read flat. */
    private static List<AttributeDefinition> listed(ModelDefinition d, List<String> attributes,
            List<String> exclude) {
        List<AttributeDefinition> keyed = select(d, attributes, exclude);
        if (attributes != null) {
            for (AttributeDefinition k : d.primaryKeys()) {
                if (!attributes.contains(k.name())) {
                    keyed.remove(k);
                }
            }
        }
        return keyed;
    }

    /** The selected attributes, primary key first: it is always read, since rows are folded by it. */
    static List<AttributeDefinition> select(ModelDefinition d, List<String> attributes, List<String> exclude) {
        List<AttributeDefinition> out = new ArrayList<>();
        if (attributes == null) {
            out.addAll(d.attributes());
        } else {
            for (String name : attributes) {
                if (d.virtuals().containsKey(name)) {
                    // A VIRTUAL has no column: the attributes it depends on are selected in its place, as at the root.
                    for (String dep : d.dependenciesOf(name)) {
                        ensure(out, d.attribute(dep));
                    }
                    continue;
                }
                out.add(d.attribute(name));
            }
        }
        for (String name : exclude) {
            out.remove(d.attribute(name));
        }
        // Keys first, so a row's key of any node sits at the node's offset (the reader needs no look-up).
        List<AttributeDefinition> keys = d.primaryKeys();
        out.removeAll(keys);
        out.addAll(0, keys);
        return out;
    }

    private static void ensure(List<AttributeDefinition> columns, AttributeDefinition a) {
        if (!columns.contains(a)) {
            columns.add(a);
        }
    }

    /**
     * @param parent the including model
     * @param i      the include
     * @return the association it names
     * @throws EagerLoadingException as Sequelize fails: not associated, alias needed, alias unknown, ambiguous
     */
    public static Association<?, ?> association(Model<?> parent, Include i) {
        if (i.target() instanceof Association<?, ?> a && (i.alias() == null || i.alias().equals(a.as()))) {
            if (a.source() != parent.origin()) {
                throw notAssociated(a.target().name(), parent);
            }
            return a;
        }
        List<? extends Association<?, ?>> all = parent.associations();
        if (i.modelName() == null) {
            for (Association<?, ?> a : all) {
                if (a.as().equals(i.alias())) {
                    return a;
                }
            }
            throw new EagerLoadingException("RSQ-811 " + parent.name() + " has no association '" + i.alias() + "'"
                    + hint(i.alias(), all));
        }
        List<Association<?, ?>> toModel = new ArrayList<>();
        for (Association<?, ?> a : all) {
            if (a.target().name().equals(i.modelName())) {
                toModel.add(a);
            }
        }
        if (toModel.isEmpty()) {
            throw notAssociated(i.modelName(), parent);
        }
        if (i.alias() != null) {
            for (Association<?, ?> a : toModel) {
                if (a.as().equals(i.alias())) {
                    return a;
                }
            }
            throw new EagerLoadingException("RSQ-811 " + i.modelName() + " is associated to " + parent.name()
                    + " using an alias. You've included an alias (" + i.alias() + "), but it does not match the "
                    + "alias(es) defined in your association (" + String.join(", ", toModel.stream()
                    .map(Association::as).toList()) + ")");
        }
        if (toModel.size() > 1) {
            // Sequelize's getAssociations(model).find(!isAliased): the one association without an alias wins.
            List<Association<?, ?>> plain = toModel.stream().filter(a -> !a.isAliased()).toList();
            if (plain.size() == 1) {
                return plain.get(0);
            }
            throw new EagerLoadingException("RSQ-811 " + i.modelName() + " is associated to " + parent.name()
                    + " multiple times. To identify the correct association, you must use the 'as' keyword to "
                    + "specify the alias of the association you want to include (" + String.join(", ",
                    toModel.stream().map(Association::as).toList()) + ")");
        }
        Association<?, ?> only = toModel.get(0);
        if (only.isAliased()) {
            throw new EagerLoadingException("RSQ-811 " + i.modelName() + " is associated to " + parent.name()
                    + " using an alias. You must use the 'as' keyword to specify the alias within your include "
                    + "statement (Include.of(" + i.modelName() + ").as(\"" + only.as() + "\"))");
        }
        return only;
    }

    private static EagerLoadingException notAssociated(String target, Model<?> parent) {
        return new EagerLoadingException("RSQ-810 " + target + " is not associated to " + parent.name() + "! "
                + "Declare " + parent.name() + ".hasMany/hasOne/belongsTo/belongsToMany(" + target + ") first");
    }

    private static String hint(String alias, List<? extends Association<?, ?>> all) {
        List<String> known = all.stream().map(Association::as).toList();
        String closest = io.resequel.error.Suggestions.closest(alias, known);
        return closest != null ? "; did you mean '" + closest + "'?" : known.isEmpty() ? "" : "; it has " + known;
    }
}
