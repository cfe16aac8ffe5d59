package io.resequel.exec;

import reactor.core.publisher.Flux;

/**
 * Wraps the execution of every statement, for tracing and metrics (the Spring Boot starter's Micrometer
 * {@code Observation} per statement). Unlike a {@link StatementListener}, an observer sees the statement as a
 * publisher: it can read the subscriber's Reactor context (a parent span) and time from subscribe to the end of the
 * result, including cancellation.
 */
@FunctionalInterface
public interface StatementObserver {

    /**
     * @param statement what runs: SQL text (no values), model and operation when known, dialect
     * @param execution the statement's result rows; subscribe to it exactly once, from the returned publisher
     * @param <T>       element type
     * @return {@code execution} with the observer's operators around it
     */
    <T> Flux<T> observe(StatementInfo statement, Flux<T> execution);
}
