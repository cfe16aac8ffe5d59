package io.resequel.plan;

import io.resequel.model.ModelDefinition;
import io.resequel.query.Col;
import io.resequel.query.FindOptions;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Quantified;
import io.resequel.query.Where;
import java.util.Collection;

/**
 * The key of the query text cache: everything that decides a SELECT's text and nothing that is only bound. The
 * where-tree's structure with attribute names, operators, list sizes and the kind of each value (null, column,
 * number, text, boolean for IS/NOT whose TRUE/FALSE is text), the selected attributes, the order, and whether
 * LIMIT/OFFSET are present.
 */
final class QueryShape {

    private QueryShape() {
    }

    static String of(ModelDefinition model, FindOptions options) {
        return of(model, options, null);
    }

    /**
     * @param root the resolved include tree, or {@code null}: with it, the includes are keyed as resolved (merged per
     *             association, with the included models' scopes applied), not as given
     */
    static String of(ModelDefinition model, FindOptions options, IncludeNode root) {
        // The schema too: Model.schema(name) copies of one model share its name but not its table.
        StringBuilder b = new StringBuilder(64).append(model.schema()).append('.').append(model.name()).append('|');
        if (options.where() != null) {
            where(b, options.where());
        }
        b.append('|');
        if (options.attributes() != null) {
            for (String a : options.attributes()) {
                b.append(a).append(',');
            }
        } else {
            b.append('*');
        }
        b.append('|');
        for (String x : options.exclude()) {
            b.append(x).append(',');
        }
        b.append(options.distinct() ? "|D|" : "|_|");
        for (io.resequel.query.Selection s : options.extra()) {
            term(b, s.target());
            b.append(" AS ").append(s.alias()).append('\u0000');
        }
        b.append("|G");
        for (Object g : options.group()) {
            term(b, g);
            b.append(',');
        }
        b.append("|H");
        if (options.having() != null) {
            where(b, options.having());
        }
        b.append('|');
        for (Order o : options.order()) {
            if (o.expression() != null) {
                value(b, o.expression(), null);
            }
            b.append(o.attribute()).append(o.descending() ? '-' : '+')
                    .append(o.nulls() == null ? '.' : o.nulls() == Order.Nulls.FIRST ? 'F' : 'L').append(',');
        }
        b.append('|').append(options.limit() != null ? 'L' : '_').append(options.offset() != null ? 'O' : '_');
        // A lock's text is fixed by its level, target and modifiers (Lock.toString names all of them).
        b.append('|').append(options.lock() == null ? "" : options.lock().toString());
        if (!options.includes().isEmpty()) {
            b.append(options.subQuery() ? "|S" : "|s");
            if (root == null) {
                includes(b, options.includes());
            } else {
                // Raw finds select the listed attributes only: the resolved columns tell them apart.
                b.append(root.raw ? 'R' : '_').append(root.columns.size());
                nodes(b, root);
            }
        }
        return b.toString();
    }

    /** A resolved tree: each node's include as merged and scoped, its association, then its children. */
    private static void nodes(StringBuilder b, IncludeNode parent) {
        b.append('[');
        for (IncludeNode n : parent.children) {
            b.append(n.association.source().name()).append('.').append(n.association.as()).append('#')
                    .append(System.identityHashCode(n.association)).append(' ');
            include(b, n.include);
            b.append(n.columns.size());
            nodes(b, n);
            b.append(';');
        }
        b.append(']');
    }

    /** Everything of an include tree that decides the join text; the tree is resolved against the same models. */
    private static void includes(StringBuilder b, java.util.List<io.resequel.query.Include> includes) {
        b.append('[');
        for (io.resequel.query.Include i : includes) {
            include(b, i);
            includes(b, i.includes());
            b.append(';');
        }
        b.append(']');
    }

