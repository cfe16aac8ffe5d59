package io.resequel.model;

import org.atteo.evo.inflector.English;

/** Table and column names derived from model and attribute names. */
final class Naming {

    private Naming() {
    }

    static String plural(String name) {
        // The inflector works on the last word, so "UserProfile" becomes "UserProfiles" as in Sequelize.
        int split = lastWordStart(name);
        return name.substring(0, split) + English.plural(name.substring(split));
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
