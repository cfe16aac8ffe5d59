package io.resequel.spring.boot.test;

import io.resequel.spring.boot.ResequelAutoConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for Resequel, like Spring Boot's {@code @DataR2dbcTest}: the application's
 * {@code @SpringBootConfiguration} is used, but of the auto-configuration only Resequel's applies (the
 * {@code Resequel} bean, the reactive transaction manager, {@code TransactionalOperator}, the typed {@code Model<T>}
 * beans and {@code resequel.schema}), and component scanning keeps only {@link io.resequel.spring.boot.ModelDefinitions}
 * and {@link io.resequel.spring.boot.ResequelCustomizer} beans (bring others in with {@code @Import}). The database
 * is a fresh in-memory H2 one per test context unless {@code resequel.url} or {@code spring.r2dbc.url} is set: by the
 * application's properties, or by the test ({@link #properties()}, {@code @TestPropertySource} or
 * {@code @DynamicPropertySource}, e.g. from Testcontainers). Works on Spring Boot 3.5 and 4.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(ResequelTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@ImportAutoConfiguration(ResequelAutoConfiguration.class)
public @interface ResequelTest {

    /** @return properties in {@code key=value} form added to the test's environment */
    String[] properties() default {};
}
