package io.resequel.spring.web;

import io.resequel.error.ConnectionAcquireTimeoutException;
import io.resequel.error.ConnectionException;
import io.resequel.error.EmptyResultException;
import io.resequel.error.OptimisticLockException;
import io.resequel.error.PoolClosedException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps Resequel's errors raised by WebFlux controllers to RFC 9457 problem details: {@link ValidationException} →
 * 400 with {@code errors} (model, attribute, message of each item), {@link UniqueConstraintException} → 409 with
 * {@code fields}, {@link EmptyResultException} → 404, {@link OptimisticLockException} → 409,
 * {@link ConnectionAcquireTimeoutException}, {@link ConnectionException} (refused, lost, timed out, unknown host) and
 * {@link PoolClosedException} (shutting down) → 503. Responses carry fixed texts and the items above, never a stack
 * trace, SQL or bound values. Ordered last, so an application's own advice wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ResequelProblemHandler {

    /** @param e the failed validation @return 400 with its items */
    @ExceptionHandler(ValidationException.class)
    public ResponseEntity<ProblemDetail> validation(ValidationException e) {
        List<Map<String, Object>> errors = e.items().stream().map(ResequelProblemHandler::item).toList();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Validation failed",
                errors.size() + (errors.size() == 1 ? " value is" : " values are") + " not valid");
        p.setProperty("errors", errors);
        return respond(p);
    }

    /** @param e the violated unique key @return 409 with its fields */
    @ExceptionHandler(UniqueConstraintException.class)
    public ResponseEntity<ProblemDetail> unique(UniqueConstraintException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Already exists",
                "A record with the same unique values already exists");
        p.setProperty("fields", e.fields());
        return respond(p);
    }

    /** @param e the missing row @return 404 */
    @ExceptionHandler(EmptyResultException.class)
    public ResponseEntity<ProblemDetail> notFound(EmptyResultException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "Not found", "No record matches the request"));
    }

    /** @param e the stale version @return 409 */
    @ExceptionHandler(OptimisticLockException.class)
    public ResponseEntity<ProblemDetail> stale(OptimisticLockException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Concurrent update",
                "The record was changed by someone else; read it again and retry");
        p.setProperty("model", e.model());
        return respond(p);
    }

    /** @param e no connection within the acquire timeout @return 503 */
    @ExceptionHandler(ConnectionAcquireTimeoutException.class)
    public ResponseEntity<ProblemDetail> busy(ConnectionAcquireTimeoutException e) {
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "Database busy",
                "No database connection became free in time; retry later"));
    }

    /** @param e the database cannot be reached @return 503 */
    @ExceptionHandler(ConnectionException.class)
    public ResponseEntity<ProblemDetail> unreachable(ConnectionException e) {
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
                "The database cannot be reached; retry later"));
    }

    /** @param e the pool was closed (the application is stopping) @return 503 */
    @ExceptionHandler(PoolClosedException.class)
    public ResponseEntity<ProblemDetail> closed(PoolClosedException e) {
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "Shutting down",
                "The service is stopping and takes no new database work; retry later"));
    }

    private static Map<String, Object> item(ValidationItem i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", i.model());
        out.put("attribute", i.attribute());
        out.put("message", i.message());
        return out;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).body(p);
    }
}
