package io.resequel.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM pins what the build tests with: its versions equal the parent POM's, and the netty version equals the one
 * Reactor Netty names in the local repository's POM (what the tests ran on).
 */
class BomVersionsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theBomPinsTheParentsVersions() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        for (String p : new String[] {"reactor-bom.version", "r2dbc-spi.version", "r2dbc-pool.version",
                "r2dbc-h2.version", "h2.version", "netty.version", "r2dbc-postgresql.version", "r2dbc-mysql.version"}) {
            assertThat(property(bom, p)).as(p).isNotNull().isEqualTo(property(parent, p));
        }
        assertThat(property(bom, "resequel.version")).isEqualTo(property(parent, "version"));
        assertThat(parent).contains("<artifactId>reactor-pool</artifactId><version>"
                + property(bom, "reactor-pool.version") + "</version>");
        // the Netty the tests ran on is the one on this test's class path, brought by Reactor Netty
        String netty = io.netty.util.Version.identify().get("netty-common").artifactVersion();
        assertThat(property(bom, "netty.version")).isEqualTo(netty);
    }
}
