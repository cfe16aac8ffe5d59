package io.resequel.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/** Equality of attribute values as change detection needs it: arrays by content, decimals by value. */
final class ValueEquality {

    private ValueEquality() {
    }

    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }
}
