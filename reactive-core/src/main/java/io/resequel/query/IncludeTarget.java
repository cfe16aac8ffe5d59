package io.resequel.query;

/**
 * Something an {@link Include} can name: a model (the association is found by its target) or an association (found
 * by its alias). Implemented by {@code Model} and by every association kind.
 */
public interface IncludeTarget {

    /** @return the name of the model to include */
    String includeModelName();

    /** @return the association alias this target stands for, or {@code null} when it names only a model */
    default String includeAlias() {
        return null;
    }

    /** @return what tells this target apart from others of the same model and alias (part of a query-text key) */
    default String includeIdentity() {
        return includeModelName() + "/" + includeAlias();
    }
}
