package io.resequel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code io.resequel.error} lives in resequel-tx only, so that tx can raise typed errors (acquire timeout, pool
 * closed, connection failures) and the package is not split across two jars (which the module path refuses).
 */
class ErrorPackageTest {

    // in package io.resequel: the core test-jar, which the dialect modules scan, must not hold io/resequel/error

    @Test
    void theErrorPackageComesFromOneJar() throws Exception {
        List<URL> roots = Collections.list(getClass().getClassLoader().getResources("io/resequel/error")).stream()
                .filter(u -> !u.toString().contains("test-classes") && !u.toString().contains("-tests.jar")).toList();
        assertEquals(1, roots.size(), "io.resequel.error must be only in resequel-tx (tx/src/main/java): " + roots);
        assertTrue(roots.get(0).toString().contains("/tx/") || roots.get(0).toString().contains("resequel-tx"),
                roots.toString());
    }
}
