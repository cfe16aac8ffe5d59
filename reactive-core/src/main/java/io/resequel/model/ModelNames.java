package io.resequel.model;

/** The English plural Resequel derives table names and association aliases from (Sequelize's inflection). */
public final class ModelNames {

    private ModelNames() {
    }

    /** @param name a model or alias name @return its plural ({@code Person → People}, {@code Task → Tasks}) */
    public static String plural(String name) {
        return Naming.plural(name);
    }
}
