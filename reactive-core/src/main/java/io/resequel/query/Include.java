package io.resequel.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One eager-loaded association of a find (Sequelize's {@code include}), resolved against the declared associations
 * when the query runs: by model ({@code Include.of(tasks)}), by alias ({@code Include.of("tasks")}) or by the
 * association itself. Immutable; the fluent methods return copies.
 *
 * <p>A {@code where} makes the include required (an INNER JOIN) unless {@link #required(boolean)} says otherwise, in
 * which case the condition moves into the LEFT JOIN's ON clause. {@link #separate(boolean)} loads a to-many include
 * with its own {@code WHERE fk IN (...)} query per window of parents instead of a join; {@link #limit(int)} and
 * {@link #order(Order...)} apply per parent and only with {@code separate}.
 */
public final class Include {

    /** The association kinds {@link #all(Kind...)} may select. */
    public enum Kind {
        /** belongsTo */
        BELONGS_TO,
        /** hasOne */
        HAS_ONE,
        /** hasMany */
        HAS_MANY,
        /** belongsToMany */
        BELONGS_TO_MANY
    }

    private IncludeTarget target;
    private String modelName;
    private String as;
    private Set<Kind> all;
    private boolean nested;
    private List<String> attributes;
    private List<String> exclude = List.of();
    private List<Selection> extra = List.of();
    private Where where;
    private Boolean required;
    private boolean right;
    private Boolean separate;
    private Integer limit;
    private List<Order> order = List.of();
    private List<Include> includes = List.of();
    private List<String> throughAttributes;
    private Where throughWhere;
    private String throughAs;
    private Boolean duplicating;
    private Boolean paranoid;
    private Where on;
    private boolean or;

    private Include() {
    }

    /** @param target a model or an association @return an include of it */
    public static Include of(IncludeTarget target) {
        Objects.requireNonNull(target, "target");
        Include i = new Include();
        i.target = target;
        i.modelName = target.includeModelName();
        i.as = target.includeAlias();
        return i;
    }

    /** @param alias an association alias of the including model ({@code include: 'tasks'}) @return the include */
    public static Include of(String alias) {
        Include i = new Include();
        i.as = Objects.requireNonNull(alias, "alias");
        return i;
    }

    /** @return every association of the model ({@code include: {all: true}}) */
    public static Include all() {
        return all(Kind.values());
    }

    /**
     * @param kinds the association kinds to include ({@code all: 'BelongsTo'}, {@code 'Many'}, ...)
     * @return the associations of those kinds
     */
    public static Include all(Kind... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("include all needs at least one association kind");
        }
        Include i = new Include();
        i.all = EnumSet.copyOf(Arrays.asList(kinds));
        return i;
    }

    private Include copy() {
        Include c = new Include();
        c.target = target;
        c.modelName = modelName;
        c.as = as;
        c.all = all;
        c.nested = nested;
        c.attributes = attributes;
        c.exclude = exclude;
        c.extra = extra;
        c.where = where;
        c.required = required;
        c.right = right;
        c.separate = separate;
        c.limit = limit;
        c.order = order;
        c.includes = includes;
        c.throughAttributes = throughAttributes;
        c.throughWhere = throughWhere;
        c.throughAs = throughAs;
        c.duplicating = duplicating;
        c.paranoid = paranoid;
        c.on = on;
        c.or = or;
        return c;
    }

    /** @param alias the association alias ({@code as}) @return a copy naming it */
    public Include as(String alias) {
        Include c = copy();
        c.as = Objects.requireNonNull(alias, "alias");
        return c;
    }

    /** @return a copy of an {@link #all()} include that recurses into the targets, skipping models on the path */
    public Include nested() {
        Include c = copy();
        c.nested = true;
        return c;
    }

    /**
     * @param names the attributes of the included model to select; its key is added to a non-empty list. None at all
     *              ({@code attributes()}, Sequelize's {@code attributes: []}) selects nothing of the include, which
     *              then joins only to filter or aggregate and is not set on the parent (unless its own includes
     *              select something)
     * @return a copy
     */
    public Include attributes(String... names) {
        Include c = copy();
        c.attributes = List.of(names);
        return c;
    }

    /**
     * Selects an attribute of the included model under another name, or an expression, read back with
     * {@code included.get(alias)} (Sequelize's {@code attributes: [['col', 'alias']]} or {@code [literal, 'alias']}
     * on an include). Qualify columns in an expression by the include's path ({@code Expr.col("comments.id")}).
     *
     * @param target an attribute name or an {@link Expr}
     * @param alias  the name it is read under
     * @return a copy
     */
    public Include attribute(Object target, String alias) {
        Include c = copy();
        List<Selection> out = new ArrayList<>(extra);
        out.add(new Selection(target, alias));
        c.extra = List.copyOf(out);
        return c;
    }

    /** @param names attributes of the included model to leave out @return a copy */
    public Include exclude(String... names) {
        Include c = copy();
        c.exclude = List.of(names);
        return c;
    }

    /** @param where a filter on the included model; makes the include required unless set otherwise @return a copy */
    public Include where(Where where) {
        Include c = copy();
        c.where = c.where == null ? Objects.requireNonNull(where, "where") : c.where.and(where);
        return c;
    }

    /**
     * Sequelize's include {@code on}: the join condition, replacing the association's key link (the include's
     * {@code where} and its model's paranoid filter are still added). Names resolve in the included model, with
     * {@code Root.attribute}, {@code $Root.attribute$} and {@code $path.attribute$} for the other tables of the query.
     * Only for joined hasOne, hasMany and belongsTo includes (a belongsToMany joins through its junction).
     *
     * @param on the join condition
     * @return a copy
     */
    public Include on(Where on) {
        Include c = copy();
        c.on = Objects.requireNonNull(on, "on");
        return c;
    }

    /**
     * Sequelize's include {@code or}: the include's {@code where} is ORed with the join condition instead of ANDed
     * ({@code ON parent.fk = child.id OR child.public = TRUE}).
     *
     * @param or whether the where widens the join rather than narrows it
     * @return a copy
     */
    public Include or(boolean or) {
        Include c = copy();
        c.or = or;
        return c;
    }

    /** @param required INNER JOIN (parents without a match are dropped) or LEFT OUTER JOIN @return a copy */
    public Include required(boolean required) {
        Include c = copy();
        c.required = required;
        return c;
    }

    /** @param right RIGHT OUTER JOIN (only when not required) @return a copy */
    public Include right(boolean right) {
        Include c = copy();
        c.right = right;
        return c;
    }

    /** @param separate load with a query of its own per window of parents (to-many includes) @return a copy */
    public Include separate(boolean separate) {
        Include c = copy();
        c.separate = separate;
        return c;
    }

    /** @param limit the most children per parent; implies {@code separate} @return a copy */
    public Include limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        Include c = copy();
        c.limit = limit;
        return c;
    }

    /** @param terms the order of the children of each parent; only with {@code separate} @return a copy */
    public Include order(Order... terms) {
        Include c = copy();
        c.order = List.of(terms);
        return c;
    }

    /** @param nestedIncludes includes of the included model @return a copy with them appended */
    public Include include(Include... nestedIncludes) {
        Include c = copy();
        List<Include> all = new ArrayList<>(includes);
        all.addAll(Arrays.asList(nestedIncludes));
        c.includes = List.copyOf(all);
        return c;
    }

    /** @param targets models or associations of the included model @return a copy including them */
    public Include include(IncludeTarget... targets) {
        return include(Arrays.stream(targets).map(Include::of).toArray(Include[]::new));
    }

    /**
     * @param names the junction attributes to read under each target (belongsToMany); none for no junction columns
     * @return a copy
     */
    public Include throughAttributes(String... names) {
        Include c = copy();
        c.throughAttributes = List.of(names);
        return c;
    }

    /** @param where a filter on the junction rows (belongsToMany) @return a copy */
    public Include throughWhere(Where where) {
        Include c = copy();
        c.throughWhere = Objects.requireNonNull(where, "where");
        return c;
    }

    /**
     * @param name the name each target carries its junction row under (Sequelize's {@code through: {as}}), instead
     *             of the junction model's name (belongsToMany)
     * @return a copy
     */
    public Include throughAs(String name) {
        Include c = copy();
        c.throughAs = Objects.requireNonNull(name, "name");
        return c;
    }

    /**
     * @param duplicating {@code false} declares that this to-many include does not multiply rows for the root limit:
     *                    it no longer moves the root into a limited sub-query, so LIMIT counts joined rows
     * @return a copy
     */
    public Include duplicating(boolean duplicating) {
        Include c = copy();
        c.duplicating = duplicating;
        return c;
    }

    /**
     * Merges another include of the same association on top of this one, as Sequelize merges the includes of scopes
     * and finder options: {@code where} and {@code throughWhere} per attribute (see {@link FindOptions#merge}),
     * attribute lists and excluded attributes unioned, order terms and nested includes concatenated (nested includes
     * of one association are merged in turn when resolved), and the flags {@code other} sets overwritten.
     *
     * @param other the include that wins
     * @return the merged include, naming this include's association
     */
    public Include merge(Include other) {
        return merge(other, WhereMergeStrategy.OVERWRITE);
    }

    /**
     * {@link #merge(Include)} with a model's {@code whereMergeStrategy}: with {@link WhereMergeStrategy#AND} the
     * wheres of both includes are combined with AND, as Sequelize merges the includes of a model whose scopes merge
     * with {@code 'and'}.
     *
     * @param other    the include that wins
     * @param strategy how the filters combine
     * @return the merged include
     */
    public Include merge(Include other, WhereMergeStrategy strategy) {
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(strategy, "strategy");
        Include c = copy();
        c.where = WhereMerge.merge(strategy, where, other.where);
        c.throughWhere = WhereMerge.merge(strategy, throughWhere, other.throughWhere);
        c.attributes = attributes == null ? other.attributes : other.attributes == null ? attributes
                : List.copyOf(FindOptions.union(attributes, other.attributes));
        c.exclude = List.copyOf(FindOptions.union(exclude, other.exclude));
        c.extra = concat(extra, other.extra);
        c.throughAttributes = throughAttributes == null ? other.throughAttributes
                : other.throughAttributes == null ? throughAttributes
                : List.copyOf(FindOptions.union(throughAttributes, other.throughAttributes));
        c.order = concat(order, other.order);
        c.includes = concat(includes, other.includes);
        c.required = other.required != null ? other.required : required;
        c.separate = other.separate != null ? other.separate : separate;
        c.limit = other.limit != null ? other.limit : limit;
        c.duplicating = other.duplicating != null ? other.duplicating : duplicating;
        c.paranoid = other.paranoid != null ? other.paranoid : paranoid;
        c.throughAs = other.throughAs != null ? other.throughAs : throughAs;
        c.right = right || other.right;
        c.on = other.on != null ? other.on : on;
        c.or = or || other.or;
        return c;
    }

    /**
     * This include applied on top of a scope of its model (Sequelize injects the included model's scope into the
     * include): the scope's where, attributes, excluded attributes, includes and paranoid flag, merged under this
     * include's own as by {@link #merge}. A where from the scope makes the include required, as one given directly.
     *
     * @param scope the merged active scopes of the included model
     * @return the scoped include
     */
    public Include withScope(FindOptions scope) {
        return withScope(scope, WhereMergeStrategy.OVERWRITE);
    }

    /**
     * @param scope    the merged active scopes of the included model
     * @param strategy the included model's {@code whereMergeStrategy}
     * @return the scoped include (see {@link #withScope(FindOptions)})
     */
    public Include withScope(FindOptions scope, WhereMergeStrategy strategy) {
        Objects.requireNonNull(scope, "scope");
        Include s = new Include();
        s.where = scope.where();
        s.attributes = scope.attributes();
        s.exclude = scope.exclude();
        s.includes = scope.includes();
        s.paranoid = scope.paranoidSetting();
        Include c = s.merge(this, strategy);
        c.target = target;
        c.modelName = modelName;
        c.as = as;
        c.all = all;
        c.nested = nested;
        return c;
    }

    private static <E> List<E> concat(List<E> first, List<E> second) {
        if (second.isEmpty()) {
            return first;
        }
        List<E> out = new ArrayList<>(first);
        out.addAll(second);
        return List.copyOf(out);
    }

    /** @return the join condition replacing the association's key link, or {@code null} */
    public Where on() { return on; }

    /** @return whether the where is ORed with the join condition */
    public boolean isOr() { return or; }

    /** @return the model or association this include was made of, or {@code null} when named by alias */
    public IncludeTarget target() { return target; }

    /** @param paranoid {@code false}: include soft-deleted rows of a paranoid model @return a copy */
    public Include paranoid(boolean paranoid) {
        Include c = copy();
        c.paranoid = paranoid;
        return c;
    }

    /** @return whether soft-deleted rows are left out (the default) */
    public boolean isParanoid() { return paranoid == null || paranoid; }

    /** @return the model name, or {@code null} when named by alias or {@code all} */
    public String modelName() { return modelName; }

    /** @return the alias, or {@code null} */
    public String alias() { return as; }

    /** @return the kinds of an {@code all} include, or {@code null} */
    public Set<Kind> allKinds() { return all; }

    /** @return whether an {@code all} include recurses */
    public boolean isNested() { return nested; }

    /** @return the selected attributes, or {@code null} for all */
    public List<String> attributeList() { return attributes; }

    /** @return the aliased attributes and expressions selected besides {@link #attributeList()} */
    public List<Selection> extraList() { return extra; }

    /** @return attributes left out */
    public List<String> excluded() { return exclude; }

    /** @return the filter, or {@code null} */
    public Where where() { return where; }

    /** @return the explicit required flag, or {@code null} (then: required when there is a where) */
    public Boolean required() { return required; }

    /** @return whether to RIGHT JOIN */
    public boolean isRight() { return right; }

    /** @return the explicit separate flag, or {@code null} (then: separate when there is a limit) */
    public Boolean separate() { return separate; }

    /** @return the per-parent limit, or {@code null} */
    public Integer limit() { return limit; }

    /** @return the per-parent order (separate only) */
    public List<Order> orderList() { return order; }

    /** @return the nested includes */
    public List<Include> includes() { return includes; }

    /** @return the junction attributes, or {@code null} for all */
    public List<String> throughAttributeList() { return throughAttributes; }

    /** @return the junction filter, or {@code null} */
    public Where throughWhere() { return throughWhere; }

    /** @return the name junction rows are attached under, or {@code null} for the junction model's name */
    public String throughAs() { return throughAs; }

    /** @return the explicit duplicating flag, or {@code null} */
    public Boolean duplicating() { return duplicating; }

    @Override
    public String toString() {
        return "Include(" + (all != null ? "all " + all : (modelName != null ? modelName : "")
                + (as != null ? " as " + as : "")) + ")";
    }
}
