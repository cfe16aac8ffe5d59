package io.resequel.model;

/** The English plural and singular Resequel derives table names and association aliases from (Sequelize's inflection). */
public final class ModelNames {

    private ModelNames() {
    }

    /** @param name a model or alias name @return its plural ({@code Person → People}, {@code Task → Tasks}) */
    public static String plural(String name) {
        return Naming.plural(name);
    }

    /** @param name a model or alias name @return its singular ({@code People → Person}, {@code Tasks → Task}) */
    public static String singular(String name) {
        return Naming.singular(name);
    }

    /**
     * @param name a model name
     * @return its singular when its last word reads as a plural ({@code Orders → Order}), else the name as it is
     *         ({@code Status}, {@code UserXYZ}): the default singular name of a model
     */
    public static String singularName(String name) {
        return Naming.singularName(name);
    }
}