    private static void include(StringBuilder b, io.resequel.query.Include i) {
        b.append(i.modelName()).append(' ').append(i.alias()).append(' ').append(i.allKinds())
                .append(i.isNested() ? 'n' : '_').append(i.required()).append(i.isRight() ? 'r' : '_')
                .append(i.separate()).append(i.duplicating()).append(i.limit() != null ? 'L' : '_')
                .append(i.attributeList()).append(i.excluded()).append(i.throughAttributeList())
                .append(i.isParanoid() ? 'p' : '_');
        for (io.resequel.query.Selection s : i.extraList()) {
            term(b, s.target());
            b.append(" AS ").append(s.alias()).append('\u0000');
        }
        if (i.target() != null) {
            // Hidden associations (belongsToMany getters) share a model name with others: tell them apart.
            b.append('@').append(i.target().includeIdentity());
        }
        b.append("|w");
        if (i.where() != null) {
            where(b, i.where());
        }
        b.append("|t");
        if (i.throughWhere() != null) {
            where(b, i.throughWhere());
        }
        b.append(i.isOr() ? "|or" : "|on");
        if (i.on() != null) {
            where(b, i.on());
        }
        for (Order o : i.orderList()) {
            b.append(o.attribute()).append(o.descending() ? '-' : '+');
        }
    }

    /** An attribute name (part of the text) or an expression. */
    private static void term(StringBuilder b, Object t) {
        if (t instanceof String name) {
            b.append("a:").append(name).append('\u0000');
        } else {
            value(b, t, null);
        }
    }

    private static void where(StringBuilder b, Where w) {
        if (w instanceof Where.Condition c) {
            b.append(c.attribute()).append(' ').append(c.op().ordinal()).append(' ');
            value(b, c.value(), c.op());
        } else if (w instanceof Where.ExprCondition e) {
            value(b, e.left(), null);
            b.append(' ').append(e.op().ordinal()).append(' ');
            value(b, e.value(), e.op());
        } else if (w instanceof Where.Raw r) {
            value(b, r.sql(), null);
        } else if (w instanceof Where.And a) {
            group(b, "&(", a.items());
        } else if (w instanceof Where.Or o) {
            group(b, "|(", o.items());
        } else if (w instanceof Where.Not n) {
            b.append("!(");
            where(b, n.item());
            b.append(')');
        }
    }

    private static void group(StringBuilder b, String open, java.util.List<Where> items) {
        b.append(open);
        for (Where item : items) {
            where(b, item);
            b.append(';');
        }
        b.append(')');
    }

    private static void value(StringBuilder b, Object v, Op op) {
        if (v == null) {
            b.append('n');
        } else if (v instanceof Col c) {
            b.append("c:").append(c.name()).append('\u0000');
        } else if (v instanceof io.resequel.query.Expr.Fn f) {
            b.append("f:").append(f.name()).append('(');
            for (Object arg : f.args()) {
                value(b, arg, null);
                b.append(',');
            }
            b.append(')');
        } else if (v instanceof io.resequel.query.Expr.Literal l) {
            b.append("L:").append(l.sql()).append('\u0000').append(l.binds().size());
        } else if (v instanceof io.resequel.query.Expr.Random) {
            b.append("R()");
        } else if (v instanceof io.resequel.query.Expr.Cast c) {
            b.append("C:").append(c.type()).append('(');
            value(b, c.value(), null);
            b.append(')');
        } else if (v instanceof Quantified q) {
            b.append(q.all() ? "all" : "any");
            value(b, q.values(), op);
        } else if (v instanceof Collection<?> l) {
            // every element: a column or expression anywhere in the list changes the text, not only the first
            b.append('l').append(l.size()).append('[');
            for (Object e : l) {
                value(b, e, op);
            }
            b.append(']');
        } else if (v instanceof Object[] arr) {
            value(b, java.util.Arrays.asList(arr), op);
        } else if (v instanceof io.resequel.model.Range<?>) {
            // A range and a single element render different casts (range @> range vs range @> element).
            b.append('r');
        } else if (v instanceof Boolean bool) {
            b.append(op == Op.IS || op == Op.NOT ? (bool ? "T" : "F") : "b");
        } else if (v instanceof Number) {
            b.append('#');
        } else if (v instanceof CharSequence) {
            b.append('s');
        } else {
            b.append('o');
        }
    }
}
