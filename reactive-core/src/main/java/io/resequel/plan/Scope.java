package io.resequel.plan;

import io.resequel.error.EagerLoadingException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.sql.SqlWriter;
import java.util.Map;

/**
 * The model a condition or expression is rendered against, and how its columns are written: bare ({@code "age"}) in
 * a single-table statement, qualified by the table alias ({@code "User"."age"}) in a join, where
 * {@code $tasks.title$} names a column of an included table.
 */
final class Scope {

    private final ModelDefinition model;
    private final String alias;
    private final Map<String, Scope> paths;

    private Scope(ModelDefinition model, String alias, Map<String, Scope> paths) {
        this.model = model;
        this.alias = alias;
        this.paths = paths;
    }

    /** @param model a model @return its columns written bare */
    static Scope of(ModelDefinition model) {
        return new Scope(model, null, Map.of());
    }

    /**
     * @param model the model
     * @param alias its table alias
     * @param paths include paths ({@code tasks}, {@code tasks.comments}) → their scopes
     * @return the columns written qualified
     */
    static Scope qualified(ModelDefinition model, String alias, Map<String, Scope> paths) {
        return new Scope(model, alias, paths);
    }

    ModelDefinition definition() { return model; }

    String alias() { return alias; }

    String name() { return model.name(); }

    boolean hasAttribute(String name) { return model.hasAttribute(name); }

    AttributeDefinition attribute(String name) { return model.attribute(name); }

    String fieldOf(String name) { return model.fieldOf(name); }

    /** @param w the writer @param field a column of this model, written qualified when joined */
    void column(SqlWriter w, String field) {
        if (alias != null) {
            w.id(alias).append('.');
        }
        w.id(field);
    }

    /** @param name {@code $path.attribute$} or a plain name @return whether it names an included column */
    static boolean isNested(String name) {
        return name.length() > 2 && name.charAt(0) == '$' && name.charAt(name.length() - 1) == '$';
    }

    /**
     * @param path an include path with dots ({@code tasks.comments})
     * @return the included model's scope
     * @throws EagerLoadingException when the query has no such include
     */
    Scope path(String path) {
        Scope s = paths.get(path);
        if (s == null) {
            throw new EagerLoadingException("RSQ-812 " + model.name() + ": '$" + path + ".…$' names no include of "
                    + "this query" + (paths.isEmpty() ? " (it has none)" : "; its includes are " + paths.keySet())
                    + (alias == null ? "" : ". With a limit and a to-many include the root is selected in a "
                    + "sub-query: use subQuery(false) to filter on included columns"));
        }
        return s;
    }

    /** A resolved column name: the scope it belongs to and the attribute. */
    record Resolved(Scope scope, AttributeDefinition attribute) {
    }

    /** @param name {@code $path.attribute$} @return the scope and attribute it names */
    Resolved nested(String name) {
        String inner = name.substring(1, name.length() - 1);
        int dot = inner.lastIndexOf('.');
        if (dot <= 0) {
            return new Resolved(this, attribute(inner));
        }
        Scope s = path(inner.substring(0, dot));
        return new Resolved(s, s.attribute(inner.substring(dot + 1)));
    }
}
