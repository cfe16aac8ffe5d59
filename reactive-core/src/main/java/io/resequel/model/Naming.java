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

    static String plural(String name) {
        // The inflector works on the last word, so "UserProfile" becomes "UserProfiles" as in Sequelize.
        int split = lastWordStart(name);
        String word = name.substring(split);
        String irregular = IRREGULAR.get(word.toLowerCase(Locale.ROOT));
        if (irregular != null) {
            String cased = Character.isUpperCase(word.charAt(0))
                    ? Character.toUpperCase(irregular.charAt(0)) + irregular.substring(1) : irregular;
            return name.substring(0, split) + cased;
        }
        return name.substring(0, split) + English.plural(word);
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
