package io.resequel.error;

import java.util.List;
import java.util.stream.Collectors;

/** Values rejected before any SQL was sent; {@link #items()} lists every failure. */
public class ValidationException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final transient List<ValidationItem> items;

    /** @param items the failures, at least one */
    public ValidationException(List<ValidationItem> items) {
        this("RSQ-401 Validation failed: " + items.stream().map(ValidationItem::message)
                .collect(Collectors.joining("; ")), items, null);
    }

    /** @param message the message @param items the failures @param cause the cause, or {@code null} */
    protected ValidationException(String message, List<ValidationItem> items, Throwable cause) {
        super(message, cause);
        this.items = List.copyOf(items);
    }

    /** @return every failed check */
    public List<ValidationItem> items() {
        return items;
    }
}
