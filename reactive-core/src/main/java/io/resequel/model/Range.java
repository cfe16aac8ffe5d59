package io.resequel.model;

import java.util.Objects;

/**
 * A value of a {@link DataTypes#RANGE(DataType)} attribute: a lower and an upper bound, each inclusive or exclusive,
 * where a {@code null} bound is unbounded (and never inclusive), or the empty range. As in Sequelize, a range built
 * from two values includes the lower and excludes the upper bound ({@code [lower, upper)}).
 *
 * <p>PostgreSQL normalises discrete ranges (INTEGER, BIGINT, DATEONLY) to {@code [a,b)} form, so
 * {@code closed(1, 5)} reads back as {@code closedOpen(1, 6)}.
 *
 * @param <T> the subtype's Java class ({@code Integer}, {@code Long}, {@code BigDecimal}, {@code OffsetDateTime},
 *            {@code LocalDate})
 */
public final class Range<T> {

    private static final Range<?> EMPTY = new Range<>(null, false, null, false, true);

    private final T lower;
    private final boolean lowerInclusive;
    private final T upper;
    private final boolean upperInclusive;
    private final boolean empty;

    private Range(T lower, boolean lowerInclusive, T upper, boolean upperInclusive, boolean empty) {
        this.lower = lower;
        this.lowerInclusive = lower != null && lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upper != null && upperInclusive;
        this.empty = empty;
    }

    /**
     * @param lower          the lower bound, {@code null} for unbounded
     * @param lowerInclusive whether the lower bound belongs to the range
     * @param upper          the upper bound, {@code null} for unbounded
     * @param upperInclusive whether the upper bound belongs to the range
     * @param <T>            the bound class
     * @return the range
     */
    public static <T> Range<T> of(T lower, boolean lowerInclusive, T upper, boolean upperInclusive) {
        return new Range<>(lower, lowerInclusive, upper, upperInclusive, false);
    }

    /** @param lower lower bound or null @param upper upper bound or null @param <T> bound class @return {@code [lower, upper)} */
    public static <T> Range<T> closedOpen(T lower, T upper) {
        return of(lower, true, upper, false);
    }

    /** @param lower lower bound or null @param upper upper bound or null @param <T> bound class @return {@code [lower, upper]} */
    public static <T> Range<T> closed(T lower, T upper) {
        return of(lower, true, upper, true);
    }

    /** @param lower lower bound or null @param upper upper bound or null @param <T> bound class @return {@code (lower, upper)} */
    public static <T> Range<T> open(T lower, T upper) {
        return of(lower, false, upper, false);
    }

    /** @param lower lower bound or null @param upper upper bound or null @param <T> bound class @return {@code (lower, upper]} */
    public static <T> Range<T> openClosed(T lower, T upper) {
        return of(lower, false, upper, true);
    }

    /** @param <T> bound class @return the range unbounded on both sides, {@code (,)} */
    public static <T> Range<T> unbounded() {
        return of(null, false, null, false);
    }

    /** @param <T> bound class @return the empty range */
    @SuppressWarnings("unchecked")
    public static <T> Range<T> empty() {
        return (Range<T>) EMPTY;
    }

    /** @return the lower bound, {@code null} when unbounded or empty */
    public T lower() { return lower; }

    /** @return whether the lower bound is included */
    public boolean lowerInclusive() { return lowerInclusive; }

    /** @return the upper bound, {@code null} when unbounded or empty */
    public T upper() { return upper; }

    /** @return whether the upper bound is included */
    public boolean upperInclusive() { return upperInclusive; }

    /** @return whether this is the empty range */
    public boolean isEmpty() { return empty; }

    /**
     * @param f   maps each bound
     * @param <U> the new bound class
     * @return a range with the same inclusivity and mapped bounds
     */
    public <U> Range<U> map(java.util.function.Function<? super T, ? extends U> f) {
        if (empty) {
            return empty();
        }
        return of(lower == null ? null : f.apply(lower), lowerInclusive, upper == null ? null : f.apply(upper),
                upperInclusive);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Range<?> r && r.empty == empty && r.lowerInclusive == lowerInclusive
                && r.upperInclusive == upperInclusive && Objects.equals(r.lower, lower) && Objects.equals(r.upper, upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower, lowerInclusive, upper, upperInclusive, empty);
    }

    /** @return PostgreSQL's text form without quoting ({@code [1,5)}, {@code (,3]}, {@code empty}) */
    @Override
    public String toString() {
        if (empty) {
            return "empty";
        }
        return (lowerInclusive ? "[" : "(") + (lower == null ? "" : lower) + "," + (upper == null ? "" : upper)
                + (upperInclusive ? "]" : ")");
    }
}
