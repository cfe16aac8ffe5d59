package io.resequel.model;

/**
 * Model options (Sequelize's {@code define} options): table naming, timestamps, underscored columns, schema and
 * indexes.
 */
public final class ModelOptions {

    String tableName;
    String singular;
    String plural;
    boolean freezeTableName;
    boolean timestamps = true;
    String createdAt = "createdAt";
    String updatedAt = "updatedAt";
    boolean underscored;
    String schema;
    String version;
    boolean paranoid;
    String deletedAt = "deletedAt";
    boolean rejectOnEmpty;
    boolean omitNull;
    java.util.function.Supplier<? extends RuntimeException> rejectError;
    io.resequel.query.WhereMergeStrategy whereMergeStrategy = io.resequel.query.WhereMergeStrategy.OVERWRITE;
    final java.util.List<Index> indexes = new java.util.ArrayList<>();
    java.util.function.Consumer<io.resequel.query.FindOptions.Builder> defaultScope;
    /** name → Consumer of the builder, or ScopeFunction, in definition order. */
    final java.util.Map<String, Object> scopes = new java.util.LinkedHashMap<>();

    ModelOptions() {
    }

    ModelOptions copy() {
        ModelOptions o = new ModelOptions();
        o.tableName = tableName;
        o.singular = singular;
        o.plural = plural;
        o.freezeTableName = freezeTableName;
        o.timestamps = timestamps;
        o.createdAt = createdAt;
        o.updatedAt = updatedAt;
        o.underscored = underscored;
        o.schema = schema;
        o.version = version;
        o.paranoid = paranoid;
        o.deletedAt = deletedAt;
        o.rejectOnEmpty = rejectOnEmpty;
        o.omitNull = omitNull;
        o.rejectError = rejectError;
        o.whereMergeStrategy = whereMergeStrategy;
        o.indexes.addAll(indexes);
        o.defaultScope = defaultScope;
        o.scopes.putAll(scopes);
        return o;
    }

    /** @param tableName the table name, used as given */
    public ModelOptions tableName(String tableName) { this.tableName = tableName; return this; }

    /**
     * The model's names in the singular and plural (Sequelize's {@code name: {singular, plural}}), from which
     * associations take their default aliases, accessor names and foreign keys ({@code hasMany(pets)} of a model
     * named {@code Human} → {@code HumanId}). The table name still derives from the model name, as in Sequelize.
     *
     * @param singular the singular name
     * @param plural   the plural name
     * @return these options
     */
    public ModelOptions name(String singular, String plural) {
        this.singular = java.util.Objects.requireNonNull(singular, "singular");
        this.plural = java.util.Objects.requireNonNull(plural, "plural");
        return this;
    }

    /** @param freeze use the model name as the table name instead of its plural */
    public ModelOptions freezeTableName(boolean freeze) { this.freezeTableName = freeze; return this; }

    /** @param timestamps add and manage {@code createdAt} and {@code updatedAt} (default true) */
    public ModelOptions timestamps(boolean timestamps) { this.timestamps = timestamps; return this; }

    /** @param name the attribute name of the creation timestamp */
    public ModelOptions createdAt(String name) { this.createdAt = name; return this; }

    /** @param enabled {@code false} drops the creation timestamp */
    public ModelOptions createdAt(boolean enabled) { this.createdAt = enabled ? "createdAt" : null; return this; }

    /** @param name the attribute name of the update timestamp */
    public ModelOptions updatedAt(String name) { this.updatedAt = name; return this; }

    /** @param enabled {@code false} drops the update timestamp */
    public ModelOptions updatedAt(boolean enabled) { this.updatedAt = enabled ? "updatedAt" : null; return this; }

    /** @param underscored snake_case column names for camelCase attributes */
    public ModelOptions underscored(boolean underscored) { this.underscored = underscored; return this; }

    /**
     * Adds an index, created by {@code sync} after the table (Sequelize's {@code indexes} option).
     *
     * @param index the index
     * @return these options
     */
    public ModelOptions index(Index index) {
        indexes.add(java.util.Objects.requireNonNull(index, "index"));
        return this;
    }

    /** @param schema the PostgreSQL schema or MySQL database of the table */
    public ModelOptions schema(String schema) { this.schema = schema; return this; }

    /**
     * @param enabled optimistic locking with an INTEGER {@code version} attribute: saves and destroys of a stale
     *                instance fail with {@link io.resequel.error.OptimisticLockException}
     * @return this
     */
    public ModelOptions version(boolean enabled) { this.version = enabled ? "version" : null; return this; }

