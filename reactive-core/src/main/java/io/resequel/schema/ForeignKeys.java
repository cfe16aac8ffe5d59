package io.resequel.schema;

import io.resequel.model.Deferrable;
import io.resequel.model.Reference;
import io.resequel.model.ReferentialAction;
import io.resequel.model.TableConstraint;
import io.resequel.sql.Dialect;
import io.resequel.sql.Feature;
import java.util.Locale;

/** Compares a foreign key the catalog describes with the reference a model declares. */
final class ForeignKeys {

    private ForeignKeys() {
    }

    /**
     * A rule the model leaves out matches any (the database's default differs: NO ACTION, RESTRICT); NO ACTION and
     * RESTRICT count as one where the database checks both per statement. {@code deferrable} is compared only
     * where the database has deferrable keys.
     *
     * @param described a key on the column
     * @param wanted    the model's reference
     * @param dialect   the database's dialect
     * @return whether the key already is the one the model wants
     */
    static boolean matches(ForeignKeyReference described, Reference wanted, Dialect dialect) {
        if (!wanted.table().equalsIgnoreCase(String.valueOf(described.referencedTableName()))
                || !wanted.key().equalsIgnoreCase(String.valueOf(described.referencedColumnName()))) {
            return false;
        }
        if (!rule(wanted.onDelete(), described.onDelete()) || !rule(wanted.onUpdate(), described.onUpdate())) {
            return false;
        }
        if (!dialect.supports(Feature.DEFERRABLE_CONSTRAINTS) || described.deferrable() == null) {
            return true;
        }
        String want = wanted.deferrable() == null ? "NOT DEFERRABLE" : wanted.deferrable().sql();
        return want.equalsIgnoreCase(described.deferrable());
    }

    /** @param k a described key (one column) @return it as a constraint to add again, under its own name */
    static TableConstraint constraint(ForeignKeyReference k) {
        TableConstraint c = TableConstraint.foreignKey(k.columnName()).name(k.constraintName())
                .references(k.referencedTableName(), k.referencedColumnName())
                .onDelete(action(k.onDelete())).onUpdate(action(k.onUpdate()));
        for (Deferrable d : Deferrable.values()) {
            if (d.sql().equalsIgnoreCase(String.valueOf(k.deferrable()))) {
                c.deferrable(d);
            }
        }
        return c;
    }

    private static ReferentialAction action(String rule) {
        return rule == null ? null : ReferentialAction.valueOf(rule.toUpperCase(Locale.ROOT).replace(' ', '_'));
    }

    private static boolean rule(ReferentialAction wanted, String described) {
        if (wanted == null) {
            return true;
        }
        String d = described == null ? "NO ACTION" : described.toUpperCase(Locale.ROOT);
        String w = wanted.sql().toUpperCase(Locale.ROOT);
        return w.equals(d) || isNoAction(w) && isNoAction(d);
    }

    private static boolean isNoAction(String rule) {
        return rule.equals("NO ACTION") || rule.equals("RESTRICT");
    }
}
