package io.resequel.cli;

import io.resequel.schema.MigrationScript;
import java.util.List;

/** The text of a migration generated from models: an SQL script or a Java class running the same statements. */
final class GeneratedMigration {

    private GeneratedMigration() {
    }

    /**
     * @param name       the migration's name
     * @param what       apply / revert, for the header
     * @param statements the statements
     * @return the script, one statement per line, each ended by a semicolon
     */
    static String sql(String name, String what, List<String> statements) {
        StringBuilder s = new StringBuilder("-- migration ").append(name).append(": ").append(what)
                .append(" (generated from the models)\n");
        for (String st : statements) {
            s.append(st).append(";\n");
        }
        return s.toString();
    }

    /**
     * @param pkg    the class's package, or {@code null}
     * @param cls    the class name (the migration's name)
     * @param script the statements
     * @return the source of a {@code Migration} running them, each with {@code ctx.execute}
     */
    static String java(String pkg, String cls, MigrationScript script) {
        String header = pkg == null || pkg.isBlank() ? "" : "package " + pkg + ";\n\n";
        return header + """
                import io.resequel.migrate.Migration;
                import io.resequel.migrate.MigrationContext;
                import reactor.core.publisher.Mono;

                /** %s: generated from the models; brings the tables to them and back. */
                public final class %s implements Migration {

                    @Override
                    public Mono<Void> up(MigrationContext ctx) {
                        return %s;
                    }

                    @Override
                    public Mono<Void> down(MigrationContext ctx) {
                        return %s;
                    }
                }
                """.formatted(cls, cls, chain(script.up()), chain(script.down()));
    }

    private static String chain(List<String> statements) {
        if (statements.isEmpty()) {
            return "Mono.empty()";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            String call = "ctx.execute(" + literal(statements.get(i)) + ")";
            s.append(i == 0 ? call : "\n                .then(" + call + ")");
        }
        return s.toString();
    }

    /** @return a Java string literal of the text */
    static String literal(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
