package io.resequel.it.mgmigrations;

import io.resequel.migrate.Migration;
import io.resequel.migrate.MigrationContext;
import reactor.core.publisher.Mono;

/** A Java migration found on the class path next to the SQL pairs: adds a column and fills it with a bound value. */
public final class V2__mg_add_email implements Migration {

    @Override
    public Mono<Void> up(MigrationContext ctx) {
        return ctx.execute("ALTER TABLE mg_users ADD email VARCHAR(100)")
                .then(ctx.execute("UPDATE mg_users SET email = ? WHERE id = ?", "ada@example.com", 1));
    }

    @Override
    public Mono<Void> down(MigrationContext ctx) {
        return ctx.execute("ALTER TABLE mg_users DROP COLUMN email");
    }
}
