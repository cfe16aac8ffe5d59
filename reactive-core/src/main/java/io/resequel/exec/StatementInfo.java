package io.resequel.exec;

/**
 * One statement, as told to a {@link StatementObserver}.
 *
 * @param sql       the SQL text with placeholders; never contains a bound value
 * @param model     the model whose operation ran it, or {@code "none"} for raw queries, DDL and transaction control
 * @param operation the model operation ({@code findAll}, {@code create}, ...) or, without one, the statement's
 *                  first keyword in lower case ({@code select}, {@code insert}, ...)
 * @param dialect   the dialect's name
 */
public record StatementInfo(String sql, String model, String operation, String dialect) {
}
