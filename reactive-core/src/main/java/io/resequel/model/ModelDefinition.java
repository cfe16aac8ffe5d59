package io.resequel.model;

import io.resequel.error.UnknownAttributeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model resolved from its spec: table, attributes in declaration order (with the implicit {@code id} and
 * timestamps), primary key and column lookups. Immutable.
 */
public final class ModelDefinition {

    private final String name;
    private final String tableName;
    private final String singularName;
    private final String pluralName;
    private final String schema;
    private final Map<String, AttributeDefinition> attributes;
    private final Map<String, AttributeDefinition> byField;
    private final List<AttributeDefinition> attributeList;
    private final Map<String, Integer> positions;
    private final List<AttributeDefinition> primaryKeys;
    private final String createdAt;
    private final String updatedAt;
    private final boolean implicitId;
    private final String version;
    private final String deletedAt;
    private final Map<String, String> uniqueMessages;
    private final boolean rejectOnEmpty;
    private final boolean omitNull;
    private final boolean underscored;
    private final java.util.function.Supplier<? extends RuntimeException> rejectError;
    private final Map<String, Behaviour> virtuals;
    private final Map<String, List<String>> virtualDependencies;
    private final Map<String, DefaultValue> virtualDefaults;
    private final List<IndexDefinition> indexes;
    private final Map<String, java.util.function.Function<Instance, reactor.core.publisher.Mono<Void>>> validators;

