package io.resequel.assoc;

import io.resequel.exec.Engine;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelOptions;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What an association needs from the database it is declared on.
 *
 * @param engine   runs the mixins' statements and transactions
 * @param junction the junction model of a table name, defined on first use with the given options
 *                 ({@code through: 'UserProjects'})
 */
public record AssociationContext(Engine engine, BiFunction<String, Consumer<ModelOptions>, Model<Instance>> junction) {
}
