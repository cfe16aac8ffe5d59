package io.resequel.plan;

import io.resequel.error.InvalidNameException;
import io.resequel.sql.Fragment;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sequelize's {@code ::type} suffix on a JSON path ({@code "data.nested.attribute::integer"}): the extracted text is
 * cast to that type. Only the cast types Sequelize allows are accepted, so the suffix can never carry SQL.
 */
final class JsonCast {

    /** Sequelize v6's {@code ALLOWED_CAST_TYPES}. */
    static final Set<String> ALLOWED = Set.of("integer", "int", "smallint", "bigint", "float", "real",
            "double precision", "decimal", "numeric", "boolean", "text", "char", "varchar", "nvarchar", "date",
            "timestamp", "timestamptz", "datetime", "json", "jsonb", "signed", "unsigned");

    private JsonCast() {
    }

    /**
     * Takes a {@code ::type} suffix off the path's last key.
     *
     * @param label {@code Model.path} for the error
     * @param path  the keys; the last one loses its suffix
     * @return the cast type in lower case, or {@code null} when there is none
     * @throws InvalidNameException for a type Sequelize does not allow (e.g. {@code text) OR 1=1--})
     */
    static String split(String label, List<String> path) {
        int last = path.size() - 1;
        String key = path.get(last);
        int at = key.indexOf("::");
        if (at < 0) {
            return null;
        }
        String type = key.substring(at + 2).toLowerCase(Locale.ROOT);
        if (!ALLOWED.contains(type)) {
            throw new InvalidNameException("cast type (in " + label + ")", key.substring(at + 2));
        }
        path.set(last, key.substring(0, at));
        return type;
    }

    /** @return {@code CAST(extract AS type)} in the database's spelling of the type */
    static Fragment wrap(Fragment extract, String type) {
        return w -> {
            w.append("CAST(");
            extract.render(w);
            w.append(" AS ").append(w.dialect().castType(type)).append(')');
        };
    }
}
