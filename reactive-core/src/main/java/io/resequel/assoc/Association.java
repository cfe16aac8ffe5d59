package io.resequel.assoc;

import io.resequel.error.AssociationException;
import io.resequel.exec.Engine;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.query.IncludeTarget;
import io.resequel.query.Where;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One association declared on a source model: its kind, target, alias, keys and the mixins that read and write the
 * associated rows. Obtain one from {@code users.hasMany(tasks, ...)} or {@code users.association("tasks")}.
 *
 * <p>Every mixin is lazy, joins the transaction in the Reactor Context, and fails with an
 * {@link AssociationException} when the instance it is called on has no key yet.
 *
 * @param <S> the source instance class
 * @param <T> the target instance class
 */
public abstract class Association<S extends Instance, T extends Instance> implements IncludeTarget {

    /** The four association kinds. */
    public enum Kind {
        /** {@code A.hasOne(B)}: the key is on B, at most one B per A. */
        HAS_ONE,
        /** {@code A.belongsTo(B)}: the key is on A. */
        BELONGS_TO,
        /** {@code A.hasMany(B)}: the key is on B. */
        HAS_MANY,
        /** {@code A.belongsToMany(B, through)}: both keys are on the junction. */
        BELONGS_TO_MANY
    }

    final Model<S> source;
    final Model<T> target;
    final String singular;
    final String plural;
    final boolean aliased;
    final String foreignKey;
    final String sourceKey;
    /** Not final: a belongsToMany's inferred target key follows its paired association's source key. */
    String targetKey;
    final Map<String, Object> scope;
    final boolean constraints;
    final ReferentialAction onDelete;
    final ReferentialAction onUpdate;
    final boolean hooks;
    final Engine engine;

    Association(Model<S> source, Model<T> target, Naming.Alias alias, String foreignKey, String sourceKey,
            String targetKey, AssociationOptions o, ReferentialAction onDelete, Engine engine) {
        this.source = source;
        this.target = target;
        this.singular = alias.singular();
        this.plural = alias.plural();
        this.aliased = o.singular != null;
        this.foreignKey = foreignKey;
        this.sourceKey = sourceKey;
        this.targetKey = targetKey;
        this.scope = Map.copyOf(o.scope);
        this.constraints = o.constraints;
        this.onDelete = onDelete;
        this.onUpdate = o.onUpdate != null ? o.onUpdate : ReferentialAction.CASCADE;
        this.hooks = o.hooks;
        this.engine = engine;
    }

    /** @return the kind */
    public abstract Kind kind();

    /** @return the foreign keys this association adds, applied by the model that declares it */
    public abstract List<ForeignKey> foreignKeys();

    /** @return whether the association holds many targets per source (hasMany, belongsToMany) */
    public boolean isMany() {
        return kind() == Kind.HAS_MANY || kind() == Kind.BELONGS_TO_MANY;
    }

    /** @return the source model */
    public Model<S> source() { return source; }

    /** @return the target model */
    public Model<T> target() { return target; }

    /** @return the alias: plural for to-many kinds, singular for to-one kinds */
    public String as() { return isMany() ? plural : singular; }

    /** @return the singular name ({@code addTask}) */
    public String singular() { return singular; }

    /** @return the plural name ({@code getTasks}) */
    public String plural() { return plural; }

    /** @return whether the alias was given with {@code as} (includes by model alone then fail, as in Sequelize) */
    public boolean isAliased() { return aliased; }

    /** @return the foreign-key attribute: on the target (hasOne, hasMany), the source (belongsTo) or the junction */
    public String foreignKey() { return foreignKey; }

    /** @return the source attribute the key refers to */
    public String sourceKey() { return sourceKey; }

    /** @return the target attribute the key refers to */
    public String targetKey() { return targetKey; }

    /** @return the association scope: target attribute → value */
    public Map<String, Object> scope() { return scope; }

    /** @return whether the key has a REFERENCES constraint */
    public boolean constraints() { return constraints; }

