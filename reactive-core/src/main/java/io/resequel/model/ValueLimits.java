package io.resequel.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a database can store exactly for the types whose range depends on the database: the DATE (timestamp) and
 * DATEONLY ranges, and whether FLOAT/DOUBLE columns keep NaN and ±Infinity. A dialect declares its limits
 * ({@code Dialect#valueLimits()}); the core refuses values outside them before any SQL, since databases do not all
 * refuse them: PostgreSQL turns a timestamp past its range into {@code ±infinity}, MariaDB has no NaN.
 *
 * @param minTimestamp     the earliest DATE value, inclusive
 * @param maxTimestamp     the latest DATE value, inclusive
 * @param minDate          the earliest DATEONLY value, inclusive
 * @param maxDate          the latest DATEONLY value, inclusive
 * @param nonFiniteFloats  whether FLOAT and DOUBLE columns store NaN, Infinity and -Infinity
 * @param description      how messages describe the database ({@code PostgreSQL}, {@code MySQL/MariaDB})
 */
public record ValueLimits(Instant minTimestamp, Instant maxTimestamp, LocalDate minDate, LocalDate maxDate,
        boolean nonFiniteFloats, String description) {

    /** Every value Java's date-time classes hold, NaN and infinities included: for tests and lenient engines. */
    public static final ValueLimits UNBOUNDED = new ValueLimits(LocalDateTime.MIN.toInstant(ZoneOffset.UTC),
            LocalDateTime.MAX.toInstant(ZoneOffset.UTC), LocalDate.MIN, LocalDate.MAX, true, "this database");

    /** The SQL standard's datetime range, years 0001 to 9999, and no NaN or infinities. */
    public static final ValueLimits STANDARD = new ValueLimits(Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), false,
            "standard SQL");

    /** Checks the arguments. */
    public ValueLimits {
        Objects.requireNonNull(minTimestamp, "minTimestamp");
        Objects.requireNonNull(maxTimestamp, "maxTimestamp");
        Objects.requireNonNull(minDate, "minDate");
        Objects.requireNonNull(maxDate, "maxDate");
        Objects.requireNonNull(description, "description");
        if (minTimestamp.isAfter(maxTimestamp) || minDate.isAfter(maxDate)) {
            throw new IllegalArgumentException("a range's minimum must not follow its maximum");
        }
    }

    /** @param instant a DATE value @return whether the database stores it as it is */
    public boolean holds(Instant instant) {
        return !instant.isBefore(minTimestamp) && !instant.isAfter(maxTimestamp);
    }

    /** @param date a DATEONLY value @return whether the database stores it as it is */
    public boolean holds(LocalDate date) {
        return !date.isBefore(minDate) && !date.isAfter(maxDate);
    }
}
