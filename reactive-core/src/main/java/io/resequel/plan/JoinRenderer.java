package io.resequel.plan;

import io.resequel.assoc.Association;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.error.EagerLoadingException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.query.Col;
import io.resequel.query.FindOptions;
import io.resequel.query.Lock;
import io.resequel.query.Order;
import io.resequel.query.Selection;
import io.resequel.query.Where;
import io.resequel.sql.SqlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a find with joined includes as one SELECT, in Sequelize's shape: tables aliased by association path
 * ({@code tasks->comments}), the include's where in its ON clause, INNER JOIN for required includes. With a limit
 * and a to-many include the root is selected in a limited sub-query and the includes are joined outside it;
 * required includes then filter roots inside the sub-query with {@code EXISTS}. Rows are ordered by the user's
 * order, then the root key (so each root's rows are adjacent), then the keys of to-many includes.
 */
final class JoinRenderer {

    private final SqlWriter w;
    private final IncludeNode root;
    private final FindOptions options;
    private final Map<String, Scope> paths = new LinkedHashMap<>();
    private final List<IncludeNode> joined = new ArrayList<>();
    private final Scope rootScope;

    private JoinRenderer(SqlWriter w, IncludeNode root, FindOptions options) {
        this.w = w;
        this.root = root;
        this.options = options;
        this.rootScope = Scope.qualified(root.definition(), root.alias, paths);
        collect(root);
    }

    private void collect(IncludeNode node) {
        joined.add(node);
        if (node.parent != null) {
            paths.put(node.path, scope(node));
        }
        for (IncludeNode c : node.joined()) {
            collect(c);
        }
    }

    private Scope scope(IncludeNode node) {
        return node == root ? rootScope : Scope.included(node.definition(), node.alias, paths, rootScope);
    }

    static JoinPlan select(SqlWriter w, IncludeNode root, FindOptions options) {
        return new JoinRenderer(w, root, options).select();
    }

    static void count(SqlWriter w, IncludeNode root, FindOptions options) {
        new JoinRenderer(w, root, options).count();
    }

    private boolean subQuery() {
        return limitedInside(root, options);
    }

    /** @return whether the root is selected in a limited sub-query (a limit meets a to-many include) */
    static boolean limitedInside(IncludeNode root, FindOptions options) {
        return (options.limit() != null || options.offset() != null) && options.subQuery() && duplicates(root);
    }

    private static boolean duplicates(IncludeNode node) {
        for (IncludeNode c : node.joined()) {
            if (c.duplicating || duplicates(c)) {
                return true;
            }
        }
        return false;
    }

    private JoinPlan select() {
        // Separate includes are loaded by their own queries, so a root without joined includes is a plain select
        // and groups as one (Sequelize's findAll({group, include: [{separate: true}]})); joined rows would not.
        if (grouped() && !root.raw && joined.stream().anyMatch(n -> n != root && !n.hidden)) {
            throw new EagerLoadingException("RSQ-814 " + root.model.name() + ": group/having do not combine with "
                    + "joined includes; make them separate(true), use findAllRaw with explicit joins through a "
                    + "literal, or count per group without includes");
        }
        boolean sub = subQuery();
        // A root ordered by a root column needs that column in the sub-query's select list.
        if (sub) {
            for (Order o : options.order()) {
                if (o.expression() == null && root.definition().hasAttribute(o.attribute())) {
                    AttributeDefinition a = root.definition().attribute(o.attribute());
                    if (!root.columns.contains(a)) {
                        root.columns.add(a);
                    }
                }
            }
        }
        int index = 0;
        w.append(options.distinct() ? "SELECT DISTINCT " : "SELECT ");
        List<SelectPlan.Extra> extras = new ArrayList<>();
        for (IncludeNode node : joined) {
            node.offset = index;
            Scope s = scope(node);
            for (AttributeDefinition a : node.columns) {
                w.append(index++ > 0 ? ", " : "");
                s.column(w, a.field());
            }
            if (node == root) {
                for (Selection x : options.extra()) {
                    w.append(index++ > 0 ? ", " : "");
                    if (sub) {
                        w.id(root.alias).append('.').id(x.alias());
                    } else {
                        extra(w, s, x);
                    }
                    extras.add(new SelectPlan.Extra(x.alias(), x.target() instanceof String n
                            ? root.definition().attribute(n).type() : null));
                }
            } else {
                for (Selection x : node.extras) {
                    w.append(index++ > 0 ? ", " : "");
                    extra(w, s, x);
                }
            }
            node.throughOffset = index;
            for (AttributeDefinition a : node.throughColumns) {
                w.append(index++ > 0 ? ", " : "");
                w.id(node.throughAlias).append('.').id(a.field());
            }
        }
        w.append(" FROM ");
        if (sub) {
            w.append('(');
            inner();
            w.append(") ").id(root.alias);
        } else {
            w.table(root.definition().schema(), root.definition().tableName()).append(" AS ").id(root.alias);
        }
        joins(root);
        if (!sub && options.where() != null) {
            w.append(" WHERE ");
            WhereRenderer.render(w, scope(root), options.where());
        }
        if (grouped()) {
            groupBy();
        }
        boolean streamable = order(sub);
        if (!sub) {
            w.dialect().limitOffset(w, options.limit(), options.offset());
        }
        if (options.lock() != null && !sub) {
            // PostgreSQL refuses FOR UPDATE on the nullable side of an outer join: lock the roots, as Sequelize does.
            Lock lock = lockOf(joined);
            if (lock.of() == null && joined.size() > 1 && w.dialect().supports(io.resequel.sql.Feature.LOCK_OF)) {
                lock = lock.of(root.alias);
            }
            w.dialect().lock(w, lock);
        }
        return new JoinPlan(w.recordsText() ? w.toSql() : null, root, extras, index, streamable);
    }

    private static void extra(SqlWriter w, Scope s, Selection x) {
        if (x.target() instanceof String name) {
            s.column(w, s.fieldOf(name));
        } else {
            ExprRenderer.render(w, s, x.target());
        }
        w.append(" AS ").id(x.alias());
    }

    /** The limited root: its columns, where, existence filters of required includes, root order, limit. */
    private void inner() {
        Scope s = Scope.qualified(root.definition(), root.alias, Map.of());
        w.append("SELECT ");
        int i = 0;
        for (AttributeDefinition a : root.columns) {
            w.append(i++ > 0 ? ", " : "");
            s.column(w, a.field());
        }
        for (Selection x : options.extra()) {
            w.append(i++ > 0 ? ", " : "");
            extra(w, s, x);
        }
        w.append(" FROM ").table(root.definition().schema(), root.definition().tableName()).append(" AS ")
                .id(root.alias);
        List<IncludeNode> filters = new ArrayList<>();
        for (IncludeNode c : root.joined()) {
            if (c.required) {
                filters.add(c);
            }
        }
        if (options.where() != null || !filters.isEmpty()) {
            w.append(" WHERE ");
            String and = "";
            if (options.where() != null) {
                w.append('(');
                WhereRenderer.render(w, s, options.where());
                w.append(')');
                and = " AND ";
            }
            for (IncludeNode c : filters) {
                w.append(and);
                exists(c);
                and = " AND ";
            }
        }
        List<Order> rootOrder = new ArrayList<>();
        for (Order o : options.order()) {
            // A literal stays in the sub-query (as before): it may well sort the roots the limit picks.
            if (o.expression() != null ? included(o.expression(), false).isEmpty() : !isIncluded(o.attribute())) {
                rootOrder.add(o);
            }
        }
        w.append(" ORDER BY ");
        int n = 0;
        for (Order o : rootOrder) {
            w.append(n++ > 0 ? ", " : "");
            term(s, o);
        }
        for (AttributeDefinition k : root.keys()) {
            w.append(n++ > 0 ? ", " : "");
            s.column(w, k.field());
        }
        w.dialect().limitOffset(w, options.limit(), options.offset());
        if (options.lock() != null) {
            w.dialect().lock(w, lockOf(List.of(root)));
        }
    }

    /**
     * @param tables the tables of the statement the lock ends
     * @return the lock with its {@code of} naming the alias in use: tables are aliased here, so a lock of a model's
     *         table or model name (Sequelize's {@code of: Model}) must name the alias, else PostgreSQL finds no such
     *         relation in the FROM clause
     */
    private Lock lockOf(List<IncludeNode> tables) {
        Lock lock = options.lock();
        if (lock.of() == null) {
            return lock;
        }
        for (IncludeNode n : tables) {
            if (lock.of().equals(n.definition().tableName()) || lock.of().equals(n.definition().name())) {
                return lock.of(n.alias);
            }
        }
        return lock;
    }

    /** {@code EXISTS (SELECT 1 FROM child WHERE <key link> AND <where> AND <required grandchildren>)}. */
    private void exists(IncludeNode node) {
        Scope s = Scope.qualified(node.definition(), node.alias, Map.of());
        w.append("EXISTS (SELECT 1 FROM ");
        if (node.association instanceof BelongsToMany<?, ?> m) {
            ModelDefinition td = m.through().definition();
            w.table(td.schema(), td.tableName()).append(" AS ").id(node.throughAlias).append(" INNER JOIN ")
                    .table(node.definition().schema(), node.definition().tableName()).append(" AS ").id(node.alias)
                    .append(" ON ");
            targetLink(node, m);
            w.append(" WHERE ");
            throughLink(node, m);
            conditions(node, s, true);
        } else {
            w.table(node.definition().schema(), node.definition().tableName()).append(" AS ").id(node.alias)
                    .append(" WHERE ");
            onClause(node, Scope.included(node.definition(), node.alias, Map.of(),
                    Scope.qualified(root.definition(), root.alias, Map.of())));
        }
        for (IncludeNode c : node.joined()) {
            if (c.required) {
                w.append(" AND ");
                exists(c);
            }
        }
        w.append(')');
    }

    /** The joins of a node's joined children, each followed by its own children's (pre-order). */
    private void joins(IncludeNode parent) {
        for (IncludeNode c : parent.joined()) {
            join(c);
        }
    }

    /**
     * A required child under an optional include must not drop the roots that lack the optional one: as Sequelize
     * does, the optional table and all its children are joined inside parentheses, {@code LEFT OUTER JOIN (a INNER
     * JOIN b ON ..) ON ..}, so the inner join only decides whether {@code a} matches.
     */
    private static boolean nests(IncludeNode node) {
        if (node.required) {
            return false;
        }
        for (IncludeNode c : node.joined()) {
            if (c.required) {
                return true;
            }
        }
        return false;
    }

    private void join(IncludeNode node) {
        if (node.association instanceof BelongsToMany<?, ?> && (node.include.on() != null || node.include.isOr())) {
            throw new EagerLoadingException("RSQ-816 " + node.parent.model.name() + "." + node.alias
                    + ": on/or are for hasOne, hasMany and belongsTo includes; a belongsToMany joins through its "
                    + "junction: filter it with where or throughWhere");
        }
        String type = node.required ? " INNER JOIN " : node.right ? " RIGHT OUTER JOIN " : " LEFT OUTER JOIN ";
        if (nests(node)) {
            nestedJoin(node, type);
            return;
        }
        if (node.association instanceof BelongsToMany<?, ?> m) {
            ModelDefinition td = m.through().definition();
            w.append(type).table(td.schema(), td.tableName()).append(" AS ").id(node.throughAlias).append(" ON ");
            throughLink(node, m);
            w.append(type).table(node.definition().schema(), node.definition().tableName()).append(" AS ")
                    .id(node.alias).append(" ON ");
            targetLink(node, m);
            conditions(node, scope(node), true);
        } else {
            w.append(type).table(node.definition().schema(), node.definition().tableName()).append(" AS ")
                    .id(node.alias).append(" ON ");
            onClause(node, scope(node));
        }
        joins(node);
    }

    /** {@code LEFT OUTER JOIN (a <children's joins>) ON <a's link and conditions>}; M:N: the junction leads. */
    private void nestedJoin(IncludeNode node, String type) {
        w.append(type).append("(");
        if (node.association instanceof BelongsToMany<?, ?> m) {
            ModelDefinition td = m.through().definition();
            w.table(td.schema(), td.tableName()).append(" AS ").id(node.throughAlias).append(" INNER JOIN ")
                    .table(node.definition().schema(), node.definition().tableName()).append(" AS ")
                    .id(node.alias).append(" ON ");
            targetLink(node, m);
            conditions(node, scope(node), true);
            joins(node);
            w.append(") ON ");
            throughLink(node, m);
        } else {
            w.table(node.definition().schema(), node.definition().tableName()).append(" AS ").id(node.alias);
            joins(node);
            w.append(") ON ");
            onClause(node, scope(node));
        }
    }

    /**
     * The join condition of a hasOne, hasMany or belongsTo: the key link or the include's own {@code on}, the
     * include's where ANDed (or, with Sequelize's {@code or}, ORed with the link), then the association scope and
     * the paranoid filter.
     */
    private void onClause(IncludeNode node, Scope s) {
        boolean or = node.include.isOr() && node.where != null;
        if (or) {
            w.append('(');
        }
        if (node.include.on() != null) {
            WhereRenderer.render(w, s, node.include.on());
        } else {
            link(node);
        }
        if (or) {
            w.append(" OR (");
            WhereRenderer.render(w, s, node.where);
            w.append("))");
        }
        conditions(node, s, !or);
    }

    /** The association scope and (unless already ORed in) the include's where, ANDed onto a join condition. */
    private void conditions(IncludeNode node, Scope s, boolean withWhere) {
        for (Map.Entry<String, Object> e : node.association.scope().entrySet()) {
            w.append(" AND ");
            WhereRenderer.render(w, s, Association.scopeTerm(e.getKey(), e.getValue()));
        }
        if (node.where != null && withWhere) {
            w.append(" AND (");
            WhereRenderer.render(w, s, node.where);
            w.append(')');
        }
        String deletedAt = node.definition().deletedAtAttribute();
        if (deletedAt != null && node.include.isParanoid()) {
            w.append(" AND ");
            s.column(w, node.definition().fieldOf(deletedAt));
            w.append(" IS NULL");
        }
    }

    /** {@code child.fk = parent.sourceKey} (hasOne, hasMany) or {@code child.targetKey = parent.fk} (belongsTo). */
    private void link(IncludeNode node) {
        Association<?, ?> a = node.association;
        IncludeNode p = node.parent;
        if (a instanceof BelongsTo<?, ?>) {
            w.id(node.alias).append('.').id(node.definition().fieldOf(a.targetKey())).append(" = ").id(p.alias)
                    .append('.').id(p.definition().fieldOf(a.foreignKey()));
        } else {
            w.id(node.alias).append('.').id(node.definition().fieldOf(a.foreignKey())).append(" = ").id(p.alias)
                    .append('.').id(p.definition().fieldOf(a.sourceKey()));
        }
    }

    private void throughLink(IncludeNode node, BelongsToMany<?, ?> m) {
        IncludeNode p = node.parent;
        ModelDefinition td = m.through().definition();
        w.id(node.throughAlias).append('.').id(td.fieldOf(m.foreignKey())).append(" = ").id(p.alias).append('.')
                .id(p.definition().fieldOf(m.sourceKey()));
        Scope ts = Scope.qualified(td, node.throughAlias, paths);
        for (Map.Entry<String, Object> e : m.throughScope().entrySet()) {
            w.append(" AND ");
            WhereRenderer.render(w, ts, Where.eq(e.getKey(), e.getValue()));
        }
        if (node.throughWhere != null) {
            w.append(" AND (");
            WhereRenderer.render(w, ts, node.throughWhere);
            w.append(')');
        }
        // A soft-deleted link is no link: the getters (which read the junction as a paranoid model) agree.
        String deletedAt = td.deletedAtAttribute();
        if (deletedAt != null) {
            w.append(" AND ");
            ts.column(w, td.fieldOf(deletedAt));
            w.append(" IS NULL");
        }
    }

    private void targetLink(IncludeNode node, BelongsToMany<?, ?> m) {
        ModelDefinition td = m.through().definition();
        w.id(node.alias).append('.').id(node.definition().fieldOf(m.targetKey())).append(" = ")
                .id(node.throughAlias).append('.').id(td.fieldOf(m.otherKey()));
    }

    private boolean isIncluded(String attribute) {
        if (Scope.isNested(attribute)) {
            return true;
        }
        int dot = attribute.lastIndexOf('.');
        return dot > 0 && !root.definition().hasAttribute(attribute) && paths.containsKey(attribute.substring(0, dot));
    }

    /** ORDER BY the user's terms, the root key, then the keys of to-many includes; @return whether streamable */
    private boolean grouped() {
        return !options.group().isEmpty() || options.having() != null;
    }

    /** GROUP BY and HAVING of a root without joined includes, its columns qualified by the root's alias. */
    private void groupBy() {
        Scope s = scope(root);
        if (!options.group().isEmpty()) {
            w.append(" GROUP BY ");
            for (int i = 0; i < options.group().size(); i++) {
                w.append(i > 0 ? ", " : "");
                Object g = options.group().get(i);
                ExprRenderer.render(w, s, g instanceof String name ? new Col(name) : g);
            }
        }
        if (options.having() != null) {
            w.append(" HAVING ");
            WhereRenderer.render(w, s, options.having());
        }
    }

    private boolean order(boolean sub) {
        // Flat rows are not folded, so they need no key order (which an aggregate without GROUP BY would refuse).
        if ((grouped() || root.raw) && options.order().isEmpty()) {
            return false;
        }
        boolean streamable = true;
        w.append(" ORDER BY ");
        int n = 0;
        Scope rs = scope(root);
        for (Order o : options.order()) {
            w.append(n++ > 0 ? ", " : "");
            if (o.expression() == null && isIncluded(o.attribute())) {
                String name = Scope.isNested(o.attribute()) ? o.attribute() : "$" + o.attribute() + "$";
                Scope.Resolved r = rs.nested(name);
                if (throughMany(r.scope())) {
                    streamable = false;
                }
                Boolean nullsFirst = o.nulls() == null ? null : o.nulls() == Order.Nulls.FIRST;
                w.dialect().orderTerm(w, x -> r.scope().column(x, r.attribute().field()), o.descending(), nullsFirst);
            } else {
                if (o.expression() != null && included(o.expression(), true).stream().anyMatch(this::throughMany)) {
                    streamable = false;
                }
                term(rs, o);
            }
        }
        if (grouped() || root.raw) {
            // No root-key tail: a grouped select may not order by a column it does not group by. The rows are then
            // folded at the end rather than streamed root by root.
            return false;
        }
        for (AttributeDefinition k : root.keys()) {
            w.append(n++ > 0 ? ", " : "");
            rs.column(w, k.field());
        }
        for (IncludeNode node : joined) {
            if (node != root && node.many() && !node.hidden) {
                for (AttributeDefinition k : node.keys()) {
                    w.append(", ");
                    scope(node).column(w, k.field());
                }
            }
        }
        return streamable;
    }

    /**
     * The include scopes an ORDER BY expression reads: a term on them stays out of the limited root sub-query, and
     * one below a to-many include makes a root's rows non-adjacent.
     *
     * @param literalReadsAll whether a literal, which may read anything, counts as reading every include
     */
    private List<Scope> included(Object e, boolean literalReadsAll) {
        List<Scope> out = new ArrayList<>();
        if (e instanceof Col c) {
            Scope s = rootScope.reference(c.name()).scope();
            if (s != rootScope) {
                out.add(s);
            }
        } else if (e instanceof io.resequel.query.Expr.Fn f) {
            f.args().forEach(a -> out.addAll(included(a, literalReadsAll)));
        } else if (e instanceof io.resequel.query.Expr.Cast c) {
            out.addAll(included(c.value(), literalReadsAll));
        } else if (e instanceof io.resequel.query.Expr.Literal && literalReadsAll) {
            out.addAll(paths.values());
        }
        return out;
    }

    /** Whether a path's scope lies below a to-many include (its values differ between a root's rows). */
    private boolean throughMany(Scope s) {
        for (IncludeNode node : joined) {
            if (node.alias.equals(s.alias())) {
                for (IncludeNode p = node; p != null && p.parent != null; p = p.parent) {
                    if (p.many()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void term(Scope s, Order o) {
        Boolean nullsFirst = o.nulls() == null ? null : o.nulls() == Order.Nulls.FIRST;
        if (o.expression() != null) {
            w.dialect().orderTerm(w, x -> ExprRenderer.render(x, s, o.expression()), o.descending(), nullsFirst);
        } else if (!s.hasAttribute(o.attribute()) && options.extra().stream()
                .anyMatch(x -> x.alias().equals(o.attribute()))) {
            w.dialect().orderTerm(w, x -> x.id(o.attribute()), o.descending(), nullsFirst);
        } else {
            String field = s.fieldOf(o.attribute());
            w.dialect().orderTerm(w, x -> s.column(x, field), o.descending(), nullsFirst);
        }
    }

    /** {@code SELECT COUNT(*) FROM (SELECT DISTINCT root key FROM ... joins ... WHERE ...) AS "count"}. */
    private void count() {
        List<AttributeDefinition> keys = root.keys();
        Scope rs = scope(root);
        List<String> column = options.attributes();
        if (options.distinct() && column != null && column.size() == 1) {
            // Sequelize's count({col, distinct, include}): the distinct values of that root column the joins leave.
            w.append("SELECT COUNT(DISTINCT ");
            rs.column(w, root.definition().attribute(column.get(0)).field());
            w.append(')');
            countedRows(rs);
            return;
        }
        w.append("SELECT COUNT(*) FROM (SELECT DISTINCT ");
        if (keys.isEmpty()) {
            throw new EagerLoadingException("RSQ-815 " + root.model.name() + " has no primary key to count "
                    + "distinct roots by");
        }
        for (int i = 0; i < keys.size(); i++) {
            w.append(i > 0 ? ", " : "");
            rs.column(w, keys.get(i).field());
        }
        countedRows(rs);
        w.append(") ").id("count");
    }

    /** {@code FROM root JOIN ... WHERE ...} of a count. */
    private void countedRows(Scope rs) {
        w.append(" FROM ").table(root.definition().schema(), root.definition().tableName()).append(" AS ")
                .id(root.alias);
        joins(root);
        if (options.where() != null) {
            w.append(" WHERE ");
            WhereRenderer.render(w, rs, options.where());
        }
    }

}
