package io.resequel.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bulkCreate} with validation refused some records (Sequelize's {@code AggregateError} of
 * {@code BulkRecordError}s): {@link #failures()} names each failed record with its index in the call, and
 * {@link #items()} holds the failures of all of them, so code that catches {@link ValidationException} still works.
 */
public class BulkValidationException extends ValidationException {

    private static final long serialVersionUID = 1L;
    private final transient List<Failure> failures;

    /**
     * One refused record.
     *
     * @param index  its position in the list given to {@code bulkCreate}
     * @param record its values as built (defaults applied)
     * @param error  its validation failures
     */
    public record Failure(int index, Map<String, Object> record, ValidationException error) {
    }

    /** @param failures the refused records, at least one, in record order */
    public BulkValidationException(List<Failure> failures) {
        super("RSQ-402 Validation failed for " + failures.size() + " record(s): " + failures.stream()
                .map(f -> "#" + f.index() + " " + f.error().items().stream().map(ValidationItem::message)
                        .collect(Collectors.joining("; ")))
                .collect(Collectors.joining(" | ")), items(failures), null);
        this.failures = List.copyOf(failures);
    }

    private static List<ValidationItem> items(List<Failure> failures) {
        List<ValidationItem> all = new ArrayList<>();
        failures.forEach(f -> all.addAll(f.error().items()));
        return all;
    }

    /** @return every refused record with its index and errors */
    public List<Failure> failures() {
        return failures;
    }
}
