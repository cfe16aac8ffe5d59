package io.resequel.examples.readme;

import io.resequel.Resequel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for the README's code: in-memory H2 always; PostgreSQL and MariaDB when {@code RESEQUEL_TEST_POSTGRES_URL}
 * / {@code RESEQUEL_TEST_MYSQL_URL} are set (as for the core's tests). The snippets use the README's plain model
 * names ({@code User}, {@code Project}, ...), so on the shared servers each snippet gets a fresh schema (PostgreSQL)
 * or database (MariaDB) of its own named {@code spr_readme_<snippet>}, dropped and created again on each run.
 */
final class ReadmeDb {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger H2 = new AtomicInteger();

    private ReadmeDb() {
    }

    /** @return "h2", then "postgres" and "mariadb" when their URLs are set */
    static List<String> all() {
        List<String> out = new ArrayList<>(List.of("h2"));
        out.addAll(servers());
        return out;
    }

    /** @return "postgres" and "mariadb" when their URLs are set */
    static List<String> servers() {
        List<String> out = new ArrayList<>();
        if (System.getenv("RESEQUEL_TEST_POSTGRES_URL") != null) {
            out.add("postgres");
        }
        if (System.getenv("RESEQUEL_TEST_MYSQL_URL") != null) {
            out.add("mariadb");
        }
        return out;
    }

    /** @return the PostgreSQL database when its URL is set */
    static List<String> postgres() {
        return servers().stream().filter("postgres"::equals).toList();
    }

    /**
     * @param database "h2", "postgres" or "mariadb"
     * @param snippet  names the schema or database
     * @return the URL of an empty schema or database for the snippet
     */
    static String url(String database, String snippet) {
        String name = "spr_readme_" + snippet;
        switch (database) {
            case "h2":
                return "r2dbc:h2:mem:///" + name + "_" + H2.incrementAndGet() + "?options=DB_CLOSE_DELAY=-1";
            case "postgres": {
                String base = System.getenv("RESEQUEL_TEST_POSTGRES_URL");
                admin(base, "DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name);
                return base + (base.contains("?") ? "&" : "?") + "schema=" + name;
            }
            case "mariadb": {
                String base = System.getenv("RESEQUEL_TEST_MYSQL_URL");
                admin(base, "DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
                int query = base.indexOf('?') < 0 ? base.length() : base.indexOf('?');
                int slash = base.lastIndexOf('/', query);
                return base.substring(0, slash + 1) + name + base.substring(query);
            }
            default:
                throw new IllegalArgumentException(database);
        }
    }

    /** @return a Resequel on {@link #url} */
    static Resequel connect(String database, String snippet) {
        return Resequel.connect(url(database, snippet));
    }

    private static void admin(String url, String... statements) {
        Resequel admin = Resequel.connect(url);
        try {
            for (String sql : statements) {
                admin.query(sql, o -> { }).block(WAIT);
            }
        } finally {
            admin.close().block(WAIT);
        }
    }
}
