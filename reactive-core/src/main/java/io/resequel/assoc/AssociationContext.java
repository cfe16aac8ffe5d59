package io.resequel.assoc;

import io.resequel.exec.Engine;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import java.util.function.BiFunction;

/**
 * What an association needs from the database it is declared on.
 *
 * @param engine   runs the mixins' statements and transactions
 * @param junction the junction model of a table name and whether it is paranoid, defined on first use
 *                 ({@code through: 'UserProjects'})
 */
public record AssociationContext(Engine engine, BiFunction<String, Boolean, Model<Instance>> junction) {
}
