package io.resequel.migrate;

import reactor.core.publisher.Mono;

/**
 * One step of schema evolution, as an Umzug migration: {@code up} applies it, {@code down} reverts it. A Java class
 * with a public no-argument constructor is found on the class path by {@link MigrationSource#classpath}; SQL file
 * pairs ({@code V3__add_email.up.sql} / {@code .down.sql}) become {@link SqlMigration}s. Migrations run in the order
 * of their names ({@link MigrationNames#ORDER}).
 *
 * <pre>{@code
 * public final class V4__backfill_email implements Migration {
 *     public Mono<Void> up(MigrationContext ctx) {
 *         return ctx.execute("UPDATE mg_users SET email = ? WHERE email IS NULL", "unknown@example.com");
 *     }
 *     public Mono<Void> down(MigrationContext ctx) {
 *         return Mono.empty();
 *     }
 * }
 * }</pre>
 */
public interface Migration {

    /**
     * @param ctx the database, the running migration's name and {@code execute}, in the migration's transaction
     * @return completes when applied; lazy
     */
    Mono<Void> up(MigrationContext ctx);

    /**
     * @param ctx as for {@link #up}
     * @return completes when reverted; lazy
     */
    Mono<Void> down(MigrationContext ctx);

    /** @return the name recorded in the meta table; the simple class name unless overridden */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * @return a checksum of the migration's content, recorded when it is applied and compared on later runs, or
     *         {@code null} for none (a Java class's bytecode changes with the compiler, so Java migrations have none
     *         unless they say so)
     */
    default String checksum() {
        return null;
    }
}
