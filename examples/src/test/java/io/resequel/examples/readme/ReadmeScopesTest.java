package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.Scope;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The README's "Scopes", run on each database. */
class ReadmeScopesTest {

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void scopes(String database) {
        Resequel db = ReadmeDb.connect(database, "scopes");
        try {
            Model<Instance> users = db.define("User", m -> m.attribute("name", DataTypes.STRING));
            Model<Instance> tasks = db.define("Task", m -> m.attribute("title", DataTypes.STRING)
                    .attribute("done", DataTypes.BOOLEAN)
                    .options(o -> o.scope("open", q -> q.where("done", false))));
            users.hasMany(tasks);
            // tag::scopes[]
            Model<Instance> projects = db.define("Project", m -> m
                .attribute("name", DataTypes.STRING).attribute("ownerId", DataTypes.INTEGER)
                .attribute("archived", DataTypes.BOOLEAN).attribute("secret", DataTypes.STRING)
                .options(o -> o
                    .defaultScope(q -> q.where("archived", false).exclude("secret"))   // every find, count, bulk write
                    .scope("archived", q -> q.where("archived", true))
                    .scope("owner", (q, args) -> q.where("ownerId", args[0]))          // a scope with arguments
                    .scope("withTasks", q -> q.include(Include.of("Tasks").where(Where.eq("done", false))))));
            projects.hasMany(tasks);

            Flux<Instance> active = projects.findAll();                              // archived = false
            Model<Instance> archived = projects.scope("archived");                   // a view: keep and reuse it
            Flux<Instance> archivedOf7 = archived.findAll(q -> q.where("ownerId", 7)); // archived = true AND ownerId = 7
            Flux<Instance> notArchived = archived.findAll(q -> q.where("archived", false)); // the finder's condition wins
            Flux<Instance> mineWithTasks = projects.scope(Scope.call("defaultScope"), Scope.call("owner", 7),
                    Scope.call("withTasks")).findAll();
            Mono<Long> all = projects.unscoped().count();                            // no scope at all, not even the default
            projects.addScope("recent", q -> q.order(Order.desc("createdAt")).limit(10));   // addScope(name, scope, true) replaces
            Flux<Instance> withOpenTasks = users.findAll(q -> q.include(Include.of(tasks.scope("open")))); // a scope on an include
            // end::scopes[]
            db.sync().block(WAIT);
            projects.bulkCreate(List.of(Map.of("name", "live", "ownerId", 7, "archived", false, "secret", "s"),
                    Map.of("name", "old", "ownerId", 7, "archived", true),
                    Map.of("name", "other", "ownerId", 8, "archived", true))).blockLast(WAIT);
            Instance live = projects.findOne(q -> q.where("name", "live")).block(WAIT);
            tasks.create(Map.of("title", "open one", "done", false, "ProjectId", live.get("id"))).block(WAIT);
            tasks.create(Map.of("title", "done one", "done", true, "ProjectId", live.get("id"))).block(WAIT);
            Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
            tasks.create(Map.of("title", "hers", "done", false, "UserId", ada.get("id"))).block(WAIT);

            List<Instance> liveOnes = active.collectList().block(WAIT);
            assertEquals(List.of("live"), names(liveOnes));
            assertFalse(liveOnes.get(0).toJSON().containsKey("secret"));
            assertEquals(List.of("old"), names(archivedOf7.collectList().block(WAIT)));
            assertEquals(List.of("live"), names(notArchived.collectList().block(WAIT)));
            List<Instance> mine = mineWithTasks.collectList().block(WAIT);
            assertEquals(List.of("live"), names(mine));
            assertEquals(1, mine.get(0).getMany("Tasks", Instance.class).size());
            assertEquals(3L, all.block(WAIT));
            // listing a scope replaces the default one: all three projects, newest first
            assertEquals(3, projects.scope("recent").findAll().collectList().block(WAIT).size());
            assertEquals(1, withOpenTasks.collectList().block(WAIT).get(0).getMany("Tasks", Instance.class).size());
        } finally {
            db.close().block(WAIT);
        }
    }

    private static List<Object> names(List<Instance> rows) {
        return rows.stream().map(r -> r.get("name")).toList();
    }
}
