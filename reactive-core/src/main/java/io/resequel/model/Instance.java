package io.resequel.model;

import io.resequel.query.SaveOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * One row of a model: its values, the values as last loaded or saved, and what changed since. Typed model classes
 * extend it and read through {@link #get(Attribute)}; their fields must hold no state of their own.
 *
 * <p>Reads and {@code set} are plain in-memory operations. {@link #save()}, {@link #reload()}, {@link #destroy()},
 * {@link #update(Map)} and {@link #increment(String, Number)} are lazy: nothing happens until subscription.
 */
public class Instance {

    private Model<?> model;
    private AttributeValues values;
    /**
     * The values as last loaded or saved; {@code null} while they equal {@link #values}, so reading a row costs no
     * copy. Materialised by the first {@code set}, before anything changes.
     */
    private Map<String, Object> previous;
    private Set<String> changed;
    private boolean newRecord = true;
    private Map<String, Object> extras;
    private Map<String, Object> included;
    /** Values of VIRTUAL attributes stored by {@code set} (no setter) or {@code setDataValue}. */
    private Map<String, Object> virtualValues;
    /** Values set before a model attached the instance ({@code new User()} of a typed model class). */
    private Map<String, Object> detached;
    /**
     * What a write made clean, applied only when the save's hook chain has ended, so after-hooks still see
     * {@code changed()} and {@code previous()} (as Sequelize). {@code null}: nothing pending; {@link #ALL}: every
     * attribute.
     */
    private java.util.Collection<String> pendingClean;
    private static final java.util.Collection<String> ALL = List.of();
    /** The includes of the find that loaded this instance, which {@code reload()} runs again. */
    private List<io.resequel.query.Include> loadedIncludes = List.of();

    /** For subclasses and the model's factory; an instance is usable once its model attached it. */
    protected Instance() {
    }

    final void attach(Model<?> owner) {
        this.model = owner;
        this.values = new AttributeValues(owner.definition());
    }

    /** @return the values set on a typed instance before any model attached it ({@code null} when attached) */
    final Map<String, Object> detachedValues() {
        return model == null ? (detached == null ? Map.of() : detached) : null;
    }

    /** After a write: the instance is no longer new; its changes clear once the save's hooks have run. */
    final void deferClean(java.util.Collection<String> fields) {
        newRecord = false;
        if (pendingClean == ALL || fields == ALL) {
            pendingClean = ALL;
        } else if (pendingClean == null) {
            pendingClean = new ArrayList<>(fields);
        } else {
            pendingClean.addAll(fields);
        }
    }

    /** Marks every attribute written as clean (the deferred half of {@link #deferClean}). */
    final void applyClean() {
        java.util.Collection<String> fields = pendingClean;
        pendingClean = null;
        if (fields == ALL) {
            markSaved();
        } else if (fields != null) {
            markSaved(fields);
        }
    }

    static java.util.Collection<String> allFields() {
        return ALL;
    }

    /**
     * The end of {@code build}: what was given stays changed with no previous value (Sequelize's
     * {@code undefined}); defaults count as previous values.
     */
    final void settle() {
        previous = copyOfValues();
        if (changed != null) {
            for (String name : changed) {
                previous.put(name, null);
            }
        }
    }

    final void loadedWith(List<io.resequel.query.Include> includes) {
        this.loadedIncludes = includes;
    }

    final List<io.resequel.query.Include> loadedIncludes() {
        return loadedIncludes;
    }

    /** A full reload: what was included and what VIRTUAL attributes held goes, as Sequelize resets dataValues. */
    final void clearIncluded() {
        included = null;
        virtualValues = null;
    }

    /** Stores a loaded value by the attribute's position in the definition the instance was made with. */
    final void putLoadedAt(int index, Object value) {
        values.putAt(index, value);
    }

    final Map<String, Object> values() {
        return values;
    }

    final void markSaved() {
        newRecord = false;
        changed = null;
        previous = null;
    }

    /** After an UPDATE of some fields: only those become clean; other changes stay pending. */
    final void markSaved(java.util.Collection<String> fields) {
        newRecord = false;
        if (changed != null) {
            changed.removeAll(fields);
        }
        if (previous != null) {
            for (String f : fields) {
                previous.put(f, values.get(f));
            }
        }
    }

    private void materializePrevious() {
        if (previous == null) {
            previous = copyOfValues();
        }
    }

    private Map<String, Object> copyOfValues() {
        return values.copy();
    }

    private Set<String> changedSet() {
        if (changed == null) {
            changed = new LinkedHashSet<>();
        }
        return changed;
    }

    final void putLoaded(String name, Object value) {
        values.put(name, value);
    }

    /** A selected value that is no attribute: an alias or a computed column. */
    final void putExtra(String alias, Object value) {
        if (extras == null) {
            extras = new LinkedHashMap<>();
        }
        extras.put(alias, value);
    }

    /**
     * The associated rows loaded under an alias: an instance or {@code null} for a to-one association, a list for a
     * to-many one (empty when none), the junction row under the junction model's name for belongsToMany targets.
     *
     * @param as the association alias
     * @return the loaded value, or {@code null} when it was not loaded
     */
    public Object included(String as) {
        return included == null ? null : included.get(as);
    }

    /** @param as an association alias @return whether that association was loaded (even when empty or null) */
    public boolean isIncluded(String as) {
        return included != null && included.containsKey(as);
    }

    /**
     * @param as   a to-one association alias
     * @param type the target class
     * @param <V>  the target class
     * @return the loaded target, or {@code null}
     */
    public <V extends Instance> V getOne(String as, Class<V> type) {
        Object v = included(as);
        if (v instanceof List<?> l) {
            throw new io.resequel.error.InstanceException("RSQ-607 " + model.name() + "." + as
                    + " is a to-many association; use getMany");
        }
        return type.cast(v);
    }

    /**
     * @param as   a to-many association alias
     * @param type the target class
     * @param <V>  the target class
     * @return the loaded targets (empty when none, or when not loaded)
     */
    @SuppressWarnings("unchecked")
    public <V extends Instance> List<V> getMany(String as, Class<V> type) {
        Object v = included(as);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?>)) {
            throw new io.resequel.error.InstanceException("RSQ-607 " + model.name() + "." + as
                    + " is a to-one association; use getOne");
        }
        return (List<V>) v;
    }

    /**
     * Attaches associated rows under an alias, as an include does.
     *
     * @param as    the alias
     * @param value an instance, a list of instances, or {@code null}
     * @return this instance
     */
    public Instance setIncluded(String as, Object value) {
        if (included == null) {
            included = new LinkedHashMap<>(4);
        }
        included.put(as, value);
        return this;
    }

    final void removeIncluded(String as) {
        if (included != null) {
            included.remove(as);
        }
    }

    final Map<String, Object> previousValues() {
        return previous != null ? previous : values;
    }

    /** @return the model this instance belongs to */
    public Model<?> model() {
        return model;
    }

    /** @return whether the row has not been inserted yet */
    public boolean isNewRecord() {
        return newRecord;
    }

    /**
     * @param name an attribute name, or the alias of a selected expression ({@code FindOptions.attribute(expr, alias)})
     * @return its value
     * @throws io.resequel.error.UnknownAttributeException for a name the model does not have
     */
    public Object get(String name) {
        if (model == null) {
            return detached == null ? null : detached.get(name);
        }
        ModelDefinition d = model.definition();
        Behaviour virtual = d.virtuals().get(name);
        if (virtual != null) {
            return virtual.getter() != null ? virtual.getter().apply(this) : virtualValue(name);
        }
        if (extras != null && extras.containsKey(name) && !d.hasAttribute(name)) {
            return extras.get(name);
        }
        if (included != null && included.containsKey(name) && !d.hasAttribute(name)) {
            return included.get(name);
        }
        AttributeDefinition a = d.attribute(name);
        return a.behaviour().getter() != null ? a.behaviour().getter().apply(this) : values.get(name);
    }

    /**
     * A VIRTUAL's value: the one set, else an expression the find selected under its name (Sequelize's
     * {@code attributes: [[literal(...), 'someProperty']]} fills the virtual's data value).
     */
    private Object virtualValue(String name) {
        if (virtualValues != null && virtualValues.containsKey(name)) {
            return virtualValues.get(name);
        }
        return extras == null ? null : extras.get(name);
    }

    /**
     * The stored value, bypassing the attribute's getter (Sequelize's {@code getDataValue}, {@code get({raw})}).
     *
     * @param name an attribute name
     * @return its stored value
     */
    public Object getDataValue(String name) {
        if (model == null) {
            return detached == null ? null : detached.get(name);
        }
        if (model.definition().virtuals().containsKey(name)) {
            return virtualValue(name);
        }
        model.definition().attribute(name);
        return values.get(name);
    }

    /**
     * @param name an attribute name
     * @param type the expected class
     * @param <V>  the value type
     * @return its value
     */
    public <V> V get(String name, Class<V> type) {
        return type.cast(get(name));
    }

    /** @param attribute a typed attribute @param <V> value type @return its value */
    public <V> V get(Attribute<?, V> attribute) {
        return attribute.cast(get(attribute.name()));
    }

    /**
     * Sets a value, marking the attribute changed only when the value differs. The value is checked against the
     * attribute's data type at once. As in Sequelize, a primary key that already has a value and, on a saved
     * instance, the timestamps ({@code createdAt}, {@code updatedAt}, {@code deletedAt}) are read-only here: such a
     * set is ignored. {@link #setDataValue} (Sequelize's {@code raw}) writes them. A VIRTUAL attribute without a
     * setter keeps the value in memory, where its validators see it. On a typed instance made with its class's
     * constructor (no model yet) values are kept as given until {@code create}/{@code bulkCreate} attaches it. A
     * dotted name ({@code "meta.city"}) sets a key inside a JSON attribute's object; the object is copied, not changed
     * in place, so {@link #previous(String)} keeps the value before.
     *
     * @param name  an attribute name
     * @param value the new value
     * @return this instance
     * @throws io.resequel.error.UnknownAttributeException for an unknown name
     * @throws io.resequel.error.ValidationException for a value of the wrong type
     */
    public Instance set(String name, Object value) {
        if (model == null) {
            return setDetached(name, value);
        }
        ModelDefinition d = model.definition();
        Behaviour virtual = d.virtuals().get(name);
        if (virtual != null) {
            if (virtual.setter() == null) {
                return setDataValue(name, value);
            }
            virtual.setter().accept(this, value);
            return this;
        }
        if (!d.hasAttribute(name) && name.indexOf('.') > 0) {
            return setJsonPath(d, name, value);
        }
        AttributeDefinition a = d.attribute(name);
        if (readOnly(d, a)) {
            return this;
        }
        if (a.behaviour().setter() != null) {
            a.behaviour().setter().accept(this, value);
            return this;
        }
        return setDataValue(name, value);
    }

    /**
     * Sequelize's {@code set('meta.city', v)} on a JSON attribute: the value goes into a copy of the attribute's
     * object at that path, and the attribute counts as changed only when the value there differs.
     */
    private Instance setJsonPath(ModelDefinition d, String name, Object value) {
        List<String> path = List.of(name.split("\\."));
        String root = path.get(0);
        if (!d.hasAttribute(root) || d.attribute(root).type().kind() != DataType.Kind.JSON) {
            d.attribute(name); // a path needs a JSON attribute: unknown otherwise
        }
        return setDataValue(root, JsonValues.withPath(values.get(root), path.subList(1, path.size()), value));
    }

    /**
     * Stores a value, bypassing the attribute's setter (Sequelize's {@code setDataValue}); the value is checked
     * against the data type and the attribute marked changed when it differs.
     *
     * @param name  an attribute name
     * @param value the value
     * @return this instance
     */
    public Instance setDataValue(String name, Object value) {
        if (model == null) {
            return setDetached(name, value);
        }
        if (model.definition().virtuals().containsKey(name)) {
            if (virtualValues == null) {
                virtualValues = new LinkedHashMap<>(4);
            }
            virtualValues.put(name, value);
            return this;
        }
        AttributeDefinition a = model.definition().attribute(name);
        // A SQL expression (Expr.literal("count + 1")) is kept as given and rendered into the INSERT/UPDATE.
        Object v = value instanceof io.resequel.query.Expr ? value
                : io.resequel.validation.Values.coerce(model.name(), a, value);
        Object before = values.get(name);
        if (!(a == null ? ValueEquality.same(before, v) : a.type().same(before, v))) {
            materializePrevious();
            if (newRecord) {
                // Unsaved: the previous value is the one before this change, as Sequelize. A saved instance keeps
                // the values as loaded, which its key and version conditions need.
                previous.put(name, before);
            }
            changedSet().add(name);
        }
        values.put(name, v);
        return this;
    }

    private Instance setDetached(String name, Object value) {
        if (detached == null) {
            detached = new LinkedHashMap<>();
        }
        detached.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** Sequelize's read-only attributes: a key that has a value, and a saved row's timestamps. */
    private boolean readOnly(ModelDefinition d, AttributeDefinition a) {
        if (a.primaryKey() && values.get(a.name()) != null) {
            return true;
        }
        String n = a.name();
        return !newRecord && (n.equals(d.createdAtAttribute()) || n.equals(d.updatedAtAttribute())
                || n.equals(d.deletedAtAttribute()));
    }

    /** @param attribute a typed attribute @param value the value @param <V> value type @return this instance */
    public <V> Instance set(Attribute<?, V> attribute, V value) {
        return set(attribute.name(), value);
    }

    /** @param newValues attribute → value @return this instance */
    public Instance set(Map<String, ?> newValues) {
        newValues.forEach(this::set);
        return this;
    }

    /** @return the changed attribute names, in the order they changed */
    public Set<String> changed() {
        return changed == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(changed));
    }

    /** @param name an attribute name @return whether it changed since the last load or save */
    public boolean changed(String name) {
        model.definition().attribute(name);
        return changed != null && changed.contains(name);
    }

    /**
     * Marks an attribute changed or unchanged explicitly, e.g. after mutating a JSON value in place.
     *
     * @param name    an attribute name
     * @param isDirty whether to treat it as changed
     * @return this instance
     */
    public Instance changed(String name, boolean isDirty) {
        model.definition().attribute(name);
        materializePrevious();
        if (isDirty) {
            changedSet().add(name);
        } else if (changed != null) {
            changed.remove(name);
        }
        return this;
    }

    /**
     * @param name an attribute name
     * @return its value as last loaded or saved; for an unsaved instance, its value before the last change
     *         ({@code null} for a value given to {@code build})
     */
    public Object previous(String name) {
        model.definition().attribute(name);
        return previousValues().get(name);
    }

    /**
     * Sequelize's {@code previous()} without a key.
     *
     * @return each changed attribute → its previous value (see {@link #previous(String)}), in change order
     */
    public Map<String, Object> previous() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (changed != null) {
            Map<String, Object> before = previousValues();
            for (String name : changed) {
                out.put(name, before.get(name));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** @return a plain copy of the values, serializable by Jackson (with the JSR-310 module for dates) */
    public Map<String, Object> toJSON() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (AttributeDefinition a : model.definition().attributes()) {
            if (values.containsKey(a.name())) {
                // a copy: changing the JSON's maps and lists must not change this instance (Sequelize's cloneDeep)
                out.put(a.name(), JsonValues.copy(get(a.name())));
            }
        }
        model.definition().virtuals().forEach((name, v) -> {
            if (v.getter() != null) {
                out.put(name, v.getter().apply(this));
            } else if (virtualValues != null && virtualValues.containsKey(name)) {
                // a VIRTUAL without getter shows the value it holds (Sequelize's get()), e.g. its default
                out.put(name, virtualValues.get(name));
            }
        });
        if (extras != null) {
            out.putAll(extras);
        }
        if (included != null) {
            included.forEach((as, v) -> out.put(as, json(v)));
        }
        return out;
    }

    private static Object json(Object v) {
        if (v instanceof Instance i) {
            return i.toJSON();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new java.util.ArrayList<>(l.size());
            for (Object x : l) {
                out.add(json(x));
            }
            return out;
        }
        return v;
    }

    /**
     * Runs every validator (attributes, virtual attributes, model-wide) on subscribe, without SQL.
     *
     * @return completes when valid, else one {@link io.resequel.error.ValidationException} listing every failure
     */
    public Mono<Void> validate() {
        return io.resequel.validation.Validation.validate(this, null, model.valueLimits());
    }

    /**
     * Sequelize's {@code validate({skip})}: runs the validators of every attribute but the skipped ones (and the
     * model-wide validators).
     *
     * @param skip attribute names (real or VIRTUAL) not to validate
     * @return completes when valid, else one {@link io.resequel.error.ValidationException}
     * @throws io.resequel.error.UnknownAttributeException for an unknown name (on subscribe)
     */
    public Mono<Void> validate(java.util.Collection<String> skip) {
        Objects.requireNonNull(skip, "skip");
        return Mono.defer(() -> {
            ModelDefinition d = model.definition();
            List<String> fields = new ArrayList<>();
            for (String s : skip) {
                if (!d.virtuals().containsKey(s)) {
                    d.attribute(s);
                }
            }
            d.attributes().forEach(a -> fields.add(a.name()));
            fields.addAll(d.virtuals().keySet());
            fields.removeAll(skip);
            return io.resequel.validation.Validation.validate(this, fields);
        });
    }

    /** @return inserts when new, else updates the changed attributes; emits this instance */
    public <T extends Instance> Mono<T> save() {
        return save(SaveOptions.DEFAULTS);
    }

    /** @param options fields to write, silent @return this instance once saved */
    @SuppressWarnings("unchecked")
    public <T extends Instance> Mono<T> save(SaveOptions options) {
        Objects.requireNonNull(options, "options");
        return (Mono<T>) model.persister().save(this, options);
    }

    /**
     * Sets the given values and saves only those that changed (Sequelize's {@code instance.update}).
     *
     * @param newValues attribute → value
     * @return this instance once saved; no SQL when nothing changed
     */
    public <T extends Instance> Mono<T> update(Map<String, ?> newValues) {
        return update(newValues, SaveOptions.DEFAULTS);
    }

    /**
     * Sets the given values and saves those that changed, with options (Sequelize's
     * {@code instance.update(values, options)}). With {@code fields(...)}, keys outside the fields are ignored
     * (neither set nor saved), so a request body can be passed as it is; an unknown attribute name still fails
     * with {@link io.resequel.error.UnknownAttributeException}. A saved instance's primary key and timestamps are
     * not overwritten (see {@link #set(String, Object)}).
     *
     * @param newValues attribute → value
     * @param options   fields, silent, transaction, hooks
     * @return this instance once saved (on subscribe); no SQL when nothing changed
     */
    @SuppressWarnings("unchecked")
    public <T extends Instance> Mono<T> update(Map<String, ?> newValues, SaveOptions options) {
        Objects.requireNonNull(newValues, "newValues");
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            ModelDefinition d = model.definition();
            Set<String> dirtyBefore = changed();
            Map<String, Object> picked = new LinkedHashMap<>();
            newValues.forEach((name, value) -> {
                if (!d.virtuals().containsKey(name)) {
                    d.attribute(name);
                }
                if (options.fields() == null || options.fields().contains(name)) {
                    picked.put(name, value);
                }
            });
            set(picked);
            // Sequelize saves the keys given that changed, plus what their setters changed besides.
            Set<String> fields = new LinkedHashSet<>();
            for (String f : changed()) {
                if (picked.containsKey(f) || !dirtyBefore.contains(f)) {
                    fields.add(f);
                }
            }
            if (options.fields() != null) {
                fields.retainAll(options.fields());
            }
            return (Mono<T>) model.persister().save(this, options.withFields(List.copyOf(fields)));
        });
    }

    /** @return re-reads the row, overwriting values and clearing changes; fails when the row is gone */
    public <T extends Instance> Mono<T> reload() {
        return reload(q -> { });
    }

    /**
     * Re-reads the row by primary key (Sequelize's {@code reload(options)}), through the model's default scope and
     * with the includes of the find that loaded this instance (unless {@code options} give includes), so
     * associations the row no longer has are gone afterwards. Without {@code attributes} every value is replaced
     * and changes are cleared; with them, only those attributes are.
     *
     * @param options attributes, include, paranoid(false), transaction, lock
     * @return this instance (on subscribe); fails with {@link io.resequel.error.InstanceException} when the row is
     *         gone
     */
    @SuppressWarnings("unchecked")
    public <T extends Instance> Mono<T> reload(java.util.function.Consumer<io.resequel.query.FindOptions.Builder>
            options) {
        Objects.requireNonNull(options, "options");
        return (Mono<T>) model.persister().reload(this, options);
    }

    /**
     * Deletes the row; on a paranoid model sets {@code deletedAt} instead (saving other pending changes too). With
     * optimistic locking a stale instance fails with {@link io.resequel.error.OptimisticLockException}.
     *
     * @return this instance once deleted (on subscribe)
     */
    public <T extends Instance> Mono<T> destroy() {
        return destroy(false);
    }

    /**
     * @param force delete the row of a paranoid model for good ({@code destroy({force: true})})
     * @return this instance once deleted
     */
    @SuppressWarnings("unchecked")
    public <T extends Instance> Mono<T> destroy(boolean force) {
        return model.persister().destroy(this, force).thenReturn((T) this);
    }

    /** @return clears {@code deletedAt} of a soft-deleted row; fails on a model that is not paranoid */
    @SuppressWarnings("unchecked")
    public <T extends Instance> Mono<T> restore() {
        return (Mono<T>) model.persister().restore(this);
    }

    /**
     * Sequelize's {@code isSoftDeleted()}: whether the soft-delete attribute holds something else than its default
     * (null unless the attribute declares one), as this instance knows it (no SQL).
     *
     * @return whether this instance is soft-deleted
     * @throws io.resequel.error.InstanceException on a model that is not paranoid
     */
    public boolean isSoftDeleted() {
        String deletedAt = model.definition().deletedAtAttribute();
        if (deletedAt == null) {
            throw new io.resequel.error.InstanceException(Paranoid.notParanoid(model.name()));
        }
        Object unset = Paranoid.unset(model.definition());
        Object value = values.get(deletedAt);
        return value != null && (unset == null || !ValueEquality.same(value, unset));
    }

    /**
     * Atomically adds to an attribute in the database ({@code SET x = x + ?}). Where the database has
     * {@code RETURNING} (PostgreSQL) the new values are read back into this instance; elsewhere call
     * {@link #reload()} to see them.
     *
     * @param name an attribute name
     * @param by   the amount
     * @return this instance
     */
    public <T extends Instance> Mono<T> increment(String name, Number by) {
        return increment(Map.of(name, by));
    }

    /** @param deltas attribute → amount @return this instance, after the atomic update */
    public <T extends Instance> Mono<T> increment(Map<String, ? extends Number> deltas) {
        return increment(deltas, io.resequel.query.IncrementOptions.DEFAULTS);
    }

    /**
     * Sequelize's {@code increment(fields, {by, where, returning, silent, transaction})}: adds {@code by} to each
     * field.
     *
     * @param fields  attribute names
     * @param options by (default 1), where (added to the key), returning, silent, transaction
     * @return this instance, after the atomic update (on subscribe)
     */
    public <T extends Instance> Mono<T> increment(List<String> fields, io.resequel.query.IncrementOptions options) {
        return increment(deltas(fields, options), options);
    }

    /**
     * @param deltas  attribute → amount
     * @param options where (added to the key), returning, silent, transaction ({@code by} is ignored)
     * @return this instance, after the atomic update (on subscribe)
     */
    @SuppressWarnings("unchecked")
    public <T extends Instance> Mono<T> increment(Map<String, ? extends Number> deltas,
            io.resequel.query.IncrementOptions options) {
        return (Mono<T>) model.persister().increment(this, deltas, false, Objects.requireNonNull(options, "options"));
    }

    /** @param name an attribute name @param by the amount @return this instance, after the atomic update */
    public <T extends Instance> Mono<T> decrement(String name, Number by) {
        return decrement(Map.of(name, by));
    }

    /** @param deltas attribute → amount to subtract @return this instance, after the atomic update */
    public <T extends Instance> Mono<T> decrement(Map<String, ? extends Number> deltas) {
        return decrement(deltas, io.resequel.query.IncrementOptions.DEFAULTS);
    }

    /**
     * @param fields  attribute names
     * @param options by (default 1, subtracted), where, returning, silent, transaction
     * @return this instance, after the atomic update (on subscribe)
     */
    public <T extends Instance> Mono<T> decrement(List<String> fields, io.resequel.query.IncrementOptions options) {
        return decrement(deltas(fields, options), options);
    }

    /**
     * @param deltas  attribute → amount to subtract
     * @param options where, returning, silent, transaction
     * @return this instance, after the atomic update (on subscribe)
     */
    @SuppressWarnings("unchecked")
    public <T extends Instance> Mono<T> decrement(Map<String, ? extends Number> deltas,
            io.resequel.query.IncrementOptions options) {
        return (Mono<T>) model.persister().increment(this, deltas, true, Objects.requireNonNull(options, "options"));
    }

    private static Map<String, Number> deltas(List<String> fields, io.resequel.query.IncrementOptions options) {
        Objects.requireNonNull(options, "options");
        Map<String, Number> out = new LinkedHashMap<>();
        for (String f : Objects.requireNonNull(fields, "fields")) {
            out.put(f, options.by());
        }
        return out;
    }

    /** Equal when both are of the same model and have the same, non-null primary key. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Instance other) || model == null || other.model != model) {
            return false;
        }
        List<AttributeDefinition> pks = model.definition().primaryKeys();
        if (pks.isEmpty()) {
            return false;
        }
        for (AttributeDefinition pk : pks) {
            Object mine = values.get(pk.name());
            if (mine == null || !ValueEquality.same(mine, other.values.get(pk.name()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        if (model == null) {
            return System.identityHashCode(this);
        }
        int h = model.name().hashCode();
        for (AttributeDefinition pk : model.definition().primaryKeys()) {
            h = 31 * h + Objects.hashCode(values.get(pk.name()));
        }
        return h;
    }

    @Override
    public String toString() {
        return model == null ? "Instance" + values : model.name() + toJSON();
    }

}
