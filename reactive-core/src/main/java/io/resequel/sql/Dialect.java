package io.resequel.sql;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.resequel.error.ResequelException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.ModelDefinition;
import io.resequel.query.Lock;
import io.resequel.tx.StatementCanceller;
import io.resequel.tx.TransactionBegin;
import java.util.List;

/**
 * The points where databases differ. One implementation per database family, found through
 * {@link java.util.ServiceLoader} and chosen from the driver's metadata. Implementations extend
 * {@link StandardDialect}, which holds the ANSI behaviour, and override what their database does differently.
 */
public interface Dialect {

    /** @return a short name ({@code h2}, {@code postgres}, {@code mysql}) used in messages */
    String name();

    /**
     * @param metadata the driver's connection factory metadata
     * @return whether this dialect serves that driver
     */
    boolean accepts(ConnectionFactoryMetadata metadata);

    /** @param feature a capability @return whether the database has it */
    boolean supports(Feature feature);

    /**
     * Told the metadata of every new physical connection. A dialect serving several server families (MySQL and
     * MariaDB share a driver) learns here which one it talks to; until then it must answer as the most
     * conservative family. The default ignores it.
     *
     * @param metadata a new connection's metadata (server product and version)
     */
    default void observe(ConnectionMetadata metadata) {
    }

    /** @param identifier a table, column or constraint name @return it quoted, with embedded quotes doubled */
    String quote(String identifier);

    /** @param index zero-based parameter index @return the placeholder text ({@code $1} or {@code ?}) */
    String placeholder(int index);

    /** @return the most bind parameters one statement may carry */
    int maxBindParameters();

    /** @param text a string constant for DDL (enum values, comments, defaults) @return it as a quoted SQL literal */
    String literal(String text);

    // ---- values -------------------------------------------------------------------------------------------

    /**
     * @param type  the data type (may be {@code null}: infer from the value)
     * @param value a non-null Java value, already checked against the type
     * @return the value the driver binds
     */
    Object toDriver(DataType type, Object value);

    /**
     * What this database stores exactly where databases differ: the DATE and DATEONLY ranges and whether FLOAT and
     * DOUBLE keep NaN and infinities. The core refuses values outside them with a
     * {@link io.resequel.error.ValidationException} before any SQL, rather than letting the database clamp, round
     * or reject them with an error that names no model.
     *
     * @return the limits; by default the SQL standard's (years 0001 to 9999, no NaN)
     */
    default io.resequel.model.ValueLimits valueLimits() {
        return io.resequel.model.ValueLimits.STANDARD;
    }

    /** @param type the data type, or {@code null} @return the class to {@code bindNull} with */
    Class<?> nullType(DataType type);

    /**
     * @param row   a row
     * @param index zero-based column index
     * @param type  the attribute's data type
     * @return the value as {@link DataType#javaType()}, or {@code null}
     */
    Object read(Row row, int index, DataType type);

    /**
     * What the core reads with: {@link #read}, then a custom type's {@code fromDriver}. Dialects override
     * {@link #read} only.
     *
     * @param row   a row
     * @param index zero-based column index
     * @param type  the attribute's data type, or {@code null}
     * @return the attribute value, or {@code null}
     */
    default Object readValue(Row row, int index, DataType type) {
        Object stored = read(row, index, type);
        return type == null ? stored : type.fromStorage(stored);
    }

    // ---- statements ---------------------------------------------------------------------------------------

    /**
     * Appends LIMIT and OFFSET (either may be {@code null}).
     *
     * @param w      the writer
     * @param limit  row limit or {@code null}
     * @param offset rows to skip or {@code null}
     */
    void limitOffset(SqlWriter w, Integer limit, Integer offset);

    /**
     * Appends the row-lock clause of a SELECT ({@code FOR UPDATE}, {@code FOR SHARE}, ... with {@code OF},
     * {@code SKIP LOCKED}, {@code NOWAIT}).
     *
     * @param w    the writer, after LIMIT/OFFSET
     * @param lock the lock
     * @throws io.resequel.error.UnsupportedFeatureException where the database lacks the level or a modifier
     */
    void lock(SqlWriter w, Lock lock);

