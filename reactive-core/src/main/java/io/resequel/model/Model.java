package io.resequel.model;

import io.r2dbc.spi.Row;
import io.resequel.assoc.Association;
import io.resequel.assoc.AssociationContext;
import io.resequel.assoc.AssociationOptions;
import io.resequel.assoc.Associations;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.ForeignKey;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.exec.Engine;
import io.resequel.hooks.HookType;
import io.resequel.query.Include;
import io.resequel.query.IncludeTarget;
import java.util.concurrent.CopyOnWriteArrayList;
import io.resequel.query.BulkCreateOptions;
import io.resequel.query.Created;
import io.resequel.query.FindOptions;
import io.resequel.query.Page;
import io.resequel.query.SaveOptions;
import io.resequel.query.UpdateResult;
import io.resequel.query.Where;
import io.resequel.exec.QueryTimeouts;
import io.resequel.query.WriteOptions;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A model bound to a database: Sequelize's model class. Builds instances, finds them, and writes in bulk.
 *
 * <p>Every method returning {@code Mono} or {@code Flux} is lazy: it does nothing until subscribed, signals errors
 * (unknown attributes, validation, database errors) through {@code onError}, and releases its connection on
 * complete, error and cancel. Outside a transaction each statement borrows a pooled connection; inside
 * {@code db.transaction(...)} it uses the transaction's.
 *
 * @param <T> the instance class ({@link Instance} for models defined by name)
 */
public final class Model<T extends Instance> implements IncludeTarget {

    private final ModelSpec spec;
    private volatile ModelDefinition definition;
    private final Engine engine;
    private final ModelRegistry registry;
    private final List<Association<T, ?>> associations;
    /** Whether associations made this junction's keys its primary key (it declared none of its own). */
    private boolean pairKeyed;
    /** The attributes associations added (not declared), which a re-keyed belongsToMany may take back. */
    private final java.util.Set<String> associationKeys = new java.util.HashSet<>();
    private final Supplier<T> factory;
    private final Finder<T> finder;
    private final Persister<T> persister;
    private final BulkWriter<T> bulk;
    private final Aggregates aggregates;
    private final FindOrCreate<T> findOrCreate;
    private final Upserter<T> upserter;
    private final GraphWriter graphWriter;
    private final io.resequel.hooks.Hooks hooks;
    /** The model itself for a model, the model a view was made from for a scoped view. */
    private final Model<T> base;
    private final Scopes scopes;
    /** Whether this is a view made by {@link #scope} or {@link #unscoped()}. */
    private final boolean view;
    /** A view's merged active scopes, {@code null} for none; a model's own is its live default scope. */
    private final FindOptions active;
    private final List<String> activeNames;
    private volatile Model<T> unscopedView;
    /** The model a {@link #schema(String)} copy was made from; the model itself otherwise (views: their base's). */
    private final Model<T> origin;
    /** A schema copy's schema; unused otherwise. */
    private final String schemaName;
    /** A schema copy's definition, with the origin's definition it was derived from (re-derived when that changes). */
    private volatile SchemaCopy schemaCopy;
    /** The origin's schema copies by schema ({@code ""} for the connection's own), so each is made once. */
    private final java.util.Map<String, Model<T>> schemaCopies = new java.util.concurrent.ConcurrentHashMap<>();

    /** A schema copy's definition and the origin definition it was derived from. */
    private record SchemaCopy(ModelDefinition from, ModelDefinition definition) {
    }

    Model(String name, ModelSpec spec, Supplier<T> factory, Engine engine, ModelRegistry registry) {
        this.spec = spec;
        this.definition = new ModelDefinition(name, spec);
        this.engine = engine;
        refuseUnsupportedTypes(definition, engine);
        this.registry = registry;
        this.associations = new CopyOnWriteArrayList<>();
        this.factory = Objects.requireNonNull(factory, "factory");
        this.finder = new Finder<>(this, engine);
        this.persister = new Persister<>(this, engine);
        this.bulk = new BulkWriter<>(this, engine);
        this.aggregates = new Aggregates(this, engine);
        this.findOrCreate = new FindOrCreate<>(this, engine.transactions());
        this.upserter = new Upserter<>(this, engine);
        this.graphWriter = new GraphWriter(engine);
        this.hooks = new io.resequel.hooks.Hooks(registry.hooks(), engine.transactions());
        this.base = this;
        this.scopes = new Scopes(name, spec.options);
        this.view = false;
        this.active = null;
        this.activeNames = List.of();
        this.origin = this;
        this.schemaName = null;
    }

    /**
     * A schema copy (Sequelize's {@code Model.schema(name)}): the origin's spec, associations, hooks and scopes, its
     * own finder and writers, so every statement and every instance it builds uses the table in that schema.
     */
    private Model(Model<T> origin, String schema) {
        this.spec = origin.spec;
        this.engine = origin.engine;
        this.registry = origin.registry;
        this.associations = origin.associations;
        this.factory = origin.factory;
        this.hooks = origin.hooks;
        this.scopes = origin.scopes;
        this.graphWriter = origin.graphWriter;
        this.origin = origin;
        this.schemaName = schema;
        this.base = this;
        this.view = false;
        this.active = null;
        this.activeNames = List.of();
        this.finder = new Finder<>(this, engine);
        this.persister = new Persister<>(this, engine);
        this.bulk = new BulkWriter<>(this, engine);
        this.aggregates = new Aggregates(this, engine);
        this.findOrCreate = new FindOrCreate<>(this, engine.transactions());
        this.upserter = new Upserter<>(this, engine);
    }

    /**
     * A type the database does not have fails at define, naming the model and the attribute, rather than at sync
     * or at the first statement (a custom type's own column type is the user's choice and is not checked).
     */
    private static void refuseUnsupportedTypes(ModelDefinition definition, Engine engine) {
        Dialect dialect = engine == null || engine.planner() == null ? null : engine.planner().dialect();
        if (dialect == null) {
            return;
        }
        for (AttributeDefinition a : definition.attributes()) {
            if (a.type() == null || a.type().sqlType(dialect.name()) != null) {
                continue;
            }
            try {
                dialect.columnType(a.type());
            } catch (io.resequel.error.UnsupportedTypeException e) {
                io.resequel.error.UnsupportedTypeException named = new io.resequel.error.UnsupportedTypeException(
                        e.type(), e.dialect(), e.detail(),
                        definition.name(), a.name());
                throw named;
            }
        }
    }