    /** @return the ON DELETE action */
    public ReferentialAction onDelete() { return onDelete; }

    /** @return the ON UPDATE action */
    public ReferentialAction onUpdate() { return onUpdate; }

    /** @return whether deleting the source destroys children one by one (issue of hooks) */
    public boolean hooks() { return hooks; }

    /**
     * @return Sequelize's accessor names of this association by mixin ({@code get → getTasks}, {@code add →
     *         addTask}, {@code addMultiple → addTasks}, ...)
     */
    public Map<String, String> accessors() {
        String one = Naming.capitalize(singular);
        String many = Naming.capitalize(plural);
        Map<String, String> out = new LinkedHashMap<>();
        if (isMany()) {
            out.put("get", "get" + many);
            out.put("count", "count" + many);
            out.put("hasSingle", "has" + one);
            out.put("hasAll", "has" + many);
            out.put("set", "set" + many);
            out.put("addMultiple", "add" + many);
            out.put("add", "add" + one);
            out.put("create", "create" + one);
            out.put("remove", "remove" + one);
            out.put("removeMultiple", "remove" + many);
        } else {
            out.put("get", "get" + one);
            out.put("set", "set" + one);
            out.put("create", "create" + one);
        }
        return out;
    }

    @Override
    public String includeModelName() {
        return target.name();
    }

    @Override
    public String includeAlias() {
        return as();
    }

    @Override
    public String includeIdentity() {
        return source.name() + "." + as() + "/" + target.name() + "." + foreignKey;
    }

    // ---- helpers for the mixins ---------------------------------------------------------------------------

    /**
     * The target a getter reads through: the target model itself, or a scoped view of it that the caller chose
     * (Sequelize's getter option {@code scope}: {@code false} is {@code target.unscoped()}, a name is
     * {@code target.scope(name)}).
     *
     * @throws AssociationException when {@code scopedTarget} is not a view of this association's target
     */
    Model<T> readThrough(Model<T> scopedTarget) {
        Objects.requireNonNull(scopedTarget, "scopedTarget");
        // A scoped view or a schema copy of the target (Sequelize's getter options scope and schema).
        if (scopedTarget.origin() != target && scopedTarget.definition() != target.definition()) {
            throw new AssociationException("RSQ-804 " + source.name() + "." + as() + " reads " + target.name()
                    + "; pass " + target.name() + ".unscoped(), " + target.name() + ".scope(...) or "
                    + target.name() + ".schema(...), not "
                    + scopedTarget.name());
        }
        return scopedTarget;
    }

    /**
     * @return the instance's stored value of {@code attribute}, failing when it has none (an unsaved instance). The
     *         stored value, not the getter's: it is what the key column holds (Sequelize reads keys with
     *         {@code get(key, {raw: true})})
     */
    static Object keyOf(Instance instance, String attribute, String role, Association<?, ?> a) {
        Objects.requireNonNull(instance, role);
        Object key = instance.getDataValue(attribute);
        if (key == null) {
            throw new AssociationException("RSQ-803 " + instance.model().name() + "." + a.as() + ": the "
                    + role + " instance has no " + attribute + " yet; save it before calling "
                    + a.source.name() + "'s " + a.as() + " mixins");
        }
        return key;
    }

    static void checkModel(Instance i, Model<?> model, Association<?, ?> a) {
        if (i.model() != model) {
            throw new AssociationException("RSQ-804 " + a.source.name() + "." + a.as() + " takes "
                    + model.name() + " instances or keys, got a " + i.model().name());
        }
    }

    /** A target instance or its key, as the key value of {@code attribute}. */
    static Object targetKeyOf(Object instanceOrKey, Model<?> model, String attribute, Association<?, ?> a) {
        if (instanceOrKey instanceof Instance i) {
            checkModel(i, model, a);
            return keyOf(i, attribute, "target", a);
        }
        if (instanceOrKey == null) {
            throw new AssociationException("RSQ-804 " + a.source.name() + "." + a.as() + ": null is not a "
                    + model.name() + " or key");
        }
        return instanceOrKey;
    }

