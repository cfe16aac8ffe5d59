package io.resequel.model;

import io.r2dbc.spi.Row;
import io.resequel.plan.SelectPlan;
import io.resequel.sql.Dialect;
import java.util.List;
import java.util.function.Function;

/** Reads rows into instances by column index, in the select list's order. */
final class InstanceReader<T extends Instance> implements Function<Row, T> {

    private final Model<T> model;
    private final Dialect dialect;
    private final AttributeDefinition[] columns;
    private final SelectPlan.Extra[] extras;

    InstanceReader(Model<T> model, Dialect dialect, List<AttributeDefinition> columns) {
        this(model, dialect, columns, List.of());
    }

    InstanceReader(Model<T> model, Dialect dialect, SelectPlan plan) {
        this(model, dialect, plan.columns(), plan.extras());
    }

    private InstanceReader(Model<T> model, Dialect dialect, List<AttributeDefinition> columns,
            List<SelectPlan.Extra> extras) {
        this.model = model;
        this.dialect = dialect;
        this.columns = columns.toArray(new AttributeDefinition[0]);
        this.extras = extras.toArray(new SelectPlan.Extra[0]);
    }

    @Override
    public T apply(Row row) {
        T instance = model.newInstance();
        for (int i = 0; i < columns.length; i++) {
            instance.putLoaded(columns[i].name(), dialect.readValue(row, i, columns[i].type()));
        }
        for (int i = 0; i < extras.length; i++) {
            instance.putExtra(extras[i].alias(), dialect.readValue(row, columns.length + i, extras[i].type()));
        }
        instance.markSaved();
        return instance;
    }
}
