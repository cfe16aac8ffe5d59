package io.resequel.schema;

import io.resequel.exec.Executor;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.AttributeSpec;
import io.resequel.model.DataType;
import io.resequel.model.Index;
import io.resequel.model.IndexDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.model.ModelSpec;
import io.resequel.model.TableConstraint;
import io.resequel.query.Where;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sequelize's query interface ({@code sequelize.getQueryInterface()}): DDL and bulk writes by table name, without
 * models, for migrations and tools. Obtained from {@code Resequel#queryInterface()}.
 *
 * <p>Every method is lazy and runs when subscribed. Statements run in the caller's transaction when one is in
 * the Reactor context ({@code db.transaction(tx -> qi.addColumn(...))}); PostgreSQL and H2 roll DDL back with it,
 * MariaDB/MySQL commit each DDL statement at once (the database's rule). Identifiers are quoted by the dialect and
 * values bound (DDL literals such as defaults and check conditions are escaped by the dialect). A missing table,
 * column or constraint fails with {@link io.resequel.error.UnknownTableException},
 * {@link io.resequel.error.UnknownColumnException} or {@link io.resequel.error.UnknownConstraintException}
 * naming it; database errors are typed as everywhere else.
 *
 * <p>Columns are declared as model attributes are ({@link ModelSpec#attribute}, {@link AttributeSpec}), with the
 * attribute name as the column name; the dialect renders them with the same DDL as {@code sync}.
 */
public final class QueryInterface {

    private final Executor executor;
    private final String schema;
    private final TableOps tables;
    private final ColumnOps columns;
    private final IndexOps indexes;
    private final ConstraintOps constraints;
    private final BulkOps bulk;
    private final SchemaOps schemas;

    /**
     * @param executor runs the statements
     * @param schema   the schema tables are in, or {@code null} for the connection's current one
     */
    public QueryInterface(Executor executor, String schema) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.schema = schema;
        Catalog catalog = new Catalog(executor, schema);
        this.tables = new TableOps(catalog);
        this.columns = new ColumnOps(catalog);
        this.indexes = new IndexOps(catalog);
        this.constraints = new ConstraintOps(catalog);
        this.bulk = new BulkOps(catalog);
        this.schemas = new SchemaOps(catalog);
    }

    /** @param schema a schema (MySQL: database) @return a query interface whose tables are in it */
    public QueryInterface withSchema(String schema) {
        return new QueryInterface(executor, Objects.requireNonNull(schema, "schema"));
    }

    /** @return the schema of this query interface's tables, or {@code null} for the current one */
    public String schema() {
        return schema;
    }

    // ---- tables ---------------------------------------------------------------------------------------------

    /**
     * Creates a table if it does not exist, with its primary key, unique keys, foreign keys, comments, PostgreSQL
     * enum types and indexes ({@code m.options(o -> o.index(...))}).
     *
     * @param table   the table name
     * @param columns declares the columns: {@code m -> m.attribute("id", INTEGER, a -> a.primaryKey(true))}
     * @return completes when created
     */
    public Mono<Void> createTable(String table, Consumer<ModelSpec> columns) {
        return tables.create(table, columns);
    }

    /** @param table a table @return completes when it is gone (no error if it did not exist) */
    public Mono<Void> dropTable(String table) {
        return tables.drop(table, false);
    }

    /**
     * @param table   a table
     * @param cascade also drop what depends on it (PostgreSQL, H2; MySQL ignores it)
     * @return completes when it is gone
     */
    public Mono<Void> dropTable(String table, boolean cascade) {
        return tables.drop(table, cascade);
    }

    /**
     * Drops every table of the schema except the skipped ones, foreign keys among them first.
     *
     * @param skip tables to keep
     * @return completes when done
     */
    public Mono<Void> dropAllTables(String... skip) {
        return tables.dropAll(Set.of(skip));
    }

    /** @param from a table @param to its new name @return completes when renamed */
    public Mono<Void> renameTable(String from, String to) {
        return tables.rename(from, to);
    }

    /** @return the names of the schema's tables (not views), sorted */
    public Flux<String> showAllTables() {
        return tables.showAll();
    }

    /** @param table a table @return its columns by name, in column order */
    public Mono<Map<String, ColumnDescription>> describeTable(String table) {
        return tables.describe(table);
    }

    /** @param table a table @return whether it exists */
    public Mono<Boolean> tableExists(String table) {
        return tables.exists(table);
    }

    // ---- columns --------------------------------------------------------------------------------------------

    /** @param table a table @param column a new column @param type its type @return completes when added */
    public Mono<Void> addColumn(String table, String column, DataType type) {
        return addColumn(table, column, type, a -> { });
    }

    /**
     * @param table   a table
     * @param column  a new column
     * @param type    its type
     * @param options allowNull, defaultValue, unique, references/onDelete/onUpdate, comment, ...
     * @return completes when added
     */
    public Mono<Void> addColumn(String table, String column, DataType type, Consumer<AttributeSpec> options) {
        return columns.add(Objects.requireNonNull(table, "table"), Objects.requireNonNull(column, "column"),
                Objects.requireNonNull(type, "type"), Objects.requireNonNull(options, "options"));
    }

    /** @param table a table @param column one of its columns @return completes when dropped, data with it */
    public Mono<Void> removeColumn(String table, String column) {
        return columns.remove(table, column);
    }

    /**
     * Changes a column's type, nullability (as given: nullable unless {@code allowNull(false)}), default and
     * comment, keeping its data (PostgreSQL converts it with a cast). A comment or literal default the options
     * leave out is kept. {@code references} adds a foreign key, {@code unique} a unique constraint.
     *
     * @param table   a table
     * @param column  one of its columns
     * @param type    the new type
     * @param options the column as it should be
     * @return completes when changed
     */
    public Mono<Void> changeColumn(String table, String column, DataType type, Consumer<AttributeSpec> options) {
        return columns.change(Objects.requireNonNull(table, "table"), Objects.requireNonNull(column, "column"),
                Objects.requireNonNull(type, "type"), Objects.requireNonNull(options, "options"));
    }

    /** @param table a table @param column one of its columns @param type the new type @return completes when changed */
    public Mono<Void> changeColumn(String table, String column, DataType type) {
        return changeColumn(table, column, type, a -> { });
    }

    /**
     * @param table a table
     * @param from  one of its columns
     * @param to    the new name; type, nullability, default, comment and keys stay
     * @return completes when renamed
     */
    public Mono<Void> renameColumn(String table, String from, String to) {
        return columns.rename(table, from, to);
    }

    // ---- indexes --------------------------------------------------------------------------------------------

    /**
     * @param table a table
     * @param index the index, with every option of model indexes (name, unique, using, type, where, ...)
     * @return completes when created
     */
    public Mono<Void> addIndex(String table, Index index) {
        return indexes.add(table, index);
    }

    /** @param table a table @param name an index @return completes when dropped */
    public Mono<Void> removeIndex(String table, String name) {
        return indexes.remove(table, name);
    }

    /** @param table a table @param fields the columns of an index added without a name @return completes when dropped */
    public Mono<Void> removeIndex(String table, List<String> fields) {
        return indexes.remove(table, fields);
    }

    /** @param table a table @return its indexes, the primary key's included */
    public Flux<IndexDescription> showIndex(String table) {
        return indexes.show(table);
    }

    // ---- constraints ----------------------------------------------------------------------------------------

    /** @param table a table @param constraint the constraint @return completes when added */
    public Mono<Void> addConstraint(String table, TableConstraint constraint) {
        return constraints.add(table, constraint);
    }

    /** @param table a table @param name one of its constraints @return completes when dropped */
    public Mono<Void> removeConstraint(String table, String name) {
        return constraints.remove(table, name);
    }

    /** @param table a table @return its constraints (MySQL names the primary key {@code PRIMARY}) */
    public Flux<ConstraintDescription> showConstraint(String table) {
        return constraints.show(table);
    }

    /** @param table a table @return one entry per column of each of its foreign keys */
    public Mono<List<ForeignKeyReference>> getForeignKeyReferencesForTable(String table) {
        return constraints.foreignKeys(table);
    }

    // ---- by model, for sync: the same operations, the columns declared by a model's attributes ----------------

    /** @param model a model @param indexes with its indexes @return completes when its table exists */
    Mono<Void> createTable(ModelDefinition model, boolean indexes) {
        return tables.create(model, indexes);
    }

    /** @param model a model @return completes when its table is gone */
    Mono<Void> dropTable(ModelDefinition model) {
        return tables.drop(model);
    }

    /** @param model a model @param attribute its column to add @return completes when added */
    Mono<Void> addColumn(ModelDefinition model, AttributeDefinition attribute) {
        return columns.add(model, attribute);
    }

    /**
     * @param model     a model
     * @param attribute its column as it should be
     * @param described the column as it is
     * @return completes when changed
     */
    Mono<Void> changeColumn(ModelDefinition model, AttributeDefinition attribute, ColumnDescription described) {
        return columns.change(model, attribute, described);
    }

    /** @param model a model @param index one of its indexes @return completes when created */
    Mono<Void> addIndex(ModelDefinition model, IndexDefinition index) {
        return indexes.add(model, index);
    }

    /** @param table a table @return the names of its indexes */
    Mono<Set<String>> indexNames(String table) {
        return indexes.names(table);
    }

    /** @param model a model @param attribute its attribute with a reference @return completes when the key exists */
    Mono<Void> addForeignKey(ModelDefinition model, AttributeDefinition attribute) {
        return constraints.add(model, ColumnOps.foreignKey(attribute));
    }

    // ---- rows -----------------------------------------------------------------------------------------------

    /**
     * @param table a table
     * @param rows  rows by column name; a column missing from a row is NULL
     * @return the number of rows inserted
     */
    public Mono<Long> bulkInsert(String table, List<Map<String, Object>> rows) {
        return bulk.insert(table, List.copyOf(rows));
    }

    /**
     * @param table  a table
     * @param values new values by column name
     * @param where  which rows, on column names ({@code null}: all)
     * @return the number of rows changed
     */
    public Mono<Long> bulkUpdate(String table, Map<String, Object> values, Where where) {
        return bulk.update(table, Map.copyOf(values), where);
    }

    /** @param table a table @param where which rows ({@code null}: all) @return the number of rows deleted */
    public Mono<Long> bulkDelete(String table, Where where) {
        return bulk.delete(table, where);
    }

    // ---- schemas and enum types -----------------------------------------------------------------------------

    /** @param schema a schema (MySQL: database) @return completes when it exists */
    public Mono<Void> createSchema(String schema) {
        return schemas.create(schema);
    }

    /** @param schema a schema @return completes when it is gone, with its tables */
    public Mono<Void> dropSchema(String schema) {
        return schemas.drop(schema);
    }

    /** @return the user schemas (MySQL: databases), system ones left out */
    public Flux<String> showAllSchemas() {
        return schemas.showAll();
    }

    /**
     * PostgreSQL only ({@link io.resequel.error.UnsupportedFeatureException} elsewhere).
     *
     * @param name   the enum type
     * @param values its labels
     * @return completes when created
     */
    public Mono<Void> createEnum(String name, String... values) {
        return schemas.createEnum(name, List.of(values));
    }

    /**
     * @param name   an enum type
     * @param value  a label to add at the end (nothing happens if it is there)
     * @return completes when added
     */
    public Mono<Void> addEnumValue(String name, String value) {
        return schemas.addEnumValue(name, value, null, null);
    }

    /**
     * @param name   an enum type
     * @param value  a label to add
     * @param before the label it goes before
     * @return completes when added
     */
    public Mono<Void> addEnumValueBefore(String name, String value, String before) {
        return schemas.addEnumValue(name, value, Objects.requireNonNull(before, "before"), null);
    }

    /**
     * Sequelize's {@code pgEnumAdd(table, attr, value, {after})}.
     *
     * @param name  an enum type
     * @param value a label to add
     * @param after the label it goes after
     * @return completes when added
     */
    public Mono<Void> addEnumValueAfter(String name, String value, String after) {
        return schemas.addEnumValue(name, value, null, Objects.requireNonNull(after, "after"));
    }

    /** @param name an enum type @return completes when it is gone (no error if it did not exist) */
    public Mono<Void> dropEnum(String name) {
        return schemas.dropEnum(name);
    }

    /** @return the schema's enum types with their labels in order (Sequelize's {@code pgListEnums}) */
    public Mono<Map<String, List<String>>> listEnums() {
        return schemas.enums();
    }
}