    /** @param attribute optimistic locking on an INTEGER attribute of this name @return this */
    public ModelOptions version(String attribute) { this.version = attribute; return this; }

    /**
     * @param paranoid soft deletes: destroy sets {@code deletedAt}, finds skip deleted rows (needs timestamps)
     * @return this
     */
    public ModelOptions paranoid(boolean paranoid) { this.paranoid = paranoid; return this; }

    /** @param name the soft-delete timestamp attribute (default {@code deletedAt}) @return this */
    public ModelOptions deletedAt(String name) { this.deletedAt = name; return this; }

    /**
     * @param enabled {@code false} drops the soft-delete timestamp, so the model is not paranoid (Sequelize's
     *                {@code deletedAt: false}); {@code true} restores the default name
     * @return this
     */
    public ModelOptions deletedAt(boolean enabled) { this.deletedAt = enabled ? "deletedAt" : null; return this; }

    /**
     * @param reject every find of the model fails with {@link io.resequel.error.EmptyResultException} when it finds
     *               nothing, unless the query says {@code rejectOnEmpty(false)} (Sequelize's model option)
     * @return this
     */
    public ModelOptions rejectOnEmpty(boolean reject) { this.rejectOnEmpty = reject; return this; }

    /**
     * Sequelize's {@code omitNull}: a save leaves out the attributes it would set to null, so an UPDATE keeps their
     * stored values and an INSERT their column defaults. Foreign keys are still written as null (Sequelize keeps the
     * attributes named {@code …Id}), so unlinking an association works. {@code SaveOptions.omitNull(boolean)} sets
     * it per call; set it for every model through the define defaults of {@code ResequelOptions}.
     *
     * @param omit leave null values out of saves (default false)
     * @return these options
     */
    public ModelOptions omitNull(boolean omit) { this.omitNull = omit; return this; }

    /**
     * Sequelize's {@code rejectOnEmpty: new MyError()} model option: finds that find nothing fail with this error
     * (a query's own {@code rejectOnEmpty(...)} still wins).
     *
     * @param error makes the error, once per empty find
     * @return this
     */
    public ModelOptions rejectOnEmpty(java.util.function.Supplier<? extends RuntimeException> error) {
        this.rejectOnEmpty = true;
        this.rejectError = java.util.Objects.requireNonNull(error, "error");
        return this;
    }

    /**
     * @param strategy how scopes' filters merge (Sequelize's {@code whereMergeStrategy}): {@code OVERWRITE} (default)
     *                 replaces conditions on the same attribute, {@code AND} keeps them all
     * @return this
     */
    public ModelOptions whereMergeStrategy(io.resequel.query.WhereMergeStrategy strategy) {
        this.whereMergeStrategy = java.util.Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /**
     * The default scope (Sequelize's {@code defaultScope}): options applied to every find, count, aggregate and bulk
     * update/destroy/increment of the model, and to includes of it, unless the query goes through
     * {@code model.unscoped()} or {@code model.scope(...)} without {@code "defaultScope"}. Not applied to creates.
     *
     * @param scope fills the options, e.g. {@code q -> q.where("active", true)}
     * @return this
     */
    public ModelOptions defaultScope(java.util.function.Consumer<io.resequel.query.FindOptions.Builder> scope) {
        this.defaultScope = java.util.Objects.requireNonNull(scope, "scope");
        return this;
    }

    /**
     * A named scope of fixed options, applied with {@code model.scope(name)}.
     *
     * @param name  the scope name
     * @param scope fills the options
     * @return this
     */
    public ModelOptions scope(String name, java.util.function.Consumer<io.resequel.query.FindOptions.Builder> scope) {
        putScope(name, scope);
        return this;
    }

    /**
     * A named scope with arguments, applied with {@code model.scope(Scope.call(name, args...))}; it runs on each call.
     *
     * @param name  the scope name
     * @param scope fills the options from the arguments, e.g. {@code (q, args) -> q.where("role", Op.GTE, args[0])}
     * @return this
     */
    public ModelOptions scope(String name, ScopeFunction scope) {
        putScope(name, scope);
        return this;
    }

    private void putScope(String name, Object scope) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(scope, "scope");
        if ("defaultScope".equals(name)) {
            throw new IllegalArgumentException("RSQ-821 use defaultScope(...) for the default scope");
        }
        scopes.put(name, scope);
    }
}
