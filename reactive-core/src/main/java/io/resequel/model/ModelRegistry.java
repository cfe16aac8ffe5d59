package io.resequel.model;

import io.resequel.exec.Engine;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The models defined on one database (Sequelize's {@code sequelize.models}). Defining a name again replaces the
 * model, as in Sequelize.
 */
public final class ModelRegistry {

    private final Engine engine;
    private final Consumer<ModelOptions> defaults;
    private final Map<String, Model<?>> models = Collections.synchronizedMap(new LinkedHashMap<>());
    private final io.resequel.hooks.Hooks hooks;
    private final java.util.List<java.util.function.BiConsumer<String, ModelSpec>> beforeDefine =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<Consumer<Model<?>>> afterDefine = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param engine   what models run on
     * @param defaults model options applied before each model's own (Sequelize's {@code define} option)
     */
    public ModelRegistry(Engine engine, Consumer<ModelOptions> defaults) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.hooks = new io.resequel.hooks.Hooks(null, engine.transactions());
    }

    /** @return the database-wide (permanent) hooks: they run for every model, after its own */
    public io.resequel.hooks.Hooks hooks() {
        return hooks;
    }

    /**
     * Sequelize's {@code beforeDefine}: runs synchronously on every later define, before the model is resolved.
     *
     * @param hook model name and its spec (attributes and options may be changed)
     */
    public void beforeDefine(java.util.function.BiConsumer<String, ModelSpec> hook) {
        beforeDefine.add(Objects.requireNonNull(hook, "hook"));
    }

    /** @param hook runs synchronously with every model defined later (Sequelize's {@code afterDefine}) */
    public void afterDefine(Consumer<Model<?>> hook) {
        afterDefine.add(Objects.requireNonNull(hook, "hook"));
    }

    private <T extends Instance> Model<T> defined(Model<T> model) {
        models.put(model.name(), model);
        afterDefine.forEach(h -> h.accept(model));
        return model;
    }

    /**
     * @param name the model name
     * @param spec attributes and options
     * @return the model; configuration mistakes throw at once
     */
    public Model<Instance> define(String name, Consumer<ModelSpec> spec) {
        ModelSpec s = newSpec();
        Objects.requireNonNull(spec, "spec").accept(s);
        beforeDefine.forEach(h -> h.accept(name, s));
        return defined(new Model<>(name, s, Instance::new, engine, this));
    }

    /**
     * Defines a typed model from a class extending {@link Instance} with a no-argument constructor: its static
     * {@link Attribute} fields are its attributes, its static {@link Index} fields its indexes, its {@link Table}
     * annotation its options.
     *
     * @param type the model class
     * @param <T>  the model class
     * @return the model
     */
    public <T extends Instance> Model<T> define(Class<T> type) {
        ModelSpec s = newSpec();
        Table table = type.getAnnotation(Table.class);
        String name = type.getSimpleName();
        if (table != null) {
            name = table.modelName().isEmpty() ? name : table.modelName();
            applyTable(table, s.options);
        }
        // A superclass's constants first: a model class may extend a base class that declares shared attributes.
        java.util.List<Class<?>> chain = new java.util.ArrayList<>();
        for (Class<?> c = type; c != null && c != Instance.class && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        for (Class<?> c : chain) {
            declareFields(c, s);
        }
        String resolved = name;
        beforeDefine.forEach(h -> h.accept(resolved, s));
        return defined(new Model<>(name, s, constructor(type), engine, this));
    }

    /**
     * Only the elements the annotation sets (those that differ from the element's default) override the
     * {@code define} defaults of the database; an element set to its default value cannot be told apart from an
     * unset one, so it keeps the database-wide option.
     */
    private static void applyTable(Table table, ModelOptions o) {
        if (!table.name().isEmpty()) {
            o.tableName(table.name());
        }
        if (table.freezeTableName()) {
            o.freezeTableName(true);
        }
        if (!table.timestamps()) {
            o.timestamps(false);
        }
        if (!table.createdAt().equals("createdAt")) {
            o.createdAt(table.createdAt().isEmpty() ? null : table.createdAt());
        }
        if (!table.updatedAt().equals("updatedAt")) {
            o.updatedAt(table.updatedAt().isEmpty() ? null : table.updatedAt());
        }
        if (table.underscored()) {
            o.underscored(true);
        }
        if (!table.schema().isEmpty()) {
            o.schema(table.schema());
        }
    }

    private static void declareFields(Class<?> type, ModelSpec s) {
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Index.class) {
                try {
                    f.setAccessible(true);
                    s.options.index((Index) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalArgumentException("RSQ-203 cannot read index field " + f, e);
                }
            }
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Attribute.class) {
                try {
                    f.setAccessible(true);
                    ((Attribute<?, ?>) f.get(null)).declare(s);
                } catch (IllegalAccessException e) {
                    throw new IllegalArgumentException("RSQ-203 cannot read attribute field " + f, e);
                }
            }
        }
    }

    private static <T> Supplier<T> constructor(Class<T> type) {
        try {
            Constructor<T> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return () -> {
                try {
                    return c.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot instantiate " + type.getName(), e);
                }
            };
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("RSQ-204 model class " + type.getName()
                    + " needs a no-argument constructor", e);
        }
    }

    private ModelSpec newSpec() {
        ModelSpec s = new ModelSpec(new ModelOptions());
        defaults.accept(s.options);
        return s;
    }

    /**
     * The junction model of a belongsToMany given by table name: the model of that name, defined with no
     * attributes of its own on first use, so both sides of a pair share it.
     *
     * @param name     the junction model (and table) name
     * @param options  the junction's options beyond the define defaults: Sequelize's junction takes the source's
     *                 {@code underscored} and is paranoid only when asked ({@code through: {paranoid: true}})
     * @return the model
     */
    @SuppressWarnings("unchecked")
    public synchronized Model<Instance> junction(String name, java.util.function.Consumer<ModelOptions> options) {
        Model<?> existing = models.get(name);
        if (existing != null) {
            return (Model<Instance>) existing;
        }
        return define(name, s -> s.options(o -> options.accept(o.freezeTableName(true))));
    }

    /** @param name a model name @return the model, or {@code null} */
    public Model<?> get(String name) {
        return models.get(name);
    }

    /** @return the models in definition order */
    public Collection<Model<?>> all() {
        synchronized (models) {
            return java.util.List.copyOf(models.values());
        }
    }
}
