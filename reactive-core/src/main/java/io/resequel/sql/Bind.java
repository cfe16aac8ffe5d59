package io.resequel.sql;

import io.resequel.model.DataType;

/**
 * One bound value with the data type that tells the dialect how to encode it.
 *
 * @param value the Java value, possibly {@code null}
 * @param type  its data type, or {@code null} when inferred from the value
 */
public record Bind(Object value, DataType type) {
}