    /** A scoped view: shares everything of the model (definition, associations, hooks) but its active scopes. */
    private Model(Model<T> base, FindOptions active, List<String> names) {
        this.spec = base.spec;
        this.engine = base.engine;
        this.registry = base.registry;
        this.associations = base.associations;
        this.factory = base.factory;
        this.finder = base.finder;
        this.persister = base.persister;
        this.bulk = base.bulk;
        this.aggregates = base.aggregates;
        this.findOrCreate = base.findOrCreate;
        this.upserter = base.upserter;
        this.graphWriter = base.graphWriter;
        this.hooks = base.hooks;
        this.base = base;
        this.scopes = base.scopes;
        this.origin = base.origin;
        this.schemaName = base.schemaName;
        this.view = true;
        this.active = active;
        this.activeNames = List.copyOf(names);
    }

    /** @return what the database stores exactly, for validation before any SQL */
    ValueLimits valueLimits() {
        return engine.planner().dialect().valueLimits();
    }

    /** @return the model name */
    public String name() {
        return definition().name();
    }

    /** @return the resolved definition: table, attributes, keys */
    public ModelDefinition definition() {
        Model<T> b = base;
        if (b.origin == b) {
            return b.definition;
        }
        ModelDefinition from = b.origin.definition();
        SchemaCopy copy = b.schemaCopy;
        if (copy == null || copy.from() != from) {
            // First use, or associations changed the origin's attributes since: plans made before are stale.
            copy = new SchemaCopy(from, from.withSchema(b.schemaName));
            b.schemaCopy = copy;
            b.finder.forgetCachedPlans();
        }
        return copy.definition();
    }

    /**
     * This model in another schema (Sequelize's {@code Model.schema(name)}): a PostgreSQL or H2 schema, a MySQL
     * database. The copy shares the model's attributes, associations, hooks and scopes; its finds, writes, sync and
     * the instances it builds use the table in that schema. An include of a copy ({@code Include.of(employees
     * .schema("one")).as("employees")}) joins that schema's table; the associations of a copy reach their targets
     * where those live. Copies are made once per schema; the schema is not created here
     * ({@code db.queryInterface().createSchema(name)}). Synchronous; no SQL.
     *
     * @param schema the schema, or {@code null} for the connection's default
     * @return the model itself when it is in that schema already, else its copy there
     */
    public Model<T> schema(String schema) {
        Model<T> o = origin();
        if (Objects.equals(schema, o.definition().schema())) {
            return o;
        }
        return o.schemaCopies.computeIfAbsent(schema == null ? "" : schema, k -> new Model<>(o, schema));
    }

    /** @return the model a {@link #schema(String)} copy or a scoped view was made from; the model itself otherwise */
    public Model<T> origin() {
        return base.origin;
    }

    /** @return the table name */
    public String tableName() {
        return definition().tableName();
    }

    /**
     * This model's hooks ({@code users.hooks().add(HookType.BEFORE_CREATE, "hash", e -> ...)}); database-wide hooks
     * ({@code db.hooks()}) run after them.
     *
     * @return the hooks
     */
    public io.resequel.hooks.Hooks hooks() {
        return hooks;
    }

    /** Runs this model's hooks of a type for an event; empty when none is declared. */
    Mono<Void> fire(io.resequel.hooks.HookType type, java.util.function.UnaryOperator<io.resequel.hooks.HookEvent.Builder> event) {
        return hooks.has(type) ? hooks.run(event.apply(io.resequel.hooks.HookEvent.of(type, name())).build())
                : Mono.empty();
    }

    // ---- scopes -------------------------------------------------------------------------------------------

    /**
     * A view of this model with these scopes active instead of the default scope (Sequelize's
     * {@code Model.scope('a', 'b')}): list {@code "defaultScope"} to keep it. Scopes merge left to right, and a
     * query's own options merge on top (see {@link FindOptions#merge}). The view shares the model's definition,
     * associations and hooks; keep and reuse it. A view's {@code scope(...)} starts again from the model
     * (Sequelize's {@code scope()} with no names is {@link #unscoped()} here). Synchronous: nothing runs.
     *
     * @param name  a scope name (a function scope runs with no arguments)
     * @param names more scope names
     * @return the scoped view
     * @throws io.resequel.error.ScopeException for a name the model does not define ("Invalid scope x called."),
     *                                          listing the scopes it has
     */
    public Model<T> scope(String name, String... names) {
        List<Scope> calls = new java.util.ArrayList<>();
        calls.add(Scope.call(name));
        for (String n : names) {
            calls.add(Scope.call(n));
        }
        return scope(calls);
    }

    /**
     * {@link #scope(String...)} with arguments for function scopes:
     * {@code users.scope(Scope.call("active"), Scope.call("minRole", 3))}.
     *
     * @param call  the first scope
     * @param calls more scopes, in order
     * @return the scoped view
     * @throws io.resequel.error.ScopeException for an unknown name, or arguments to a scope that takes none
     */
    public Model<T> scope(Scope call, Scope... calls) {
        List<Scope> list = new java.util.ArrayList<>();
        list.add(Objects.requireNonNull(call, "call"));
        list.addAll(List.of(calls));
        return scope(list);
    }

    /** @param calls the scopes, in order; none is {@link #unscoped()} @return the scoped view */
    public Model<T> scope(List<Scope> calls) {
        if (calls.isEmpty()) {
            return unscoped();
        }
        return new Model<>(base, scopes.resolve(calls), calls.stream().map(Scope::name).toList());
    }

    /**
     * A view of this model with these options as its only scope, instead of the default scope (Sequelize's
     * {@code Model.scope({where: ...})}, a scope given as options rather than by name).
     *
     * @param options fills the scope's options
     * @return the scoped view
     */
    public Model<T> scope(Consumer<FindOptions.Builder> options) {
        FindOptions.Builder b = FindOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        return new Model<>(base, b.build(), List.of());
    }

    /** @return a view of this model without any scope, the default scope included (Sequelize's {@code unscoped()}) */
    public Model<T> unscoped() {
        Model<T> u = base.unscopedView;
        if (u == null) {
            u = new Model<>(base, null, List.of());
            base.unscopedView = u;
        }
        return u;
    }

