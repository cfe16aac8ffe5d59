package io.resequel.model;

import java.util.List;
import java.util.Objects;

/**
 * A scope to apply, by name and with the arguments of a function scope (Sequelize's
 * {@code {method: ['minRole', 3]}}): {@code users.scope(Scope.call("active"), Scope.call("minRole", 3))}.
 *
 * @param name the scope name ({@code "defaultScope"} for the default scope)
 * @param args the arguments passed to a function scope; none for a scope applied by name
 */
public record Scope(String name, List<Object> args) {

    /** Checks and copies the arguments ({@code null} elements allowed). */
    public Scope {
        Objects.requireNonNull(name, "name");
        args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(Objects.requireNonNull(args, "args")));
    }

    /**
     * @param name the scope name
     * @param args the arguments of a function scope
     * @return the call
     */
    public static Scope call(String name, Object... args) {
        return new Scope(name, java.util.Arrays.asList(args));
    }
}
