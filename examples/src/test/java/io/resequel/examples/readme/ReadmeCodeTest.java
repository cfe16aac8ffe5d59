package io.resequel.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README is a source file of the examples, or a region of one between
 * {@code // tag::name[]} and {@code // end::name[]} (indentation removed), which the examples' tests compile and run.
 * A README block that differs from every source fails here, naming its line; so does a region no block shows.
 */
class ReadmeCodeTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();
    private static final Path README = EXAMPLES.resolve("../README.md").normalize();
    private static final Pattern TAG = Pattern.compile("^(\\s*)// tag::([\\w-]+)\\[\\]\\s*$");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);

    private static String normalize(String s) {
        return s.replace("\r\n", "\n").lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("")
                .strip();
    }

    /** @return the README's Java blocks by line number */
    static Map<Integer, String> blocks() throws IOException {
        String readme = Files.readString(README).replace("\r\n", "\n");
        Map<Integer, String> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            int line = (int) readme.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            out.put(line, normalize(m.group(1)));
        }
        return out;
    }

    /** @return every tagged region of the examples' sources, by "file#tag" */
    static Map<String, String> regions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher tag = TAG.matcher(lines.get(i));
                if (!tag.matches()) {
                    continue;
                }
                String indent = tag.group(1);
                String end = "// end::" + tag.group(2) + "[]";
                List<String> body = new ArrayList<>();
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).strip().equals(end)) {
                    String l = lines.get(j);
                    body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
                    j++;
                }
                assertTrue(j < lines.size(), file + ": " + tag.group(2) + " has no " + end);
                out.put(EXAMPLES.relativize(file) + "#" + tag.group(2), normalize(String.join("\n", body)));
            }
        }
        return out;
    }

    /** The examples, and the core feature tests, whose examples run on all three databases. */
    private static List<Path> sources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path root : List.of(EXAMPLES, EXAMPLES.resolve("../reactive-core/src/test/java/io/resequel/it").normalize())) {
            try (Stream<Path> s = Files.walk(root)) {
                all.addAll(s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
                        && !p.toString().contains("/target/")).sorted().toList());
            }
        }
        return all;
    }

    @Test
    void everyJavaBlockIsASourceOrARegionOfOne() throws IOException {
        Map<String, String> regions = regions();
        List<String> wholeFiles = new ArrayList<>();
        for (Path file : sources()) {
            wholeFiles.add(normalize(Files.readString(file)));
        }
        List<String> unmatched = new ArrayList<>();
        blocks().forEach((line, code) -> {
            if (!regions.containsValue(code) && !wholeFiles.contains(code)) {
                unmatched.add("README.md:" + line + " " + code.lines().findFirst().orElse(""));
            }
        });
        assertEquals(List.of(), unmatched, "README Java blocks that match no example source or tagged region");
    }

    @Test
    void everyRegionIsShownInTheReadme() throws IOException {
        List<String> shown = new ArrayList<>(blocks().values());
        List<String> unused = regions().entrySet().stream().filter(e -> !shown.contains(e.getValue()))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), unused, "tagged regions no README block shows");
    }
}
