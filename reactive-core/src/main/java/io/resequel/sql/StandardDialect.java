package io.resequel.sql;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Row;
import io.resequel.error.ConnectionException;
import io.resequel.error.DatabaseException;
import io.resequel.error.UnsupportedFeatureException;
import io.resequel.query.Lock;
import io.resequel.error.DeadlockException;
import io.resequel.error.LockWaitTimeoutException;
import io.resequel.error.SerializationFailureException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.ResequelException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.DefaultValue;
import io.resequel.model.IndexDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.model.Reference;
import io.resequel.query.Op;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * ANSI SQL behaviour shared by the dialects: double-quoted identifiers, {@code $n} placeholders,
 * {@code LIMIT/OFFSET}, {@code information_schema} catalog queries, SQLSTATE-based error translation.
 * Subclasses override what their database does differently.
 */
public abstract class StandardDialect implements Dialect {

    private final Set<Feature> features;

    /** @param features the capabilities of the database */
    protected StandardDialect(Set<Feature> features) {
        this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        // Jackson scans the class path for modules (blocking file reads) when Json is first loaded: do it here, on
        // the thread that builds Resequel, not on a driver's event loop when the first JSON value is bound.
        Json.mapper();
    }

    @Override
    public boolean supports(Feature feature) {
        return features.contains(feature);
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String placeholder(int index) {
        if (index >= PLACEHOLDERS.length) {
            return "$" + (index + 1);
        }
        String p = PLACEHOLDERS[index];
        if (p == null) {
            // A benign race: two threads may both make the same immutable string.
            p = "$" + (index + 1);
            PLACEHOLDERS[index] = p;
        }
        return p;
    }

    /** {@code $1 .. $4096}, made once: a bulk insert renders one per bound value. */
    private static final String[] PLACEHOLDERS = new String[4096];

    @Override
    public int maxBindParameters() {
        return 32767;
    }

    @Override
    public String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    // ---- values -------------------------------------------------------------------------------------------

    @Override
    public Object toDriver(DataType type, Object value) {
        if (type == null) {
            return value;
        }
        return switch (type.kind()) {
            case JSON -> Json.write(value);
            case BLOB -> value instanceof byte[] b ? ByteBuffer.wrap(b) : value;
            case ENUM -> value instanceof Enum<?> e ? e.name() : value;
            // NUMERIC(20,0) stands for BIGINT.UNSIGNED where there is no unsigned type; drivers bind BigDecimal.
            case BIGINT -> value instanceof java.math.BigInteger b ? new java.math.BigDecimal(b) : value;
            default -> value;
        };
    }

    @Override
    public Class<?> nullType(DataType type) {
        if (type == null) {
            return String.class;
        }
        return switch (type.kind()) {
            case JSON -> String.class;
            case BLOB -> ByteBuffer.class;
            case BIGINT -> type.isUnsigned() ? java.math.BigDecimal.class : Long.class;
            default -> type.javaType();
        };
    }

    @Override
    public Object read(Row row, int index, DataType type) {
        if (type == null) {
            return row.get(index);
        }
        return switch (type.kind()) {
            case JSON -> {
                Object raw = row.get(index);
                yield raw == null ? null : Json.read(raw);
            }
            case BLOB -> {
                Object raw = row.get(index, ByteBuffer.class);
                yield raw == null ? null : Bytes.of(raw);
            }
            case DATE -> {
                Object raw = row.get(index);
                yield raw == null ? null : utc(raw);
            }
            case UUID -> {
                Object raw = row.get(index);
                yield raw == null ? null : raw instanceof UUID u ? u : UUID.fromString(raw.toString().trim());
            }
            case BOOLEAN -> {
                Object raw = row.get(index);
                yield raw == null ? null : raw instanceof Boolean b ? b : ((Number) raw).intValue() != 0;
            }
            case TINYINT, SMALLINT, MEDIUMINT, INTEGER, BIGINT -> integer(row.get(index), type);
            case FLOAT, REAL -> {
                Object raw = row.get(index);
                yield raw == null ? null : raw instanceof Float f ? f : (Object) ((Number) raw).floatValue();
            }
            default -> row.get(index, type.javaType());
        };
    }

    /**
     * @param raw  a driver's integer value (its class follows the column: a wider signed type stands for an
     *             unsigned one, MySQL's TINYINT may come as Byte) or {@code null}
     * @param type an integer type
     * @return the value as the type's Java class
     */
    protected static Object integer(Object raw, DataType type) {
        if (raw == null) {
            return null;
        }
        Class<?> target = type.javaType();
        if (target == java.math.BigInteger.class) {
            return raw instanceof java.math.BigInteger b ? b : raw instanceof java.math.BigDecimal d
                    ? d.toBigIntegerExact() : java.math.BigInteger.valueOf(((Number) raw).longValue());
        }
        Number n = raw instanceof Number num ? num : Long.valueOf(raw.toString().trim());
        return target == Short.class ? (Object) n.shortValue() : target == Integer.class ? (Object) n.intValue()
                : (Object) n.longValue();
    }

    /** @param raw a driver's timestamp value @return it as an {@link OffsetDateTime} in UTC */
    protected static OffsetDateTime utc(Object raw) {
        if (raw instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (raw instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (raw instanceof java.time.ZonedDateTime z) {
            return z.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (raw instanceof LocalDateTime l) {
            return l.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp value of " + raw.getClass().getName());
    }

    // ---- statements ---------------------------------------------------------------------------------------

    @Override
    public void lock(SqlWriter w, Lock lock) {
        switch (lock.level()) {
            case UPDATE:
                w.append(" FOR UPDATE");
                break;
            case SHARE:
                require(Feature.LOCK_SHARE, "FOR SHARE", "use Lock.UPDATE");
                w.append(shareLock(lock));
                break;
            case NO_KEY_UPDATE:
                require(Feature.LOCK_KEY_LEVELS, "FOR NO KEY UPDATE", "use Lock.UPDATE");
                w.append(" FOR NO KEY UPDATE");
                break;
            default:
                require(Feature.LOCK_KEY_LEVELS, "FOR KEY SHARE", "use Lock.SHARE or Lock.UPDATE");
                w.append(" FOR KEY SHARE");
                break;
        }
        if (lock.of() != null) {
            require(Feature.LOCK_OF, "a lock OF one table", "lock every table of the query (leave out of(...))");
            w.append(" OF ").id(lock.of());
        }
        if (lock.isSkipLocked()) {
            require(Feature.LOCK_SKIP_LOCKED, "SKIP LOCKED", "leave out skipLocked()");
            w.append(" SKIP LOCKED");
        }
        if (lock.isNowait()) {
            require(Feature.LOCK_NOWAIT, "NOWAIT", "leave out nowait()");
            w.append(" NOWAIT");
        }
    }

    /** @param lock the share lock @return its clause ({@code FOR SHARE}) */
    protected String shareLock(Lock lock) {
        return " FOR SHARE";
    }

    private void require(Feature feature, String what, String instead) {
        if (!supports(feature)) {
            throw new UnsupportedFeatureException(what, name(), instead);
        }
    }

    @Override
    public void limitOffset(SqlWriter w, Integer limit, Integer offset) {
        if (limit != null) {
            w.append(" LIMIT ").bind(limit, null);
        }
        if (offset != null) {
            w.append(" OFFSET ").bind(offset, null);
        }
    }

    // ---- operators ----------------------------------------------------------------------------------------

    @Override
    public void like(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive,
            boolean escaped) {
        if (caseInsensitive) {
            w.append("LOWER(");
            left.render(w);
            w.append(negate ? ") NOT LIKE LOWER(" : ") LIKE LOWER(");
            pattern.render(w);
            w.append(')');
        } else {
            left.render(w);
            w.append(negate ? " NOT LIKE " : " LIKE ");
            pattern.render(w);
        }
        if (escaped) {
            w.append(" ESCAPE '!'");
        }
    }

    @Override
    public void regexp(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive) {
        throw new UnsupportedOperatorException(regexpName(negate, caseInsensitive), name(),
                "the database has no regular expression operator");
    }

    /** @param negate negated @param caseInsensitive ignoring case @return the Op name of a regexp operator */
    protected static String regexpName(boolean negate, boolean caseInsensitive) {
        return (negate ? "NOT_" : "") + (caseInsensitive ? "IREGEXP" : "REGEXP");
    }

    /** Expands to {@code (left op v1 OR left op v2 ...)}, exactly what SQL defines ANY/ALL over a list to mean. */
    @Override
    public void quantified(SqlWriter w, Fragment left, String operator, List<Fragment> values, boolean all) {
        w.append('(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.append(all ? " AND " : " OR ");
            }
            left.render(w);
            w.append(' ').append(operator).append(' ');
            values.get(i).render(w);
        }
        w.append(')');
    }

    @Override
    public void match(SqlWriter w, Fragment left, Fragment query) {
        throw new UnsupportedOperatorException(Op.MATCH.name(), name(), "full-text @@ exists only on PostgreSQL");
    }

    @Override
    public void containment(SqlWriter w, Op op, AttributeDefinition attribute, Fragment left, Object value) {
        throw new UnsupportedOperatorException(op.name(), name(), "array, range and JSON containment operators "
                + "exist only on PostgreSQL");
    }

    @Override
    public void jsonPath(SqlWriter w, Fragment column, List<String> path, boolean numeric) {
        throw new UnsupportedOperatorException("JSON path", name(), "the database has no JSON path functions");
    }

    @Override
    public void orderTerm(SqlWriter w, Fragment column, boolean descending, Boolean nullsFirst) {
        column.render(w);
        w.append(descending ? " DESC" : " ASC");
        if (nullsFirst != null) {
            w.append(nullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    /** The SQL-standard MERGE (H2): {@code MERGE INTO t USING (VALUES ...) S (cols) ON ... WHEN ...}. */
    @Override
    public void conflictInsert(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns,
            List<Object[]> rows, List<AttributeDefinition> conflict, List<AttributeDefinition> update) {
        InsertStatements.merge(w, model, columns, rows, conflict, update, this::columnType);
    }

    /** @param w writer @param columns columns @param prefix text before each quoted name */
    protected static void columnList(SqlWriter w, List<AttributeDefinition> columns, String prefix) {
        InsertStatements.columnList(w, columns, prefix);
    }

    /** @param w writer @param model table @param columns columns @param rows values, as a plain multi-row INSERT */
    protected static void insertValues(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns,
            List<Object[]> rows) {
        InsertStatements.insertValues(w, model, columns, rows);
    }

    @Override
    public UpsertReport upsertReport() {
        return UpsertReport.NONE;
    }

    // ---- DDL ----------------------------------------------------------------------------------------------

    @Override
    public String columnType(DataType type) {
        return switch (type.kind()) {
            case STRING -> "VARCHAR(" + type.length() + ")";
            case CHAR -> "CHAR(" + type.length() + ")";
            case TEXT -> "TEXT";
            // No unsigned integers here: the next wider signed type holds every unsigned value; no display
            // width or ZEROFILL either (dropped, as in Sequelize).
            case TINYINT -> "SMALLINT";
            case SMALLINT -> type.isUnsigned() ? "INTEGER" : "SMALLINT";
            case MEDIUMINT -> type.isUnsigned() ? "BIGINT" : "INTEGER";
            case INTEGER -> type.isUnsigned() ? "BIGINT" : "INTEGER";
            case BIGINT -> type.isUnsigned() ? "NUMERIC(20,0)" : "BIGINT";
            case FLOAT, REAL -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
            // Without precision: the unconstrained NUMERIC, which keeps every digit given.
            case DECIMAL -> type.length() == null ? "NUMERIC"
                    : "DECIMAL(" + type.length() + "," + (type.scale() == null ? 0 : type.scale()) + ")";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "TIMESTAMP(" + (type.length() == null ? 6 : type.length()) + ") WITH TIME ZONE";
            case DATEONLY -> "DATE";
            case TIME -> "TIME(6)";
            case UUID -> "UUID";
            case JSON -> "JSON";
            case BLOB -> "BLOB";
            case ENUM -> enumType(type);
            case ARRAY, RANGE, HSTORE -> throw new io.resequel.error.UnsupportedTypeException(type.toString(), name(),
                    type.kind() + " columns exist only on PostgreSQL; store the values in a JSON attribute instead");
            case CITEXT -> throw new io.resequel.error.UnsupportedTypeException(type.toString(), name(),
                    "CITEXT exists only on PostgreSQL and H2; use STRING or TEXT (MySQL's and MariaDB's default "
                            + "collations already compare case-insensitively)");
            case TSVECTOR, INET, CIDR, MACADDR -> throw new io.resequel.error.UnsupportedTypeException(
                    type.toString(), name(), type.kind() + " exists only on PostgreSQL; use STRING instead");
            case GEOMETRY, GEOGRAPHY -> throw new io.resequel.error.UnsupportedTypeException(type.toString(), name(),
                    "spatial types are not supported yet; store GeoJSON in a JSON attribute instead");
        };
    }

    /** @param type an ENUM type @return its column type (ENUM('a','b') by default) */
    protected String enumType(DataType type) {
        StringBuilder s = new StringBuilder("ENUM(");
        for (int i = 0; i < type.values().size(); i++) {
            s.append(i > 0 ? "," : "").append(literal(type.values().get(i)));
        }
        return s.append(')').toString();
    }

    /**
     * @param model     the model
     * @param attribute the attribute
     * @return the column type of this attribute in this table (PostgreSQL names its enum types per table)
     */
    protected String columnType(ModelDefinition model, AttributeDefinition attribute) {
        return columnType(attribute.type(), attribute.type().sqlType(name()));
    }

    private String columnType(DataType type, String declared) {
        // A custom type may declare its own column type for this dialect.
        return declared != null ? declared : columnType(type);
    }

    /** @param model the model @return the qualified, quoted table name */
    protected String table(ModelDefinition model) {
        return (model.schema() != null ? quote(model.schema()) + "." : "") + quote(model.tableName());
    }

    /**
     * @param model     the model
     * @param attribute the attribute
     * @return the column definition: name, type, identity, NOT NULL, DEFAULT
     */
    protected String columnDefinition(ModelDefinition model, AttributeDefinition attribute) {
        StringBuilder s = new StringBuilder(quote(attribute.field())).append(' ');
        if (attribute.autoIncrement()) {
            s.append(autoIncrementType(attribute.type()));
        } else {
            s.append(columnType(model, attribute));
        }
        if (!attribute.allowNull()) {
            s.append(" NOT NULL");
        }
        DefaultValue d = attribute.defaultValue();
        if (d != null && d.isConstant() && d.constant() != null) {
            s.append(" DEFAULT ")
                    .append(defaultLiteral(attribute.type(), attribute.type().toStorage(d.constant())));
        }
        return s.toString();
    }

    /** @param type an integer type @return the auto-increment column type */
    protected String autoIncrementType(DataType type) {
        return columnType(type) + " GENERATED BY DEFAULT AS IDENTITY";
    }

    /**
     * @param type  the column type
     * @param value a constant default
     * @return it as a DDL literal; numbers and booleans as written, anything else as a string literal
     */
    protected String defaultLiteral(DataType type, Object value) {
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        return literal(value instanceof Enum<?> e ? e.name() : value.toString());
    }

    @Override
    public List<String> createTable(ModelDefinition model) {
        StringBuilder s = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(model)).append(" (");
        List<String> parts = new ArrayList<>();
        for (AttributeDefinition a : model.attributes()) {
            parts.add(columnDefinition(model, a));
        }
        List<String> pk = new ArrayList<>();
        for (AttributeDefinition a : model.primaryKeys()) {
            pk.add(quote(a.field()));
        }
        if (!pk.isEmpty()) {
            parts.add("PRIMARY KEY (" + String.join(", ", pk) + ")");
        }
        Map<String, List<String>> uniques = new LinkedHashMap<>();
        for (AttributeDefinition a : model.attributes()) {
            if (a.unique() != null) {
                String name = a.unique().isEmpty() ? model.tableName() + "_" + a.field() + "_unique" : a.unique();
                uniques.computeIfAbsent(name, k -> new ArrayList<>()).add(quote(a.field()));
            }
        }
        uniques.forEach((name, cols) ->
                parts.add("CONSTRAINT " + quote(name) + " UNIQUE (" + String.join(", ", cols) + ")"));
        for (AttributeDefinition a : model.attributes()) {
            Reference r = a.references();
            if (r != null) {
                parts.add(foreignKey(model, a, r));
            }
        }
        s.append(String.join(", ", parts)).append(')').append(tableSuffix(model));
        List<String> out = new ArrayList<>(beforeCreateTable(model));
        out.add(s.toString());
        out.addAll(afterCreateTable(model));
        return out;
    }

    /** @return the FOREIGN KEY clause of an attribute */
    protected String foreignKey(ModelDefinition model, AttributeDefinition a, Reference r) {
        String schema = r.schema() == null ? model.schema() : r.schema().isEmpty() ? null : r.schema();
        String refTable = (schema != null ? quote(schema) + "." : "") + quote(r.table());
        return "FOREIGN KEY (" + quote(a.field()) + ") REFERENCES " + refTable + " (" + quote(r.key()) + ")"
                + (r.onDelete() != null ? " ON DELETE " + r.onDelete().sql() : "")
                + (r.onUpdate() != null ? " ON UPDATE " + r.onUpdate().sql() : "")
                + (r.deferrable() != null && supports(Feature.DEFERRABLE_CONSTRAINTS) ? " " + r.deferrable().sql() : "");
    }

    /** @param model the model @return what follows the column list (MySQL's ENGINE) */
    protected String tableSuffix(ModelDefinition model) {
        return "";
    }

    /** @param model the model @return statements needed before CREATE TABLE */
    protected List<String> beforeCreateTable(ModelDefinition model) {
        return List.of();
    }

    /** @param model the model @return statements run after CREATE TABLE: column comments by default */
    protected List<String> afterCreateTable(ModelDefinition model) {
        List<String> out = new ArrayList<>();
        for (AttributeDefinition a : model.attributes()) {
            out.addAll(comment(model, a));
        }
        return out;
    }

    @Override
    public List<String> addColumn(ModelDefinition model, AttributeDefinition attribute) {
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + table(model) + " ADD COLUMN " + columnDefinition(model, attribute));
        out.addAll(comment(model, attribute));
        return out;
    }

    /**
     * Changes type and nullability; a constant default and a comment only when the attribute has them, so a
     * change that names neither keeps the column's own.
     */
    @Override
    public List<String> changeColumn(ModelDefinition model, AttributeDefinition attribute) {
        String alter = "ALTER TABLE " + table(model) + " ALTER COLUMN " + quote(attribute.field());
        List<String> out = new ArrayList<>();
        out.add(alter + " SET DATA TYPE " + columnType(model, attribute));
        out.add(alter + (attribute.allowNull() ? " DROP" : " SET") + " NOT NULL");
        DefaultValue d = attribute.defaultValue();
        if (d != null && d.isConstant() && d.constant() != null) {
            out.add(alter + " SET DEFAULT "
                    + defaultLiteral(attribute.type(), attribute.type().toStorage(d.constant())));
        }
        out.addAll(comment(model, attribute));
        return out;
    }

    /**
     * @param model     the model
     * @param attribute an attribute
     * @return the statement setting its column comment ({@code COMMENT ON COLUMN}), none without a comment or
     *         where the comment is part of the column definition (MySQL)
     */
    protected List<String> comment(ModelDefinition model, AttributeDefinition attribute) {
        return attribute.comment() == null ? List.of() : List.of("COMMENT ON COLUMN " + table(model) + "."
                + quote(attribute.field()) + " IS " + literal(attribute.comment()));
    }

    @Override
    public List<String> removeColumn(ModelDefinition model, String column) {
        return List.of("ALTER TABLE " + table(model) + " DROP COLUMN " + quote(column));
    }

    // ---- indexes ------------------------------------------------------------------------------------------

    /**
     * {@code CREATE [UNIQUE] [FULLTEXT|SPATIAL] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table [USING m] (col
     * [(n)] [COLLATE c] [opclass] [ASC|DESC], ...) [USING m] [WITH PARSER p] [WHERE ...]}, each optional part only
     * where the dialect {@link #supports} it and refused with {@link UnsupportedFeatureException} otherwise.
     */
    @Override
    public List<String> createIndex(ModelDefinition model, IndexDefinition index, Fragment where) {
        String of = " (index " + index.name() + " of " + model.name() + ")";
        StringBuilder s = new StringBuilder("CREATE ");
        if (index.unique()) {
            s.append("UNIQUE ");
        }
        if (index.type() != null) {
            require(index.type().equals("FULLTEXT") ? Feature.INDEX_FULLTEXT : Feature.INDEX_SPATIAL,
                    "index type " + index.type() + of, "leave out type(...); " + index.type()
                            + " indexes exist only on MySQL/MariaDB");
            s.append(index.type()).append(' ');
        }
        s.append("INDEX ");
        if (index.concurrently()) {
            require(Feature.INDEX_CONCURRENTLY, "index option concurrently" + of, "leave out concurrently(true)");
            s.append("CONCURRENTLY ");
        }
        if (supports(Feature.INDEX_IF_NOT_EXISTS)) {
            s.append("IF NOT EXISTS ");
        }
        s.append(quote(index.name())).append(" ON ").append(table(model));
        String method = index.using();
        if (method != null && !indexMethods().contains(method)) {
            throw new UnsupportedFeatureException("index method USING " + method + of, name(),
                    indexMethods().isEmpty() ? "leave out using(...)" : "use one of " + indexMethods());
        }
        if (method != null && indexMethodBeforeColumns()) {
            s.append(" USING ").append(method);
        }
        s.append(" (");
        for (int i = 0; i < index.columns().size(); i++) {
            IndexDefinition.Column c = index.columns().get(i);
            s.append(i > 0 ? ", " : "").append(quote(c.field()));
            if (c.length() != null) {
                require(Feature.INDEX_LENGTH, "index option length of " + c.field() + of,
                        "leave out length(...); prefix indexes exist only on MySQL/MariaDB");
                s.append('(').append(c.length()).append(')');
            }
            if (c.collate() != null) {
                require(Feature.INDEX_COLLATE, "index option collate of " + c.field() + of,
                        "leave out collate(...), or set the column's collation");
                s.append(" COLLATE ").append(quote(c.collate()));
            }
            if (c.operator() != null) {
                require(Feature.INDEX_OPERATOR, "index option operator (operator class) of " + c.field() + of,
                        "leave out operator(...); operator classes exist only on PostgreSQL");
                s.append(' ').append(c.operator());
            }
            if (c.descending() != null) {
                s.append(c.descending() ? " DESC" : " ASC");
            }
        }
        s.append(')');
        if (method != null && !indexMethodBeforeColumns()) {
            s.append(" USING ").append(method);
        }
        if (index.parser() != null) {
            require(Feature.INDEX_FULLTEXT, "index option parser" + of, "leave out parser(...)");
            if (!"FULLTEXT".equals(index.type())) {
                throw new UnsupportedFeatureException("index option parser without type FULLTEXT" + of, name(),
                        "add type(\"FULLTEXT\") or leave out parser(...)");
            }
            s.append(" WITH PARSER ").append(index.parser());
        }
        if (where != null) {
            require(Feature.INDEX_WHERE, "index option where (partial index)" + of,
                    "leave out where(...); partial indexes exist only on PostgreSQL");
            SqlWriter w = SqlWriter.inline(this);
            where.render(w);
            s.append(" WHERE ").append(w.toSql().text());
        }
        return List.of(s.toString());
    }

    /** @return the index methods {@code using} may name, upper case; none by default */
    protected Set<String> indexMethods() {
        return Set.of();
    }

    /** @return whether {@code USING method} stands before the column list (PostgreSQL) or after it (MySQL) */
    protected boolean indexMethodBeforeColumns() {
        return true;
    }

    @Override
    public List<String> dropIndex(ModelDefinition model, IndexDefinition index) {
        return List.of("DROP INDEX IF EXISTS " + (model.schema() != null ? quote(model.schema()) + "." : "")
                + quote(index.name()));
    }

    /** Numbers and booleans as written, anything else through {@link #defaultLiteral} (escaped text). */
    @Override
    public String inlineLiteral(DataType type, Object value) {
        if (value instanceof byte[] || value instanceof ByteBuffer || value instanceof java.util.Collection<?>
                || value.getClass().isArray() || value instanceof Map<?, ?>
                || value instanceof io.resequel.model.Range<?>) {
            throw new UnsupportedFeatureException("a " + value.getClass().getSimpleName() + " value in index DDL",
                    name(), "compare text, numbers, booleans or dates in a partial index's where");
        }
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            throw new UnsupportedFeatureException("a non-finite number in index DDL", name(), "use a finite value");
        }
        if (value instanceof java.math.BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger || value instanceof Double || value instanceof Float) {
            return value.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (type == null || value instanceof Number) {
            return literal(value instanceof Enum<?> e ? e.name() : value.toString());
        }
        return defaultLiteral(type, value);
    }

    /**
     * The information schema: {@code is_identity} tells auto-increment columns, {@code remarks} (H2) holds
     * comments; the type comes from {@link #describedType()}.
     */
    @Override
    public Sql describeTable(String schema, String table) {
        return catalogQuery("SELECT c.column_name, " + describedType() + ", c.is_nullable, c.column_default, CASE WHEN"
                + " EXISTS (" + describedPrimaryKey() + ") THEN 'YES' ELSE 'NO' END, c.is_identity, c.remarks"
                + " FROM information_schema.columns c WHERE c.table_name = ", table, "c.table_schema", schema,
                " ORDER BY c.ordinal_position");
    }

    /** @return a query finding the primary key entry of column {@code c} in {@link #describeTable} */
    protected String describedPrimaryKey() {
        return "SELECT 1 FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k"
                + " ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name"
                + " WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema"
                + " AND tc.table_name = c.table_name AND k.table_name = c.table_name AND k.column_name = c.column_name";
    }

    /** @return the type expression of {@link #describeTable} over {@code information_schema.columns c} */
    protected String describedType() {
        return "c.data_type";
    }

    // ---- query interface ----------------------------------------------------------------------------------

    @Override
    public List<String> dropTable(ModelDefinition model) {
        return dropTable(model, false);
    }

    @Override
    public List<String> dropTable(ModelDefinition model, boolean cascade) {
        return List.of("DROP TABLE IF EXISTS " + table(model) + (cascade ? " CASCADE" : ""));
    }

    @Override
    public List<String> renameTable(String schema, String from, String to) {
        return List.of("ALTER TABLE " + qualified(schema, from) + " RENAME TO " + quote(to));
    }

    @Override
    public List<String> renameColumn(ModelDefinition model, String from, String to) {
        return List.of("ALTER TABLE " + table(model) + " RENAME COLUMN " + quote(from) + " TO " + quote(to));
    }

    /** @param schema a schema or {@code null} @param name a name in it @return both quoted and joined */
    protected String qualified(String schema, String name) {
        return (schema != null ? quote(schema) + "." : "") + quote(name);
    }

    @Override
    public Sql tableNames(String schema) {
        SqlWriter w = new SqlWriter(this);
        w.append("SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = ");
        schemaValue(w, schema);
        return w.append(" ORDER BY table_name").toSql();
    }

    @Override
    public Sql schemaNames() {
        return Sql.of("SELECT schema_name FROM information_schema.schemata ORDER BY schema_name");
    }

    @Override
    public boolean isSystemSchema(String schema) {
        return schema.equalsIgnoreCase("information_schema");
    }

    @Override
    public List<String> createSchema(String schema) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }

    @Override
    public List<String> dropSchema(String schema) {
        return List.of("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
    }

    /** The information schema, where the referenced column is found through the referenced unique constraint. */
    @Override
    public Sql constraints(String schema, String table) {
        return catalogQuery("SELECT tc.constraint_name, tc.constraint_type, k.column_name, rk.table_schema, rk.table_name,"
                + " rk.column_name, rc.delete_rule, rc.update_rule, cc.check_clause"
                + " FROM information_schema.table_constraints tc"
                + " LEFT JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
                + " AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name"
                + " LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_schema = tc.constraint_schema"
                + " AND rc.constraint_name = tc.constraint_name"
                + " LEFT JOIN information_schema.key_column_usage rk ON rk.constraint_schema = rc.unique_constraint_schema"
                + " AND rk.constraint_name = rc.unique_constraint_name AND rk.ordinal_position = k.position_in_unique_constraint"
                + " LEFT JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema"
                + " AND cc.constraint_name = tc.constraint_name"
                + " WHERE tc.table_name = ", table, "tc.table_schema", schema,
                " ORDER BY tc.constraint_name, k.ordinal_position");
    }

    /** H2 2.x: {@code information_schema.indexes} and {@code index_columns}. */
    @Override
    public Sql indexes(String schema, String table) {
        return catalogQuery("SELECT i.index_name, ic.column_name, CASE WHEN i.index_type_name IN ('UNIQUE INDEX', 'PRIMARY KEY')"
                + " THEN 'YES' ELSE 'NO' END, CASE WHEN i.index_type_name = 'PRIMARY KEY' THEN 'YES' ELSE 'NO' END"
                + " FROM information_schema.indexes i JOIN information_schema.index_columns ic"
                + " ON ic.index_schema = i.index_schema AND ic.index_name = i.index_name AND ic.table_name = i.table_name"
                + " WHERE i.table_name = ", table, "i.table_schema", schema, " ORDER BY i.index_name, ic.ordinal_position");
    }

    @Override
    public List<String> addConstraint(ModelDefinition model, io.resequel.model.TableConstraint c, Fragment check) {
        String alter = "ALTER TABLE " + table(model) + " ";
        if (c.type() == io.resequel.model.TableConstraint.Type.DEFAULT) {
            AttributeDefinition a = model.byField(c.fields().get(0));
            return List.of(alter + "ALTER COLUMN " + quote(c.fields().get(0)) + " SET DEFAULT "
                    + defaultLiteral(a.type(), c.defaultValue()));
        }
        StringBuilder s = new StringBuilder(alter).append("ADD CONSTRAINT ").append(quote(c.nameFor(model.tableName())))
                .append(' ').append(c.type().sql()).append(" (");
        if (check != null) {
            SqlWriter w = SqlWriter.inline(this);
            check.render(w);
            return List.of(s.append(w.toSql().text()).append(')').toString());
        }
        List<String> cols = new ArrayList<>();
        for (String f : c.fields()) {
            cols.add(quote(f));
        }
        s.append(String.join(", ", cols)).append(')');
        if (c.type() == io.resequel.model.TableConstraint.Type.FOREIGN_KEY) {
            if (c.referencedTable() == null) {
                throw new IllegalArgumentException("RSQ-954 foreign key " + c.nameFor(model.tableName())
                        + " on " + model.tableName() + " names no referenced table: add references(table, column)");
            }
            List<String> refs = new ArrayList<>();
            for (String f : c.referencedFields()) {
                refs.add(quote(f));
            }
            s.append(" REFERENCES ").append(qualified(model.schema(), c.referencedTable())).append(" (")
                    .append(String.join(", ", refs)).append(')');
            if (c.onDelete() != null) {
                s.append(" ON DELETE ").append(c.onDelete().sql());
            }
            if (c.onUpdate() != null) {
                s.append(" ON UPDATE ").append(c.onUpdate().sql());
            }
            if (c.deferrable() != null && supports(Feature.DEFERRABLE_CONSTRAINTS)) {
                s.append(' ').append(c.deferrable().sql());
            }
        }
        return List.of(s.toString());
    }

    @Override
    public List<String> dropConstraint(ModelDefinition model, String name, String type) {
        return List.of("ALTER TABLE " + table(model) + " DROP CONSTRAINT " + quote(name));
    }

    @Override
    public List<String> createEnum(String schema, String name, List<String> values) {
        requireEnums();
        List<String> labels = new ArrayList<>();
        for (String v : values) {
            labels.add(literal(v));
        }
        return List.of("CREATE TYPE " + qualified(schema, name) + " AS ENUM (" + String.join(", ", labels) + ")");
    }

    @Override
    public List<String> addEnumValue(String schema, String name, String value, String before, String after) {
        requireEnums();
        return List.of("ALTER TYPE " + qualified(schema, name) + " ADD VALUE IF NOT EXISTS " + literal(value)
                + (before != null ? " BEFORE " + literal(before) : after != null ? " AFTER " + literal(after) : ""));
    }

    @Override
    public List<String> dropEnum(String schema, String name) {
        requireEnums();
        return List.of("DROP TYPE IF EXISTS " + qualified(schema, name));
    }

    @Override
    public Sql enumTypes(String schema) {
        requireEnums();
        SqlWriter w = new SqlWriter(this);
        w.append("SELECT t.typname, e.enumlabel FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ");
        schemaValue(w, schema);
        return w.append(" ORDER BY t.typname, e.enumsortorder").toSql();
    }

    private void requireEnums() {
        require(Feature.ENUM_TYPES, "named enum types", "declare the column as DataTypes.ENUM(...) in createTable "
                + "or addColumn; only PostgreSQL has separate enum types");
    }

    /**
     * A catalog query on one table: {@code select} ends with the comparison the table name is bound to, then
     * {@code AND <schemaColumn> = } the schema (or the current one), then {@code tail}.
     *
     * @param select       the query up to {@code ... = }
     * @param table        the table name, bound
     * @param schemaColumn the column holding the schema
     * @param schema       the schema, or {@code null} for the current one
     * @param tail         what follows (ORDER BY), or empty
     * @return the query
     */
    protected Sql catalogQuery(String select, String table, String schemaColumn, String schema, String tail) {
        SqlWriter w = new SqlWriter(this);
        w.append(select).bind(table, null).append(" AND " + schemaColumn + " = ");
        schemaValue(w, schema);
        return w.append(tail).toSql();
    }

    /**
     * Appends the schema a catalog query filters on: the given one as a bind, else the current one.
     *
     * @param w      the writer
     * @param schema a schema, or {@code null} for the connection's current schema
     */
    protected void schemaValue(SqlWriter w, String schema) {
        if (schema != null) {
            w.bind(schema, null);
        } else {
            w.append(currentSchemaFunction());
        }
    }

    /** @return the SQL expression of the current schema */
    protected String currentSchemaFunction() {
        return "CURRENT_SCHEMA";
    }

    @Override
    public boolean columnMatches(ColumnInfo described, AttributeDefinition attribute) {
        return described.allowNull() == attribute.allowNull()
                && normalizeType(described.type()).equals(normalizeType(columnType(attribute.type(),
                        attribute.type().sqlType(name()))));
    }

    /** @param type a type name as written or described @return a comparable base name */
    protected String normalizeType(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        int paren = t.indexOf('(');
        return (paren >= 0 ? t.substring(0, paren) : t).trim();
    }

    // ---- errors -------------------------------------------------------------------------------------------

    @Override
    public ResequelException translate(Throwable error, String sql) {
        if (error instanceof ResequelException r) {
            return r;
        }
        ConnectionException lost = connectionFailure(error, false);
        if (lost != null) {
            return lost;
        }
        if (error instanceof R2dbcException e) {
            String state = e.getSqlState();
            ResequelException conflict = conflict(e, sql);
            if (conflict != null) {
                return conflict;
            }
            if (isUniqueViolation(e)) {
                return new UniqueConstraintException(e.getMessage(), sql, state, constraintName(e), columns(e), e);
            }
            if (isForeignKeyViolation(e)) {
                return new ForeignKeyConstraintException(e.getMessage(), sql, state, constraintName(e), columns(e), e);
            }
            return new DatabaseException(e.getMessage(), sql, state, e);
        }
        return new DatabaseException(String.valueOf(error.getMessage()), sql, null, error);
    }

    @Override
    public Throwable translateConnect(Throwable error) {
        if (error instanceof ResequelException) {
            return error;
        }
        ConnectionException typed = connectionFailure(error, true);
        if (typed != null) {
            return typed;
        }
        return error instanceof R2dbcException e ? ConnectionErrors.of(ConnectionErrors.Kind.OTHER, e, e.getSqlState())
                : error;
    }

    /**
     * Recognises a connection-level failure: the standard SQLSTATE classes and the network's exceptions (see
     * {@link ConnectionErrors}). Dialects override to add their driver's exceptions and vendor codes.
     *
     * @param error      a failure
     * @param connecting whether it happened while opening the connection (else a statement, BEGIN or COMMIT ran)
     * @return the typed error, or {@code null} when the connection is not the problem
     */
    protected ConnectionException connectionFailure(Throwable error, boolean connecting) {
        ConnectionException typed = ConnectionErrors.socket(error);
        if (typed == null && error instanceof R2dbcException e) {
            typed = ConnectionErrors.standard(e, connecting);
        }
        return typed != null ? typed : ConnectionErrors.io(error, connecting);
    }

    /**
     * Recognises a transaction conflict by SQLSTATE: 40001 serialization failure, 40P01 deadlock, 55P03 lock not
     * available. Dialects override to read their vendor codes.
     *
     * @param e   a driver error
     * @param sql the statement, or {@code null}
     * @return the typed, retryable error, or {@code null} when {@code e} is no conflict
     */
    protected ResequelException conflict(R2dbcException e, String sql) {
        String state = e.getSqlState();
        if ("40001".equals(state)) {
            return new SerializationFailureException(e.getMessage(), sql, state, e.getErrorCode(), e);
        }
        if ("40P01".equals(state)) {
            return new DeadlockException(e.getMessage(), sql, state, e.getErrorCode(), e);
        }
        if ("55P03".equals(state)) {
            return new LockWaitTimeoutException(e.getMessage(), sql, state, e.getErrorCode(), e);
        }
        return null;
    }

    /** @param e a driver error @return whether it is a unique violation (SQLSTATE 23505 by default) */
    protected boolean isUniqueViolation(R2dbcException e) {
        return "23505".equals(e.getSqlState());
    }

    /** @param e a driver error @return whether it is a foreign-key violation (SQLSTATE 23503 by default) */
    protected boolean isForeignKeyViolation(R2dbcException e) {
        return "23503".equals(e.getSqlState())
                || e instanceof R2dbcDataIntegrityViolationException && "23506".equals(e.getSqlState());
    }

    /** @param e a constraint violation @return the constraint name, if the driver says */
    protected String constraintName(R2dbcException e) {
        return null;
    }

    /** @param e a constraint violation @return the columns involved, if the driver says */
    protected List<String> columns(R2dbcException e) {
        return List.of();
    }
}
