package io.resequel.error;

/** The root of Resequel's errors. Unchecked; delivered through {@code onError}, never thrown by a query method. */
public class ResequelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and, where possible, the fix */
    public ResequelException(String message) {
        super(message);
    }

    /** @param message what went wrong @param cause the underlying error */
    public ResequelException(String message, Throwable cause) {
        super(message, cause);
    }
}