    ModelDefinition(String name, ModelSpec spec) {
        this.name = Objects.requireNonNull(name, "name");
        ModelOptions o = spec.options;
        this.tableName = o.tableName != null ? o.tableName : o.freezeTableName ? name : Naming.plural(name);
        this.singularName = o.singular != null ? o.singular : Naming.singularName(name);
        this.pluralName = o.plural != null ? o.plural : Naming.plural(name);
        this.schema = o.schema;
        AttributeSpec.NamingContext naming = o.underscored ? Naming::snake : a -> a;
        LinkedHashMap<String, AttributeDefinition> attrs = new LinkedHashMap<>();
        for (AttributeSpec a : spec.attributes) {
            String problem = a.definitionProblem();
            if (problem != null) {
                throw new io.resequel.error.ModelDefinitionException(name, a.name(), "RSQ-206 model " + name
                        + ": attribute '" + a.name() + "' " + problem);
            }
        }
        boolean hasPk = spec.attributes.stream().anyMatch(a -> a.build(naming).primaryKey());
        this.implicitId = !hasPk && !spec.noImplicitId;
        if (implicitId) {
            AttributeSpec id = new AttributeSpec("id", DataTypes.INTEGER).primaryKey(true).autoIncrement(true);
            attrs.put("id", id.build(naming));
        }
        Map<String, String> uniqueMsgs = new LinkedHashMap<>();
        for (AttributeSpec a : spec.attributes) {
            attrs.put(a.name(), a.build(naming));
            if (a.uniqueMessage() != null) {
                uniqueMsgs.put(a.name(), a.uniqueMessage());
            }
        }
        this.uniqueMessages = Collections.unmodifiableMap(uniqueMsgs);
        this.createdAt = o.timestamps ? o.createdAt : null;
        this.updatedAt = o.timestamps ? o.updatedAt : null;
        for (String ts : new String[] {createdAt, updatedAt}) {
            if (ts != null && !attrs.containsKey(ts)) {
                attrs.put(ts, new AttributeSpec(ts, DataTypes.DATE).allowNull(false).build(naming));
            }
        }
        // Sequelize ignores paranoid without timestamps.
        this.deletedAt = o.paranoid && o.timestamps && o.deletedAt != null ? o.deletedAt : null;
        if (deletedAt != null && !attrs.containsKey(deletedAt)) {
            attrs.put(deletedAt, new AttributeSpec(deletedAt, DataTypes.DATE).build(naming));
        }
        this.version = o.version;
        this.rejectOnEmpty = o.rejectOnEmpty;
        this.omitNull = o.omitNull;
        this.underscored = o.underscored;
        this.rejectError = o.rejectError;
        if (version != null && !attrs.containsKey(version)) {
            attrs.put(version, new AttributeSpec(version, DataTypes.INTEGER).allowNull(false).defaultValue(0)
                    .build(naming));
        }
        this.attributes = Collections.unmodifiableMap(attrs);
        this.attributeList = List.copyOf(attrs.values());
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < attributeList.size(); i++) {
            at.put(attributeList.get(i).name(), i);
        }
        this.positions = Map.copyOf(at);
        Map<String, AttributeDefinition> fields = new HashMap<>();
        List<AttributeDefinition> pks = new ArrayList<>();
        for (AttributeDefinition a : attributeList) {
            AttributeDefinition clash = fields.put(a.field(), a);
            if (clash != null) {
                throw new IllegalArgumentException("RSQ-202 model " + name + ": attributes '" + clash.name()
                        + "' and '" + a.name() + "' both map to column '" + a.field() + "'");
            }
            if (a.primaryKey()) {
                pks.add(a);
            }
        }
        this.byField = Map.copyOf(fields);
        for (String v : spec.virtuals.keySet()) {
            if (attrs.containsKey(v)) {
                throw new IllegalArgumentException("RSQ-204 model " + name + ": '" + v + "' is both an attribute and "
                        + "a virtual attribute");
            }
        }
        checkAutoIncrement(name, attributeList);
        for (String v : spec.validators.keySet()) {
            if (attrs.containsKey(v) || spec.virtuals.containsKey(v)) {
                throw new io.resequel.error.ModelDefinitionException(name, v, "RSQ-208 model " + name
                        + ": the model validator '" + v + "' has the name of an attribute; a model validator must "
                        + "not be named like an attribute, rename it");
            }
        }
        this.virtuals = Collections.unmodifiableMap(new LinkedHashMap<>(spec.virtuals));
        spec.virtualDependencies.forEach((v, deps) -> deps.forEach(dep -> {
            if (!attrs.containsKey(dep)) {
                throw new io.resequel.error.ModelDefinitionException(name, v, "RSQ-209 model " + name
                        + ": the virtual attribute '" + v + "' depends on '" + dep + "', which is no attribute");
            }
        }));
        this.virtualDependencies = Map.copyOf(spec.virtualDependencies);
        this.virtualDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(spec.virtualDefaults));
        this.validators = Collections.unmodifiableMap(new LinkedHashMap<>(spec.validators));
        this.primaryKeys = List.copyOf(pks);
        List<IndexDefinition> idx = new ArrayList<>();
        java.util.Set<String> indexNames = new java.util.HashSet<>();
        for (Index i : o.indexes) {
            IndexDefinition d = IndexDefinition.resolve(this, i);
            if (!indexNames.add(d.name())) {
                throw new IllegalArgumentException("RSQ-205 model " + name + ": two indexes are named '" + d.name()
                        + "'; give one a name(...)");
            }
            idx.add(d);
        }
        this.indexes = List.copyOf(idx);
    }

    /** The same model in another schema (Sequelize's {@code Model.schema(name)}). */
    private ModelDefinition(ModelDefinition d, String schema) {
        this.name = d.name;
        this.tableName = d.tableName;
        this.singularName = d.singularName;
        this.pluralName = d.pluralName;
        this.attributes = d.attributes;
        this.byField = d.byField;
        this.attributeList = d.attributeList;
        this.positions = d.positions;
        this.primaryKeys = d.primaryKeys;
        this.createdAt = d.createdAt;
        this.updatedAt = d.updatedAt;
        this.implicitId = d.implicitId;
        this.version = d.version;
        this.deletedAt = d.deletedAt;
        this.uniqueMessages = d.uniqueMessages;
        this.rejectOnEmpty = d.rejectOnEmpty;
        this.underscored = d.underscored;
        this.rejectError = d.rejectError;
        this.virtuals = d.virtuals;
        this.virtualDependencies = d.virtualDependencies;
        this.virtualDefaults = d.virtualDefaults;
        this.indexes = d.indexes;
        this.validators = d.validators;
        this.omitNull = d.omitNull;
        this.schema = schema;
    }

    /**
     * @param schema the schema (PostgreSQL and H2 schema, MySQL database), or {@code null} for the connection's
     * @return this definition with its table in that schema; everything else is shared
     */
    public ModelDefinition withSchema(String schema) {
        return Objects.equals(schema, this.schema) ? this : new ModelDefinition(this, schema);
    }

    /**
     * A bare table for the query interface: attribute names are the column names, no implicit {@code id}, no
     * timestamps, so the dialect's DDL for models renders exactly the columns given.
     *
     * @param schema  the schema, or {@code null} for the current one
     * @param table   the table name
     * @param columns declares the columns ({@code m.attribute(name, type, a -> ...)}) and, through
     *                {@code options}, indexes; table naming and timestamps options are overridden
     * @return the definition
     */
    public static ModelDefinition table(String schema, String table, java.util.function.Consumer<ModelSpec> columns) {
        ModelSpec spec = new ModelSpec(new ModelOptions());
        spec.noImplicitId = true;
        columns.accept(spec);
        spec.options.tableName = Objects.requireNonNull(table, "table");
        spec.options.schema = schema;
        spec.options.timestamps = false;
        spec.options.paranoid = false;
        spec.options.version = null;
        spec.options.underscored = false;
        return new ModelDefinition(table, spec);
    }

    /**
     * @param index an index on this definition's attribute names
     * @return it resolved to columns, with its default name
     * @throws UnknownAttributeException for a field naming no attribute
     */
    public IndexDefinition resolve(Index index) {
        return IndexDefinition.resolve(this, index);
    }

    /** Sequelize: "Only one autoincrement field allowed" (the implicit {@code id} counts). */
    private static void checkAutoIncrement(String name, List<AttributeDefinition> attributes) {
        List<String> auto = attributes.stream().filter(AttributeDefinition::autoIncrement)
                .map(AttributeDefinition::name).toList();
        if (auto.size() > 1) {
            throw new io.resequel.error.ModelDefinitionException(name, auto.get(1), "RSQ-207 model " + name
                    + ": only one auto-increment attribute is allowed, got " + auto
                    + (auto.contains("id") ? " (the implicit id is auto-increment: declare a primary key, or drop "
                    + "autoIncrement)" : ""));
        }
    }

    /** @return the model name */
    public String name() { return name; }

    /** @return the singular name associations derive aliases and keys from (the model name unless given) */
    public String singularName() { return singularName; }

    /** @return the plural name of to-many aliases (the model name's plural unless given) */
    public String pluralName() { return pluralName; }

    /** @return the table name */
    public String tableName() { return tableName; }

    /** @return the schema, or {@code null} for the connection's default */
    public String schema() { return schema; }

    /** @return attributes in declaration order */
    public List<AttributeDefinition> attributes() { return attributeList; }

    /** @return the primary-key attributes */
    public List<AttributeDefinition> primaryKeys() { return primaryKeys; }

    /** @return whether the primary key is the implicit {@code id} (no attribute was declared a key) */
    public boolean implicitId() { return implicitId; }

    /** @return the optimistic-locking version attribute, or {@code null} */
    public String versionAttribute() { return version; }

    /** @return the custom unique-violation messages by attribute ({@link AttributeSpec#uniqueMessage}) */
    public Map<String, String> uniqueMessages() { return uniqueMessages; }

    /** @return the soft-delete timestamp attribute of a paranoid model, or {@code null} */
    public String deletedAtAttribute() { return deletedAt; }

    /** @return whether finds fail when they find nothing, unless a query says otherwise */
    public boolean rejectOnEmpty() { return rejectOnEmpty; }

    /** @return whether saves leave out null values by default (Sequelize's {@code omitNull}) */
    public boolean omitNull() { return omitNull; }

    /** @return whether attribute columns are snake_case ({@code underscored}) */
    public boolean underscored() { return underscored; }

    /** @return the model's own error for empty finds, or {@code null} for {@link io.resequel.error.EmptyResultException} */
    public java.util.function.Supplier<? extends RuntimeException> rejectError() { return rejectError; }

    /** @return the indexes {@code sync} creates, resolved to columns, in declaration order */
    public List<IndexDefinition> indexes() { return indexes; }

    /** @return the creation timestamp attribute name, or {@code null} */
    public String createdAtAttribute() { return createdAt; }

    /** @return the update timestamp attribute name, or {@code null} */
    public String updatedAtAttribute() { return updatedAt; }

    /** @return the VIRTUAL attributes (never in SQL): name → getter, setter, validators */
    public Map<String, Behaviour> virtuals() { return virtuals; }

    /** @return virtual attribute → its default value (Sequelize's VIRTUAL {@code defaultValue}), applied at build */
    public Map<String, DefaultValue> virtualDefaults() { return virtualDefaults; }

    /**
     * @param virtual a VIRTUAL attribute's name
     * @return the attributes it declared it depends on (selected in its place by a find), empty when none
     */
    public List<String> dependenciesOf(String virtual) {
        return virtualDependencies.getOrDefault(virtual, List.of());
    }

    /** @return the model-wide validators, by name */
    public Map<String, java.util.function.Function<Instance, reactor.core.publisher.Mono<Void>>> validators() {
        return validators;
    }

    /** @param name an attribute name @return its position in {@link #attributes()}, or -1 */
    public int indexOf(String name) {
        Integer i = positions.get(name);
        return i == null ? -1 : i;
    }

    /** @param name an attribute name @return whether the model has it */
    public boolean hasAttribute(String name) {
        return attributes.containsKey(name);
    }

    /**
     * @param name an attribute name
     * @return its definition
     * @throws UnknownAttributeException naming the model and the closest attribute
     */
    public AttributeDefinition attribute(String name) {
        AttributeDefinition a = attributes.get(name);
        if (a == null) {
            throw new UnknownAttributeException(this.name, name, attributes.keySet());
        }
        return a;
    }

    /** @param field a column name @return the attribute mapped to it, or {@code null} */
    public AttributeDefinition byField(String field) {
        return byField.get(field);
    }

    /** @param attribute an attribute name @return its column */
    public String fieldOf(String attribute) {
        return attribute(attribute).field();
    }
}
