package io.resequel.dialect.postgres;

import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Row;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.DefaultValue;
import io.resequel.model.IndexDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.model.Range;
import io.resequel.error.ConnectionException;
import io.resequel.sql.ColumnInfo;
import io.resequel.sql.ConnectionErrors;
import io.resequel.query.Op;
import io.resequel.sql.Feature;
import io.resequel.sql.Fragment;
import io.resequel.sql.Json;
import io.resequel.sql.Sql;
import io.resequel.sql.SqlWriter;
import io.resequel.sql.StandardDialect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL (10 and later) over r2dbc-postgresql: {@code $n} placeholders, {@code RETURNING}, transactional DDL,
 * {@code SERIAL} keys, per-column enum types named {@code enum_<table>_<column>} as Sequelize names them, JSON and
 * BYTEA codecs, a {@code pg_catalog} based {@code describeTable}, and constraint names and columns taken from the
 * server's error fields.
 */
public final class PostgresDialect extends StandardDialect {

    private final PostgresContainment containment = new PostgresContainment(this);

    /** Creates the dialect; {@link java.util.ServiceLoader} calls this. */
    public PostgresDialect() {
        super(EnumSet.of(Feature.RETURNING, Feature.MULTI_ROW_GENERATED_KEYS, Feature.COMMENTS,
                Feature.TRANSACTIONAL_DDL, Feature.LOCK_SHARE, Feature.LOCK_KEY_LEVELS, Feature.LOCK_OF,
                Feature.LOCK_SKIP_LOCKED, Feature.LOCK_NOWAIT, Feature.DEFERRABLE_CONSTRAINTS,
                Feature.INDEX_IF_NOT_EXISTS, Feature.INDEX_COLLATE, Feature.INDEX_OPERATOR, Feature.INDEX_WHERE, Feature.UPSERT_CONFLICT_WHERE,
                Feature.INDEX_CONCURRENTLY, Feature.ENUM_TYPES));
    }

    @Override
    public String generatedColumn(String column) {
        // r2dbc-postgresql appends the names to RETURNING unquoted, which would fold userId to userid.
        return quote(column);
    }

    @Override
    public String name() {
        return "postgres";
    }

    /**
     * PostgreSQL's documented ranges, as they survive the driver: {@code timestamp with time zone} from 4713-01-01 BC
     * (ISO year -4712) to 294276-12-31 23:59:59.999999, {@code date} from the same day to 5874897-12-31. Measured
     * through r2dbc-postgresql, anything from 4713 BC's last weeks backwards is stored as {@code -infinity} without
     * an error, which is why the core must refuse it. {@code real} and {@code double precision} keep NaN and both
     * infinities.
     */
    private static final io.resequel.model.ValueLimits LIMITS = new io.resequel.model.ValueLimits(
            Instant.parse("-4712-01-01T00:00:00Z"), Instant.parse("+294276-12-31T23:59:59.999999Z"),
            java.time.LocalDate.parse("-4712-01-01"), java.time.LocalDate.parse("+5874897-12-31"), true,
            "PostgreSQL");

    @Override
    public io.resequel.model.ValueLimits valueLimits() {
        return LIMITS;
    }

    /**
     * PostgreSQL's cancel request ({@code PostgresqlConnection.cancelRequest()}): a second socket carries the
     * backend's key, and the statement ends with SQLSTATE 57014. Measured on the same host: the request takes a few
     * ms, the statement ends within about 25 ms of it, and a request reaching an idle backend is ignored. Chosen over
     * {@code SET LOCAL statement_timeout} (as precise, 318 ms for 300 ms) because it needs no extra statements and
     * works outside transactions and on a plain cancel alike.
     *
     * @return the cancel request for PostgreSQL connections
     */
    @Override
    public io.resequel.tx.StatementCanceller canceller(io.r2dbc.spi.ConnectionFactory factory) {
        return connection -> connection instanceof io.r2dbc.postgresql.api.PostgresqlConnection pg
                ? pg.cancelRequest().thenReturn(true)
                : reactor.core.publisher.Mono.just(false);
    }

