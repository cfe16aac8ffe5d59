package io.resequel.schema;

import java.util.List;

/**
 * One index of a table ({@link QueryInterface#showIndex}).
 *
 * @param name    the index name (MySQL names the primary key's {@code PRIMARY})
 * @param fields  its columns in order
 * @param unique  whether it is unique
 * @param primary whether it is the primary key's index
 */
public record IndexDescription(String name, List<String> fields, boolean unique, boolean primary) {

    /** Copies the columns. */
    public IndexDescription {
        fields = List.copyOf(fields);
    }
}
