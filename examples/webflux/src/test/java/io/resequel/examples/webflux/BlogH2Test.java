package io.resequel.examples.webflux;

import org.springframework.boot.test.context.SpringBootTest;

/** The example on H2, as application.properties configures it. */
@SpringBootTest
class BlogH2Test extends BlogTests {
}
