package io.resequel.query;

import java.util.Objects;

/**
 * One extra select-list entry: an attribute under another name, or a computed expression, read back with
 * {@code instance.get(alias)}.
 *
 * @param target an attribute name ({@code String}) or an {@link Expr}
 * @param alias  the name it is read under
 */
public record Selection(Object target, String alias) {
    /** Checks the arguments. */
    public Selection {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(alias, "alias");
        if (!(target instanceof String) && !(target instanceof Expr)) {
            throw new IllegalArgumentException("a selection is an attribute name or an Expr, got " + target);
        }
    }
}
