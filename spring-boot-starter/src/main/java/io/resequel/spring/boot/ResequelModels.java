package io.resequel.spring.boot;

import io.resequel.Resequel;
import io.resequel.migrate.MigrationSource;
import io.resequel.migrate.Migrator;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The application's models: the typed classes found by the package scan are defined, then every
 * {@link ModelDefinitions} bean runs, then {@code resequel.schema} is applied. The {@code Model<T>} beans come from
 * here.
 */
public final class ResequelModels {

    /** How long the schema step at startup may take. */
    private static final Duration SCHEMA_TIMEOUT = Duration.ofMinutes(5);

    private final Resequel db;
    private final Map<Class<?>, Model<?>> typed = new LinkedHashMap<>();

    /**
     * @param db          the Resequel
     * @param classes     the typed model classes
     * @param definitions the callbacks, in order
     * @param schema      what to do to the schema
     */
    public ResequelModels(Resequel db, List<Class<? extends Instance>> classes, List<ModelDefinitions> definitions,
            ResequelProperties.Schema schema) {
        this(db, classes, definitions, schema, new ResequelProperties.Migrations());
    }

    /**
     * @param db          the Resequel
     * @param classes     the typed model classes
     * @param definitions the callbacks, in order
     * @param schema      what to do to the schema
     * @param migrations  where {@code MIGRATE} finds the migrations and records them
     */
    public ResequelModels(Resequel db, List<Class<? extends Instance>> classes, List<ModelDefinitions> definitions,
            ResequelProperties.Schema schema, ResequelProperties.Migrations migrations) {
        this.db = Objects.requireNonNull(db, "db");
        for (Class<? extends Instance> c : classes) {
            typed.put(c, db.define(c));
        }
        for (ModelDefinitions d : definitions) {
            d.define(db);
        }
        // Startup runs on the main thread, before any request: waiting here is what Flyway's Boot integration does.
        switch (schema) {
            case CREATE -> db.sync().block(SCHEMA_TIMEOUT);
            case ALTER -> db.sync(SyncOptions.alter()).block(SCHEMA_TIMEOUT);
            case MIGRATE -> Migrator.builder(db).metaTable(migrations.getTable())
                    .source(MigrationSource.classpath(migrations.getLocation())).build().up().block(SCHEMA_TIMEOUT);
            default -> { }
        }
    }

    /**
     * @param type a typed model class found by the scan
     * @param <T>  its type
     * @return its model
     */
    @SuppressWarnings("unchecked")
    public <T extends Instance> Model<T> model(Class<T> type) {
        Model<?> m = typed.get(type);
        if (m == null) {
            throw new IllegalArgumentException(type.getName() + " is not a typed model found by the package scan");
        }
        return (Model<T>) m;
    }

    /** @return the Resequel */
    public Resequel resequel() {
        return db;
    }
}