    static List<Object> targetKeys(Collection<?> items, Model<?> model, String attribute, Association<?, ?> a) {
        List<Object> keys = new ArrayList<>(items.size());
        for (Object item : items) {
            keys.add(targetKeyOf(item, model, attribute, a));
        }
        return keys;
    }

    /** @return {@code where} and the association scope's conditions */
    Where scoped(Where where) {
        Where out = where;
        for (Map.Entry<String, Object> e : scope.entrySet()) {
            Where c = scopeTerm(e.getKey(), e.getValue());
            out = out == null ? c : out.and(c);
        }
        return out;
    }

    /**
     * @param attribute a scope (or junction scope) attribute
     * @param value     its value: a collection means any of its elements (Sequelize's {@code [Op.in]: [...]}
     *                  scope), anything else equality
     * @return the condition the scope puts on the rows read
     */
    public static Where scopeTerm(String attribute, Object value) {
        return value instanceof java.util.Collection<?> c ? Where.in(attribute, c) : Where.eq(attribute, value);
    }

    /**
     * @return the scope values written into created or linked rows: a collection (an IN condition) names no single
     *         value, so it is only a filter, as in Sequelize
     */
    public Map<String, Object> writableScope() {
        Map<String, Object> out = new LinkedHashMap<>();
        scope.forEach((k, v) -> {
            if (!(v instanceof java.util.Collection<?>)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Whether a key may be NULL: the option when given, else the holder's declared attribute (Sequelize reads the
     * merged attribute for the default ON DELETE), else nullable.
     */
    static boolean nullable(AssociationOptions o, Model<?> holder, String foreignKey) {
        if (o.foreignKeyAllowNull != null) {
            return o.foreignKeyAllowNull;
        }
        return !holder.definition().hasAttribute(foreignKey) || holder.definition().attribute(foreignKey).allowNull();
    }

    /**
     * @param keys  the looked-up key values, in the sources' order
     * @param found the targets read
     * @param attr  the targets' attribute holding the key
     * @return key → the target with that key, or {@code null}; keys compare as numbers when both are numbers (a
     *         driver may read an INTEGER key back as another {@link Number} class)
     */
    static <T extends Instance> Map<Object, T> byKey(List<Object> keys, List<T> found, String attr) {
        Map<Object, T> out = new LinkedHashMap<>();
        for (Object k : keys) {
            T match = null;
            for (T t : found) {
                if (sameKey(k, t.get(attr))) {
                    match = t;
                    break;
                }
            }
            out.put(k, match);
        }
        return out;
    }

    private static boolean sameKey(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    /**
     * @param model     the model the option names an attribute of
     * @param attribute the option's value
     * @param option    {@code sourceKey} or {@code targetKey}
     * @return the attribute
     * @throws AssociationException with Sequelize's message when the model has no such attribute
     */
    static AttributeDefinition keyAttribute(Model<?> model, String attribute, String option) {
        if (!model.definition().hasAttribute(attribute)) {
            throw new AssociationException("RSQ-801 Unknown attribute \"" + attribute + "\" passed as " + option
                    + ", define this attribute on model \"" + model.name() + "\" first");
        }
        return model.definition().attribute(attribute);
    }

    static AttributeDefinition primaryKey(Model<?> model, String role) {
        List<AttributeDefinition> pks = model.definition().primaryKeys();
        if (pks.size() != 1) {
            throw new AssociationException("RSQ-801 " + model.name() + " has " + (pks.isEmpty() ? "no primary key"
                    : "a composite primary key") + "; pass " + role + " to name the key the association uses");
        }
        return pks.get(0);
    }

    @Override
    public String toString() {
        return source.name() + "." + kind() + "(" + target.name() + " as " + as() + ")";
    }
}