    /**
     * Adds a named scope of fixed options (Sequelize's {@code addScope}); {@code "defaultScope"} sets the default
     * scope. Seen by the model and every view of it; views already made keep the options they resolved.
     *
     * @param name  the scope name
     * @param scope fills the options
     * @throws io.resequel.error.ScopeException when the scope exists ("The scope x already exists")
     */
    public void addScope(String name, Consumer<FindOptions.Builder> scope) {
        addScope(name, scope, false);
    }

    /**
     * @param name     the scope name, or {@code "defaultScope"}
     * @param scope    fills the options
     * @param override replace a scope of that name instead of failing
     */
    public void addScope(String name, Consumer<FindOptions.Builder> scope, boolean override) {
        scopes.add(name, scope, override);
    }

    /**
     * Adds a named scope with arguments.
     *
     * @param name  the scope name
     * @param scope fills the options from a call's arguments
     * @throws io.resequel.error.ScopeException when the scope exists
     */
    public void addScope(String name, ScopeFunction scope) {
        addScope(name, scope, false);
    }

    /** @param name the scope name @param scope fills the options @param override replace an existing one */
    public void addScope(String name, ScopeFunction scope, boolean override) {
        scopes.add(name, scope, override);
    }

    /** @return the scope names the model defines, {@code defaultScope} first when it has one */
    public List<String> scopeNames() {
        return scopes.names();
    }

    /**
     * @return the names of the active scopes (Sequelize's {@code _scopeNames}): those a view was made with, in order;
     *         for the model itself {@code defaultScope} when it has one
     */
    public List<String> activeScopeNames() {
        if (view) {
            return activeNames;
        }
        return scopes.defaultScope() == null ? List.of() : List.of("defaultScope");
    }

    /** @return how this model's scopes, and the includes merged with them, combine their filters */
    public io.resequel.query.WhereMergeStrategy whereMergeStrategy() {
        return scopes.strategy();
    }

    /** @return whether this is a view made by {@link #scope} or {@link #unscoped()} */
    public boolean scoped() {
        return view;
    }

    /**
     * @return the merged options of the active scopes: the default scope for the model itself, the listed scopes
     *         for a view; {@code null} when none is active
     */
    public FindOptions activeScope() {
        return view ? active : scopes.defaultScope();
    }

    /** The options a query of this model runs with: the active scopes with the query's options merged on top. */
    private FindOptions scoped(FindOptions given) {
        FindOptions s = activeScope();
        return s == null ? given : s.merge(given, scopes.strategy());
    }

    /** A bulk write's where with the active scopes' where merged under it. */
    private Where scopedWhere(Where where) {
        FindOptions s = activeScope();
        if (s == null || s.where() == null) {
            return where;
        }
        return s.merge(FindOptions.builder().replaceWhere(where).build(), scopes.strategy()).where();
    }

    private WriteOptions scopedWrite(WriteOptions options) {
        FindOptions s = activeScope();
        if (s == null || s.where() == null || options.truncate()) {
            return options;
        }
        return BulkWriter.rewhere(options, scopedWhere(options.where()));
    }

    @Override
    public String includeModelName() {
        return name();
    }

    // ---- associations -------------------------------------------------------------------------------------

    /**
     * {@code A.hasOne(B)}: the key is on B ({@code AId}, or after the alias), one B per A.
     *
     * @param target  the target model
     * @param options as, foreignKey, sourceKey, constraints, onDelete/onUpdate, scope
     * @param <U>     target instance class
     * @return the association, with its mixins
     */
    public <U extends Instance> HasOne<T, U> hasOne(Model<U> target, Consumer<AssociationOptions> options) {
        return origin().register(Associations.hasOne(origin(), target.origin(), options, context()));
    }

    /** @param target the target model @param <U> target class @return {@code hasOne} with default options */
    public <U extends Instance> HasOne<T, U> hasOne(Model<U> target) {
        return hasOne(target, o -> { });
    }

    /**
     * {@code A.belongsTo(B)}: the key is on A ({@code BId}, or {@code <as>Id}).
     *
     * @param target  the target model
     * @param options as, foreignKey, targetKey, constraints, onDelete/onUpdate
     * @param <U>     target instance class
     * @return the association, with its mixins
     */
    public <U extends Instance> BelongsTo<T, U> belongsTo(Model<U> target, Consumer<AssociationOptions> options) {
        return origin().register(Associations.belongsTo(origin(), target.origin(), options, context()));
    }

    /** @param target the target model @param <U> target class @return {@code belongsTo} with default options */
    public <U extends Instance> BelongsTo<T, U> belongsTo(Model<U> target) {
        return belongsTo(target, o -> { });
    }

    /**
     * {@code A.hasMany(B)}: the key is on B ({@code AId}), many B per A.
     *
     * @param target  the target model
     * @param options as, foreignKey, sourceKey, constraints, onDelete/onUpdate, scope
     * @param <U>     target instance class
     * @return the association, with its mixins
     */
    public <U extends Instance> HasMany<T, U> hasMany(Model<U> target, Consumer<AssociationOptions> options) {
        return origin().register(Associations.hasMany(origin(), target.origin(), options, context()));
    }

    /** @param target the target model @param <U> target class @return {@code hasMany} with default options */
    public <U extends Instance> HasMany<T, U> hasMany(Model<U> target) {
        return hasMany(target, o -> { });
    }

    /**
     * {@code A.belongsToMany(B, {through})}: a junction row per pair, keys {@code AId} and {@code BId}.
     *
     * @param target  the target model
     * @param options through (required), as, foreignKey, otherKey, sourceKey, targetKey, uniqueKey, throughScope
     * @param <U>     target instance class
     * @return the association, with its mixins
     */
    public <U extends Instance> BelongsToMany<T, U> belongsToMany(Model<U> target,
            Consumer<AssociationOptions> options) {
        return origin().register(Associations.belongsToMany(origin(), target.origin(), options, context()));
    }

    /** @return the associations declared on this model, in declaration order */
    public List<Association<T, ?>> associations() {
        return List.copyOf(associations);
    }