    // ---- operators ----------------------------------------------------------------------------------------

    /**
     * Appends a LIKE comparison.
     *
     * @param w               the writer
     * @param left            the compared operand
     * @param pattern         the pattern operand
     * @param negate          {@code NOT LIKE}
     * @param caseInsensitive ILIKE semantics (emulated with {@code LOWER} where the database has no ILIKE)
     * @param escaped         whether the pattern escapes {@code %}, {@code _} and {@code !} with {@code !}
     */
    void like(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive, boolean escaped);

    /**
     * Appends a regular-expression match.
     *
     * @param w               the writer
     * @param left            the compared operand
     * @param pattern         the pattern operand
     * @param negate          whether the match is negated
     * @param caseInsensitive whether case is ignored
     * @throws io.resequel.error.UnsupportedOperatorException where the database has no regular expressions
     */
    void regexp(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive);

    /**
     * @param type a cast type Sequelize allows, lower case ({@code integer}, {@code double precision},
     *             {@code text}, {@code timestamptz}, ...)
     * @return its spelling in {@code CAST(x AS ...)} on this database
     */
    default String castType(String type) {
        return type.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Appends a full-text match ({@code left @@ query}).
     *
     * @param w     the writer
     * @param left  the searched operand
     * @param query the query expression
     * @throws io.resequel.error.UnsupportedOperatorException where the database has no {@code @@}
     */
    void match(SqlWriter w, Fragment left, Fragment query);

    /**
     * Appends {@code left op ANY/ALL (values)}; {@code values} is never empty.
     *
     * @param w        the writer
     * @param left     the compared operand
     * @param operator the comparison ({@code =}, {@code >}, {@code LIKE}, ...)
     * @param values   the elements
     * @param all      ALL rather than ANY
     */
    void quantified(SqlWriter w, Fragment left, String operator, List<Fragment> values, boolean all);

    /**
     * Appends an array/range/JSON containment comparison ({@code &&}, {@code @>}, {@code <@}, {@code -|-}, ...).
     *
     * @param w         the writer
     * @param op        the operator (one with {@link io.resequel.query.Op#isContainment()})
     * @param attribute the attribute on the left
     * @param left      the attribute's column
     * @param value     the value (not yet bound)
     * @throws io.resequel.error.UnsupportedOperatorException where the database or the attribute's type lacks it
     */
    void containment(SqlWriter w, io.resequel.query.Op op, AttributeDefinition attribute, Fragment left, Object value);

    /**
     * Appends the text value at a path inside a JSON column ({@code ->>} / {@code JSON_UNQUOTE(JSON_EXTRACT())}).
     *
     * @param w       the writer
     * @param column  the JSON column
     * @param path    the keys, outermost first (never empty)
     * @param numeric cast the extracted text to a number (when compared with a number)
     * @throws io.resequel.error.UnsupportedOperatorException where the database has no JSON path functions
     */
    void jsonPath(SqlWriter w, Fragment column, List<String> path, boolean numeric);

    /**
     * Appends one ORDER BY term.
     *
     * @param w          the writer
     * @param column     the sorted expression
     * @param descending direction
     * @param nullsFirst {@code true} NULLS FIRST, {@code false} NULLS LAST, {@code null} the database default
     */
    void orderTerm(SqlWriter w, Fragment column, boolean descending, Boolean nullsFirst);

    /** @return the call giving a random number in [0, 1) ({@link io.resequel.query.Expr#random()}) */
    default String random() {
        return "RANDOM()";
    }

    /** @return whether a backslash escapes a quote inside string literals (MySQL's default mode) */
    default boolean backslashEscapes() {
        return false;
    }

    /**
     * Renders an INSERT of rows that, when a row conflicts with an existing one on a unique key, updates the given
     * columns of that row instead, or skips the row when {@code update} is empty ({@code ignoreDuplicates}).
     *
     * @param w        the writer
     * @param model    the model (table)
     * @param columns  the columns written
     * @param rows     values per row, in column order
     * @param conflict the unique key that identifies an existing row
     * @param update   the columns to overwrite on conflict; empty to skip conflicting rows
     */
    void conflictInsert(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns, List<Object[]> rows,
            List<AttributeDefinition> conflict, List<AttributeDefinition> update);

    /**
     * {@link #conflictInsert(SqlWriter, ModelDefinition, List, List, List, List)} whose conflict is checked under a
     * partial unique index's predicate (Sequelize's {@code conflictWhere}). Only databases with
     * {@link Feature#UPSERT_CONFLICT_WHERE} override it; the default refuses a predicate.
     *
     * @param w             the writer
     * @param model         the model (table)
     * @param columns       the columns written
     * @param rows          values per row, in column order
     * @param conflict      the unique key that identifies an existing row
     * @param conflictWhere the index predicate, or {@code null}; its values render as literals (see
     *                      {@link SqlWriter#inline}), since the database matches it against the index at planning
     * @param update        the columns to overwrite on conflict; empty to skip conflicting rows
     * @throws io.resequel.error.UnsupportedFeatureException for a predicate where partial indexes do not exist
     */
    default void conflictInsert(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns,
            List<Object[]> rows, List<AttributeDefinition> conflict, Fragment conflictWhere,
            List<AttributeDefinition> update) {
        if (conflictWhere != null) {
            throw new io.resequel.error.UnsupportedFeatureException("upsert option conflictWhere", name(),
                    "leave out conflictWhere; partial unique indexes exist only on PostgreSQL");
        }
        conflictInsert(w, model, columns, rows, conflict, update);
    }

    /** How an upsert learns whether it inserted. */
    enum UpsertReport {
        /** The statement returns one boolean row: {@code true} when inserted ({@link #upsertInsertedFlag}). */
        RETURNED_FLAG,
        /** The affected-row count is 1 for an insert and 2 for an update (MySQL). */
        AFFECTED_ROWS,
        /** The statement cannot tell: the core looks for the row first, in the same transaction. */
        NONE
    }

    /** @return how this database reports an upsert's insert */
    UpsertReport upsertReport();

    /** @param w the writer holding a {@link #conflictInsert} statement @see UpsertReport#RETURNED_FLAG */
    default void upsertInsertedFlag(SqlWriter w) {
        throw new UnsupportedOperationException(name() + " does not return an inserted flag");
    }

    /**
     * The inserted flag followed by the given columns of the row written, so the core can read that row back by its
     * primary key when the conflict key alone does not single it out (an upsert under {@code conflictWhere}).
     *
     * @param w       the writer holding a {@link #conflictInsert} statement
     * @param columns columns to return after the flag
     * @see UpsertReport#RETURNED_FLAG
     */
    default void upsertInsertedFlag(SqlWriter w, List<AttributeDefinition> columns) {
        if (!columns.isEmpty()) {
            throw new UnsupportedOperationException(name() + " does not return columns with the inserted flag");
        }
        upsertInsertedFlag(w);
    }

    /**
     * @param column a column to read back from an INSERT
     * @return the name to hand to the driver's {@code Statement.returnGeneratedValues}: drivers that append it to a
     *         {@code RETURNING} clause as it is (r2dbc-postgresql, r2dbc-mysql on MariaDB) need it quoted, or
     *         {@code userId} becomes {@code userid}; by default the name as it is
     */
    default String generatedColumn(String column) {
        return column;
    }

    /** @return what follows the table name of an INSERT that sets no column ({@code DEFAULT VALUES}) */
    default String insertWithoutColumns() {
        return " DEFAULT VALUES";
    }

    // ---- DDL ----------------------------------------------------------------------------------------------

    /** @param type a data type @return its column type in DDL */
    String columnType(DataType type);

    /**
     * @param model the model
     * @return statements that create the model's table if it does not exist, with whatever the table needs
     *         first (PostgreSQL enum types) and after (comments)
     */
    List<String> createTable(ModelDefinition model);

    /** @param model the model @return statements that drop the table if it exists (and its enum types) */
    List<String> dropTable(ModelDefinition model);

    /**
     * Ends a parenthesized {@code UNION ALL} part that has an ORDER BY but no LIMIT, so that the database keeps the
     * part's order. By default nothing: H2 and PostgreSQL keep it.
     *
     * @param w the writer, after the part's ORDER BY
     */
    default void keepUnionPartOrder(SqlWriter w) {
    }

    /**
     * Empties a table: Sequelize's {@code destroy({truncate, cascade, restartIdentity})}. By default
     * {@code TRUNCATE TABLE t [RESTART IDENTITY]} (H2's and PostgreSQL's form); a database that has no
     * {@code TRUNCATE ... CASCADE} ignores {@code cascade}, as Sequelize does.
     *
     * @param w               the writer
     * @param model           the model
     * @param cascade         also empty the tables whose foreign keys reference this one (PostgreSQL)
     * @param restartIdentity reset the table's auto-increment sequence
     */
    default void truncate(SqlWriter w, ModelDefinition model, boolean cascade, boolean restartIdentity) {
        w.append("TRUNCATE TABLE ").table(model.schema(), model.tableName());
        if (restartIdentity) {
            w.append(" RESTART IDENTITY");
        }
    }

    /** @param model the model @param attribute a new attribute @return statements that add its column */
    List<String> addColumn(ModelDefinition model, AttributeDefinition attribute);

    /** @param model the model @param attribute the attribute as it should be @return statements that change its column */
    List<String> changeColumn(ModelDefinition model, AttributeDefinition attribute);

    /**
     * @param model     the model
     * @param attribute the attribute as it should be
     * @param described the column as {@link #describeTable} reported it (a dialect may change less when it knows it,
     *                  e.g. add enum values in place)
     * @return statements that change its column
     */
    default List<String> changeColumn(ModelDefinition model, AttributeDefinition attribute, ColumnInfo described) {
        return changeColumn(model, attribute);
    }

    /** @param model the model @param column an existing column @return statements that drop it */
    List<String> removeColumn(ModelDefinition model, String column);

    /**
     * @param schema the schema, or {@code null} for the current one
     * @param table  the table name
     * @return a query whose rows are, in column order: column name, type name (ENUM columns as
     *         {@code enum('a', 'b')} where the database knows the labels), nullable "YES"/"NO", the default as the
     *         catalog prints it (or {@code null}), primary key "YES"/"NO", auto-increment "YES"/"NO", comment (or
     *         {@code null}/empty)
     */
    Sql describeTable(String schema, String table);

    // ---- query interface: DDL and catalog by table name ---------------------------------------------------

    /**
     * @param model   the table (only its schema and name are used)
     * @param cascade also drop what depends on it (views, foreign keys of other tables) where the database can
     * @return statements that drop the table if it exists, and its PostgreSQL enum types
     */
    List<String> dropTable(ModelDefinition model, boolean cascade);

    /** @param schema the schema or {@code null} @param from the table @param to its new name @return the statements */
    List<String> renameTable(String schema, String from, String to);

    /** @param model the table @param from a column @param to its new name @return statements keeping its type, default, nullability and comment */
    List<String> renameColumn(ModelDefinition model, String from, String to);

    /** @param schema the schema, or {@code null} for the current one @return a query listing its base tables (no views), one name per row */
    Sql tableNames(String schema);

    /** @return a query listing the schemas (MySQL: databases), one name per row, system ones included */
    Sql schemaNames();

    /** @param schema a schema name @return whether it belongs to the database system (hidden by showAllSchemas) */
    boolean isSystemSchema(String schema);

    /** @param schema a schema name @return statements creating it if it does not exist */
    List<String> createSchema(String schema);

    /** @param schema a schema name @return statements dropping it, with everything in it, if it exists */
    List<String> dropSchema(String schema);

    /**
     * @param schema the schema, or {@code null} for the current one
     * @param table  the table name
     * @return a query whose rows are one per constraint column, ordered by constraint name and position: name,
     *         type ({@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY}, {@code CHECK}), column, referenced
     *         schema, referenced table, referenced column, ON DELETE rule, ON UPDATE rule, check clause
     */
    Sql constraints(String schema, String table);

    /**
     * @param schema the schema, or {@code null} for the current one
     * @param table  the table name
     * @return a query whose rows are one per index column, ordered by index name and position: index name,
     *         column, unique (boolean or "YES"/"NO" or 1/0), primary (the same)
     */
    Sql indexes(String schema, String table);

    /**
     * @param model      the table, its columns described
     * @param constraint the constraint to add
     * @param check      a CHECK constraint's condition rendered against the model, else {@code null}
     * @return the statements
     * @throws io.resequel.error.UnsupportedFeatureException for a kind the database lacks
     */
    List<String> addConstraint(ModelDefinition model, io.resequel.model.TableConstraint constraint, Fragment check);

    /**
     * @param model the table
     * @param name  an existing constraint
     * @param type  its type as {@link #constraints} reports it (MySQL drops each kind differently)
     * @return the statements
     */
    List<String> dropConstraint(ModelDefinition model, String name, String type);

    /**
     * @param schema the schema or {@code null} @param name the enum type @param values its labels in order
     * @return the statements
     * @throws io.resequel.error.UnsupportedFeatureException without {@link Feature#ENUM_TYPES}
     */
    List<String> createEnum(String schema, String name, List<String> values);

    /**
     * @param schema the schema or {@code null} @param name the enum type @param value a new label
     * @param before the label it goes before, or {@code null} @param after the label it goes after, or {@code null}
     * @return the statements
     * @throws io.resequel.error.UnsupportedFeatureException without {@link Feature#ENUM_TYPES}
     */
    List<String> addEnumValue(String schema, String name, String value, String before, String after);

    /** @param schema the schema or {@code null} @param name an enum type @return statements dropping it if it exists */
    List<String> dropEnum(String schema, String name);

    /**
     * @param schema the schema, or {@code null} for the current one
     * @return a query whose rows are (enum type name, label), ordered by type and label position
     * @throws io.resequel.error.UnsupportedFeatureException without {@link Feature#ENUM_TYPES}
     */
    Sql enumTypes(String schema);

    /**
     * @param described the column as the database describes it
     * @param attribute the attribute it should match
     * @return whether the column's type and nullability already match the attribute
     */
    boolean columnMatches(ColumnInfo described, AttributeDefinition attribute);

    /**
     * @param model the model
     * @param index one of its indexes
     * @param where the partial-index condition rendered against the model, or {@code null}; it writes its values
     *              through {@link SqlWriter#bind}, which the dialect's DDL writer ({@link SqlWriter#inline}) turns
     *              into escaped literals
     * @return the statements that create the index
     * @throws io.resequel.error.UnsupportedFeatureException naming the option and the dialect, for an option the
     *         database does not have
     */
    List<String> createIndex(ModelDefinition model, io.resequel.model.IndexDefinition index, Fragment where);

    /** @param model the model @param index one of its indexes @return the statements that drop it */
    List<String> dropIndex(ModelDefinition model, io.resequel.model.IndexDefinition index);

    /**
     * @param schema the schema, or {@code null} for the current one
     * @param table  the table name
     * @return a query whose rows hold one index name each (first column), for the indexes on that table
     */
    Sql indexNames(String schema, String table);

    /**
     * A value as a SQL literal, for DDL where no bind parameter may stand (a partial index's condition).
     *
     * @param type  the value's data type, or {@code null}
     * @param value a non-null value, coerced to the type
     * @return the literal: numbers and booleans as written, text escaped by {@link #literal(String)}
     * @throws io.resequel.error.UnsupportedFeatureException for a value with no literal form here (bytes, arrays)
     */
    String inlineLiteral(DataType type, Object value);

    // ---- errors -------------------------------------------------------------------------------------------

    /**
     * @param error an error from the driver
     * @param sql   the statement text (no values)
     * @return the typed error: unique and foreign-key violations, else a {@link io.resequel.error.DatabaseException}
     */
    ResequelException translate(Throwable error, String sql);

    /**
     * @param message a message segment of a statement's result
     * @return whether it reports a failure; by default any SQLSTATE outside the classes 00 (success), 01 (warning)
     *         and 02 (no data), so PostgreSQL's notices and MySQL's warnings are not errors
     */
    default boolean isError(Result.Message message) {
        String state = message.sqlState();
        return state == null || state.length() < 2
                || !(state.startsWith("00") || state.startsWith("01") || state.startsWith("02"));
    }

    /**
     * Types an error of opening a connection (connect, authenticate, a connect hook): refused, timed out, host not
     * found, access denied, else a plain {@link io.resequel.error.ConnectionException}.
     *
     * @param error what acquiring a connection signalled
     * @return the typed error; a {@link ResequelException} and errors that come from neither the driver nor the
     *         network (a connect hook's own) unchanged
     */
    default Throwable translateConnect(Throwable error) {
        return error;
    }

    /**
     * @return how a transaction begins with an isolation level and read-only flag, and how the session is reset
     *         after it; by default through the driver's R2DBC {@code TransactionDefinition}
     */
    default TransactionBegin transactionBegin() {
        return TransactionBegin.r2dbc();
    }

    /**
     * @param factory the driver's (unpooled) factory a pool connects with; a cancel that needs a second connection
     *                (MariaDB's {@code KILL QUERY}) opens it from here
     * @return how this database stops a running statement from outside its connection; by default it cannot
     *         ({@link StatementCanceller#NONE}): a timed-out statement then runs to its end
     */
    default StatementCanceller canceller(ConnectionFactory factory) {
        return StatementCanceller.NONE;
    }

    /**
     * Whether a driver error says the connection itself was gone (closed by the server, an administrator or the
     * network) rather than that the statement failed. A statement that got such an error before any answer is run
     * once more on a fresh connection when it is a read outside a transaction.
     *
     * @param error an error from the driver
     * @return by default: an {@link R2dbcNonTransientResourceException} without SQLSTATE or with class 08
     *         (connection exception) or 57P01-57P03 (server shutdown, administrator termination)
     */
    default boolean connectionLost(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof R2dbcNonTransientResourceException r) {
                String state = r.getSqlState();
                return state == null || state.startsWith("08") || state.startsWith("57P0");
            }
        }
        return false;
    }

    /**
     * @param options the connection options the user gave
     * @return them with what this dialect needs added (H2's lazy query execution), or unchanged
     */
    default ConnectionFactoryOptions configure(ConnectionFactoryOptions options) {
        return options;
    }

    /**
     * Pooler-safe connections ({@code PoolOptions.poolerMode}): a transaction-mode pooler (PgBouncer, RDS Proxy)
     * hands each transaction any server session, so the driver must keep nothing in a session between transactions.
     *
     * @param options the connection options, after {@link #configure}
     * @return them with the driver's session state off (PostgreSQL: no named prepared statements); unchanged by
     *         default, for drivers that keep none
     */
    default ConnectionFactoryOptions poolerSafe(ConnectionFactoryOptions options) {
        return options;
    }

    /**
     * @param factory the driver's connection factory, built from {@link #configure} options
     * @return the factory the pool uses: the same, or one adapting the driver (H2's runs off the caller's thread)
     */
    default ConnectionFactory connectionFactory(ConnectionFactory factory) {
        return factory;
    }
}
