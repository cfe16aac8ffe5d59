package io.resequel.model;

import java.util.Locale;
import java.util.Map;
import org.atteo.evo.inflector.English;

/** Table and column names derived from model and attribute names. */
final class Naming {

    private Naming() {
    }

    /** Irregular nouns where Evo Inflector differs from the inflection library Sequelize uses. */
    private static final Map<String, String> IRREGULAR = Map.of(
            "person", "people", "man", "men", "woman", "women", "child", "children", "mouse", "mice",
            "goose", "geese", "foot", "feet", "tooth", "teeth", "ox", "oxen");

    private static final Map<String, String> SINGULAR = Map.of(
            "people", "person", "men", "man", "women", "woman", "children", "child", "mice", "mouse",
            "geese", "goose", "feet", "foot", "teeth", "tooth", "oxen", "ox");

    static String plural(String name) {
        // The inflector works on the last word, so "UserProfile" becomes "UserProfiles" as in Sequelize.
        int split = lastWordStart(name);
        String word = name.substring(split);
        String lower = word.toLowerCase(Locale.ROOT);
        if (looksPlural(word)) {
            // Sequelize's inflection keeps words already in the plural: "UserProjects", "People".
            return name;
        }
        String irregular = IRREGULAR.get(lower);
        if (irregular != null) {
            return name.substring(0, split) + cased(word, irregular);
        }
        if (word.equalsIgnoreCase("y")) {
            // Sequelize's inflection turns -y into -ies only after a consonant ("([^aeiouy]|qu)y$"): a lone "y"
            // gets an s ("ys"), where evo-inflector would say "ies".
            return name + "s";
        }
        return name.substring(0, split) + English.plural(word);
    }

    /** English singular of the last word: irregular nouns, then -ies, -ses/-xes/-zes/-ches/-shes, then -s. */
    static String singular(String name) {
        int split = lastWordStart(name);
        String head = name.substring(0, split);
        String last = name.substring(split);
        String lower = last.toLowerCase(Locale.ROOT);
        String irregular = SINGULAR.get(lower);
        if (irregular != null) {
            return head + cased(last, irregular);
        }
        if (lower.endsWith("ies") && last.length() > 3) {
            return head + last.substring(0, last.length() - 3)
                    + (Character.isUpperCase(last.charAt(last.length() - 1)) ? "Y" : "y");
        }
        for (String suffix : new String[] {"sses", "xes", "zes", "ches", "shes"}) {
            if (lower.endsWith(suffix)) {
                return head + last.substring(0, last.length() - 2);
            }
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && last.length() > 1) {
            return head + last.substring(0, last.length() - 1);
        }
        return name;
    }

    /**
     * The singular name of a model (Sequelize's {@code options.name.singular = singularize(modelName)}, which names
     * belongsTo/hasOne aliases and keys: {@code belongsTo(Orders)} → {@code OrderId}). Only a name whose last word
     * reads as a plural is changed, so "Status", "Address" or "UserXYZ" stay as they are.
     */
    static String singularName(String name) {
        return looksPlural(name.substring(lastWordStart(name))) ? singular(name) : name;
    }

    /** An irregular plural, or a word in -s (not -ss, -us, -is) that singularising and pluralising gives back. */
    private static boolean looksPlural(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (SINGULAR.containsKey(lower)) {
            return true;
        }
        if (!lower.endsWith("s") || lower.endsWith("ss") || lower.endsWith("us") || lower.endsWith("is")
                || word.length() < 3) {
            return false;
        }
        String single = singular(word);
        return !single.equals(word) && !IRREGULAR.containsKey(single.toLowerCase(Locale.ROOT))
                && English.plural(single).equals(word);
    }

    private static String cased(String like, String word) {
        return Character.isUpperCase(like.charAt(0)) ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word;
    }

    static String snake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && name.charAt(i - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int lastWordStart(String name) {
        for (int i = name.length() - 1; i > 0; i--) {
            if (Character.isUpperCase(name.charAt(i)) || name.charAt(i - 1) == '_') {
                return i;
            }
        }
        return 0;
    }
}
