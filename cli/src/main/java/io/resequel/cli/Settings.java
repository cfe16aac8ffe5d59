package io.resequel.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of one run, resolved as sequelize-cli does per environment: a command-line option wins, then an
 * environment variable ({@code RESEQUEL_URL}, {@code RESEQUEL_ENV}), then {@code resequel.properties} (keys
 * {@code <env>.<key>}, then {@code <key>} for every environment), then the default.
 *
 * @param env                 development, test, production or any name the properties file uses
 * @param url                 the R2DBC URL
 * @param migrationsPath      the folder of migrations
 * @param seedersPath         the folder of seeders
 * @param migrationsClasspath a class path location of migrations (Java classes or SQL), or {@code null}
 * @param seedersClasspath    a class path location of seeders, or {@code null}
 * @param metaTable           the migrations' meta table
 * @param seederStorage       {@code none} (sequelize-cli's default) or {@code sequelize}
 * @param seederMetaTable     the seeders' meta table when they are recorded
 */
record Settings(String env, String url, Path migrationsPath, Path seedersPath, String migrationsClasspath,
        String seedersClasspath, String metaTable, String seederStorage, String seederMetaTable) {

    /** The configuration is missing or wrong; exits with {@link Main#CONFIG_ERROR}. */
    static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    /**
     * @param given   values given on the command line ({@code null} when not given), by key
     * @param env     the process environment
     * @param config  the properties file (a missing default file is fine, a missing given one is not)
     * @param explicitConfig whether the file was named on the command line
     * @param needUrl whether a missing URL is an error (not for the commands that only write files)
     * @return the settings
     */
    static Settings resolve(Map<String, String> given, Map<String, String> env, Path config, boolean explicitConfig,
            boolean needUrl) {
        Properties props = new Properties();
        if (Files.isRegularFile(config)) {
            try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + config + ": " + e.getMessage());
            }
        } else if (explicitConfig) {
            throw new ConfigException("the configuration file " + config + " does not exist");
        }
        String environment = first(given.get("env"), env.get("RESEQUEL_ENV"), "development");
        Lookup l = new Lookup(given, props, environment);
        String url = first(given.get("url"), env.get("RESEQUEL_URL"), l.file("url"));
        if (needUrl && (url == null || url.isBlank())) {
            throw new ConfigException("no database URL for environment '" + environment + "': pass --url, set"
                    + " RESEQUEL_URL, or add " + environment + ".url=r2dbc:... to " + config);
        }
        String storage = l.get("seeder-storage", "none");
        if (!storage.equals("none") && !storage.equals("sequelize")) {
            throw new ConfigException("seeder-storage must be 'none' or 'sequelize', not '" + storage + "'");
        }
        return new Settings(environment, url, Path.of(l.get("migrations-path", "migrations")),
                Path.of(l.get("seeders-path", "seeders")), l.get("migrations-classpath", null),
                l.get("seeders-classpath", null), l.get("meta-table", "SequelizeMeta"), storage,
                l.get("seeder-meta-table", "SequelizeData"));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Looks a key up on the command line, then in the file for the environment, then in the file for all. */
    private record Lookup(Map<String, String> given, Properties props, String environment) {
        String file(String key) {
            return first(props.getProperty(environment + "." + key), props.getProperty(key));
        }

        String get(String key, String fallback) {
            String v = first(given.get(key), file(key));
            return v != null ? v.trim() : fallback;
        }
    }
}
