package io.resequel.error;

/** A query that had to find a row found none ({@code rejectOnEmpty}). */
public final class EmptyResultException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /** @param message which model and query */
    public EmptyResultException(String message) {
        super(message);
    }
}