    /**
     * @param as an association alias
     * @return the association
     * @throws io.resequel.error.EagerLoadingException when there is none, suggesting the closest alias
     */
    public Association<T, ?> association(String as) {
        for (Association<T, ?> a : associations) {
            if (a.as().equals(as)) {
                return a;
            }
        }
        List<String> known = associations.stream().map(Association::as).toList();
        String closest = io.resequel.error.Suggestions.closest(as, known);
        throw new io.resequel.error.EagerLoadingException("RSQ-811 " + name() + " has no association '" + as + "'"
                + (closest != null ? "; did you mean '" + closest + "'?" : known.isEmpty() ? "" : "; it has " + known));
    }

    private AssociationContext context() {
        return new AssociationContext(engine, registry::junction);
    }

    private <A extends Association<T, ?>> A register(A association) {
        int replaced = -1;
        for (int i = 0; i < associations.size(); i++) {
            Association<T, ?> a = associations.get(i);
            if (a.as().equals(association.as()) && !association.isAliased() && a.target() != association.target()
                    && a.target().name().equals(association.target().name())) {
                // The target was redefined (define of the same name replaces a model): as Sequelize, whose
                // associations are keyed by name, the association to the new model replaces the old one.
                replaced = i;
                continue;
            }
            if (a.as().equals(association.as())) {
                throw new io.resequel.error.AssociationException("RSQ-802 You have used the alias '" + a.as()
                        + "' in two separate associations of " + name() + " (" + a.target().name() + " and "
                        + association.target().name() + "); aliased associations must have unique aliases");
            }
        }
        // Sequelize's checkNamingCollision: instance.get(alias) would be ambiguous between the attribute and the
        // association, so an alias that names an attribute of the source (declared, or a key this association adds
        // to it) is refused before anything is applied.
        boolean collides = definition().hasAttribute(association.as()) || association.foreignKeys().stream()
                .anyMatch(fk -> fk.holder().origin() == origin() && fk.name().equals(association.as()));
        if (collides) {
            throw io.resequel.error.AssociationException.namingCollision(name(), association.as());
        }
        for (ForeignKey fk : association.foreignKeys()) {
            fk.holder().applyForeignKey(fk);
        }
        if (replaced >= 0) {
            associations.set(replaced, association);
        } else {
            associations.add(association);
        }
        return association;
    }

    /** Adds (or merges into a declared attribute) a key an association needs, and re-resolves the definition. */
    synchronized void applyForeignKey(ForeignKey fk) {
        if (origin() != this) {
            origin().applyForeignKey(fk);
            return;
        }
        if (fk.replaces() != null && !fk.replaces().equals(fk.name()) && associationKeys.remove(fk.replaces())) {
            // a belongsToMany re-keyed by its paired side: its inferred key gives way (Sequelize deletes it too)
            spec.removeAttribute(fk.replaces());
        }
        AttributeSpec a = spec.find(fk.name());
        boolean added = a == null;
        if (added) {
            a = new AttributeSpec(fk.name(), fk.type()).allowNull(fk.allowNull());
            spec.attributes.add(a);
            associationKeys.add(fk.name());
        }
        if (!added && !fk.allowNull()) {
            // foreignKey: {allowNull: false} merges into a declared attribute (Sequelize's mergeDefaults)
            a.allowNull(false);
        }
        if (fk.field() != null && !a.hasField()) {
            a.field(fk.field());
        }
        if (fk.references() != null && (!a.hasReference() || fk.ownActions())) {
            a.references(fk.references(), fk.key()).onDelete(fk.onDelete()).onUpdate(fk.onUpdate());
        }
        if (fk.pairKey()) {
            if (pairKeyed || definition.implicitId()) {
                a.primaryKey(true);
                pairKeyed = true;
            } else {
                // The junction keeps its own primary key: as in Sequelize the keys may be NULL, so one junction can
                // serve several associations (polymorphic tags), each filling only its own keys.
                if (added) {
                    a.allowNull(true);
                }
                if (fk.unique() != null && (!a.hasUnique() || fk.replaces() != null)) {
                    a.unique(fk.unique());
                }
            }
        }
        definition = new ModelDefinition(definition.name(), spec);
        finder.forgetCachedPlans();
        engine.planner().clearCache();
    }

    Finder<T> finder() {
        return finder;
    }

    Persister<T> persister() {
        return persister;
    }

    T newInstance() {
        T instance = factory.get();
        instance.attach(base);
        return instance;
    }

    // ---- building -----------------------------------------------------------------------------------------

    /**
     * Builds an unsaved instance with defaults applied. Synchronous; no SQL.
     *
     * @param values attribute → value
     * @return the new instance
     * @throws io.resequel.error.UnknownAttributeException for an unknown attribute
     * @throws io.resequel.error.ValidationException for a value of the wrong type
     */
    public T build(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return fill(newInstance(), values);
    }

    /**
     * Sequelize's {@code build(values, {include})}: an unsaved instance whose associated records, nested in
     * {@code values} under the association aliases (a map for to-one, a list of maps for to-many), are built as
     * unsaved instances of their models and attached. Synchronous; no SQL.
     *
     * @param values   attribute → value, plus alias → nested values
     * @param includes the associations to build, with their nested includes
     * @return the new instance
     */
    @SuppressWarnings("unchecked")
    public T build(Map<String, ?> values, Include... includes) {
        Objects.requireNonNull(values, "values");
        Map<String, Object> own = new java.util.LinkedHashMap<>(values);
        Map<String, Object> attached = new java.util.LinkedHashMap<>();
        for (Include i : includes) {
            Association<?, ?> a = io.resequel.plan.IncludeResolver.association(this, i);
            Object nested = own.remove(a.as());
            if (nested instanceof List<?> list) {
                List<Instance> built = new java.util.ArrayList<>();
                for (Object n : list) {
                    built.add(a.target().build((Map<String, ?>) n, i.includes().toArray(Include[]::new)));
                }
                attached.put(a.as(), built);
            } else if (nested instanceof Map<?, ?> m) {
                attached.put(a.as(), a.target().build((Map<String, ?>) m, i.includes().toArray(Include[]::new)));
            }
        }
        T instance = build(own);
        attached.forEach(instance::setIncluded);
        return instance;
    }

