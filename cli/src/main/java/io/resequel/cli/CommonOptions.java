package io.resequel.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every database command takes; each may also come from the environment or resequel.properties. */
final class CommonOptions {

    @Option(names = "--url", description = "R2DBC URL (else RESEQUEL_URL, else <env>.url in resequel.properties)")
    String url;

    @Option(names = "--env", description = "environment: development (default), test, production (else RESEQUEL_ENV)")
    String env;

    @Option(names = "--config", description = "properties file (default: resequel.properties in the current folder)")
    Path config;

    @Option(names = "--migrations-path", description = "folder of migrations (default: migrations)")
    String migrationsPath;

    @Option(names = "--seeders-path", description = "folder of seeders (default: seeders)")
    String seedersPath;

    @Option(names = "--migrations-classpath", description = "class path location of Java or SQL migrations")
    String migrationsClasspath;

    @Option(names = "--seeders-classpath", description = "class path location of Java or SQL seeders")
    String seedersClasspath;

    @Option(names = "--meta-table", description = "the migrations' meta table (default: SequelizeMeta)")
    String metaTable;

    @Option(names = "--seeder-storage", description = "none (default: seeders are not recorded) or sequelize")
    String seederStorage;

    @Option(names = "--seeder-meta-table", description = "the seeders' meta table (default: SequelizeData)")
    String seederMetaTable;

    @Option(names = {"-q", "--quiet"}, description = "do not print the SQL")
    boolean quiet;

    @Option(names = "--repair", description = "record the new checksum of edited applied migrations")
    boolean repair;

    /**
     * @param env     the process environment
     * @param needUrl whether the command needs a database
     * @return the resolved settings
     */
    Settings settings(Map<String, String> env, boolean needUrl) {
        Map<String, String> given = new HashMap<>();
        given.put("url", url);
        given.put("env", this.env);
        given.put("migrations-path", migrationsPath);
        given.put("seeders-path", seedersPath);
        given.put("migrations-classpath", migrationsClasspath);
        given.put("seeders-classpath", seedersClasspath);
        given.put("meta-table", metaTable);
        given.put("seeder-storage", seederStorage);
        given.put("seeder-meta-table", seederMetaTable);
        Path file = config != null ? config : Path.of("resequel.properties");
        return Settings.resolve(given, env, file, config != null, needUrl);
    }
}
