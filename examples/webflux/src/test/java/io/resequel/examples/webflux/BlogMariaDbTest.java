package io.resequel.examples.webflux;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example on MariaDB ({@code RESEQUEL_TEST_MYSQL_URL}, as the core's tests take it). */
@SpringBootTest
@EnabledIfEnvironmentVariable(named = "RESEQUEL_TEST_MYSQL_URL", matches = ".+")
class BlogMariaDbTest extends BlogTests {

    @DynamicPropertySource
    static void url(DynamicPropertyRegistry registry) {
        registry.add("resequel.url", () -> System.getenv("RESEQUEL_TEST_MYSQL_URL"));
    }
}