    /**
     * Defaults go in raw, past the attribute setters (Sequelize's {@code _initValues}); the given values through
     * {@code set}. The values as built then count as the previous ones, the given ones staying changed.
     */
    private T fill(T instance, Map<String, ?> values) {
        for (AttributeDefinition a : definition().attributes()) {
            if (a.defaultValue() != null && !values.containsKey(a.name())) {
                instance.setDataValue(a.name(), a.defaultValue().next());
            } else if (a.primaryKey() && !values.containsKey(a.name())) {
                instance.values().putIfAbsent(a.name(), null); // Sequelize's build: a missing key is null
            }
        }
        definition().virtualDefaults().forEach((name, d) -> {
            if (!values.containsKey(name)) {
                instance.setDataValue(name, d.next());
            }
        });
        values.forEach(instance::set);
        instance.settle();
        return instance;
    }

    /**
     * An unsaved instance to write: a map is built; an instance of this model is used as it is; a typed instance
     * made with its class's constructor is attached to this model and built from the values set on it.
     */
    @SuppressWarnings("unchecked")
    private T toInstance(Object record) {
        if (record instanceof Map<?, ?> m) {
            return build((Map<String, ?>) m);
        }
        if (record instanceof Instance i) {
            Map<String, Object> detached = i.detachedValues();
            if (detached != null) {
                T typed = (T) i;
                typed.attach(base);
                return fill(typed, new java.util.LinkedHashMap<>(detached));
            }
            if (i.model() != null && i.model().base == base) {
                return (T) i;
            }
            throw new io.resequel.error.InstanceException("RSQ-612 " + name() + " cannot write an instance of "
                    + i.model().name());
        }
        throw new IllegalArgumentException("RSQ-612 " + name() + ": a record must be a Map or an instance of the model, "
                + "got " + (record == null ? "null" : record.getClass().getName()));
    }

    /** @return the record's attribute → value map, for writes that take maps */
    private Map<String, ?> toValues(Object record) {
        if (record instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> values = (Map<String, ?>) m;
            return values;
        }
        T instance = toInstance(record);
        Map<String, Object> out = new java.util.LinkedHashMap<>(instance.values());
        return out;
    }

    /** @param values attribute → value @return the inserted instance, with its generated key */
    public Mono<T> create(Map<String, ?> values) {
        return create(values, SaveOptions.DEFAULTS);
    }

    /** @param values attribute → value @param options fields to write @return the inserted instance */
    public Mono<T> create(Map<String, ?> values, SaveOptions options) {
        return labelled(Mono.defer(() -> build(onlyFields(values, options.fields())).save(options)), "create");
    }

    /** Sequelize builds a create's instance from the listed fields only: the other keys are neither set nor kept. */
    private static Map<String, ?> onlyFields(Map<String, ?> values, List<String> fields) {
        if (fields == null || fields.containsAll(values.keySet())) {
            return values;
        }
        Map<String, Object> kept = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (fields.contains(k)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /**
     * Inserts a typed instance: one built by this model, or one made with its class's constructor (then attached
     * to this model, defaults applied).
     *
     * @param instance the unsaved instance
     * @return that instance once inserted (on subscribe)
     */
    public Mono<T> create(T instance) {
        return create(instance, SaveOptions.DEFAULTS);
    }

    /** @param instance the unsaved instance @param options fields to write @return that instance once inserted */
    public Mono<T> create(T instance, SaveOptions options) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(options, "options");
        return labelled(Mono.defer(() -> toInstance(instance).save(options)), "create");
    }

    /**
     * Creates a record with associated records nested in {@code values} under the association aliases (Sequelize's
     * {@code create(values, {include})}): belongsTo parents first, then the record, then hasOne/hasMany children
     * and belongsToMany targets with their junction rows (junction values under the junction model's name), to any
     * depth, all in one transaction. Nested values of associations not listed are ignored.
     *
     * @param values   attribute → value, plus alias → map (to-one) or list of maps (to-many)
     * @param includes the associations to create, with their nested includes
     * @return the created record with the created associations attached
     */
    public Mono<T> create(Map<String, ?> values, Include... includes) {
        Objects.requireNonNull(values, "values");
        if (includes.length == 0) {
            return create(values);
        }
        // The root's SAVE and CREATE operators wrap the whole graph and its transaction: they see the record after
        // the COMMIT. Nested records go through their own models' operators inside it (GraphWriter).
        Mono<T> graph = graphWriter.create(this, values, List.of(includes));
        return labelled(hooks.wrapSave(HookType.CREATE, graph), "create");
    }

    /**
     * {@link #create(Map, Include...)} for many records, in one transaction.
     *
     * @param records  one map per record, with nested associated records
     * @param includes the associations to create
     * @return the created records, in order
     */
    public Flux<T> bulkCreate(List<? extends Map<String, ?>> records, Include... includes) {
        Objects.requireNonNull(records, "records");
        return includes.length == 0 ? bulkCreate(records)
                : labelled(around(HookType.BULK_CREATE, true, graphWriter.createAll(this, records, List.of(includes))),
                        "bulkCreate");
    }

    /**
     * Finds by primary key with includes and other options.
     *
     * @param key   the primary-key value
     * @param query further options (includes, attributes, transaction)
     * @return the row, or empty
     */
    public Mono<T> findByPk(Object key, Consumer<FindOptions.Builder> query) {
        return Mono.defer(() -> {
            List<AttributeDefinition> pks = definition().primaryKeys();
            if (pks.size() != 1 || key == null) {
                return finder.findByPk(key);
            }
            FindOptions.Builder b = FindOptions.builder();
            query.accept(b);
            FindOptions found = scoped(b.where(io.resequel.query.Where.eq(pks.get(0).name(), key)).build());
            return around(found.hooks(), finder.findOne(found));
        }).transform(m -> labelled(m, "findByPk"));
    }

    /**
     * Inserts many rows with multi-row INSERTs, batched under the database's bind-parameter limit, in one
     * transaction: if any row fails, none is left.
     *
     * @param records one map per row, or typed instances (built by this model or made with the class's
     *                constructor), whose values are inserted
     * @return the inserted instances, in order, with generated keys
     */
    public Flux<T> bulkCreate(List<?> records) {
        Objects.requireNonNull(records, "records");
        return labelled(around(HookType.BULK_CREATE, true,
                Flux.defer(() -> bulk.bulkCreate(records.stream().map(this::toValues).toList()))), "bulkCreate");
    }

    /**
     * Inserts many rows with conflict handling: {@code fields} limits the attributes written,
     * {@code ignoreDuplicates} skips rows that conflict with a unique key, {@code updateOnDuplicate} overwrites the
     * listed attributes of the existing row. With either conflict option, generated keys are not read back.
     *
     * @param records one map per row
     * @param options fields and conflict handling
     * @return the built instances, in order
     */
    public Flux<T> bulkCreate(List<?> records, BulkCreateOptions options) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(options, "options");
        return labelled(around(HookType.BULK_CREATE, options.hooks(),
                Flux.defer(() -> bulk.bulkCreate(records.stream().map(this::toValues).toList(), options))),
                "bulkCreate");
    }

