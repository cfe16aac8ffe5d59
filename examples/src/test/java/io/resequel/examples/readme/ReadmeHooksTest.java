package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.resequel.Resequel;
import io.resequel.hooks.HookType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** The README's "Hooks, paranoid, versions" (its connection hook sets a PostgreSQL setting) and operator hooks. */
class ReadmeHooksTest {

    static String slugify(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    @ParameterizedTest(allowZeroInvocations = true) // no server URL set: nothing to run
    @MethodSource("io.resequel.examples.readme.ReadmeDb#postgres")
    void hooks(String database) {
        Resequel db = ReadmeDb.connect(database, "hooks");
        try {
            Model<Instance> users = db.define("User", m -> m.attribute("name", DataTypes.STRING)
                    .attribute("slug", DataTypes.STRING).attribute("active", DataTypes.BOOLEAN));
            Model<Instance> audit = db.define("Audit", m -> m.attribute("what", DataTypes.STRING));
            // tag::hooks[]
            users.hooks().beforeCreate("slug", e -> Mono.fromRunnable(() ->
                    e.instance().set("slug", slugify((String) e.instance().get("name")))));   // changes reach the INSERT
            users.hooks().add(HookType.BEFORE_CREATE, "audit", e ->                         // queries join the caller's transaction
                    audit.create(Map.of("what", "create " + e.instance().get("name"))));
            users.hooks().add(HookType.BEFORE_FIND, e -> Mono.fromRunnable(() -> e.find().where(Where.eq("active", true))));
            db.hooks().add(HookType.AFTER_CONNECT, e -> Flux.from(((Connection) e.connection())
                    .createStatement("SET application_name = 'api'").execute()).flatMap(Result::getRowsUpdated).then());
            // end::hooks[]
            db.sync().block(WAIT);
            users.create(Map.of("name", "Ada Lovelace", "active", true)).block(WAIT);
            users.create(Map.of("name", "Bob", "active", false)).block(WAIT);
            List<Instance> found = users.findAll().collectList().block(WAIT);
            assertEquals(List.of("ada-lovelace"), found.stream().map(u -> u.get("slug")).toList());
            assertEquals(List.of("create Ada Lovelace", "create Bob"), audit.findAll(q -> q.order(
                    io.resequel.query.Order.asc("id"))).map(a -> a.get("what")).collectList().block(WAIT));
            assertEquals("api", db.select("SELECT current_setting('application_name') AS n", o -> { })
                    .blockFirst(WAIT).get("n"));
            // tag::hooks-remove[]
            users.hooks().remove(HookType.BEFORE_CREATE, "audit");
            // end::hooks-remove[]
            users.create(Map.of("name", "Cid", "active", true)).block(WAIT);
            assertEquals(2L, audit.count().block(WAIT));
        } finally {
            db.close().block(WAIT);
        }
    }

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void operatorHooks(String database) {
        Resequel db = ReadmeDb.connect(database, "operator_hooks");
        try {
            Model<Instance> users = db.define("User", m -> m.attribute("name", DataTypes.STRING)
                    .attribute("tenant", DataTypes.STRING));
            db.sync().block(WAIT);
            AtomicInteger saves = new AtomicInteger();
            // tag::operator-hooks[]
            users.hooks().around(HookType.FIND, "timeout", rows -> rows.timeout(Duration.ofSeconds(2)));
            users.hooks().afterFindStream("tenant", (Flux<Instance> rows) -> rows.transformDeferredContextual(
                    (found, ctx) -> found.filter(u -> u.get("tenant").equals(ctx.get("tenant")))));
            users.hooks().around(HookType.SAVE, "metrics", call -> call.doOnComplete(saves::incrementAndGet));
            db.hooks().around(HookType.FIND, "trace", rows -> rows.checkpoint("find"));

            List<Instance> mine = users.create(Map.of("name", "Ada", "tenant", "acme"))
                    .then(users.create(Map.of("name", "Bob", "tenant", "initech")))
                    .thenMany(users.findAll())
                    .contextWrite(Context.of("tenant", "acme"))
                    .collectList().block();
            users.hooks().remove(HookType.FIND, "tenant");
            // end::operator-hooks[]
            assertEquals(List.of("Ada"), mine.stream().map(u -> u.get("name")).toList());
            assertEquals(2, saves.get());
            assertEquals(2L, (long) users.findAll().count().block(WAIT));
        } finally {
            db.close().block(WAIT);
        }
    }
}
