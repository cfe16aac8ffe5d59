package io.resequel.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.resequel.Resequel;
import io.resequel.error.ValidationException;
import io.resequel.lambda.LambdaDefaults;
import io.resequel.lambda.ReactiveRequestHandler;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.validation.V;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * An HTTP API on AWS Lambda behind API Gateway (HTTP API, payload 2.0): posts with their author.
 *
 * <ul>
 *   <li>{@code POST /posts} with {@code {"title": ..., "body": ..., "author": "name"}}: creates the post (and the
 *       author if new) in one transaction; 201 with the post and its author</li>
 *   <li>{@code GET /posts}: every post with its author, newest first</li>
 *   <li>{@code GET /posts/{id}}: one post with its author, or 404</li>
 * </ul>
 *
 * <p>The Resequel is built and the models defined in the constructor, which Lambda runs in the init phase (and which
 * SnapStart snapshots); the handler base drains the pool before a snapshot and enforces the invocation's deadline.
 * The database URL comes from {@code DB_URL}.
 */
public final class PostsApi extends ReactiveRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Model<Instance> authors;
    private final Model<Instance> posts;
    /** Creates the tables once per environment (a demo convenience: production would migrate at deploy time). */
    private final Mono<Void> ready;

    // tag::lambda[]
    /** The constructor Lambda calls: the URL from {@code DB_URL}, in-memory H2 when unset. */
    public PostsApi() {
        this(LambdaDefaults.builder().url(System.getenv().getOrDefault("DB_URL",
                "r2dbc:h2:mem:///posts?options=DB_CLOSE_DELAY=-1")).build());
    }

    /** @param db the Resequel to use (tests pass their own) */
    public PostsApi(Resequel db) {
        super(db); // the init phase: one Resequel, models defined once, kept across warm invocations
        authors = db.define("Author", m -> m
                .attribute("name", DataTypes.STRING, a -> a.allowNull(false).unique(true)));
        posts = db.define("Post", m -> m
                .attribute("title", DataTypes.STRING, a -> a.allowNull(false).validate(V.notEmpty()))
                .attribute("body", DataTypes.TEXT));
        posts.belongsTo(authors, a -> a.as("author"));
        ready = db.sync().cache();
    }

    @Override
    protected Mono<APIGatewayV2HTTPResponse> handle(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        return ready.then(Mono.defer(() -> route(method, path, event.getBody())))
                .onErrorResume(ValidationException.class, e -> respond(400, Map.of("error", e.getMessage())))
                .onErrorResume(JsonProcessingException.class, e -> respond(400, Map.of("error", "malformed JSON")));
    }
    // end::lambda[]

    private Mono<APIGatewayV2HTTPResponse> route(String method, String path, String body) {
        if (path.equals("/posts") && method.equals("POST")) {
            return create(body);
        }
        if (path.equals("/posts") && method.equals("GET")) {
            return posts.findAll(q -> q.include("author").order(io.resequel.query.Order.desc("id"))).map(Instance::toJSON).collectList()
                    .flatMap(list -> respond(200, list));
        }
        if (path.matches("/posts/\\d+") && method.equals("GET")) {
            long id = Long.parseLong(path.substring("/posts/".length()));
            return posts.findByPk(id, q -> q.include("author"))
                    .flatMap(p -> respond(200, p.toJSON()))
                    .switchIfEmpty(Mono.defer(() -> respond(404, Map.of("error", "no post " + id))));
        }
        return respond(404, Map.of("error", "no route " + method + " " + path));
    }

    private Mono<APIGatewayV2HTTPResponse> create(String body) {
        return Mono.fromCallable(() -> JSON.readValue(body == null ? "{}" : body, Map.class))
                .flatMap(in -> db().transaction(tx -> authors
                        .findOrCreate(Where.eq("name", String.valueOf(in.getOrDefault("author", "anonymous"))), Map.of())
                        .flatMap(author -> posts.create(Map.of(
                                "title", String.valueOf(in.getOrDefault("title", "")),
                                "body", String.valueOf(in.getOrDefault("body", "")),
                                "authorId", author.instance().get("id"))))
                        .flatMap(post -> posts.findByPk(post.get("id"), q -> q.include("author")))))
                .flatMap(post -> respond(201, post.toJSON()));
    }

    private static Mono<APIGatewayV2HTTPResponse> respond(int status, Object body) {
        return Mono.fromCallable(() -> APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(JSON.writeValueAsString(body))
                .build());
    }

    /** @return the Resequel, for the figures' clean-up */
    Resequel dbForFigures() {
        return db();
    }

    /** @return the models, for tests */
    List<Model<Instance>> models() {
        return List.of(authors, posts);
    }
}
