package io.resequel.plan;

import io.resequel.error.EagerLoadingException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.sql.SqlWriter;
import io.resequel.error.Suggestions;
import java.util.ArrayList;
import java.util.List;
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
    private final Scope root;

    private Scope(ModelDefinition model, String alias, Map<String, Scope> paths, Scope root) {
        this.model = model;
        this.alias = alias;
        this.paths = paths;
        this.root = root;
    }

    /** @param model a model @return its columns written bare */
    static Scope of(ModelDefinition model) {
        return new Scope(model, null, Map.of(), null);
    }

    /**
     * @param model the model
     * @param alias its table alias
     * @param paths include paths ({@code tasks}, {@code tasks.comments}) → their scopes
     * @return the columns written qualified
     */
    static Scope qualified(ModelDefinition model, String alias, Map<String, Scope> paths) {
        return new Scope(model, alias, paths, null);
    }

    /**
     * @param model the included model
     * @param alias its table alias
     * @param paths include paths → their scopes
     * @param root  the query's root, which {@code Root.attribute} names from inside an include
     * @return the columns written qualified
     */
    static Scope included(ModelDefinition model, String alias, Map<String, Scope> paths, Scope root) {
        return new Scope(model, alias, paths, root);
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
            throw noInclude("'$" + path + ".…$'", path, List.of());
        }
        return s;
    }

    private EagerLoadingException noInclude(String reference, String prefix, List<String> alsoKnown) {
        List<String> known = new ArrayList<>(paths.keySet());
        known.addAll(alsoKnown);
        String suggestion = Suggestions.closest(prefix, known);
        return new EagerLoadingException("RSQ-812 " + model.name() + ": " + reference + " names no include of "
                + "this query" + (alsoKnown.isEmpty() ? "" : " nor its model")
                + (paths.isEmpty() ? " (it has no include)" : "; its includes are " + paths.keySet())
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                + (alias == null || !paths.isEmpty() ? "" : ". With a limit and a to-many include the root is "
                + "selected in a sub-query: use subQuery(false) to filter or sort on included columns"));
    }

    /**
     * Resolves a column reference ({@code Expr.col}, {@code Where.col}, a group name) against the model and the
     * query's includes, so that nothing unresolved is spliced into the SQL: an attribute of this model;
     * {@code $path.attribute$}; {@code path.attribute} with an include path of any depth ({@code tasks.comments.body},
     * the same as {@code $tasks.comments.body$}) or an include's table alias ({@code tasks->comments.body}); or
     * {@code Model.attribute} with this model's (or the root's) name, table alias or table name.
     *
     * @param name the reference
     * @return the scope and attribute it names
     * @throws EagerLoadingException when the part before the last dot is no include or model of the query
     * @throws io.resequel.error.UnknownAttributeException when the attribute is not one of that model's
     */
    Resolved reference(String name) {
        if (isNested(name)) {
            return nested(name);
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || model.hasAttribute(name)) {
            return new Resolved(this, attribute(name));
        }
        String prefix = name.substring(0, dot);
        Scope s = paths.get(prefix);
        if (s == null) {
            s = paths.values().stream().filter(p -> prefix.equals(p.alias)).findFirst().orElse(null);
        }
        if (s == null && names(prefix)) {
            s = this;
        }
        if (s == null && root != null && root.names(prefix)) {
            s = root;
        }
        if (s == null) {
            throw noInclude("'" + name + "'", prefix, List.of(root != null ? root.model.name() : model.name()));
        }
        return new Resolved(s, s.attribute(name.substring(dot + 1)));
    }

    /** Whether {@code prefix} names this scope's table: the model's name, its alias in the query or its table. */
    private boolean names(String prefix) {
        return prefix.equals(model.name()) || prefix.equals(alias) || prefix.equals(model.tableName());
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
        String prefix = inner.substring(0, dot);
        Scope s;
        if (!paths.containsKey(prefix) && names(prefix)) {
            s = this;
        } else if (!paths.containsKey(prefix) && root != null && root.names(prefix)) {
            // An include's on/where naming the root as Sequelize's '$User.id$' does.
            s = root;
        } else {
            s = path(prefix);
        }
        return new Resolved(s, s.attribute(inner.substring(dot + 1)));
    }
}
