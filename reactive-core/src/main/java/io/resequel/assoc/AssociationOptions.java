package io.resequel.assoc;

import io.resequel.model.DataType;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The options of one association, as passed to {@code users.hasMany(tasks, a -> a.as("tasks").foreignKey("ownerId"))}.
 * Which options a kind reads follows Sequelize: {@code sourceKey} (hasOne, hasMany, belongsToMany), {@code targetKey}
 * (belongsTo, belongsToMany), {@code through}, {@code otherKey} and {@code uniqueKey} (belongsToMany).
 */
public final class AssociationOptions {

    String singular;
    String plural;
    String foreignKey;
    String foreignKeyField;
    Boolean foreignKeyAllowNull;
    DataType keyType;
    String sourceKey;
    String targetKey;
    String otherKey;
    String otherKeyField;
    String throughName;
    Model<?> throughModel;
    boolean throughUnique = true;
    boolean throughParanoid;
    Boolean throughTimestamps;
    String uniqueKey;
    boolean constraints = true;
    ReferentialAction onDelete;
    ReferentialAction onUpdate;
    boolean hooks;
    final Map<String, Object> scope = new LinkedHashMap<>();
    final Map<String, Object> throughScope = new LinkedHashMap<>();

    AssociationOptions() {
    }

    /**
     * @param alias the association name: plural for hasMany/belongsToMany ({@code "tasks"}, singular derived),
     *              singular for hasOne/belongsTo ({@code "owner"}, plural derived)
     * @return this
     */
    public AssociationOptions as(String alias) {
        this.singular = Objects.requireNonNull(alias, "alias");
        this.plural = null;
        return this;
    }

    /** @param singularName singular form @param pluralName plural form @return this */
    public AssociationOptions as(String singularName, String pluralName) {
        this.singular = Objects.requireNonNull(singularName, "singular");
        this.plural = Objects.requireNonNull(pluralName, "plural");
        return this;
    }

    /** @param name the foreign-key attribute (on the target for hasOne/hasMany, on the source for belongsTo) */
    public AssociationOptions foreignKey(String name) {
        this.foreignKey = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * @param name      the foreign-key attribute
     * @param field     its column
     * @param allowNull whether it may be NULL
     * @return this
     */
    public AssociationOptions foreignKey(String name, String field, boolean allowNull) {
        this.foreignKey = Objects.requireNonNull(name, "name");
        this.foreignKeyField = field;
        this.foreignKeyAllowNull = allowNull;
        return this;
    }

    /** @param allowNull whether the generated foreign key may be NULL (default true) @return this */
    public AssociationOptions foreignKeyAllowNull(boolean allowNull) {
        this.foreignKeyAllowNull = allowNull;
        return this;
    }

    /** @param type the foreign key's data type (default: the referenced key's) @return this */
    public AssociationOptions keyType(DataType type) {
        this.keyType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** @param attribute the source attribute the key refers to (default: the source's primary key) @return this */
    public AssociationOptions sourceKey(String attribute) {
        this.sourceKey = Objects.requireNonNull(attribute, "attribute");
        return this;
    }

    /** @param attribute the target attribute the key refers to (default: the target's primary key) @return this */
    public AssociationOptions targetKey(String attribute) {
        this.targetKey = Objects.requireNonNull(attribute, "attribute");
        return this;
    }

    /** @param name the junction attribute pointing to the target (belongsToMany) @return this */
    public AssociationOptions otherKey(String name) {
        this.otherKey = Objects.requireNonNull(name, "name");
        return this;
    }

    /** @param name junction attribute to the target @param field its column @return this */
    public AssociationOptions otherKey(String name, String field) {
        this.otherKey = Objects.requireNonNull(name, "name");
        this.otherKeyField = field;
        return this;
    }

    /** @param table the junction table; its model is defined on first use and shared by both sides @return this */
    public AssociationOptions through(String table) {
        this.throughName = Objects.requireNonNull(table, "table");
        this.throughModel = null;
        return this;
    }

    /** @param model the junction model, with attributes of its own @return this */
    public AssociationOptions through(Model<?> model) {
        this.throughModel = Objects.requireNonNull(model, "model");
        this.throughName = null;
        return this;
    }

    /** @param unique {@code false}: no composite unique key on a junction with its own primary key @return this */
    public AssociationOptions throughUnique(boolean unique) {
        this.throughUnique = unique;
        return this;
    }

    /**
     * @param paranoid {@code true}: the junction defined from a table name ({@code through("UserTasks")}) is paranoid,
     *                 its removed links soft-deleted (Sequelize's {@code through: {model, paranoid: true}}); such a
     *                 junction is otherwise never paranoid, even when the database's define defaults are
     * @return this
     */
    public AssociationOptions throughParanoid(boolean paranoid) {
        this.throughParanoid = paranoid;
        return this;
    }

    /**
     * @param timestamps whether the junction defined from a table name ({@code through("UserTasks")}) has
     *                   {@code createdAt}/{@code updatedAt} (Sequelize's belongsToMany option {@code timestamps});
     *                   by default it follows the database's define defaults. A junction model keeps its own options
     * @return this
     */
    public AssociationOptions timestamps(boolean timestamps) {
        this.throughTimestamps = timestamps;
        return this;
    }

    /** @param name the junction's composite unique constraint @return this */
    public AssociationOptions uniqueKey(String name) {
        this.uniqueKey = Objects.requireNonNull(name, "name");
        return this;
    }

    /** @param constraints {@code false}: the key column without a REFERENCES constraint @return this */
    public AssociationOptions constraints(boolean constraints) {
        this.constraints = constraints;
        return this;
    }

    /** @param action on delete of the referenced row @return this */
    public AssociationOptions onDelete(ReferentialAction action) {
        this.onDelete = Objects.requireNonNull(action, "action");
        return this;
    }

    /** @param action on update of the referenced key @return this */
    public AssociationOptions onUpdate(ReferentialAction action) {
        this.onUpdate = Objects.requireNonNull(action, "action");
        return this;
    }

    /** @param hooks with onDelete CASCADE, destroy children one by one so their hooks run @return this */
    public AssociationOptions hooks(boolean hooks) {
        this.hooks = hooks;
        return this;
    }

    /**
     * An association scope: target attribute values that filter the getters and includes, and are written by
     * create, add and set ({@code scope: {commentableType: 'image'}}).
     *
     * @param values attribute → value
     * @return this
     */
    public AssociationOptions scope(Map<String, ?> values) {
        scope.putAll(values);
        return this;
    }

    /** @param values junction attribute → value, filtering and written on junction rows @return this */
    public AssociationOptions throughScope(Map<String, ?> values) {
        throughScope.putAll(values);
        return this;
    }
}
