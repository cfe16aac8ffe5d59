package io.resequel.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Model options of a typed model class; every element mirrors a {@link ModelOptions} setter. Only the elements
 * given a value other than their default override the database-wide {@code define} options; the others leave them
 * as they are.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {
    /** @return the table name; empty for the plural of the model name */
    String name() default "";

    /** @return the model name; empty for the class's simple name */
    String modelName() default "";

    /** @return use the model name as the table name */
    boolean freezeTableName() default false;

    /** @return manage createdAt/updatedAt */
    boolean timestamps() default true;

    /** @return the createdAt attribute name; empty to disable */
    String createdAt() default "createdAt";

    /** @return the updatedAt attribute name; empty to disable */
    String updatedAt() default "updatedAt";

    /** @return snake_case columns */
    boolean underscored() default false;

    /** @return the schema; empty for the default */
    String schema() default "";
}
