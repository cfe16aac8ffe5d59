package io.resequel.assoc;

import java.util.Locale;
import java.util.Map;

/** Association names: aliases in singular and plural, and camel-cased key names as Sequelize derives them. */
final class Naming {

    private Naming() {
    }

    /** @param singular the singular form @param plural the plural form */
    record Alias(String singular, String plural) {
    }

    private static final Map<String, String> IRREGULAR = Map.of(
            "people", "person", "men", "man", "women", "woman", "children", "child", "mice", "mouse",
            "geese", "goose", "feet", "foot", "teeth", "tooth", "oxen", "ox");

    /** The alias of a to-many association: given in the plural (or both forms), else the target's plural name. */
    static Alias many(AssociationOptions o, String targetName) {
        if (o.singular == null) {
            return new Alias(targetName, io.resequel.model.ModelNames.plural(targetName));
        }
        if (o.plural != null) {
            return new Alias(o.singular, o.plural);
        }
        return new Alias(singularize(o.singular), o.singular);
    }

    /** The alias of a to-one association: given in the singular (or both forms), else the target's name. */
    static Alias one(AssociationOptions o, String targetName) {
        String s = o.singular != null ? o.singular : targetName;
        return new Alias(s, o.plural != null ? o.plural : io.resequel.model.ModelNames.plural(s));
    }

    /** Sequelize's camelize of key parts: the first kept as is, later ones capitalised ({@code user + id → userId}). */
    static String camel(String first, String second) {
        return first + capitalize(second);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** English singular of the last word: irregular nouns, then -ies, -ses/-xes/-zes/-ches/-shes, then -s. */
    static String singularize(String word) {
        int split = 0;
        for (int i = word.length() - 1; i > 0; i--) {
            if (Character.isUpperCase(word.charAt(i)) || word.charAt(i - 1) == '_') {
                split = i;
                break;
            }
        }
        String head = word.substring(0, split);
        String last = word.substring(split);
        String lower = last.toLowerCase(Locale.ROOT);
        String irregular = IRREGULAR.get(lower);
        if (irregular != null) {
            return head + (Character.isUpperCase(last.charAt(0)) ? capitalize(irregular) : irregular);
        }
        if (lower.endsWith("ies") && last.length() > 3) {
            return head + last.substring(0, last.length() - 3) + (Character.isUpperCase(last.charAt(last.length() - 1))
                    ? "Y" : "y");
        }
        for (String suffix : new String[] {"sses", "xes", "zes", "ches", "shes"}) {
            if (lower.endsWith(suffix)) {
                return head + last.substring(0, last.length() - 2);
            }
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && last.length() > 1) {
            return head + last.substring(0, last.length() - 1);
        }
        return word;
    }
}
