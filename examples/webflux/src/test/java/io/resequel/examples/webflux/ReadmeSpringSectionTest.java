package io.resequel.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Spring section shows this module's files as they are, so its code compiles and runs here. */
class ReadmeSpringSectionTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path MAIN = MODULE.resolve("src/main");

    private static String read(Path p) throws IOException {
        return Files.readString(p).replace("\r\n", "\n").stripTrailing();
    }

    private static String spring() throws IOException {
        String readme = read(MODULE.resolve("../../README.md").normalize());
        int start = readme.indexOf("## Spring");
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }

    @Test
    void theSectionHoldsTheExampleFilesVerbatim() throws IOException {
        String section = spring();
        for (String file : new String[] {"resources/application.properties",
                "java/io/resequel/examples/webflux/User.java",
                "java/io/resequel/examples/webflux/BlogApplication.java",
                "java/io/resequel/examples/webflux/Blog.java"}) {
            assertThat(section).as(file).contains(read(MAIN.resolve(file)));
        }
        String controller = read(MAIN.resolve("java/io/resequel/examples/webflux/UserController.java"));
        String snippet = "    @GetMapping(\"/users\")\n    Flux<User> list() {\n        return users.findAll(q -> q.include("
                + "Include.of(\"posts\")).order(Order.asc(\"id\")));\n    }";
        assertThat(controller).contains(snippet);
        assertThat(section).contains(snippet.replace("\n    ", "\n").stripLeading());
    }
}
