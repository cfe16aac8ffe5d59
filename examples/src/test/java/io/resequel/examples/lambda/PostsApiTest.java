package io.resequel.examples.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resequel.Resequel;
import io.resequel.lambda.LambdaDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example's handler invoked in-process as Lambda would: create, list and get with the author included, across a
 * simulated freeze (the server drops every connection between invocations) and a simulated SnapStart restore (the
 * CRaC callbacks around a checkpoint). On H2, and on PostgreSQL when {@code RESEQUEL_TEST_POSTGRES_URL} is set
 * (required with {@code CI=true}), in a schema of its own.
 */
class PostsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> databases() {
        String pg = System.getenv("RESEQUEL_TEST_POSTGRES_URL");
        return pg == null || pg.isBlank() ? Stream.of("h2") : Stream.of("h2", "postgres");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readValue(r.getBody(), Map.class);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void createListAndGetAcrossAFreezeAndARestore(String kind) throws Exception {
        if (kind.equals("h2") && "true".equalsIgnoreCase(System.getenv("CI"))
                && System.getenv("RESEQUEL_TEST_POSTGRES_URL") == null) {
            Assertions.fail("CI=true: RESEQUEL_TEST_POSTGRES_URL must be set for the PostgreSQL run");
        }
        String schema = "lambda_ex_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        String url = kind.equals("h2") ? "r2dbc:h2:mem:///" + schema + "?options=DB_CLOSE_DELAY=-1"
                : System.getenv("RESEQUEL_TEST_POSTGRES_URL") + "?schema=" + schema + "&applicationName=resequel-lambda";
        Resequel admin = kind.equals("h2") ? null : Resequel.connect(System.getenv("RESEQUEL_TEST_POSTGRES_URL"));
        if (admin != null) {
            admin.query("CREATE SCHEMA " + schema, o -> { }).block(Duration.ofSeconds(30));
        }
        Resequel db = LambdaDefaults.builder().url(url).build();
        try {
            PostsApi api = new PostsApi(db);
            Map<String, Object> created = body(ApiEvents.check(201, api.handleRequest(
                    ApiEvents.post("{\"title\":\"Hello\",\"body\":\"first\",\"author\":\"Ada\"}"), ApiEvents.context())));
            assertEquals("Hello", created.get("title"));
            assertEquals("Ada", ((Map<?, ?>) created.get("author")).get("name"));
            Object id = created.get("id");

            // a freeze: the server drops the idle connections; the next invocation must not see it
            LambdaFigures.killSessions(kind.equals("h2") ? url : System.getenv("RESEQUEL_TEST_POSTGRES_URL"));
            ApiEvents.check(201, api.handleRequest(
                    ApiEvents.post("{\"title\":\"Second\",\"author\":\"Ada\"}"), ApiEvents.context()));
            List<?> list = JSON.readValue(ApiEvents.check(200, api.handleRequest(ApiEvents.get("/posts"),
                    ApiEvents.context())).getBody(), List.class);
            assertEquals(2, list.size());
            assertEquals("Second", ((Map<?, ?>) list.get(0)).get("title"));
            assertEquals(((Map<?, ?>) ((Map<?, ?>) list.get(0)).get("author")).get("id"),
                    ((Map<?, ?>) ((Map<?, ?>) list.get(1)).get("author")).get("id"), "one author, found not re-created");

            // a SnapStart restore: the checkpoint closes every connection, the restored copy opens its own
            api.snapStart().beforeCheckpoint(null);
            assertEquals(0, db.poolMetrics().idle() + db.poolMetrics().acquired());
            api.snapStart().afterRestore(null);
            Map<String, Object> got = body(ApiEvents.check(200, api.handleRequest(ApiEvents.get("/posts/" + id),
                    ApiEvents.context())));
            assertEquals("Hello", got.get("title"));
            assertEquals("Ada", ((Map<?, ?>) got.get("author")).get("name"));

            ApiEvents.check(404, api.handleRequest(ApiEvents.get("/posts/999999"), ApiEvents.context()));
            Map<String, Object> invalid = body(ApiEvents.check(400, api.handleRequest(
                    ApiEvents.post("{\"title\":\"  \",\"author\":\"Ada\"}"), ApiEvents.context())));
            assertTrue(String.valueOf(invalid.get("error")).contains("notEmpty"), invalid.toString());
        } finally {
            db.close().block(Duration.ofSeconds(30));
            if (admin != null) {
                admin.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE", o -> { }).then(admin.close())
                        .block(Duration.ofSeconds(30));
            }
        }
    }

}
