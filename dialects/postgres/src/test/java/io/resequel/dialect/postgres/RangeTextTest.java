package io.resequel.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.DataTypes;
import io.resequel.model.Range;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The range text form, both ways, including what a server in another time zone sends. */
class RangeTextTest {

    @Test
    void formats() {
        assertEquals("[1,5)", RangeText.format(Range.closedOpen(1, 5)));
        assertEquals("(,3]", RangeText.format(Range.closed(null, 3)));
        assertEquals("(,)", RangeText.format(Range.unbounded()));
        assertEquals("empty", RangeText.format(Range.empty()));
        assertEquals("(0.10,2]", RangeText.format(Range.openClosed(new BigDecimal("0.10"), new BigDecimal("2"))));
        assertEquals("[\"2024-01-01T10:00:00Z\",)", RangeText.format(Range.closedOpen(
                OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC), null)));
    }

    @Test
    void parses() {
        assertEquals(Range.closedOpen(1, 5), RangeText.parse("[1,5)", DataTypes.INTEGER));
        assertTrue(RangeText.parse("empty", DataTypes.BIGINT).isEmpty());
        assertEquals(Range.openClosed(null, 3L), RangeText.parse("(,3]", DataTypes.BIGINT));
        assertEquals(Range.closedOpen(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1)),
                RangeText.parse("[2024-01-01,2024-02-01)", DataTypes.DATEONLY));
        OffsetDateTime utc = OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 500_000_000, ZoneOffset.UTC);
        assertEquals(Range.closedOpen(utc, utc.plusHours(1)), RangeText.parse(
                "[\"2024-01-01 11:00:00.5+01\",\"2024-01-01 06:30:00.5-04:30\")", DataTypes.DATE));
        assertEquals(Range.open(null, new BigDecimal("1.5")), RangeText.parse("(-infinity,1.5)", DataTypes.DECIMAL));
    }
}
