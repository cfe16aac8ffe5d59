package io.resequel.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A feature test that runs once per available database ({@code [h2]}, {@code [postgres]}, {@code [mysql]}), each
 * time on a fresh isolated database. The method takes a {@link TestDb} parameter. Which databases: the system
 * property {@code resequel.test.databases} (comma list, default {@code h2}).
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ResequelExtension.class)
public @interface DatabaseTest {
}
