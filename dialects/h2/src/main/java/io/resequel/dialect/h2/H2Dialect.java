package io.resequel.dialect.h2;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.resequel.tx.TransactionBegin;
import io.resequel.tx.TransactionOptions;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.Row;
import io.resequel.error.ConnectionException;
import io.resequel.error.DeadlockException;
import io.resequel.error.LockWaitTimeoutException;
import io.resequel.error.ResequelException;
import io.resequel.model.DataType;
import io.resequel.sql.ConnectionErrors;
import io.resequel.sql.Feature;
import io.resequel.sql.Fragment;
import io.resequel.sql.Json;
import io.resequel.sql.StandardDialect;
import io.r2dbc.spi.R2dbcException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.sql.Sql;
import io.resequel.sql.SqlWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * H2 2.x, the embedded default. Mostly ANSI; what differs: connection options that keep an in-memory database
 * alive and stream large results, and text-based JSON and unbounded VARCHAR for TEXT so values read back without
 * LOB handles.
 *
 * <p>No statement cancel ({@link io.resequel.tx.StatementCanceller#NONE}): r2dbc-h2 runs a statement synchronously
 * on the subscribing thread and exposes no handle to stop it. A statement timeout therefore signals
 * {@link io.resequel.error.QueryTimeoutException} at the deadline while the statement runs on to its end; the
 * connection is usable again once it has (the next statement on it waits for H2's session lock).
 */
public final class H2Dialect extends StandardDialect {

    private static final Option<String> H2_OPTIONS = Option.valueOf("options");

    /** Creates the dialect (used by {@link java.util.ServiceLoader}). */
    public H2Dialect() {
        // no TRANSACTIONAL_DDL: CREATE/ALTER/DROP commit the open transaction in H2 ("This command commits an open
        // transaction in this connection"); MigrationTest#aFailingMigrationIsRolledBackOrSaysWhatRan shows it
        super(EnumSet.of(Feature.MULTI_ROW_GENERATED_KEYS, Feature.COMMENTS,
                Feature.LOCK_NOWAIT, Feature.LOCK_SKIP_LOCKED, Feature.INDEX_IF_NOT_EXISTS,
                // "Deadlock detected. The current transaction was rolled back."
                Feature.DEADLOCK_ENDS_TRANSACTION, Feature.DRIVER_SPLITS_AT_SEMICOLONS));
    }

    @Override
    public String name() {
        return "h2";
    }

    /**
     * A FOREIGN KEY in H2 must reference a primary key or a unique constraint; a unique index is not enough
     * ({@code Constraint PRIMARY KEY | UNIQUE (...) not found}). A sourceKey or targetKey on an attribute made unique
     * by {@code indexes} (as Sequelize's tests write it) so also gets a unique constraint on the same columns.
     */
    @Override
    public List<String> createIndex(ModelDefinition model, io.resequel.model.IndexDefinition index, Fragment where) {
        List<String> out = new ArrayList<>(super.createIndex(model, index, where));
        if (index.unique() && where == null) {
            List<String> cols = index.columns().stream().map(c -> quote(c.field())).toList();
            out.add("ALTER TABLE " + table(model) + " ADD CONSTRAINT IF NOT EXISTS " + quote(index.name() + "_key")
                    + " UNIQUE (" + String.join(", ", cols) + ")");
        }
        return out;
    }

    /**
     * The unique constraint {@link #createIndex} adds takes the index over in H2 ({@code Index ... belongs to
     * constraint}): drop that constraint first, when there is one, then the index.
     */
    @Override
    public List<String> dropIndex(ModelDefinition model, io.resequel.model.IndexDefinition index) {
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + table(model) + " DROP CONSTRAINT IF EXISTS " + quote(index.name() + "_key"));
        out.addAll(super.dropIndex(model, index));
        return out;
    }

    /**
     * H2 keeps years from -999,999,999 to 999,999,999, as far as Java's date-time classes go, and NaN and infinities in
     * {@code REAL} and {@code DOUBLE PRECISION}.
     */
    /**
     * r2dbc-h2 cuts a statement at every {@code ;}, even inside a quoted identifier (an alias such as Sequelize's
     * {@code '* FROM User; DELETE FROM User;SELECT id'} then fails as three broken statements). Such a name is written
     * as H2's Unicode-escaped identifier, {@code U&"a\003Bb"}, which names the same column with no {@code ;} in the
     * text; other names are quoted as usual.
     */
    @Override
    public String quote(String identifier) {
        if (identifier.indexOf(';') < 0) {
            return super.quote(identifier);
        }
        StringBuilder b = new StringBuilder("U&\"");
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            switch (c) {
                case ';' -> b.append("\\003B");
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\"\"");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static final io.resequel.model.ValueLimits LIMITS = new io.resequel.model.ValueLimits(
            io.resequel.model.ValueLimits.UNBOUNDED.minTimestamp(), io.resequel.model.ValueLimits.UNBOUNDED.maxTimestamp(),
            java.time.LocalDate.MIN, java.time.LocalDate.MAX, true, "H2");

    @Override
    public io.resequel.model.ValueLimits valueLimits() {
        return LIMITS;
    }

    @Override
    public boolean accepts(ConnectionFactoryMetadata metadata) {
        return metadata.getName().toLowerCase(Locale.ROOT).contains("h2");
    }

    /**
     * Adds {@code DB_CLOSE_DELAY=-1} (an in-memory database would vanish whenever the pool closed its last idle
     * connection) and {@code LAZY_QUERY_EXECUTION=1} (without it H2 materialises whole results, and streaming a
     * large table runs out of memory).
     */
    @Override
    public ConnectionFactoryOptions configure(ConnectionFactoryOptions options) {
        Object existing = options.getValue(H2_OPTIONS);
        String value = existing == null ? "" : existing.toString();
        String upper = value.toUpperCase(Locale.ROOT);
        StringBuilder add = new StringBuilder(value);
        if (!upper.contains("DB_CLOSE_DELAY")) {
            add.append(add.length() > 0 ? ";" : "").append("DB_CLOSE_DELAY=-1");
        }
        if (!upper.contains("LAZY_QUERY_EXECUTION")) {
            add.append(add.length() > 0 ? ";" : "").append("LAZY_QUERY_EXECUTION=1");
        }
        return add.toString().equals(value) ? options : options.mutate().option(H2_OPTIONS, add.toString()).build();
    }

    /**
     * Runs H2's engine off the caller's thread (see {@link OffThreadConnectionFactory}): r2dbc-h2 is synchronous,
     * and without this a lock wait blocks the subscribing thread, an event loop's included.
     */
    @Override
    public ConnectionFactory connectionFactory(ConnectionFactory factory) {
        return new OffThreadConnectionFactory(factory, Schedulers.boundedElastic());
    }

    @Override
    public String columnType(DataType type) {
        return switch (type.kind()) {
            // TEXT and BLOB are LOBs in H2, which the driver hands out as streams; VARCHAR/VARBINARY hold up to 1 GB.
            case TEXT -> "CHARACTER VARYING";
            case BLOB -> "BINARY VARYING";
            // H2's JSON type turns a bound string into a JSON string literal, so JSON is kept as text.
            case JSON -> "CHARACTER VARYING";
            case FLOAT -> "REAL";
            // H2's case-insensitive string, the counterpart of PostgreSQL's citext.
            case CITEXT -> "VARCHAR_IGNORECASE";
            case ENUM -> enumStorage(type);
            // H2's bare NUMERIC has scale 0 (it would round 1.5 to 2); DECFLOAT keeps every digit given.
            case DECIMAL -> type.length() == null ? "DECFLOAT" : super.columnType(type);
            default -> super.columnType(type);
        };
    }

    /**
     * ENUM columns are VARCHAR with a CHECK constraint: H2's own ENUM type rejects values bound as strings
     * (22018 data conversion error) through r2dbc-h2, while the check keeps the same set of allowed values.
     */
    @Override
    protected String columnDefinition(ModelDefinition model, AttributeDefinition attribute) {
        String def = super.columnDefinition(model, attribute);
        if (attribute.type().kind() != DataType.Kind.ENUM) {
            return def;
        }
        return def + " CONSTRAINT " + enumCheckName(model, attribute) + enumCheck(attribute);
    }

    private String enumCheck(AttributeDefinition attribute) {
        StringBuilder check = new StringBuilder(" CHECK (").append(quote(attribute.field())).append(" IN (");
        List<String> values = attribute.type().values();
        for (int i = 0; i < values.size(); i++) {
            check.append(i > 0 ? ", " : "").append(literal(values.get(i)));
        }
        return check.append("))").toString();
    }

    /** The ENUM check is named after table and column, so {@code alter} can replace it when the values change. */
    private String enumCheckName(ModelDefinition model, AttributeDefinition attribute) {
        return quote("rsq_enum_" + model.tableName() + "_" + attribute.field());
    }

    /** The catalog shows an ENUM column as plain VARCHAR, not its allowed values: alter always re-applies the check. */
    @Override
    public boolean columnMatches(io.resequel.sql.ColumnInfo described, AttributeDefinition attribute) {
        return attribute.type().kind() != DataType.Kind.ENUM && super.columnMatches(described, attribute);
    }

    @Override
    public List<String> changeColumn(ModelDefinition model, AttributeDefinition attribute) {
        if (attribute.type().kind() != DataType.Kind.ENUM) {
            return super.changeColumn(model, attribute);
        }
        String name = enumCheckName(model, attribute);
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + table(model) + " DROP CONSTRAINT IF EXISTS " + name);
        out.addAll(super.changeColumn(model, attribute));
        out.add("ALTER TABLE " + table(model) + " ADD CONSTRAINT " + name + enumCheck(attribute));
        return out;
    }

    private static String enumStorage(DataType type) {
        int longest = type.values().stream().mapToInt(String::length).max().orElse(1);
        return "CHARACTER VARYING(" + Math.max(longest, 1) + ")";
    }

    /** H2's key_column_usage keeps a column's old name after RENAME COLUMN; its index columns follow the rename. */
    @Override
    protected String describedPrimaryKey() {
        return "SELECT 1 FROM information_schema.indexes i JOIN information_schema.index_columns ic"
                + " ON ic.index_schema = i.index_schema AND ic.index_name = i.index_name AND ic.table_name = i.table_name"
                + " WHERE i.index_type_name = 'PRIMARY KEY' AND i.table_schema = c.table_schema"
                + " AND i.table_name = c.table_name AND ic.column_name = c.column_name";
    }

    /** Lengths and precision are part of the type, so alter notices VARCHAR(20) -> VARCHAR(200). */
    @Override
    protected String describedType() {
        return "CASE WHEN c.data_type IN ('CHARACTER VARYING', 'CHARACTER', 'BINARY VARYING')"
                + " AND c.character_maximum_length IS NOT NULL"
                + " THEN c.data_type || '(' || c.character_maximum_length || ')'"
                + " WHEN c.data_type IN ('NUMERIC', 'DECIMAL') THEN c.data_type || '(' || c.numeric_precision || ','"
                + " || c.numeric_scale || ')' ELSE c.data_type END";
    }

    /** H2 2.x lists indexes in {@code INFORMATION_SCHEMA.INDEXES}; unique, named and ordered indexes only. */
    @Override
    public Sql indexNames(String schema, String table) {
        SqlWriter w = new SqlWriter(this);
        w.append("SELECT index_name FROM information_schema.indexes WHERE table_name = ").bind(table, null)
                .append(" AND table_schema = ");
        schemaValue(w, schema);
        return w.toSql();
    }

    @Override
    protected String autoIncrementType(DataType type) {
        return super.columnType(type) + " GENERATED BY DEFAULT AS IDENTITY";
    }

    @Override
    public Object toDriver(DataType type, Object value) {
        if (type != null && type.kind() == DataType.Kind.JSON) {
            return Json.write(value);
        }
        return super.toDriver(type, value);
    }

    @Override
    public Object read(Row row, int index, DataType type) {
        if (type == null) {
            return super.read(row, index, null);
        }
        if (type.kind() == DataType.Kind.BLOB) {
            // r2dbc-h2 decodes VARBINARY to byte[] only.
            return row.get(index, byte[].class);
        }
        return super.read(row, index, type);
    }

    /** The maximum length H2 reports for a VARCHAR or VARBINARY declared without one. */
    private static final String UNBOUNDED = "(1000000000)";

    @Override
    protected String normalizeType(String type) {
        String t = type.toLowerCase(Locale.ROOT).trim();
        String args = "";
        int paren = t.indexOf('(');
        if (paren >= 0) {
            args = t.substring(paren, t.indexOf(')', paren) + 1).replace(" ", "");
            t = (t.substring(0, paren) + t.substring(t.indexOf(')', paren) + 1)).trim();
        }
        if (args.equals(UNBOUNDED)) {
            args = "";
        }
        String base = switch (t) {
            case "varchar", "character varying", "text" -> "character varying";
            case "int", "integer" -> "integer";
            case "double precision", "double", "float", "float8" -> "double precision";
            case "real", "float4" -> "real";
            case "numeric", "decimal" -> "numeric";
            case "binary varying", "varbinary" -> "binary varying";
            case "char", "character" -> "character";
            case "varchar_ignorecase", "character varying ignorecase" -> "varchar_ignorecase";
            default -> t.startsWith("timestamp") ? (t.contains("with time zone") ? "timestamp with time zone" : "timestamp")
                    : t.startsWith("time") ? "time" : t;
        };
        boolean keepsArgs = base.equals("character varying") || base.equals("character") || base.equals("numeric")
                || base.equals("binary varying");
        return keepsArgs ? base + args : base;
    }

    /** H2's 23505 message names the index columns: {@code ON PUBLIC."Users"("email" NULLS FIRST)}. */
    private static final Pattern INDEX_COLUMNS = Pattern.compile(" ON [^(]+\\(([^)]*)\\)");

    @Override
    protected List<String> columns(R2dbcException e) {
        Matcher m = INDEX_COLUMNS.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : m.group(1).split(",")) {
            String c = part.replace("NULLS FIRST", "").replace("NULLS LAST", "").trim();
            if (c.endsWith(" DESC") || c.endsWith(" ASC")) {
                c = c.substring(0, c.lastIndexOf(' ')).trim();
            }
            if (c.startsWith("\"") && c.endsWith("\"") && c.length() > 1) {
                c = c.substring(1, c.length() - 1).replace("\"\"", "\"");
            }
            out.add(c);
        }
        return out;
    }

    /** H2 error 40001 DEADLOCK_1 and 50200 LOCK_TIMEOUT_1; else the SQLSTATE. */
    @Override
    protected ResequelException conflict(R2dbcException e, String sql) {
        switch (e.getErrorCode()) {
            case 40001:
                return new DeadlockException(e.getMessage(), sql, e.getSqlState(), 40001, e);
            case 50200:
                return new LockWaitTimeoutException(e.getMessage(), sql, e.getSqlState(), 50200, e);
            default:
                return super.conflict(e, sql);
        }
    }

    /**
     * r2dbc-h2 maps an R2DBC isolation level to H2 1.x lock modes, which H2 2.x ignores; the level is set on the
     * session with {@code SET SESSION CHARACTERISTICS} before BEGIN and put back to H2's default, READ COMMITTED,
     * after the transaction. H2 has no read-only transactions (read-only is a URL setting), so that flag is ignored.
     */
    @Override
    public TransactionBegin transactionBegin() {
        return new TransactionBegin() {
            @Override
            public Publisher<Void> begin(Connection c, TransactionOptions o) {
                Mono<Void> begin = Mono.from(c.beginTransaction());
                return o.isolation() == null ? begin : session(c, o.isolation()).then(begin);
            }

            @Override
            public Publisher<Void> reset(Connection c, TransactionOptions o) {
                return o.isolation() == null ? Mono.empty() : session(c, IsolationLevel.READ_COMMITTED);
            }
        };
    }

    private static Mono<Void> session(Connection c, IsolationLevel level) {
        return Flux.from(c.createStatement("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL "
                        + level.asSql()).execute())
                .concatMap(Result::getRowsUpdated).then();
    }

    /** H2's {@code REGEXP_LIKE} with the {@code c} (case-sensitive) or {@code i} flag. */
    @Override
    public void regexp(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive) {
        w.append(negate ? "NOT REGEXP_LIKE(" : "REGEXP_LIKE(");
        left.render(w);
        w.append(", ");
        pattern.render(w);
        w.append(caseInsensitive ? ", 'i')" : ", 'c')");
    }

    /**
     * Adds H2's codes for a session that died under a statement: 90067 connection broken, 90098 database closed,
     * 90121 database closed at VM shutdown, 90007 object (session) already closed.
     */
    @Override
    protected ConnectionException connectionFailure(Throwable error, boolean connecting) {
        ConnectionException standard = super.connectionFailure(error, connecting);
        if (standard != null || connecting || !(error instanceof R2dbcException e)) {
            return standard;
        }
        return switch (e.getErrorCode()) {
            case 90067, 90098, 90121, 90007 -> ConnectionErrors.of(ConnectionErrors.Kind.LOST, e, e.getSqlState());
            default -> null;
        };
    }
}
