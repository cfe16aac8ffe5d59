package io.resequel.model;

import io.resequel.query.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Index} resolved against its model: attribute names turned into columns and the default name applied.
 * Immutable; what a dialect renders.
 *
 * @param name         the index name
 * @param columns      the indexed columns, in order
 * @param unique       a unique index
 * @param using        the index method (upper case), or {@code null}
 * @param type         {@code FULLTEXT}, {@code SPATIAL} or {@code null}
 * @param where        the partial-index condition on attribute names, or {@code null}
 * @param concurrently built concurrently
 * @param parser       the full-text parser, or {@code null}
 */
public record IndexDefinition(String name, List<Column> columns, boolean unique, String using, String type,
        Where where, boolean concurrently, String parser) {

    /** Copies the columns. */
    public IndexDefinition {
        columns = List.copyOf(columns);
    }

    /**
     * One indexed column.
     *
     * @param field      the column name
     * @param length     prefix length, or {@code null}
     * @param descending {@code true} DESC, {@code false} ASC, {@code null} the default
     * @param collate    the collation, or {@code null}
     * @param operator   the operator class, or {@code null}
     */
    public record Column(String field, Integer length, Boolean descending, String collate, String operator) {
    }

    /** @return the column names, in order */
    public List<String> fields() {
        List<String> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.field());
        }
        return out;
    }

    /**
     * @param model the model (its attributes resolve the names)
     * @param index the index as declared
     * @return it resolved
     * @throws io.resequel.error.UnknownAttributeException for a field or condition naming no attribute
     */
    static IndexDefinition resolve(ModelDefinition model, Index index) {
        List<Column> columns = new ArrayList<>();
        for (IndexField f : index.fields()) {
            AttributeDefinition a = attributeOrColumn(model, f.attribute());
            columns.add(new Column(a.field(), f.length(), f.descending(), f.collate(),
                    f.operator() != null ? f.operator() : index.operator()));
        }
        if (index.where() != null) {
            checkNames(model, index.where());
        }
        String name = index.name();
        if (name == null) {
            StringBuilder s = new StringBuilder(model.tableName());
            for (Column c : columns) {
                s.append('_').append(c.field());
            }
            name = underscore(s.toString());
        }
        return new IndexDefinition(name, columns, index.isUnique(), index.using(), index.type(), index.where(),
                index.isConcurrently(), index.parser());
    }

    /**
     * An index field names an attribute or, as Sequelize's {@code indexes: [{fields: ['mail']}]} does, the column of
     * one (an attribute with {@code field("mail")}); the attribute wins when both match.
     */
    private static AttributeDefinition attributeOrColumn(ModelDefinition model, String name) {
        if (!model.hasAttribute(name)) {
            for (AttributeDefinition a : model.attributes()) {
                if (a.field().equals(name)) {
                    return a;
                }
            }
        }
        return model.attribute(name);
    }

    /** Fails at definition, as the fields do, when the condition names an attribute the model lacks. */
    private static void checkNames(ModelDefinition model, Where where) {
        if (where instanceof Where.Condition c) {
            String n = c.attribute();
            int dot = n.indexOf('.');
            model.attribute(dot > 0 && !model.hasAttribute(n) ? n.substring(0, dot) : n);
        } else if (where instanceof Where.And a) {
            a.items().forEach(w -> checkNames(model, w));
        } else if (where instanceof Where.Or o) {
            o.items().forEach(w -> checkNames(model, w));
        } else if (where instanceof Where.Not n) {
            checkNames(model, n.item());
        }
    }

    /**
     * Sequelize's {@code Utils.underscore} (inflection 1.x): an underscore before every capital, the leading one
     * dropped, then lower case; {@code Users_authorId} becomes {@code users_author_id}.
     */
    static String underscore(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(c);
        }
        return out.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
