package io.resequel.schema;

import io.resequel.model.DataType;
import io.resequel.model.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back a described column type as a {@link DataType}, so values written or compared through the query
 * interface are coerced and bound as the column stores them, as a model's would be.
 */
final class CatalogTypes {

    private static final Pattern ARGS = Pattern.compile("\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)");

    private CatalogTypes() {
    }

    /** @param described a type from the catalog @return the closest data type; TEXT when none fits */
    static DataType of(String described) {
        String t = described.toLowerCase(Locale.ROOT).trim();
        if (t.endsWith("[]")) {
            return DataTypes.ARRAY(of(described.trim().substring(0, described.trim().length() - 2)));
        }
        if (t.startsWith("enum(")) {
            return DataTypes.ENUM(enumValues(described).toArray(String[]::new));
        }
        Matcher m = ARGS.matcher(t);
        Integer first = m.find() ? Integer.valueOf(m.group(1)) : null;
        Integer second = first != null && m.group(2) != null ? Integer.valueOf(m.group(2)) : null;
        String base = t.replaceAll("\\(.*?\\)", "").replace(" unsigned", "").trim();
        if (base.equals("boolean") || base.equals("bool") || t.startsWith("tinyint(1)")) {
            return DataTypes.BOOLEAN;
        }
        return switch (base) {
            case "bigint", "int8" -> DataTypes.BIGINT;
            case "smallint", "tinyint", "int2" -> DataTypes.SMALLINT;
            case "integer", "int", "int4", "mediumint" -> DataTypes.INTEGER;
            case "character varying", "varchar" -> first == null ? DataTypes.TEXT : DataTypes.STRING(first);
            case "character", "char" -> DataTypes.CHAR(first == null ? 1 : first);
            case "numeric", "decimal" -> first == null ? DataTypes.DECIMAL
                    : DataTypes.DECIMAL(first, second == null ? 0 : second);
            case "decfloat" -> DataTypes.DECIMAL;
            case "double", "double precision", "float8" -> DataTypes.DOUBLE;
            case "real", "float", "float4" -> DataTypes.FLOAT;
            case "date" -> DataTypes.DATEONLY;
            case "datetime", "timestamp", "timestamp with time zone", "timestamp without time zone" -> DataTypes.DATE;
            case "time", "time without time zone", "time with time zone" -> DataTypes.TIME;
            case "uuid" -> DataTypes.UUID;
            case "json", "jsonb" -> DataTypes.JSON;
            case "bytea", "blob", "longblob", "mediumblob", "tinyblob", "binary varying", "varbinary", "binary" ->
                    DataTypes.BLOB;
            default -> DataTypes.TEXT;
        };
    }

    /** @param described {@code enum('a', 'b')} in any case @return the labels, quotes undone */
    static List<String> enumValues(String described) {
        List<String> out = new ArrayList<>();
        int i = described.indexOf('(') + 1;
        while (i > 0 && i < described.length()) {
            int start = described.indexOf('\'', i);
            if (start < 0) {
                break;
            }
            StringBuilder label = new StringBuilder();
            int j = start + 1;
            while (j < described.length()) {
                char c = described.charAt(j);
                if (c == '\'' && j + 1 < described.length() && described.charAt(j + 1) == '\'') {
                    label.append('\'');
                    j += 2;
                } else if (c == '\'') {
                    break;
                } else {
                    label.append(c);
                    j++;
                }
            }
            out.add(label.toString());
            i = j + 1;
        }
        return out;
    }
}
