package io.resequel.plan;

import io.resequel.assoc.Association;
import io.resequel.assoc.BelongsToMany;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Model;
import io.resequel.model.ModelDefinition;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * One model of a resolved include tree: the root of a find, or an included association with its options, table
 * alias, selected columns and (once planned) where its columns start in a row. Built by {@link IncludeResolver}.
 */
public final class IncludeNode {

    final Model<?> model;
    final Association<?, ?> association;
    final Include include;
    final IncludeNode parent;
    final String as;
    final String alias;
    final String path;
    final List<AttributeDefinition> columns;
    final Where where;
    final boolean required;
    final boolean right;
    final boolean separate;
    final boolean duplicating;
    final List<IncludeNode> children = new ArrayList<>();
    final Model<?> through;
    final String throughAlias;
    final List<AttributeDefinition> throughColumns;
    final Where throughWhere;
    final List<io.resequel.query.Selection> extras;
    /** An include selecting nothing ({@code attributes()}): joined, but not read. */
    boolean hidden;
    /** On the root: rows are read flat, not folded. */
    boolean raw;
    int offset;
    int throughOffset;

    IncludeNode(Model<?> model, Association<?, ?> association, Include include, IncludeNode parent, String as,
            String alias, String path, List<AttributeDefinition> columns, Where where, boolean required,
            boolean right, boolean separate, boolean duplicating, List<AttributeDefinition> throughColumns,
            String throughAlias) {
        this.model = model;
        this.association = association;
        this.include = include;
        this.parent = parent;
        this.as = as;
        this.alias = alias;
        this.path = path;
        this.columns = columns;
        this.where = where;
        this.required = required;
        this.right = right;
        this.separate = separate;
        this.duplicating = duplicating;
        this.through = association instanceof BelongsToMany<?, ?> m ? m.through() : null;
        this.throughAlias = throughAlias;
        this.throughColumns = throughColumns;
        this.throughWhere = include == null ? null : include.throughWhere();
        this.extras = include == null ? List.of() : include.extraList();
    }

    /** @return the model */
    public Model<?> model() { return model; }

    /** @return the model's definition */
    public ModelDefinition definition() { return model.definition(); }

    /** @return the association from the parent, or {@code null} for the root */
    public Association<?, ?> association() { return association; }

    /** @return the include as given (its nested includes and per-parent order), or {@code null} for the root */
    public Include include() { return include; }

    /** @return the parent node, or {@code null} for the root */
    public IncludeNode parent() { return parent; }

    /** @return the alias the loaded value is stored under */
    public String as() { return as; }

    /** @return the table alias in the statement */
    public String alias() { return alias; }

    /** @return the dotted include path ({@code tasks.comments}), empty for the root */
    public String path() { return path; }

    /** @return the selected attributes, in select-list order, primary key included */
    public List<AttributeDefinition> columns() { return columns; }

    /** @return an included node's aliased attributes and expressions, after its columns; empty for the root */
    public List<io.resequel.query.Selection> extras() { return extras; }

    /** @return whether the include selects nothing ({@code attributes()}) and is not set on its parent */
    public boolean hidden() { return hidden; }

    /** @return the include's filter, or {@code null} */
    public Where where() { return where; }

    /** @return whether parents without a match are dropped (INNER JOIN) */
    public boolean required() { return required; }

    /** @return whether the include is loaded by a query of its own */
    public boolean separate() { return separate; }

    /** @return whether a parent holds many of these */
    public boolean many() { return association != null && association.isMany(); }

    /** @return the nested includes */
    public List<IncludeNode> children() { return children; }

    /** @return the junction model (belongsToMany), or {@code null} */
    public Model<?> through() { return through; }

    /** @return the name each target carries its junction row under: the include's throughAs or the junction's name */
    public String throughName() {
        return include != null && include.throughAs() != null ? include.throughAs() : through.name();
    }

    /** @return the junction attributes read under each target; empty for none */
    public List<AttributeDefinition> throughColumns() { return throughColumns; }

    /** @return the junction filter, or {@code null} */
    public Where throughWhere() { return throughWhere; }

    /** @return the index of this node's first column in a row */
    public int offset() { return offset; }

    /** @return the index of the junction's first column in a row */
    public int throughOffset() { return throughOffset; }

    /** @return whether this node or one below it is loaded separately */
    public boolean hasSeparate() {
        for (IncludeNode c : children) {
            if (c.separate || c.hasSeparate()) {
                return true;
            }
        }
        return false;
    }

    /** @return the joined (not separate) children */
    public List<IncludeNode> joined() {
        List<IncludeNode> out = new ArrayList<>(children.size());
        for (IncludeNode c : children) {
            if (!c.separate) {
                out.add(c);
            }
        }
        return out;
    }

    /** @return the primary-key attributes, all of which are in {@link #columns()} */
    public List<AttributeDefinition> keys() { return model.definition().primaryKeys(); }

    /** @return the per-parent order of a separate include */
    public List<Order> separateOrder() { return include == null ? List.of() : include.orderList(); }

    @Override
    public String toString() {
        return alias + (children.isEmpty() ? "" : children.toString());
    }
}