    /**
     * Inserts the row, or updates the existing row with the same primary key (or unique key, when the key is not
     * given): {@code ON CONFLICT} on PostgreSQL, {@code ON DUPLICATE KEY UPDATE} on MySQL/MariaDB, {@code MERGE} on
     * H2. {@code createdAt} is written only on insert.
     *
     * @param values attribute → value, including the primary key or a unique key
     * @return the stored row and whether this call inserted it (PostgreSQL: from the row version; MySQL: from the
     *         affected-row count; H2: from a look-up in the same transaction)
     */
    public Mono<Created<T>> upsert(Map<String, ?> values) {
        return upsert(values, io.resequel.query.UpsertOptions.DEFAULTS);
    }

    /**
     * {@link #upsert(Map)} with Sequelize's options: {@code fields} (what the update branch may write; by default
     * the keys of {@code values}), {@code validate(false)}, {@code returning(false)} (no read-back: the instance
     * holds the values written), {@code withoutHooks()}.
     *
     * @param values  attribute → value, including the primary key or a unique key
     * @param options the options
     * @return the row and whether this call inserted it
     */
    public Mono<Created<T>> upsert(Map<String, ?> values, io.resequel.query.UpsertOptions options) {
        return labelled(around(HookType.UPSERT, Objects.requireNonNull(options, "options").hooks(),
                upsertUnlabelled(values, options)), "upsert");
    }

