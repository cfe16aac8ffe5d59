package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.IndexField;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/** The README's "Querying" (JSON paths: PostgreSQL and MariaDB) and "Indexes" (PostgreSQL's options). */
class ReadmeQueryingTest {

    @ParameterizedTest(allowZeroInvocations = true) // no server URL set: nothing to run
    @MethodSource("io.resequel.examples.readme.ReadmeDb#servers")
    void querying(String database) {
        Resequel db = ReadmeDb.connect(database, "querying");
        try {
            Model<Instance> users = db.define("User", m -> m.attribute("email", DataTypes.STRING)
                    .attribute("age", DataTypes.INTEGER).attribute("settings", DataTypes.JSON)
                    .attribute("password", DataTypes.STRING));
            db.sync().block(WAIT);
            users.bulkCreate(IntStream.range(0, 200).mapToObj(i -> Map.of("email", "u" + i + "@example.com",
                    "age", i, "settings", Map.of("theme", i % 2 == 0 ? "dark" : "light"), "password", "p")).toList())
                    .blockLast(WAIT);
            // tag::querying[]
            Flux<Instance> page = users.findAll(q -> q
                .where(Where.where("age", Op.GTE, 18))                  // or typed: User.AGE.gte(18)
                .where(Where.where("email", Op.ILIKE, "%@EXAMPLE.com")) // ILIKE on PostgreSQL, LOWER() LIKE LOWER() elsewhere
                .where(Where.where("settings.theme", Op.EQ, "dark"))    // JSON path (PostgreSQL, MySQL/MariaDB)
                .exclude("password")
                .order(Order.desc("age").nullsLast())
                .limit(20).offset(40));
            // end::querying[]
            List<Instance> read = page.collectList().block(WAIT);
            // dark: even ages 18..198, oldest first, 40 skipped: 118, 116, ..., 80
            assertEquals(20, read.size());
            assertEquals(118, ((Number) read.get(0).get("age")).intValue());
            assertFalse(read.get(0).toJSON().containsKey("password"));
        } finally {
            db.close().block(WAIT);
        }
    }

    @ParameterizedTest(allowZeroInvocations = true) // no server URL set: nothing to run
    @MethodSource("io.resequel.examples.readme.ReadmeDb#postgres")
    void indexes(String database) {
        Resequel db = ReadmeDb.connect(database, "indexes");
        try {
            // tag::indexes[]
            // on PostgreSQL; see the table for what each database takes
            Model<Instance> posts = db.define("Post", m -> m
                .attribute("author", DataTypes.STRING).attribute("status", DataTypes.STRING).attribute("title", DataTypes.STRING)
                .options(o -> o
                    .index(Index.on("author", "status"))                                   // name: posts_author_status
                    .index(Index.on("author", "title").unique(true).name("public_title")
                                .where(Where.eq("status", "public")))                      // partial unique index
                    .index(Index.on(IndexField.of("title").collate("C").operator("text_pattern_ops").desc())
                                .name("posts_title_pattern"))                              // two on title: name them
                    .index(Index.on("title").using("HASH").concurrently(true).name("posts_title_hash"))));
            db.sync().block();   // creates the table, then every index the table lacks (by name, read from the catalog)
            // end::indexes[]
            List<String> names = db.select("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND tablename = 'Posts' ORDER BY indexname", o -> { })
                    .map(r -> (String) r.values().iterator().next()).collectList().block(WAIT);
            assertEquals(List.of("Posts_pkey", "posts_author_status", "posts_title_hash", "posts_title_pattern",
                    "public_title"), names);
            db.sync().block(WAIT); // a second sync finds every index and creates none
            posts.create(Map.of("author", "ann", "status", "public", "title", "t")).block(WAIT);
        } finally {
            db.close().block(WAIT);
        }
    }
}
