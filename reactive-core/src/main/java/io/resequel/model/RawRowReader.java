package io.resequel.model;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Row;
import io.resequel.sql.Dialect;
import java.util.List;
import java.util.function.Function;

/** Reads a row of hand-written SQL into a saved instance: columns matched to attributes by field, then by name. */
final class RawRowReader<T extends Instance> implements Function<Row, T> {

    private final Model<T> model;
    private final Dialect dialect;

    RawRowReader(Model<T> model, Dialect dialect) {
        this.model = model;
        this.dialect = dialect;
    }

    @Override
    public T apply(Row row) {
        T instance = model.newInstance();
        List<? extends ColumnMetadata> columns = row.getMetadata().getColumnMetadatas();
        ModelDefinition d = model.definition();
        for (int i = 0; i < columns.size(); i++) {
            String label = columns.get(i).getName();
            AttributeDefinition a = d.byField(label);
            if (a == null && d.hasAttribute(label)) {
                a = d.attribute(label);
            }
            if (a != null) {
                instance.putLoaded(a.name(), dialect.readValue(row, i, a.type()));
            } else {
                instance.putExtra(label, dialect.readValue(row, i, null));
            }
        }
        instance.markSaved();
        return instance;
    }
}