    private Mono<Created<T>> upsertUnlabelled(Map<String, ?> values, io.resequel.query.UpsertOptions options) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(options, "options");
        if (!options.hooks() || !hooks.active()) {
            return upserter.upsert(values, options);
        }
        return Mono.defer(() -> {
            Map<String, Object> mutable = new java.util.LinkedHashMap<>(values);
            return fire(HookType.BEFORE_UPSERT, e -> e.values(mutable))
                    .then(Mono.defer(() -> upserter.upsert(mutable, options)))
                    .flatMap(r -> fire(HookType.AFTER_UPSERT, e -> e.values(mutable).result(r))
                            .thenReturn(r));
        });
    }

    /**
     * {@link #upsert(Map)} of a typed instance's values (one built by this model or made with its class's
     * constructor).
     *
     * @param instance the values to insert or update
     * @return the stored row and whether this call inserted it
     */
    public Mono<Created<T>> upsert(T instance) {
        Objects.requireNonNull(instance, "instance");
        return Mono.defer(() -> upsert(toValues(instance)));
    }

    /** @return empties the table ({@code TRUNCATE TABLE}); Sequelize's {@code destroy({truncate: true})} */
    public Mono<Void> truncate() {
        return labelled(around(HookType.BULK_DESTROY, true, bulk.truncate()), "truncate");
    }

    // ---- finding ------------------------------------------------------------------------------------------

    /** @return every row, streamed */
    public Flux<T> findAll() {
        FindOptions s = activeScope();
        return labelled(around(true, finder.findAllChecked(s == null ? FindOptions.ALL : s)), "findAll");
    }

    /** @param options where, attributes, order, limit, offset @return the matching rows, streamed */
    public Flux<T> findAll(FindOptions options) {
        FindOptions scoped = scoped(Objects.requireNonNull(options, "options"));
        return labelled(around(scoped.hooks(), finder.findAllChecked(scoped)), "findAll");
    }

    /** @param query builds the options, e.g. {@code q -> q.where(User.AGE.gte(18)).limit(10)} @return the rows */
    public Flux<T> findAll(Consumer<FindOptions.Builder> query) {
        FindOptions scoped = scoped(options(query));
        return labelled(around(scoped.hooks(), finder.findAllChecked(scoped)), "findAll");
    }

    /**
     * Sequelize's {@code raw: true}: rows as maps of attribute name (or alias) → value, no instances.
     *
     * @param query builds the options
     * @return the rows, streamed
     */
    public Flux<Map<String, Object>> findAllRaw(Consumer<FindOptions.Builder> query) {
        return finder.findAllRaw(scoped(options(query)));
    }

    /**
     * Counts all matching rows and reads one page, concurrently; rows are empty when the count is 0.
     *
     * @param query builds the options (limit/offset/order apply to the rows only)
     * @return the count and the rows
     */
    public Mono<Page<T>> findAndCountAll(Consumer<FindOptions.Builder> query) {
        return labelled(finder.findAndCountAll(scoped(options(query))), "findAndCountAll");
    }

    /**
     * Finds the row matching {@code where}, or inserts one from its {@code attribute = value} conditions plus
     * {@code defaults}. Concurrent callers get one row only when a unique constraint covers the where: one INSERT
     * wins, the others catch the {@link io.resequel.error.UniqueConstraintException} and find that row
     * ({@code created = false}). Without such a constraint, callers that all find nothing all insert: duplicates.
     * Inside a transaction the INSERT runs in a savepoint, so a conflict leaves the transaction usable (PostgreSQL
     * would otherwise abort it).
     *
     * @param where    the filter (required)
     * @param defaults values for a created row
     * @return the instance and whether this call created it
     */
    public Mono<Created<T>> findOrCreate(Where where, Map<String, ?> defaults) {
        return findOrCreate.run(this, Objects.requireNonNull(where, "where"),
                Objects.requireNonNull(defaults, "defaults"));
    }

    /**
     * Sequelize's {@code findOrBuild}: the row matching {@code where}, else an unsaved instance built (not inserted)
     * from the where's {@code attribute = value} conditions plus {@code defaults}. The find runs in the current
     * transaction, if any.
     *
     * @param where    the filter (required)
     * @param defaults values for a built instance
     * @return the instance, and {@code created = true} when it was built (Sequelize's {@code initialized})
     */
    public Mono<Created<T>> findOrBuild(Where where, Map<String, ?> defaults) {
        Objects.requireNonNull(where, "where");
        return findOrBuild(q -> q.where(where), defaults);
    }

    /**
     * {@link #findOrBuild(Where, Map)} with a whole query (where, include, attributes...): the found row comes with
     * its includes.
     *
     * @param query    builds the find (its where gives the built instance's values)
     * @param defaults values for a built instance
     * @return the instance, and {@code created = true} when it was built
     */
    public Mono<Created<T>> findOrBuild(Consumer<FindOptions.Builder> query, Map<String, ?> defaults) {
        FindOptions find = options(query);
        Objects.requireNonNull(defaults, "defaults");
        return findOne(find).map(found -> new Created<>(found, false))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    Map<String, Object> values = new java.util.LinkedHashMap<>();
                    if (find.where() != null) {
                        FindOrCreate.plainValues(find.where(), values);
                    }
                    values.putAll(defaults);
                    return new Created<>(build(values), true);
                }));
    }

    /**
     * Sequelize's {@code findCreateFind}: find, else create, and on a unique conflict find again. Runs without an
     * internal transaction (as {@link #findOrCreate} here).
     *
     * @param where    the filter
     * @param defaults values for a created row
     * @return the instance and whether this call created it
     */
    public Mono<Created<T>> findCreateFind(Where where, Map<String, ?> defaults) {
        return findOrCreate(where, defaults);
    }

    /** @param options the query @return the first matching row, or empty */
    public Mono<T> findOne(FindOptions options) {
        FindOptions scoped = scoped(Objects.requireNonNull(options, "options"));
        return labelled(around(scoped.hooks(), finder.findOne(scoped)), "findOne");
    }

    /** @param query builds the options @return the first matching row, or empty */
    public Mono<T> findOne(Consumer<FindOptions.Builder> query) {
        FindOptions scoped = scoped(options(query));
        return labelled(around(scoped.hooks(), finder.findOne(scoped)), "findOne");
    }

    /** @param key the primary-key value @return the row, or empty */
    public Mono<T> findByPk(Object key) {
        return labelled(activeScope() == null ? around(true, finder.findByPk(key)) : findByPk(key, q -> { }),
                "findByPk");
    }

    /** @return the number of rows */
    public Mono<Long> count() {
        return labelled(hooks.wrap(HookType.COUNT, aggregates.count(scoped(FindOptions.ALL))),
                "count");
    }

    /** @param where a filter @return the number of matching rows */
    public Mono<Long> count(Where where) {
        return labelled(where == null ? count()
                : hooks.wrap(HookType.COUNT,
                        aggregates.count(scoped(FindOptions.builder().where(where).build()))), "count");
    }

    /**
     * @param query where, {@code distinct()}, and optionally one attribute to count ({@code attributes("col")})
     * @return {@code COUNT([DISTINCT] col)} of the matching rows
     */
    public Mono<Long> count(Consumer<FindOptions.Builder> query) {
        FindOptions scoped = scoped(options(query));
        Mono<Long> count = aggregates.count(scoped);
        return labelled(scoped.hooks() ? hooks.wrap(HookType.COUNT, count) : count, "count");
    }

    /**
     * Counts per group (Sequelize's {@code count({group})}).
     *
     * @param query {@code group(...)} (required), where, having, order
     * @return one map per group: the group attributes and {@code count}
     */
    public Flux<Map<String, Object>> countGrouped(Consumer<FindOptions.Builder> query) {
        FindOptions scoped = scoped(options(query));
        return labelled(around(HookType.AGGREGATE, scoped.hooks(), aggregates.countGrouped(scoped)), "countGrouped");
    }

    /** @param attribute an attribute @param where filter or {@code null} @return the largest value, or empty */
    public Mono<Object> max(String attribute, Where where) {
        return labelled(around(HookType.AGGREGATE, true, aggregates.extreme("MAX", attribute, scopedWhere(where))),
                "max");
    }

    /** @param attribute an attribute @param where filter or {@code null} @return the smallest value, or empty */
    public Mono<Object> min(String attribute, Where where) {
        return labelled(around(HookType.AGGREGATE, true, aggregates.extreme("MIN", attribute, scopedWhere(where))),
                "min");
    }

    /** @param attribute a numeric attribute @param where filter or {@code null} @return the sum, or empty */
    public Mono<Number> sum(String attribute, Where where) {
        return labelled(around(HookType.AGGREGATE, true, aggregates.sum(attribute, scopedWhere(where))), "sum");
    }

    // ---- bulk writes --------------------------------------------------------------------------------------

    /**
     * @param values attribute → new value
     * @param where  which rows (required: use {@code Where.and()} for all rows)
     * @return the number of rows updated
     */
    public Mono<Long> update(Map<String, ?> values, Where where) {
        return labelled(around(HookType.BULK_UPDATE, true, bulk.update(Objects.requireNonNull(values, "values"),
                scopedWhere(Objects.requireNonNull(where, "where")), false)), "update");
    }

    /**
     * A bulk update with options: {@code limit} (first rows by primary key), {@code silent} (keep updatedAt),
     * {@code returning} (the updated rows, where the database has UPDATE ... RETURNING; elsewhere an
     * {@link io.resequel.error.UnsupportedOperatorException}).
     *
     * @param values  attribute → new value
     * @param options where (required), limit, silent, returning
     * @return the count and, with returning, the rows
     */
    public Mono<UpdateResult<T>> update(Map<String, ?> values,
            Consumer<WriteOptions.Builder> options) {
        WriteOptions.Builder b = WriteOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        WriteOptions given = b.build();
        return labelled(around(HookType.BULK_UPDATE, given.hooks(),
                bulk.update(Objects.requireNonNull(values, "values"), scopedWrite(given), false)
                        .contextWrite(ctx -> QueryTimeouts.with(ctx, given.timeout()))), "update");
    }

    /**
     * A bulk destroy with options: {@code where} (required unless truncate), {@code limit}, {@code truncate}.
     *
     * @param options where, limit, truncate
     * @return the number of rows deleted (0 after a truncate)
     */
    public Mono<Long> destroy(Consumer<WriteOptions.Builder> options) {
        WriteOptions.Builder b = WriteOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        WriteOptions given = b.build();
        return labelled(around(HookType.BULK_DESTROY, given.hooks(), bulk.destroy(scopedWrite(given))
                .contextWrite(ctx -> QueryTimeouts.with(ctx, given.timeout()))), "destroy");
    }

    /** @param where which rows (required: use {@code Where.and()} for all rows) @return the number deleted */
    public Mono<Long> destroy(Where where) {
        return labelled(around(HookType.BULK_DESTROY, true,
                bulk.destroy(scopedWhere(Objects.requireNonNull(where, "where")))), "destroy");
    }

    /**
     * Sequelize's {@code Model.restore({where})}: clears {@code deletedAt} of the matching soft-deleted rows.
     *
     * @param where which rows ({@code Where.and()} for all)
     * @return the number of rows restored; fails on a model that is not paranoid
     */
    public Mono<Long> restore(Where where) {
        return labelled(around(HookType.BULK_RESTORE, true,
                bulk.restore(scopedWhere(Objects.requireNonNull(where, "where")))), "restore");
    }

    /**
     * Sequelize's {@code Model.restore(options)}: {@code where} (required), {@code individualHooks()} (each matching
     * row, soft-deleted or not, is loaded and gets {@code BEFORE_RESTORE} before and {@code AFTER_RESTORE} after the
     * one UPDATE, all in one transaction), {@code withoutHooks()}.
     *
     * @param options where, individualHooks, withoutHooks
     * @return the number of rows restored; fails on a model that is not paranoid
     */
    public Mono<Long> restore(Consumer<WriteOptions.Builder> options) {
        WriteOptions.Builder b = WriteOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        WriteOptions given = b.build();
        Objects.requireNonNull(given.where(), "where");
        return labelled(around(HookType.BULK_RESTORE, given.hooks(), bulk.restore(scopedWrite(given))
                .contextWrite(ctx -> QueryTimeouts.with(ctx, given.timeout()))), "restore");
    }

    /**
     * Atomically adds to attributes of every matching row ({@code SET x = x + ?}).
     *
     * @param deltas attribute → amount
     * @param where  which rows
     * @return the number of rows updated
     */
    public Mono<Long> increment(Map<String, ? extends Number> deltas, Where where) {
        return labelled(around(HookType.BULK_UPDATE, true,
                bulk.increment(deltas, scopedWhere(Objects.requireNonNull(where, "where")), false)), "increment");
    }

    /** @param deltas attribute → amount to subtract @param where which rows @return the number of rows updated */
    public Mono<Long> decrement(Map<String, ? extends Number> deltas, Where where) {
        return labelled(around(HookType.BULK_UPDATE, true,
                bulk.increment(deltas, scopedWhere(Objects.requireNonNull(where, "where")), true)), "decrement");
    }

    /**
     * Sequelize's static {@code Model.increment(fields, {by, where, silent, transaction})}: adds {@code by} to each
     * field of every matching row in one UPDATE ({@code SET x = x + ?}), touching {@code updatedAt} unless silent.
     *
     * @param fields  the attributes to add to
     * @param options by (default 1), where (required: {@code Where.and()} for all rows), silent, transaction
     * @return the number of rows updated
     */
    public Mono<Long> increment(List<String> fields, io.resequel.query.IncrementOptions options) {
        return labelled(around(HookType.BULK_UPDATE, true,
                bulk.increment(fields, options, scopedWhere(requireWhere(options)), false)), "increment");
    }

    /** @param fields the attributes @param options as {@link #increment(List, io.resequel.query.IncrementOptions)} @return rows updated */
    public Mono<Long> decrement(List<String> fields, io.resequel.query.IncrementOptions options) {
        return labelled(around(HookType.BULK_UPDATE, true,
                bulk.increment(fields, options, scopedWhere(requireWhere(options)), true)), "decrement");
    }

    private Where requireWhere(io.resequel.query.IncrementOptions options) {
        if (Objects.requireNonNull(options, "options").where() == null) {
            throw new io.resequel.error.ResequelException("RSQ-609 " + name()
                    + ".increment: missing where; use Where.and() to change every row");
        }
        return options.where();
    }

    /**
     * A dry run: the SELECT this query would send, text and binds, without running it.
     *
     * @param query builds the options
     * @return the statement
     * @throws io.resequel.error.UnknownAttributeException for an unknown name (synchronously: nothing runs)
     */
    public Sql toSql(Consumer<FindOptions.Builder> query) {
        return finder.sql(scoped(options(query)));
    }

    /**
     * @param dialect the dialect that reads values
     * @return a mapper of rows from hand-written SQL to saved instances (columns matched by field, then name)
     */
    public Function<Row, T> rowMapper(Dialect dialect) {
        return new RawRowReader<>(this, dialect);
    }

    private static FindOptions options(Consumer<FindOptions.Builder> query) {
        FindOptions.Builder b = FindOptions.builder();
        Objects.requireNonNull(query, "query").accept(b);
        return b.build();
    }

    @Override
    public String toString() {
        return "Model(" + name() + " -> " + tableName() + (view ? ", scopes " + activeNames : "") + ")";
    }

    /** The FIND operator hooks around one find call, unless the find opted out of hooks. */
    private <R> Flux<R> around(boolean hooksOn, Flux<R> find) {
        return hooksOn ? hooks.wrap(HookType.FIND, find) : find;
    }

    private <R> Mono<R> around(boolean hooksOn, Mono<R> find) {
        return hooksOn ? hooks.wrap(HookType.FIND, find) : find;
    }

    /**
     * The operator hooks of {@code type} around one call, unless the call opted out of hooks. Placed outside any
     * transaction the operation opens itself, so the operators see its result after the COMMIT and a cut (timeout,
     * cancel) rolls it back.
     */
    private <R> Flux<R> around(HookType type, boolean hooksOn, Flux<R> operation) {
        return hooksOn ? hooks.wrap(type, operation) : operation;
    }

    private <R> Mono<R> around(HookType type, boolean hooksOn, Mono<R> operation) {
        return hooksOn ? hooks.wrap(type, operation) : operation;
    }

    /** Names the operation for statement observers (tracing, metrics): see {@link io.resequel.exec.OperationLabel}. */
    private <R> Mono<R> labelled(Mono<R> operation, String name) {
        return io.resequel.exec.OperationLabel.label(operation, name(), name);
    }

    private <R> Flux<R> labelled(Flux<R> operation, String name) {
        return io.resequel.exec.OperationLabel.label(operation, name(), name);
    }
}
