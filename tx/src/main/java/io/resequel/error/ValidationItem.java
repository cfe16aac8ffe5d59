package io.resequel.error;

/**
 * One failed check.
 *
 * @param model     the model name
 * @param attribute the attribute name
 * @param validator the check that failed ({@code notNull}, {@code type}, ...)
 * @param value     the offending value
 * @param message   a sentence naming model, attribute and problem
 */
public record ValidationItem(String model, String attribute, String validator, Object value, String message) {
}
