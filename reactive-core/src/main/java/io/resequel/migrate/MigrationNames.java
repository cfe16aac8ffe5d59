package io.resequel.migrate;

import java.util.Comparator;

/** How migration names are ordered. */
public final class MigrationNames {

    /**
     * Natural order: runs of digits compare as numbers, the rest as text, so {@code V3__x} comes before
     * {@code V10__y} and timestamped names ({@code 20260101120000-add-email}) sort by time, as sequelize-cli expects.
     */
    public static final Comparator<String> ORDER = MigrationNames::compare;

    private MigrationNames() {
    }

    private static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                String da = stripZeros(a.substring(i, ei));
                String db = stripZeros(b.substring(j, ej));
                int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int digitsEnd(String s, int i) {
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
