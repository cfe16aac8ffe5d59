package io.resequel.error;

/** A query used something the database does not have (a lock level, a modifier); names both and the way out. */
public final class UnsupportedFeatureException extends ResequelException {

    private static final long serialVersionUID = 1L;

    /**
     * @param what    what was asked for, e.g. {@code "FOR KEY SHARE"}
     * @param dialect the dialect's name
     * @param instead what to use instead
     */
    public UnsupportedFeatureException(String what, String dialect, String instead) {
        super("RSQ-121 " + what + " is not supported by " + dialect + "; " + instead);
    }
}
