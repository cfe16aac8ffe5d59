package io.resequel.migrate;

import io.resequel.schema.QueryInterface;
import io.resequel.sql.Feature;

import io.resequel.Resequel;
import io.resequel.sql.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * What a running migration gets: the database, its own name and {@link #execute}. Where the database has
 * transactional DDL the migration runs in a transaction held in the Reactor Context, so {@code execute} and any
 * model or raw query made through {@link #db()} inside the returned {@code Mono} belong to it. The context remembers
 * the statements that completed, so a failure on MariaDB can say exactly what ran.
 */
public final class MigrationContext {

    private final Resequel db;
    private final String name;
    private final List<String> completed = Collections.synchronizedList(new ArrayList<>());
    private volatile String failed;

    MigrationContext(Resequel db, String name) {
        this.db = Objects.requireNonNull(db, "db");
        this.name = name;
    }

    /** @return the database being migrated */
    public Resequel db() {
        return db;
    }

    /**
     * @return the database's query interface; its calls made inside the returned {@code Mono} run in the migration's
     *         transaction too (DDL is rolled back with it where the database has transactional DDL)
     */
    public QueryInterface queryInterface() {
        return db.queryInterface();
    }

    /** @return the running migration's name */
    public String name() {
        return name;
    }

    /**
     * Runs one statement in the migration's transaction (when there is one). Without binds the text goes to the
     * database as written (a {@code ?} or {@code :x} in it is SQL, e.g. PostgreSQL's JSON operators); with binds,
     * each {@code ?} outside literals and comments becomes a bound parameter.
     *
     * @param sql   one statement
     * @param binds values for its {@code ?} markers, in order
     * @return completes when the statement completed; lazy
     */
    public Mono<Void> execute(String sql, Object... binds) {
        Objects.requireNonNull(sql, "sql");
        return Mono.defer(() -> {
            // r2dbc-h2 cuts statements at every semicolon, even in literals: see SemicolonFree
            Sql statement = db.dialect().supports(Feature.DRIVER_SPLITS_AT_SEMICOLONS)
                    ? SemicolonFree.of(sql, db.dialect()) : Sql.of(sql);
            Mono<Void> run = binds.length == 0
                    ? db.executor().segments(statement, segment -> Mono.empty()).then()
                    : db.query(sql, o -> o.replacements(binds)).then();
            return run.doOnSuccess(v -> completed.add(sql)).doOnError(e -> {
                if (failed == null) {
                    failed = sql;
                }
            });
        });
    }

    /** @return the statements run through {@link #execute} that completed, in order */
    public List<String> completed() {
        synchronized (completed) {
            return List.copyOf(completed);
        }
    }

    /** @return the statement that failed first, or {@code null} */
    String failed() {
        return failed;
    }
}
