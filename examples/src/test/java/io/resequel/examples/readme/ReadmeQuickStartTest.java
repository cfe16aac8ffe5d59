package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Where;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The README's "Quick start", run on each database. */
class ReadmeQuickStartTest {

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void quickStart(String database) {
        String url = ReadmeDb.url(database, "quick_start");
        List<Map<String, Object>> rows = List.of(Map.of("firstName", "Kid", "age", 12),
                Map.of("firstName", "Grace", "age", 36, "email", "grace@example.com"));
        // tag::quick-start[]
        Resequel db = Resequel.builder()
            .url(url)                                        // e.g. "r2dbc:postgresql://app@db/app", "r2dbc:h2:mem:///demo"
            .pool(p -> p.max(10).min(0).idle(Duration.ofSeconds(10)).acquire(Duration.ofSeconds(30))
                        .evict(Duration.ofSeconds(1)).maxLifetime(Duration.ofMinutes(30)).validationQuery("SELECT 1"))
            .logging(true)                                   // statements to the SLF4J logger io.resequel.sql
            .benchmark(false)                                // true: log each statement with its duration
            .build();

        // Dynamic definition, like sequelize.define
        Model<Instance> users = db.define("User", m -> m
            .attribute("firstName", DataTypes.STRING, a -> a.allowNull(false))
            .attribute("email", DataTypes.STRING(120), a -> a.unique(true))
            .attribute("age", DataTypes.INTEGER, a -> a.defaultValue(0))
            .attribute("token", DataTypes.UUID, a -> a.defaultValue(DefaultValue.UUIDV4))
            .options(o -> o.underscored(true)));             // table "Users", columns first_name, created_at, ...
        // end::quick-start[]
        try {
            // tag::quick-start-use[]
            Model<Project> projects = db.define(Project.class);

            db.sync().block();                                   // or sync(SyncOptions.force()) / sync(SyncOptions.alter())

            Mono<Instance> ada = users.create(Map.of("firstName", "Ada", "email", "ada@example.com"));
            Flux<Project> big = projects.findAll(q -> q.where(Project.BUDGET.gt(new BigDecimal("1000")))
                                                       .order(Project.NAME.asc()).limit(20));
            Mono<Long> n = users.count(Where.and(Where.eq("age", 36), Where.in("firstName", List.of("Ada", "Grace"))));
            Mono<Instance> older = users.findByPk(1).flatMap(u -> u.increment("age", 1).then(u.reload()));
            Flux<Instance> many = users.bulkCreate(rows);        // multi-row INSERTs, one transaction: all or nothing
            Mono<Long> gone = users.destroy(Where.where("age", Op.LT, 18));
            // end::quick-start-use[]

            // everything above is lazy: run it
            assertEquals(1, ada.block(WAIT).get("id"));
            projects.bulkCreate(List.of(Map.of("name", "Engine", "budget", new BigDecimal("1500.00")),
                    Map.of("name", "Loom", "budget", new BigDecimal("10.00")))).blockLast(WAIT);
            assertEquals(List.of("Engine"), big.map(p -> p.get(Project.NAME)).collectList().block(WAIT));
            assertEquals(1, older.block(WAIT).get("age"));
            assertEquals(2, many.collectList().block(WAIT).size());
            assertEquals(1L, n.block(WAIT));
            assertEquals(2L, gone.block(WAIT)); // Ada (1) and Kid (12)
        } finally {
            db.close().block(WAIT);
        }
    }
}
