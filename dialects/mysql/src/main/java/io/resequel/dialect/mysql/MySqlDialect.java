package io.resequel.dialect.mysql;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Row;
import io.resequel.error.DeadlockException;
import io.resequel.error.LockWaitTimeoutException;
import io.resequel.error.ConnectionException;
import io.resequel.error.ResequelException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.IndexDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.query.Lock;
import io.resequel.sql.ColumnInfo;
import io.resequel.sql.Feature;
import io.resequel.sql.Fragment;
import io.resequel.sql.Json;
import io.resequel.sql.Sql;
import io.resequel.sql.SqlWriter;
import io.resequel.sql.ConnectionErrors;
import io.resequel.sql.StandardDialect;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The dialect of MySQL 8 and MariaDB 10.5+ over r2dbc-mysql: backtick identifiers, {@code ?} placeholders,
 * inline column comments, {@code ENGINE=InnoDB}, DATE stored as UTC {@code DATETIME(6)}, and errors translated
 * from MySQL's vendor codes.
 *
 * <p>The two servers differ in one capability the core asks about: r2dbc-mysql turns
 * {@code Statement.returnGeneratedValues} into {@code INSERT ... RETURNING} on MariaDB 10.5.1+, which yields one
 * generated key per inserted row, while on MySQL it synthesizes a single row from {@code LAST_INSERT_ID()}.
 * The instance {@link java.util.ServiceLoader} creates cannot see the server version, so it answers as MySQL (the
 * safe answer) until {@link #observe(ConnectionMetadata)} sees the first connection's version string.
 */
public final class MySqlDialect extends StandardDialect {

    /**
     * MySQL's documented way of saying "no limit": an OFFSET is only valid after a LIMIT, and this is the
     * largest unsigned BIGINT.
     */
    static final String NO_LIMIT = "18446744073709551615";

    private static final DateTimeFormatter DATETIME_LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final boolean mariaDb;

    /** What the first connection said, once one has been opened; {@code null} before. */
    private volatile Boolean observedMariaDb;

    /** Translates MySQL's integrity errors; remembers the unique keys this instance created. */
    private final MySqlErrors errors = new MySqlErrors();

    /** The instance {@link java.util.ServiceLoader} creates: behaves as MySQL until told the server. */
    public MySqlDialect() {
        this(false);
    }

    private MySqlDialect(boolean mariaDb) {
        super(features(mariaDb));
        this.mariaDb = mariaDb;
    }

    private static Set<Feature> features(boolean mariaDb) {
        // MySQL 8 and MariaDB 10.6+ both have SKIP LOCKED and NOWAIT. Only MySQL has FOR SHARE and OF; the dialect is
        // chosen before the server is known (see refine), so OF stays off and a plain share lock uses the syntax
        // both accept.
        Set<Feature> f = EnumSet.of(Feature.COMMENTS, Feature.LOCK_SHARE, Feature.LOCK_SKIP_LOCKED, Feature.LOCK_NOWAIT,
                Feature.DEADLOCK_ENDS_TRANSACTION, Feature.WRITE_LIMIT, Feature.AUTO_INCREMENT_ON_ZERO,
                Feature.INDEX_LENGTH, Feature.INDEX_FULLTEXT, Feature.INDEX_SPATIAL);
        if (mariaDb) {
            // r2dbc-mysql appends RETURNING on MariaDB >= 10.5.1, so every inserted row reports its key.
            // MariaDB has INSERT/DELETE ... RETURNING but no UPDATE ... RETURNING, so RETURNING stays off.
            f.add(Feature.MULTI_ROW_GENERATED_KEYS);
        }
        return f;
    }

    /** @return the dialect for a MySQL server */
    public static MySqlDialect mysql() {
        return new MySqlDialect(false);
    }

    /** @return the dialect for a MariaDB 10.5+ server */
    public static MySqlDialect mariaDb() {
        return new MySqlDialect(true);
    }

    /**
     * @param connection an open connection to the server
     * @return the dialect for that server, MariaDB or MySQL
     */
    public static MySqlDialect forConnection(Connection connection) {
        return isMariaDb(connection.getMetadata()) ? mariaDb() : mysql();
    }

    /**
     * @param metadata a connection's metadata
     * @return whether the server is MariaDB: its version string says so ({@code 10.11.6-MariaDB-0+deb12u1})
     */
    public static boolean isMariaDb(ConnectionMetadata metadata) {
        String version = metadata.getDatabaseVersion();
        String product = metadata.getDatabaseProductName();
        return version != null && version.contains("MariaDB") || product != null && product.contains("MariaDB");
    }

    /** @return whether this instance targets MariaDB (as configured, or as observed on a connection) */
    public boolean isMariaDb() {
        Boolean observed = observedMariaDb;
        return observed != null ? observed : mariaDb;
    }

    @Override
    public void observe(ConnectionMetadata metadata) {
        observedMariaDb = isMariaDb(metadata);
    }

    @Override
    public boolean supports(Feature feature) {
        if (feature == Feature.MULTI_ROW_GENERATED_KEYS) {
            // r2dbc-mysql appends RETURNING on MariaDB >= 10.5.1, so every inserted row reports its key.
            return isMariaDb();
        }
        return super.supports(feature);
    }

    @Override
    public String generatedColumn(String column) {
        // r2dbc-mysql appends the names to MariaDB's RETURNING unquoted (a reserved word would fail); on MySQL
        // the name only labels the LAST_INSERT_ID() row, which is read by index.
        return quote(column);
    }

    @Override
    public String name() {
        return "mysql";
    }

    /**
     * The documented ranges of the column types this dialect creates: {@code DATETIME(6)} from 1000-01-01 00:00:00 to
     * 9999-12-31 23:59:59.999999, {@code DATE} from 1000-01-01 to 9999-12-31 (outside them MySQL and MariaDB
     * store, depending on sql_mode, a zero date, a clipped value or nothing). {@code FLOAT} and {@code DOUBLE} have
     * no NaN or infinities. TIMESTAMP columns (1970 to 2038) are never created by this dialect.
     */
    private static final io.resequel.model.ValueLimits LIMITS = new io.resequel.model.ValueLimits(
            Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
            java.time.LocalDate.of(1000, 1, 1), java.time.LocalDate.of(9999, 12, 31), false, "MySQL/MariaDB");

    @Override
    public io.resequel.model.ValueLimits valueLimits() {
        return LIMITS;
    }

    /** @return {@code KILL QUERY} on a second connection from {@code factory} ({@link KillQuery}) */
    @Override
    public io.resequel.tx.StatementCanceller canceller(io.r2dbc.spi.ConnectionFactory factory) {
        return new KillQuery(factory);
    }

    @Override
    public boolean accepts(ConnectionFactoryMetadata metadata) {
        // r2dbc-mysql reports "MySQL" for MariaDB servers too; MariaDB's own driver reports "MariaDB".
        String n = metadata.getName();
        return "MySQL".equalsIgnoreCase(n) || "MariaDB".equalsIgnoreCase(n);
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public String placeholder(int index) {
        return "?";
    }

    @Override
    public int maxBindParameters() {
        // The binary protocol counts parameters in an unsigned 16-bit field.
        return 65535;
    }

    @Override
    public String insertWithoutColumns() {
        // MySQL and MariaDB have no DEFAULT VALUES clause.
        return " () VALUES ()";
    }

    @Override
    public String literal(String text) {
        // Backslash is an escape character unless sql_mode has NO_BACKSLASH_ESCAPES; doubling it is read back
        // as one backslash in the default mode. Quotes are doubled rather than backslash-escaped so that
        // information_schema shows them the same way (enum('it''s')), which columnMatches relies on.
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    // ---- values -------------------------------------------------------------------------------------------

    @Override
    public Object toDriver(DataType type, Object value) {
        if (type == null) {
            // Untyped binds (where clauses on raw values) still need the UTC and text conversions below.
            if (value instanceof OffsetDateTime || value instanceof Instant || value instanceof ZonedDateTime) {
                return utcLocal(value);
            }
            if (value instanceof UUID u) {
                return u.toString();
            }
            return super.toDriver(null, value);
        }
        return switch (type.kind()) {
            case DATE -> utcLocal(value);
            case UUID -> value.toString();
            default -> super.toDriver(type, value);
        };
    }

    /**
     * DATETIME has no zone: store the UTC wall clock. Binding an OffsetDateTime would make r2dbc-mysql convert it
     * to the connection's zone, so a LocalDateTime is bound instead.
     */
    private static Object utcLocal(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return value;
    }

    @Override
    public Class<?> nullType(DataType type) {
        if (type == null) {
            return String.class;
        }
        return switch (type.kind()) {
            case DATE -> LocalDateTime.class;
            case UUID, JSON -> String.class;
            case BLOB -> ByteBuffer.class;
            default -> type.javaType();
        };
    }

    @Override
    public Object read(Row row, int index, DataType type) {
        if (type == null) {
            return super.read(row, index, null);
        }
        return switch (type.kind()) {
            case DATE -> {
                LocalDateTime raw = row.get(index, LocalDateTime.class);
                yield raw == null ? null : raw.atOffset(ZoneOffset.UTC);
            }
            case UUID -> {
                String raw = row.get(index, String.class);
                yield raw == null ? null : UUID.fromString(raw.trim());
            }
            case BOOLEAN -> {
                // r2dbc-mysql already decodes TINYINT(1) as Boolean; a Number or text covers other setups
                // (a column described as plain TINYINT, a computed expression).
                Object raw = row.get(index);
                yield raw == null ? null : raw instanceof Boolean b ? b
                        : raw instanceof Number n ? n.intValue() != 0 : !"0".equals(raw.toString());
            }
            case JSON -> {
                // MySQL's JSON and MariaDB's LONGTEXT alias both decode as text.
                String raw = row.get(index, String.class);
                yield raw == null ? null : Json.read(raw);
            }
            case BLOB -> row.get(index, byte[].class);
            case TINYINT, SMALLINT, MEDIUMINT, INTEGER, BIGINT, FLOAT, REAL -> super.read(row, index, type);
            default -> row.get(index, type.javaType());
        };
    }

    // ---- statements ---------------------------------------------------------------------------------------

    /**
     * MariaDB has no {@code FOR SHARE}; both servers accept {@code LOCK IN SHARE MODE}, but MySQL 8 takes
     * {@code NOWAIT}/{@code SKIP LOCKED} only after {@code FOR SHARE}, so a share lock with a modifier uses that
     * unless the server is known to be MariaDB.
     */
    @Override
    protected String shareLock(Lock lock) {
        return isMariaDb() || !(lock.isNowait() || lock.isSkipLocked()) ? " LOCK IN SHARE MODE" : " FOR SHARE";
    }

    /**
     * MariaDB and MySQL drop the ORDER BY of a parenthesized UNION part that has no LIMIT (their documented
     * optimisation), so a Sequelize groupedLimit part with its limit in a root sub-query would come back unordered;
     * the largest LIMIT keeps the order and drops no row.
     */
    @Override
    public void keepUnionPartOrder(SqlWriter w) {
        w.append(" LIMIT " + NO_LIMIT);
    }

    /** TRUNCATE always restarts AUTO_INCREMENT here and has no CASCADE (Sequelize ignores both too). */
    @Override
    public void truncate(SqlWriter w, ModelDefinition model, boolean cascade, boolean restartIdentity) {
        w.append("TRUNCATE TABLE ").table(model.schema(), model.tableName());
    }

    @Override
    public void limitOffset(SqlWriter w, Integer limit, Integer offset) {
        if (limit == null && offset != null) {
            w.append(" LIMIT " + NO_LIMIT + " OFFSET ").bind(offset, null);
            return;
        }
        super.limitOffset(w, limit, offset);
    }

    // ---- DDL ----------------------------------------------------------------------------------------------

    @Override
    public String columnType(DataType type) {
        return switch (type.kind()) {
            // Native integers, with the display width, UNSIGNED and ZEROFILL Sequelize writes.
            case TINYINT, SMALLINT, MEDIUMINT, INTEGER, BIGINT -> type.kind().name()
                    + (type.length() == null ? "" : "(" + type.length() + ")")
                    + unsignedZerofill(type);
            case STRING, CHAR -> super.columnType(type) + (type.isBinary() ? " BINARY" : "");
            case TEXT -> type.size() == null ? "TEXT" : type.size().toUpperCase(Locale.ROOT) + "TEXT";
            // FLOAT(n) names bits of mantissa; (p,s) digits. UNSIGNED/ZEROFILL as on the integers.
            case FLOAT, REAL, DOUBLE -> (type.kind() == DataType.Kind.DOUBLE ? "DOUBLE PRECISION" : type.kind().name())
                    + (type.length() == null ? "" : "(" + type.length()
                            + (type.scale() == null ? "" : "," + type.scale()) + ")")
                    + unsignedZerofill(type);
            case DATE -> "DATETIME(" + (type.length() == null ? 6 : type.length()) + ")";
            case BOOLEAN -> "TINYINT(1)";
            // BINARY gives the column a binary collation: UUIDs compare by exact text, not case-folded.
            case UUID -> "CHAR(36) BINARY";
            // BLOB caps at 64 KiB; the portable BLOB has no size (bytea, H2's BLOB), so take the largest.
            case BLOB -> type.size() == null ? "LONGBLOB" : type.size().toUpperCase(Locale.ROOT) + "BLOB";
            // No unconstrained DECIMAL here: the bare type is MySQL's default, DECIMAL(10,0), as in Sequelize.
            case DECIMAL -> (type.length() == null ? "DECIMAL" : super.columnType(type)) + unsignedZerofill(type);
            default -> super.columnType(type);
        };
    }

    private static String unsignedZerofill(DataType type) {
        return (type.isUnsigned() ? " UNSIGNED" : "") + (type.isZerofill() ? " ZEROFILL" : "");
    }

    @Override
    protected String autoIncrementType(DataType type) {
        return columnType(type) + " AUTO_INCREMENT";
    }

    @Override
    protected String columnDefinition(ModelDefinition model, AttributeDefinition attribute) {
        String def = super.columnDefinition(model, attribute);
        return attribute.comment() != null ? def + " COMMENT " + literal(attribute.comment()) : def;
    }

    @Override
    protected String defaultLiteral(DataType type, Object value) {
        String lit = switch (type.kind()) {
            case DATE -> value instanceof OffsetDateTime || value instanceof Instant || value instanceof ZonedDateTime
                    ? literal(DATETIME_LITERAL.format((LocalDateTime) utcLocal(value)))
                    : super.defaultLiteral(type, value);
            case JSON -> literal(Json.write(value));
            case BOOLEAN -> value instanceof Boolean b ? (b ? "1" : "0") : super.defaultLiteral(type, value);
            default -> super.defaultLiteral(type, value);
        };
        // MySQL 8 accepts defaults on TEXT, BLOB and JSON only as expressions; MariaDB takes both forms.
        return switch (type.kind()) {
            case TEXT, BLOB, JSON -> "(" + lit + ")";
            default -> lit;
        };
    }

    @Override
    public List<String> createTable(ModelDefinition model) {
        rememberUniques(model);
        return super.createTable(model);
    }

    private void rememberUniques(ModelDefinition model) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (AttributeDefinition a : model.attributes()) {
            if (a.unique() != null) {
                String name = a.unique().isEmpty() ? model.tableName() + "_" + a.field() + "_unique" : a.unique();
                found.computeIfAbsent(name, k -> new ArrayList<>()).add(a.field());
            }
        }
        found.forEach((name, cols) -> errors.remember(model.tableName(), name, cols));
    }

    // ---- indexes ------------------------------------------------------------------------------------------

    private static final Set<String> INDEX_METHODS = Set.of("BTREE", "HASH");

    @Override
    protected Set<String> indexMethods() {
        return INDEX_METHODS;
    }

    /** {@code USING} as an index option after the key parts, where both MySQL and MariaDB accept it. */
    @Override
    protected boolean indexMethodBeforeColumns() {
        return false;
    }

    @Override
    public List<String> createIndex(ModelDefinition model, IndexDefinition index, Fragment where) {
        List<String> out = super.createIndex(model, index, where);
        if (index.unique()) {
            errors.remember(model.tableName(), index.name(), index.fields());
        }
        return out;
    }

    /** MySQL has no {@code DROP INDEX IF EXISTS} (MariaDB has); the index is named with its table. */
    @Override
    public List<String> dropIndex(ModelDefinition model, IndexDefinition index) {
        return List.of("DROP INDEX " + quote(index.name()) + " ON " + table(model));
    }

    @Override
    public Sql indexNames(String schema, String table) {
        SqlWriter w = new SqlWriter(this);
        w.append("SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_name = ")
                .bind(table, null).append(" AND table_schema = ");
        schemaValue(w, schema);
        return w.toSql();
    }

    @Override
    protected String tableSuffix(ModelDefinition model) {
        return " ENGINE=InnoDB";
    }

    /** Comments are part of each column definition; MySQL has no COMMENT ON. */
    @Override
    protected List<String> comment(ModelDefinition model, AttributeDefinition attribute) {
        return List.of();
    }

    @Override
    public List<String> changeColumn(ModelDefinition model, AttributeDefinition attribute) {
        // MODIFY restates the whole column: type, nullability, default and comment in one statement.
        return List.of("ALTER TABLE " + table(model) + " MODIFY COLUMN " + columnDefinition(model, attribute));
    }

    @Override
    public Sql describeTable(String schema, String table) {
        // MariaDB's JSON is LONGTEXT plus a column CHECK (json_valid(`col`)); report it as 'json' so it is
        // told apart from text. MySQL's JSON is native and never reaches the CASE.
        SqlWriter w = new SqlWriter(this);
        w.append("SELECT c.column_name AS column_name, CASE WHEN c.data_type = 'longtext' AND EXISTS ("
                + "SELECT 1 FROM information_schema.table_constraints tc"
                + " JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema"
                + " AND cc.constraint_name = tc.constraint_name"
                + " WHERE tc.table_schema = c.table_schema AND tc.table_name = c.table_name"
                + " AND tc.constraint_type = 'CHECK'"
                + " AND LOCATE(CONCAT('json_valid(`', c.column_name, '`)'), cc.check_clause) > 0)"
                + " THEN 'json' ELSE LOWER(c.column_type) END AS column_type, c.is_nullable AS is_nullable,"
                + " c.column_default, CASE WHEN c.column_key = 'PRI' THEN 'YES' ELSE 'NO' END,"
                + " CASE WHEN c.extra LIKE '%auto_increment%' THEN 'YES' ELSE 'NO' END, c.column_comment"
                + " FROM information_schema.columns c WHERE c.table_name = ").bind(table, null)
                .append(" AND c.table_schema = ");
        schemaValue(w, schema);
        return w.append(" ORDER BY c.ordinal_position").toSql();
    }

    @Override
    protected String currentSchemaFunction() {
        return "DATABASE()";
    }

    // ---- query interface ----------------------------------------------------------------------------------

    /** The new name is qualified too: unqualified, MySQL would move the table into the current database. */
    @Override
    public List<String> renameTable(String schema, String from, String to) {
        return List.of("ALTER TABLE " + qualified(schema, from) + " RENAME TO " + qualified(schema, to));
    }

    @Override
    public List<String> createSchema(String schema) {
        return List.of("CREATE DATABASE IF NOT EXISTS " + quote(schema));
    }

    @Override
    public List<String> dropSchema(String schema) {
        return List.of("DROP DATABASE IF EXISTS " + quote(schema));
    }

    @Override
    public boolean isSystemSchema(String schema) {
        return super.isSystemSchema(schema) || Set.of("mysql", "performance_schema", "sys").contains(schema);
    }

    /** key_column_usage names the referenced table and column itself; check_constraints has the table name. */
    @Override
    public Sql constraints(String schema, String table) {
        return catalogQuery("SELECT tc.constraint_name, tc.constraint_type, k.column_name, k.referenced_table_schema,"
                + " k.referenced_table_name, k.referenced_column_name, rc.delete_rule, rc.update_rule, cc.check_clause"
                + " FROM information_schema.table_constraints tc"
                + " LEFT JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
                + " AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name"
                + " LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_schema = tc.constraint_schema"
                + " AND rc.constraint_name = tc.constraint_name AND rc.table_name = tc.table_name"
                + " LEFT JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema"
                + " AND cc.constraint_name = tc.constraint_name AND cc.table_name = tc.table_name"
                + " WHERE tc.table_name = ", table, "tc.table_schema", schema,
                " ORDER BY tc.constraint_name, k.ordinal_position");
    }

    @Override
    public Sql indexes(String schema, String table) {
        return catalogQuery("SELECT index_name, column_name, CASE WHEN non_unique = 0 THEN 'YES' ELSE 'NO' END,"
                + " CASE WHEN index_name = 'PRIMARY' THEN 'YES' ELSE 'NO' END FROM information_schema.statistics"
                + " WHERE table_name = ", table, "table_schema", schema, " ORDER BY index_name, seq_in_index");
    }

    /** Each kind has its own DROP here: foreign keys, unique keys (indexes) and the primary key. */
    @Override
    public List<String> dropConstraint(ModelDefinition model, String name, String type) {
        String alter = "ALTER TABLE " + table(model) + " DROP ";
        return List.of(switch (type) {
            case "FOREIGN KEY" -> alter + "FOREIGN KEY " + quote(name);
            case "UNIQUE" -> alter + "INDEX " + quote(name);
            case "PRIMARY KEY" -> alter + "PRIMARY KEY";
            default -> alter + "CONSTRAINT " + quote(name);
        });
    }

    @Override
    public boolean columnMatches(ColumnInfo described, AttributeDefinition attribute) {
        if (described.allowNull() != attribute.allowNull()) {
            return false;
        }
        String actual = described.type().toLowerCase(Locale.ROOT).trim();
        DataType type = attribute.type();
        return switch (type.kind()) {
            // information_schema shows the type without the BINARY attribute (it is the collation).
            case STRING -> actual.equals("varchar(" + type.length() + ")");
            case CHAR -> actual.equals("char(" + type.length() + ")");
            case TEXT -> actual.equals(type.size() == null ? "text" : type.size() + "text");
            case INTEGER -> integer(actual, "int", type);
            case BIGINT -> integer(actual, "bigint", type);
            case SMALLINT -> integer(actual, "smallint", type);
            case TINYINT -> integer(actual, "tinyint", type);
            case MEDIUMINT -> integer(actual, "mediumint", type);
            case FLOAT, REAL, DOUBLE -> actual.equals(floating(type));
            case DECIMAL -> actual.equals(type.length() == null ? "decimal(10,0)"
                    : "decimal(" + type.length() + "," + type.scale() + ")");
            case BOOLEAN -> actual.equals("tinyint(1)");
            case DATE -> actual.equals("datetime(" + (type.length() == null ? 6 : type.length()) + ")");
            case DATEONLY -> actual.equals("date");
            case TIME -> actual.equals("time(6)");
            case UUID -> actual.equals("char(36)");
            case JSON -> actual.equals("json");
            case BLOB -> actual.equals(type.size() == null ? "longblob" : type.size() + "blob");
            case ENUM -> actual.startsWith("enum(") && type.values().equals(enumValues(described.type().trim()));
            case ARRAY, RANGE, CITEXT, TSVECTOR, INET, CIDR, MACADDR, HSTORE, GEOMETRY, GEOGRAPHY -> false;
        };
    }

    /** REAL is DOUBLE here (unless sql_mode has REAL_AS_FLOAT); information_schema shows {@code double(p,s)}. */
    private static String floating(DataType type) {
        String base = type.kind() == DataType.Kind.FLOAT ? "float" : "double";
        return base + (type.length() == null ? "" : "(" + type.length() + "," + type.scale() + ")");
    }

    private static boolean integer(String actual, String base, DataType type) {
        String suffix = (type.isUnsigned() ? " unsigned" : "") + (type.isZerofill() ? " zerofill" : "");
        if (!actual.endsWith(suffix) || !suffix.isEmpty() && actual.equals(suffix)) {
            return false;
        }
        String rest = actual.substring(0, actual.length() - suffix.length());
        return type.length() != null && rest.matches(Pattern.quote(base) + "\\(\\d+\\)")
                ? rest.equals(base + "(" + type.length() + ")") || rest.equals(base) : integer(rest, base);
    }

    /**
     * MariaDB and MySQL before 8.0.19 show a display width ({@code int(11)}) that MySQL 8.0.19+ omits; neither
     * changes the storage, so both spellings match.
     */
    private static boolean integer(String actual, String base) {
        return actual.equals(base) || actual.matches(Pattern.quote(base) + "\\(\\d+\\)");
    }

    /**
     * @param columnType {@code enum('a','it''s','back\\slash')} as information_schema shows it
     * @return the values, unescaped
     */
    static List<String> enumValues(String columnType) {
        List<String> out = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        int end = columnType.lastIndexOf(')');
        while (i > 0 && i < end) {
            if (columnType.charAt(i) != '\'') {
                i++;
                continue;
            }
            StringBuilder v = new StringBuilder();
            i++;
            while (i < end) {
                char c = columnType.charAt(i);
                if (c == '\'' && i + 1 < end && columnType.charAt(i + 1) == '\'') {
                    v.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else if (c == '\\' && i + 1 < end) {
                    v.append(columnType.charAt(i + 1));
                    i += 2;
                } else {
                    v.append(c);
                    i++;
                }
            }
            out.add(v.toString());
        }
        return out;
    }

    // ---- errors -------------------------------------------------------------------------------------------

    @Override
    public ResequelException translate(Throwable error, String sql) {
        if (error instanceof R2dbcException e && !(error instanceof ResequelException)) {
            ResequelException lost = connectionFailure(e, false);
            if (lost != null) {
                return lost;
            }
            ResequelException conflict = conflict(e, sql);
            if (conflict != null) {
                return conflict;
            }
            return errors.integrity(e, sql, isUniqueViolation(e), isForeignKeyViolation(e));
        }
        return super.translate(error, sql);
    }

    /**
     * Adds MySQL's and MariaDB's codes: 1045 access denied (user or password), 1044 no access to the database, 1698
     * no access (socket authentication), 2002/2003 cannot connect, 2005 unknown host; 2006 server gone away, 2013
     * lost during a query, 1927 connection killed (MariaDB), 1053 server shutdown end an open connection. The driver
     * itself reports a connection closed under a statement without any code, with a package-private exception
     * class: known by its name.
     */
    @Override
    protected ConnectionException connectionFailure(Throwable error, boolean connecting) {
        if (error instanceof R2dbcException e) {
            ConnectionErrors.Kind kind = switch (e.getErrorCode()) {
                case 1045, 1044, 1698 -> ConnectionErrors.Kind.ACCESS_DENIED;
                case 2002, 2003 -> ConnectionErrors.Kind.REFUSED;
                case 2005 -> ConnectionErrors.Kind.HOST_NOT_FOUND;
                case 2006, 2013, 1927, 1053 -> connecting ? ConnectionErrors.Kind.OTHER : ConnectionErrors.Kind.LOST;
                default -> !connecting && e.getClass().getName().startsWith("io.asyncer.r2dbc.mysql.client.MySqlConnection")
                        ? ConnectionErrors.Kind.LOST : null;
            };
            if (kind != null) {
                return ConnectionErrors.of(kind, e, e.getSqlState());
            }
        }
        return super.connectionFailure(error, connecting);
    }

    /** 1213 ER_LOCK_DEADLOCK, 1205 ER_LOCK_WAIT_TIMEOUT, 3572 ER_LOCK_NOWAIT; else the SQLSTATE (40001). */
    @Override
    protected ResequelException conflict(R2dbcException e, String sql) {
        switch (e.getErrorCode()) {
            case 1213:
                return new DeadlockException(e.getMessage(), sql, e.getSqlState(), 1213, e);
            case 1205:
            case 3572:
                return new LockWaitTimeoutException(e.getMessage(), sql, e.getSqlState(), e.getErrorCode(), e);
            default:
                return super.conflict(e, sql);
        }
    }

    @Override
    protected boolean isUniqueViolation(R2dbcException e) {
        // 1062 ER_DUP_ENTRY, 1586 ER_DUP_ENTRY_WITH_KEY_NAME
        return e.getErrorCode() == 1062 || e.getErrorCode() == 1586;
    }

    @Override
    protected boolean isForeignKeyViolation(R2dbcException e) {
        // 1451/1452 name the constraint; 1216/1217 are their older, nameless forms.
        int code = e.getErrorCode();
        return code == 1451 || code == 1452 || code == 1216 || code == 1217;
    }

    @Override
    public void regexp(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive) {
        MySqlOperators.regexp(w, left, pattern, negate, caseInsensitive);
    }

    @Override
    public void jsonPath(SqlWriter w, Fragment column, List<String> path, boolean numeric) {
        MySqlOperators.jsonPath(w, column, path, numeric);
    }

    /** MySQL has no NULLS FIRST/LAST: an {@code (x IS NULL)} term sorted first places them exactly. */
    @Override
    public void orderTerm(SqlWriter w, Fragment column, boolean descending, Boolean nullsFirst) {
        MySqlOperators.orderTerm(w, column, descending, nullsFirst);
    }

    /** MySQL's CAST takes SIGNED, DECIMAL, CHAR, DATE, DATETIME and JSON, not the SQL type names. */
    @Override
    public String castType(String type) {
        return switch (type) {
            case "integer", "int", "smallint", "bigint", "signed" -> "SIGNED";
            case "unsigned" -> "UNSIGNED";
            case "float", "real", "double precision", "decimal", "numeric" -> "DECIMAL(65,30)";
            case "date" -> "DATE";
            case "timestamp", "timestamptz", "datetime" -> "DATETIME(6)";
            case "json", "jsonb" -> "JSON";
            default -> "CHAR";
        };
    }

    /** MySQL and MariaDB have no RANDOM(). */
    @Override
    public String random() {
        return "RAND()";
    }

    @Override
    public boolean backslashEscapes() {
        return true;
    }

    @Override
    public void conflictInsert(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns,
            List<Object[]> rows, List<AttributeDefinition> conflict, List<AttributeDefinition> update) {
        MySqlOperators.onDuplicateKey(w, model, columns, rows, update);
    }

    @Override
    public UpsertReport upsertReport() {
        return UpsertReport.AFFECTED_ROWS;
    }
}