    /**
     * r2dbc-postgresql names and caches every parameterised statement it prepares ({@code S_0}, {@code S_1}, ... per
     * connection) and only binds it the next time. Behind a transaction-mode pooler the next time may land on another
     * server session ({@code prepared statement "S_0" does not exist}), or another client's {@code S_0} may already
     * be there ({@code ... already exists}). With the cache size 0 the driver parses each statement unnamed in the
     * same round trip as its execution, which a pooler keeps on one session.
     */
    @Override
    public io.r2dbc.spi.ConnectionFactoryOptions poolerSafe(io.r2dbc.spi.ConnectionFactoryOptions options) {
        return options.mutate().option(io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider
                .PREPARED_STATEMENT_CACHE_QUERIES, 0).build();
    }

    @Override
    public boolean accepts(ConnectionFactoryMetadata metadata) {
        return metadata.getName() != null && metadata.getName().contains("PostgreSQL");
    }

    // ---- values -------------------------------------------------------------------------------------------

    @Override
    public Object toDriver(DataType type, Object value) {
        if (type == null) {
            return value instanceof Enum<?> e ? e.name() : value;
        }
        return switch (type.kind()) {
            // A String would go out as VARCHAR and PostgreSQL refuses varchar into json ("expression is of type
            // character varying"); the driver's Json holder is sent with the JSON OID.
            // JSONB as text with OID 0: the server reads it as jsonb (a json parameter has no = or @> with jsonb).
            case JSON -> type.isBinary() ? Parameters.in(PostgresqlObjectId.UNSPECIFIED, Json.write(value))
                    : io.r2dbc.postgresql.codec.Json.of(Json.write(value));
            // Types without a driver codec go as text with OID 0, typed by the column (or the other operand).
            case CITEXT, TSVECTOR, INET, CIDR, MACADDR -> Parameters.in(PostgresqlObjectId.UNSPECIFIED,
                    value.toString());
            case HSTORE -> Parameters.in(PostgresqlObjectId.UNSPECIFIED,
                    HstoreText.format((java.util.Map<?, ?>) value));
            // The driver binds String as VARCHAR, and there is no implicit or assignment cast from varchar to an
            // enum type, so a plain String fails (42804) in INSERT, UPDATE and WHERE alike. Sent with OID 0
            // (unspecified) the server infers the enum type from the context, as it does for a quoted literal.
            case ENUM -> Parameters.in(PostgresqlObjectId.UNSPECIFIED, value instanceof Enum<?> e ? e.name()
                    : value.toString());
            case BLOB -> value instanceof byte[] b ? ByteBuffer.wrap(b)
                    : value instanceof String s ? ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)) : value;
            case DATE -> timestamp(value);
            // An enum array goes as array text with OID 0, typed by the column as the enum's array type.
            case ARRAY -> type.element().kind() == DataType.Kind.ENUM
                    ? Parameters.in(PostgresqlObjectId.UNSPECIFIED, PgArrays.text((java.util.Collection<?>) value))
                    : PgArrays.toDriver(type.element(), value);
            // Sent as text with OID 0: the server reads it as the column's (or the CAST's) range type.
            case RANGE -> Parameters.in(PostgresqlObjectId.UNSPECIFIED, RangeText.format((Range<?>) value));
            default -> value;
        };
    }

    private static Object timestamp(Object value) {
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        if (value instanceof LocalDateTime l) {
            // The portable rule: a zone-less date-time is taken as UTC, the default timezone option.
            return l.atOffset(ZoneOffset.UTC);
        }
        return value;
    }

    @Override
    public Class<?> nullType(DataType type) {
        if (type == null) {
            // Object encodes NULL with OID 0, so the server types it from the context; a VARCHAR NULL would be
            // refused by integer, json, enum... columns.
            return Object.class;
        }
        return switch (type.kind()) {
            case JSON -> type.isBinary() ? Object.class : io.r2dbc.postgresql.codec.Json.class;
            case CITEXT, TSVECTOR, INET, CIDR, MACADDR, HSTORE -> Object.class;
            // Same reason as for values: a VARCHAR NULL is refused by an enum column, an untyped one is not.
            case ENUM -> Object.class;
            case BLOB -> ByteBuffer.class;
            case DATE -> OffsetDateTime.class;
            case ARRAY -> type.element().kind() == DataType.Kind.ENUM ? Object.class
                    : PgArrays.arrayClass(type.element());
            case RANGE -> Object.class;
            default -> type.javaType();
        };
    }

    @Override
    public Object read(Row row, int index, DataType type) {
        if (type == null) {
            return super.read(row, index, null);
        }
        if (type.kind() == DataType.Kind.JSON) {
            Object raw = row.get(index);
            if (raw == null) {
                return null;
            }
            return Json.read(raw instanceof io.r2dbc.postgresql.codec.Json j ? j.asString() : raw);
        }
        if (type.kind() == DataType.Kind.ARRAY && type.element().kind() == DataType.Kind.ENUM) {
            String text = row.get(index, String.class);
            return text == null ? null : PgArrays.parseText(text);
        }
        if (type.kind() == DataType.Kind.ARRAY) {
            return PgArrays.fromDriver(type.element(), row.get(index, PgArrays.arrayClass(type.element())));
        }
        if (type.kind() == DataType.Kind.RANGE) {
            String text = row.get(index, String.class);
            return text == null ? null : RangeText.parse(text, type.element());
        }
        if (type.kind() == DataType.Kind.HSTORE) {
            String text = row.get(index, String.class);
            return text == null ? null : HstoreText.parse(text);
        }
        return super.read(row, index, type);
    }

    // ---- operators ----------------------------------------------------------------------------------------

    @Override
    public void like(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive,
            boolean escaped) {
        if (!caseInsensitive) {
            super.like(w, left, pattern, negate, false, escaped);
            return;
        }
        left.render(w);
        w.append(negate ? " NOT ILIKE " : " ILIKE ");
        pattern.render(w);
        if (escaped) {
            w.append(" ESCAPE '!'");
        }
    }

    @Override
    public void regexp(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive) {
        left.render(w);
        w.append(' ').append(negate ? "!" : "").append(caseInsensitive ? "~* " : "~ ");
        pattern.render(w);
    }

    @Override
    public void quantified(SqlWriter w, Fragment left, String operator, List<Fragment> values, boolean all) {
        left.render(w);
        w.append(' ').append(operator).append(all ? " ALL (ARRAY[" : " ANY (ARRAY[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            values.get(i).render(w);
        }
        w.append("])");
    }

    @Override
    public void match(SqlWriter w, Fragment left, Fragment query) {
        left.render(w);
        w.append(" @@ ");
        query.render(w);
    }

    @Override
    public void containment(SqlWriter w, Op op, AttributeDefinition attribute, Fragment left, Object value) {
        containment.render(w, op, attribute, left, value);
    }

    @Override
    public void jsonPath(SqlWriter w, Fragment column, List<String> path, boolean numeric) {
        w.append(numeric ? "CAST((" : "(");
        column.render(w);
        w.append(" #>> CAST(ARRAY[");
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            w.bind(path.get(i), null);
        }
        w.append("] AS TEXT[]))");
        if (numeric) {
            w.append(" AS NUMERIC)");
        }
    }

    /** {@code INSERT ... ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c} or {@code ON CONFLICT DO NOTHING}. */
    @Override
    public void conflictInsert(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns,
            List<Object[]> rows, List<AttributeDefinition> conflict, List<AttributeDefinition> update) {
        conflictInsert(w, model, columns, rows, conflict, null, update);
    }

    /**
     * {@code ON CONFLICT (key) WHERE predicate DO UPDATE ...}: the predicate lets PostgreSQL infer a partial unique
     * index. It is written with literals: the arbiter index is chosen when the statement is planned, and a generic
     * plan's parameter cannot prove the index predicate ("no unique or exclusion constraint matching").
     */
    @Override
    public void conflictInsert(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns,
            List<Object[]> rows, List<AttributeDefinition> conflict, Fragment conflictWhere,
            List<AttributeDefinition> update) {
        insertValues(w, model, columns, rows);
        if (update.isEmpty() && conflictWhere == null) {
            w.append(" ON CONFLICT DO NOTHING");
            return;
        }
        w.append(" ON CONFLICT (");
        columnList(w, conflict, "");
        w.append(")");
        if (conflictWhere != null) {
            SqlWriter predicate = SqlWriter.inline(this);
            conflictWhere.render(predicate);
            w.append(" WHERE ").append(predicate.toSql().text());
        }
        if (update.isEmpty()) {
            w.append(" DO NOTHING");
            return;
        }
        w.append(" DO UPDATE SET ");
        for (int i = 0; i < update.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            w.id(update.get(i).field()).append(" = EXCLUDED.").id(update.get(i).field());
        }
    }

    @Override
    public UpsertReport upsertReport() {
        return UpsertReport.RETURNED_FLAG;
    }

    /** A row version without a deleting transaction ({@code xmax = 0}) is one this statement inserted. */
    @Override
    public void upsertInsertedFlag(SqlWriter w) {
        w.append(" RETURNING (xmax = 0)");
    }

    @Override
    public void upsertInsertedFlag(SqlWriter w, List<AttributeDefinition> columns) {
        upsertInsertedFlag(w);
        for (AttributeDefinition c : columns) {
            w.append(", ").id(c.field());
        }
    }

    // ---- DDL ----------------------------------------------------------------------------------------------

    @Override
    public String columnType(DataType type) {
        return switch (type.kind()) {
            // Without precision so the catalog reports the plain names, which columnMatches compares; the
            // default precision is microseconds anyway.
            case DATE -> type.length() == null || type.length() == 6 ? "TIMESTAMP WITH TIME ZONE"
                    : "TIMESTAMP(" + type.length() + ") WITH TIME ZONE";
            case TIME -> "TIME";
            case BLOB -> "BYTEA";
            // CITEXT and HSTORE need their extensions (CREATE EXTENSION citext / hstore), as in Sequelize.
            case CITEXT, TSVECTOR, INET, CIDR, MACADDR, HSTORE -> type.kind().name();
            case JSON -> type.isBinary() ? "JSONB" : "JSON";
            case GEOMETRY, GEOGRAPHY -> throw new io.resequel.error.UnsupportedTypeException(type.toString(),
                    name(), "PostGIS types are not supported yet; store GeoJSON in a JSONB attribute instead");
            // An enum column's type is named after its table; without that context (casts) text is the closest.
            case ENUM -> "TEXT";
            case ARRAY -> columnType(type.element()) + "[]";
            case RANGE -> RangeText.typeName(type.element());
            default -> super.columnType(type);
        };
    }

    @Override
    protected String columnType(ModelDefinition model, AttributeDefinition attribute) {
        if (attribute.type().kind() == DataType.Kind.ENUM) {
            return enumTypeName(model, attribute);
        }
        if (enumOf(attribute.type()) != null) {
            return enumTypeName(model, attribute) + "[]";
        }
        return super.columnType(model, attribute);
    }

    @Override
    protected String autoIncrementType(DataType type) {
        // SERIAL like Sequelize: the column stays a plain integer with a sequence default, which is what
        // describeTable reports and what changeColumn can alter.
        return switch (type.kind()) {
            case BIGINT -> "BIGSERIAL";
            case SMALLINT -> "SMALLSERIAL";
            default -> "SERIAL";
        };
    }

    @Override
    protected String defaultLiteral(DataType type, Object value) {
        return switch (type.kind()) {
            case JSON -> literal(Json.write(value));
            case BLOB -> value instanceof byte[] b ? "'\\x" + HexFormat.of().formatHex(b) + "'"
                    : super.defaultLiteral(type, value);
            default -> super.defaultLiteral(type, value);
        };
    }

    /** @return the schema-qualified, quoted name of the enum type of an ENUM attribute */
    private String enumTypeName(ModelDefinition model, AttributeDefinition attribute) {
        return qualified(model, enumTypeBaseName(model, attribute));
    }

    private static String enumTypeBaseName(ModelDefinition model, AttributeDefinition attribute) {
        return "enum_" + model.tableName() + "_" + attribute.field();
    }

    private String qualified(ModelDefinition model, String name) {
        return (model.schema() != null ? quote(model.schema()) + "." : "") + quote(name);
    }

    private String enumValues(DataType type) {
        List<String> values = new ArrayList<>();
        for (String v : type.values()) {
            values.add(literal(v));
        }
        return "(" + String.join(", ", values) + ")";
    }

    /**
     * PostgreSQL has no CREATE TYPE IF NOT EXISTS; CREATE TABLE IF NOT EXISTS must be repeatable, so the type is
     * created in a DO block that ignores an existing one (and a concurrent creator's unique violation).
     */
    private String createEnumIfMissing(ModelDefinition model, AttributeDefinition attribute) {
        String body = "BEGIN CREATE TYPE " + enumTypeName(model, attribute) + " AS ENUM "
                + enumValues(enumOf(attribute.type()))
                + "; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END";
        String tag = "$rsq$";
        for (int n = 0; body.contains(tag); n++) {
            tag = "$rsq" + n + "$";
        }
        return "DO " + tag + " " + body + " " + tag;
    }

    /** @return the ENUM type of an ENUM or ARRAY(ENUM) attribute (whose type is named alike), or {@code null} */
    private static DataType enumOf(DataType type) {
        return type.kind() == DataType.Kind.ENUM ? type
                : type.kind() == DataType.Kind.ARRAY && type.element().kind() == DataType.Kind.ENUM ? type.element()
                : null;
    }

    @Override
    protected List<String> beforeCreateTable(ModelDefinition model) {
        List<String> out = new ArrayList<>();
        for (AttributeDefinition a : model.attributes()) {
            if (enumOf(a.type()) != null) {
                out.add(createEnumIfMissing(model, a));
            }
        }
        return out;
    }

    @Override
    public void truncate(SqlWriter w, ModelDefinition model, boolean cascade, boolean restartIdentity) {
        super.truncate(w, model, cascade, restartIdentity);
        if (cascade) {
            w.append(" CASCADE");
        }
    }

    @Override
    public List<String> dropTable(ModelDefinition model, boolean cascade) {
        List<String> out = new ArrayList<>(super.dropTable(model, cascade));
        for (AttributeDefinition a : model.attributes()) {
            if (enumOf(a.type()) != null) {
                out.add("DROP TYPE IF EXISTS " + enumTypeName(model, a));
            }
        }
        return out;
    }

    @Override
    public List<String> addColumn(ModelDefinition model, AttributeDefinition attribute) {
        List<String> out = new ArrayList<>();
        if (enumOf(attribute.type()) != null) {
            out.add(createEnumIfMissing(model, attribute));
        }
        out.addAll(super.addColumn(model, attribute));
        return out;
    }

    /**
     * One ALTER TABLE drops the old default (it may not cast to the new type), converts the data with an explicit
     * cast, sets nullability and the new default. An ENUM target is built as a fresh type and swapped in under the
     * conventional name, which handles added, removed and reordered values alike (and fails, leaving the table
     * untouched, if a row holds a removed value); enum to enum has no direct cast, so the data goes through text.
     */
    @Override
    public List<String> changeColumn(ModelDefinition model, AttributeDefinition attribute) {
        String col = quote(attribute.field());
        String alter = "ALTER COLUMN " + col;
        List<String> out = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        DataType enumType = enumOf(attribute.type());
        boolean isEnum = enumType != null;
        String finalEnum = enumTypeName(model, attribute);
        String type;
        String using;
        String tmp = null;
        if (isEnum) {
            // The prefix keeps the temporary name distinct from the final one even when PostgreSQL truncates both
            // to 63 bytes.
            tmp = qualified(model, "tmp_" + enumTypeBaseName(model, attribute));
            out.add("DROP TYPE IF EXISTS " + tmp);
            out.add("CREATE TYPE " + tmp + " AS ENUM " + enumValues(enumType));
            // An ARRAY(ENUM) goes through text[] the same way, element by element.
            String suffix = attribute.type().kind() == DataType.Kind.ARRAY ? "[]" : "";
            type = tmp + suffix;
            using = col + "::text" + suffix + "::" + type;
        } else {
            type = columnType(attribute.type());
            using = col + "::" + type;
        }
        if (!attribute.autoIncrement()) {
            // Keeps the sequence default of a SERIAL column; for any other column the default is reset below.
            clauses.add(alter + " DROP DEFAULT");
        }
        clauses.add(alter + " TYPE " + type + " USING " + using);
        clauses.add(alter + (attribute.allowNull() ? " DROP" : " SET") + " NOT NULL");
        DefaultValue d = attribute.defaultValue();
        if (!attribute.autoIncrement() && d != null && d.isConstant() && d.constant() != null) {
            clauses.add(alter + " SET DEFAULT "
                    + defaultLiteral(attribute.type(), attribute.type().toStorage(d.constant())));
        }
        out.add("ALTER TABLE " + table(model) + " " + String.join(", ", clauses));
        // The column no longer uses the conventionally named type (or is about to get a new one): drop it so the
        // enum lifecycle follows the column, as Sequelize's sync does.
        if (!attribute.autoIncrement()) {
            out.add("DROP TYPE IF EXISTS " + finalEnum);
        }
        if (isEnum) {
            out.add("ALTER TYPE " + tmp + " RENAME TO " + quote(enumTypeBaseName(model, attribute)));
        }
        out.addAll(comment(model, attribute));
        return out;
    }

    /**
     * When the enum only gains values (the old ones keep their order), they are added in place with
     * {@code ALTER TYPE ... ADD VALUE}, as Sequelize does: the type keeps its OID, so statements the driver prepared
     * before the alter (their parameters typed with that OID) keep working. Any other change swaps in a new type.
     */
    @Override
    public List<String> changeColumn(ModelDefinition model, AttributeDefinition attribute, ColumnInfo described) {
        DataType enumType = enumOf(attribute.type());
        boolean array = attribute.type().kind() == DataType.Kind.ARRAY;
        String describedType = described.type();
        // An ENUM becoming an ARRAY(ENUM) (or back) is a type change, not added values.
        if (array != describedType.endsWith("[]")) {
            return changeColumn(model, attribute);
        }
        List<String> old = enumType != null
                ? enumLabels(array ? describedType.substring(0, describedType.length() - 2) : describedType) : null;
        List<String> wanted = enumType == null ? List.of() : enumType.values();
        if (old == null || old.isEmpty() || !wanted.containsAll(old)
                || !wanted.stream().filter(old::contains).toList().equals(old)) {
            return changeColumn(model, attribute);
        }
        List<String> out = new ArrayList<>();
        String type = enumTypeName(model, attribute);
        String previous = null;
        for (String v : wanted) {
            if (!old.contains(v)) {
                out.add("ALTER TYPE " + type + " ADD VALUE IF NOT EXISTS " + literal(v)
                        + (previous == null ? " BEFORE " + literal(old.get(0)) : " AFTER " + literal(previous)));
            }
            previous = v;
        }
        if (described.allowNull() != attribute.allowNull()) {
            out.add("ALTER TABLE " + table(model) + " ALTER COLUMN " + quote(attribute.field())
                    + (attribute.allowNull() ? " DROP" : " SET") + " NOT NULL");
        }
        return out;
    }

    /** @return the labels of a type described as {@code enum('a', 'b')}, or {@code null} for another type */
    private static List<String> enumLabels(String described) {
        if (!described.startsWith("enum(") || !described.endsWith(")")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        String body = described.substring(5, described.length() - 1);
        StringBuilder label = null;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (label == null) {
                if (c == '\'') {
                    label = new StringBuilder();
                }
            } else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                label.append('\'');
                i++;
            } else if (c == '\'') {
                out.add(label.toString());
                label = null;
            } else {
                label.append(c);
            }
        }
        return out;
    }

    // ---- indexes ------------------------------------------------------------------------------------------

    private static final Set<String> INDEX_METHODS = Set.of("BTREE", "HASH", "GIST", "GIN", "SPGIST", "BRIN");

    @Override
    protected Set<String> indexMethods() {
        return INDEX_METHODS;
    }

    @Override
    public List<String> dropIndex(ModelDefinition model, IndexDefinition index) {
        return List.of("DROP INDEX " + (index.concurrently() ? "CONCURRENTLY " : "") + "IF EXISTS "
                + qualified(model, index.name()));
    }

    @Override
    public Sql indexNames(String schema, String table) {
        SqlWriter w = new SqlWriter(this);
        w.append("SELECT indexname FROM pg_catalog.pg_indexes WHERE tablename = ").bind(table, null)
                .append(" AND schemaname = ");
        schemaValue(w, schema);
        return w.toSql();
    }

    // ---- catalog ------------------------------------------------------------------------------------------

    /**
     * Reads pg_catalog rather than information_schema: {@code format_type} gives the full type with length,
     * precision and scale ({@code character varying(255)}, {@code numeric(20,6)}), and enum columns are reported
     * as {@code enum('a', 'b')} with their labels in order (an array of an enum as {@code enum('a', 'b')[]}), so
     * {@link #columnMatches} sees a changed value list.
     */
    @Override
    public Sql describeTable(String schema, String table) {
        SqlWriter w = new SqlWriter(this);
        w.append("SELECT a.attname AS column_name, CASE WHEN t.typtype = 'e' THEN 'enum(' || (SELECT string_agg("
                + "'''' || replace(e.enumlabel, '''', '''''') || '''', ', ' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e "
                + "WHERE e.enumtypid = t.oid) || ')' WHEN et.oid IS NOT NULL THEN 'enum(' || (SELECT string_agg("
                + "'''' || replace(e.enumlabel, '''', '''''') || '''', ', ' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e "
                + "WHERE e.enumtypid = et.oid) || ')[]' ELSE format_type(a.atttypid, a.atttypmod) END AS data_type, "
                + "CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable, "
                + "pg_catalog.pg_get_expr(d.adbin, d.adrelid), CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_index i "
                + "WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY(i.indkey)) THEN 'YES' ELSE 'NO' END, "
                + "CASE WHEN a.attidentity <> '' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' "
                + "THEN 'YES' ELSE 'NO' END, pg_catalog.col_description(c.oid, a.attnum) "
                + "FROM pg_catalog.pg_attribute a "
                + "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_catalog.pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem AND et.typtype = 'e' "
                + "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND c.relname = ")
                .bind(table, null).append(" AND n.nspname = ");
        schemaValue(w, schema);
        return w.append(" ORDER BY a.attnum").toSql();
    }

    @Override
    protected String currentSchemaFunction() {
        return "current_schema()";
    }

    /** pg_constraint: the information schema's views hide constraints of tables the user does not own. */
    @Override
    public Sql constraints(String schema, String table) {
        return catalogQuery("SELECT con.conname, CASE con.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE'"
                + " WHEN 'f' THEN 'FOREIGN KEY' WHEN 'c' THEN 'CHECK' ELSE con.contype::text END, a.attname,"
                + " rn.nspname, rc.relname, ra.attname, " + rule("con.confdeltype") + ", " + rule("con.confupdtype")
                + ", CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid) END"
                + ", CASE WHEN con.contype <> 'f' THEN NULL WHEN NOT con.condeferrable THEN 'NOT DEFERRABLE'"
                + " WHEN con.condeferred THEN 'DEFERRABLE INITIALLY DEFERRED' ELSE 'DEFERRABLE INITIALLY IMMEDIATE' END"
                + " FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, pos) ON true"
                + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
                + " LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid"
                + " LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace"
                + " LEFT JOIN pg_catalog.pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[k.pos]"
                + " WHERE c.relname = ", table, "n.nspname", schema, " ORDER BY con.conname, k.pos");
    }

    private static String rule(String column) {
        return "CASE " + column + " WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'"
                + " WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END";
    }

    @Override
    public Sql indexes(String schema, String table) {
        return catalogQuery("SELECT i.relname, a.attname, ix.indisunique, ix.indisprimary FROM pg_catalog.pg_index ix"
                + " JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid JOIN pg_catalog.pg_class c ON c.oid = ix.indrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, pos)"
                + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
                + " WHERE c.relname = ", table, "n.nspname", schema, " ORDER BY i.relname, k.pos");
    }

    /** Sequelize's showAllSchemas leaves out {@code public} too. */
    @Override
    public boolean isSystemSchema(String schema) {
        return super.isSystemSchema(schema) || schema.startsWith("pg_") || schema.equals("public");
    }

    @Override
    public boolean columnMatches(ColumnInfo described, AttributeDefinition attribute) {
        if (described.allowNull() != attribute.allowNull()) {
            return false;
        }
        String actual = canonical(described.type());
        String expected = expectedType(attribute.type());
        // Enum labels are case-sensitive, but a caller may have lower-cased the whole described type; a described
        // type without any upper-case letter can only be compared ignoring case.
        return actual.equals(expected)
                || attribute.type().kind() == DataType.Kind.ENUM && actual.equals(actual.toLowerCase(Locale.ROOT))
                        && actual.equals(expected.toLowerCase(Locale.ROOT));
    }

    /** @return the type as {@link #describeTable} reports it, after {@link #canonical} */
    private String expectedType(DataType type) {
        return switch (type.kind()) {
            case STRING -> "character varying(" + type.length() + ")";
            case CHAR -> "character(" + type.length() + ")";
            case TEXT -> "text";
            case TINYINT, SMALLINT, MEDIUMINT, INTEGER, BIGINT -> columnType(type).toLowerCase(Locale.ROOT);
            case FLOAT, REAL -> "real";
            case CITEXT, TSVECTOR, INET, CIDR, MACADDR, HSTORE -> type.kind().name().toLowerCase(Locale.ROOT);
            case GEOMETRY, GEOGRAPHY -> type.kind().name().toLowerCase(Locale.ROOT);
            case DOUBLE -> "double precision";
            case DECIMAL -> type.length() == null ? "numeric"
                    : "numeric(" + type.length() + "," + (type.scale() == null ? 0 : type.scale()) + ")";
            case BOOLEAN -> "boolean";
            case DATE -> canonical(columnType(type));
            case DATEONLY -> "date";
            case TIME -> "time without time zone";
            case UUID -> "uuid";
            case JSON -> type.isBinary() ? "jsonb" : "json";
            case BLOB -> "bytea";
            case ENUM -> canonical("enum" + enumValues(type));
            case ARRAY -> expectedType(type.element()) + "[]";
            case RANGE -> RangeText.typeName(type.element());
        };
    }

    /**
     * Lower case, no space after commas, and an explicit microsecond precision dropped because it is the default
     * ({@code timestamp(6) with time zone} is {@code timestamp with time zone}). Enum labels keep their case.
     */
    private static String canonical(String type) {
        String t = type.trim();
        if (t.startsWith("enum(")) {
            return t.replace("', '", "','");
        }
        t = t.toLowerCase(Locale.ROOT).replace(", ", ",");
        if (t.startsWith("timestamp(6)") || t.startsWith("time(6)")) {
            t = t.replace("(6)", "");
        }
        return t;
    }

    // ---- errors -------------------------------------------------------------------------------------------

    /**
     * Adds PostgreSQL's own: 57P01 admin shutdown (also {@code pg_terminate_backend}) and 57P02 crash shutdown end
     * the session; 57P03 cannot connect now (starting up, shutting down, recovering) refuses a new one. The driver's
     * exception for a statement sent on a closed connection carries no SQLSTATE, so it is known by its class name
     * (the class is package-private).
     */
    @Override
    protected ConnectionException connectionFailure(Throwable error, boolean connecting) {
        if (error instanceof R2dbcException e) {
            String state = e.getSqlState();
            if ("57P01".equals(state) || "57P02".equals(state)) {
                return ConnectionErrors.of(connecting ? ConnectionErrors.Kind.OTHER : ConnectionErrors.Kind.LOST, e,
                        state);
            }
            if ("57P03".equals(state)) {
                return ConnectionErrors.of(connecting ? ConnectionErrors.Kind.REFUSED : ConnectionErrors.Kind.LOST, e,
                        state);
            }
            if (!connecting && e.getClass().getName().endsWith("$PostgresConnectionClosedException")) {
                return ConnectionErrors.of(ConnectionErrors.Kind.LOST, e, state);
            }
        }
        return super.connectionFailure(error, connecting);
    }

    @Override
    protected String constraintName(R2dbcException e) {
        return details(e) == null ? null : details(e).getConstraintName().orElse(null);
    }

    /**
     * PostgreSQL sends no structured column list, only the detail text ({@code Key (email)=(x) already exists.},
     * {@code Key ("userId")=(9) is not present in table "users".}), so the columns are parsed from it.
     */
    @Override
    protected List<String> columns(R2dbcException e) {
        ErrorDetails d = details(e);
        if (d != null && d.getDetail().isPresent()) {
            return keyColumns(d.getDetail().get());
        }
        if (d != null && d.getColumnName().isPresent()) {
            return List.of(d.getColumnName().get());
        }
        return List.of();
    }

    private static ErrorDetails details(R2dbcException e) {
        return e instanceof PostgresqlException p ? p.getErrorDetails() : null;
    }

    /**
     * @param detail an error detail such as {@code Key (a, "B c")=(1, 2) already exists.}
     * @return the column names inside {@code Key (...)}, unquoted; empty if the detail has another shape
     */
    static List<String> keyColumns(String detail) {
        int start = detail.indexOf("Key (");
        if (start < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = start + 5; i < detail.length(); i++) {
            char c = detail.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < detail.length() && detail.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
                current.append(c);
            } else if (c == ')' && depth > 0) {
                depth--;
                current.append(c);
            } else if (c == ')' || c == ',' && depth == 0) {
                out.add(current.toString().trim());
                current.setLength(0);
                if (c == ')') {
                    return List.copyOf(out);
                }
            } else {
                current.append(c);
            }
        }
        return List.of();
    }
}
