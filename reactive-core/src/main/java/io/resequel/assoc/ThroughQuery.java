package io.resequel.assoc;

import io.resequel.query.Where;
import java.util.List;
import java.util.Objects;

/**
 * How a belongsToMany getter, count or has reads the junction: Sequelize's {@code through: {where, paranoid}} and
 * {@code joinTableAttributes}. Immutable; each method returns a copy.
 *
 * <pre>{@code
 * projects.get(user, q -> { }, ThroughQuery.where(Where.eq("status", "active")));
 * projects.has(user, List.of(p1), ThroughQuery.paranoid(false));   // soft-deleted links count too
 * }</pre>
 */
public final class ThroughQuery {

    /** Every link that is not soft-deleted, all junction attributes. */
    public static final ThroughQuery DEFAULT = new ThroughQuery(null, true, null);

    private final Where where;
    private final boolean paranoid;
    private final List<String> attributes;

    private ThroughQuery(Where where, boolean paranoid, List<String> attributes) {
        this.where = where;
        this.paranoid = paranoid;
        this.attributes = attributes;
    }

    /** @param where a filter on the junction rows @return a query with it */
    public static ThroughQuery where(Where where) {
        return DEFAULT.andWhere(where);
    }

    /** @param paranoid {@code false}: soft-deleted links of a paranoid junction count too @return a query */
    public static ThroughQuery paranoid(boolean paranoid) {
        return DEFAULT.withParanoid(paranoid);
    }

    /** @param where a further filter on the junction rows @return a copy */
    public ThroughQuery andWhere(Where where) {
        Objects.requireNonNull(where, "where");
        return new ThroughQuery(this.where == null ? where : this.where.and(where), paranoid, attributes);
    }

    /** @param paranoid {@code false} to read soft-deleted links too @return a copy */
    public ThroughQuery withParanoid(boolean paranoid) {
        return new ThroughQuery(where, paranoid, attributes);
    }

    /**
     * @param names the junction attributes each target carries (Sequelize's {@code joinTableAttributes}); none for
     *              no junction columns
     * @return a copy
     */
    public ThroughQuery attributes(String... names) {
        return new ThroughQuery(where, paranoid, List.of(names));
    }

    /** @return the junction filter, or {@code null} */
    public Where where() { return where; }

    /** @return whether soft-deleted links are hidden */
    public boolean isParanoid() { return paranoid; }

    /** @return the junction attributes to read, or {@code null} for all */
    public List<String> attributeList() { return attributes; }
}
