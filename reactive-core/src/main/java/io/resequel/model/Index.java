package io.resequel.model;

import io.resequel.query.Where;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model index (an entry of Sequelize's {@code indexes} option), created by {@code sync} after the table. Immutable;
 * each option returns a new index.
 *
 * <pre>{@code
 * o.index(Index.on("author", "status").name("public_by_author").where(Where.eq("status", "public")))
 * o.index(Index.on(IndexField.of("title").length(10).desc()).unique(true))
 * }</pre>
 *
 * <p>Attribute names are resolved to columns when the model is defined (an unknown one fails with
 * {@link io.resequel.error.UnknownAttributeException}). Options a database lacks (a partial {@code where} on MySQL,
 * {@code FULLTEXT} on PostgreSQL, ...) fail the {@code sync} with {@link io.resequel.error.UnsupportedFeatureException}
 * naming the option and the dialect, before any DDL runs.
 */
public final class Index {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final List<IndexField> fields;
    private final String name;
    private final boolean unique;
    private final String using;
    private final String type;
    private final Where where;
    private final boolean concurrently;
    private final String parser;
    private final String operator;

    private Index(List<IndexField> fields, String name, boolean unique, String using, String type, Where where,
            boolean concurrently, String parser, String operator) {
        this.fields = fields;
        this.name = name;
        this.unique = unique;
        this.using = using;
        this.type = type;
        this.where = where;
        this.concurrently = concurrently;
        this.parser = parser;
        this.operator = operator;
    }

    /**
     * @param attributes attribute names, in index order
     * @return an index on them
     * @throws IllegalArgumentException when empty
     */
    public static Index on(String... attributes) {
        List<IndexField> list = new ArrayList<>();
        for (String a : Objects.requireNonNull(attributes, "attributes")) {
            list.add(IndexField.of(a));
        }
        return on(list);
    }

    /**
     * @param fields fields with per-column options, in index order
     * @return an index on them
     * @throws IllegalArgumentException when empty
     */
    public static Index on(IndexField... fields) {
        return on(Arrays.asList(Objects.requireNonNull(fields, "fields")));
    }

    /**
     * @param fields fields with per-column options, in index order
     * @return an index on them
     * @throws IllegalArgumentException when empty
     */
    public static Index on(List<IndexField> fields) {
        List<IndexField> copy = List.copyOf(Objects.requireNonNull(fields, "fields"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("RSQ-205 an index needs at least one field");
        }
        return new Index(copy, null, false, null, null, null, false, null, null);
    }

    /** @param name the index name (default {@code <table>_<column1>_<column2>}, underscored) @return a new index */
    public Index name(String name) {
        return new Index(fields, Objects.requireNonNull(name, "name"), unique, using, type, where, concurrently, parser,
                operator);
    }

    /** @param unique a unique index @return a new index */
    public Index unique(boolean unique) {
        return new Index(fields, name, unique, using, type, where, concurrently, parser, operator);
    }

    /**
     * @param method the index method: {@code BTREE}, {@code HASH} (PostgreSQL, MySQL), {@code GIN}, {@code GIST},
     *               {@code SPGIST}, {@code BRIN} (PostgreSQL)
     * @return a new index
     * @throws IllegalArgumentException when not a plain word
     */
    public Index using(String method) {
        return new Index(fields, name, unique, word("using", method, false).toUpperCase(Locale.ROOT), type, where,
                concurrently, parser, operator);
    }

    /**
     * @param type {@code UNIQUE} (the same as {@code unique(true)}), or the MySQL index kinds {@code FULLTEXT} and
     *             {@code SPATIAL}
     * @return a new index
     * @throws IllegalArgumentException for another type
     */
    public Index type(String type) {
        String t = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
        if (t.equals("UNIQUE")) {
            return new Index(fields, name, true, using, null, where, concurrently, parser, operator);
        }
        if (!t.equals("FULLTEXT") && !t.equals("SPATIAL")) {
            throw new IllegalArgumentException("RSQ-205 index type must be UNIQUE, FULLTEXT or SPATIAL, got '" + type
                    + "'");
        }
        return new Index(fields, name, unique, using, t, where, concurrently, parser, operator);
    }

    /**
     * @param where the rows to index (a partial index, PostgreSQL); its values are written into the DDL as escaped
     *              literals, since DDL takes no bind parameters
     * @return a new index
     */
    public Index where(Where where) {
        return new Index(fields, name, unique, using, type, Objects.requireNonNull(where, "where"), concurrently,
                parser, operator);
    }

    /** @param concurrently {@code CREATE INDEX CONCURRENTLY} (PostgreSQL; not inside a transaction) @return a new index */
    public Index concurrently(boolean concurrently) {
        return new Index(fields, name, unique, using, type, where, concurrently, parser, operator);
    }

    /**
     * @param parser the full-text parser of a {@code FULLTEXT} index ({@code WITH PARSER ngram}, MySQL)
     * @return a new index
     * @throws IllegalArgumentException when not a plain word
     */
    public Index parser(String parser) {
        return new Index(fields, name, unique, using, type, where, concurrently, word("parser", parser, false),
                operator);
    }

    /**
     * @param operatorClass the PostgreSQL operator class of every field that names none itself
     * @return a new index
     */
    public Index operator(String operatorClass) {
        return new Index(fields, name, unique, using, type, where, concurrently, parser,
                word("operator", operatorClass, true));
    }

    /** @return the fields, in index order */
    public List<IndexField> fields() { return fields; }

    /** @return the name given, or {@code null} for the default */
    public String name() { return name; }

    /** @return whether the index is unique */
    public boolean isUnique() { return unique; }

    /** @return the index method (upper case), or {@code null} */
    public String using() { return using; }

    /** @return {@code FULLTEXT}, {@code SPATIAL} or {@code null} */
    public String type() { return type; }

    /** @return the partial-index condition, or {@code null} */
    public Where where() { return where; }

    /** @return whether the index is built concurrently */
    public boolean isConcurrently() { return concurrently; }

    /** @return the full-text parser, or {@code null} */
    public String parser() { return parser; }

    /** @return the index-wide operator class, or {@code null} */
    public String operator() { return operator; }

    /** Options rendered as SQL keywords must be plain names: they cannot be quoted or bound. */
    static String word(String option, String value, boolean qualified) {
        Objects.requireNonNull(value, option);
        if (!(qualified ? QUALIFIED : WORD).matcher(value).matches()) {
            throw new IllegalArgumentException("RSQ-205 index option " + option + " must be a plain name, got '"
                    + value + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Index" + fields + (name != null ? " " + name : "");
    }
}
