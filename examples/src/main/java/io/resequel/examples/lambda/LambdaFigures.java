package io.resequel.examples.lambda;

import io.resequel.Resequel;
import io.resequel.lambda.LambdaDefaults;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Runs the Lambda life cycle of {@link PostsApi} in one process and prints its timings in milliseconds: cold init (JVM
 * start to the first response), the first invocation after a freeze whose connections the server dropped, and the
 * first invocation after a SnapStart restore. {@code examples/lambda/figures.sh} runs it five times per database and
 * takes the medians.
 */
public final class LambdaFigures {

    private LambdaFigures() {
    }

    /** @param args an R2DBC URL (default in-memory H2) */
    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String base = args.length > 0 ? args[0] : "r2dbc:h2:mem:///figures?options=DB_CLOSE_DELAY=-1";
        boolean pg = base.startsWith("r2dbc:postgresql");
        // on PostgreSQL, a schema of its own (the server may be shared), dropped at the end
        String schema = "lambda_fig_" + ProcessHandle.current().pid();
        String url = pg ? base + "?schema=" + schema + "&applicationName=resequel-lambda" : base;
        Resequel admin = pg ? Resequel.connect(base) : null;
        if (admin != null) {
            admin.query("CREATE SCHEMA " + schema, o -> { }).block(Duration.ofSeconds(30));
        }
        PostsApi api = new PostsApi(LambdaDefaults.builder().url(url).build());
        ApiEvents.check(201, api.handleRequest(ApiEvents.post("{\"title\":\"cold\",\"author\":\"ada\"}"),
                ApiEvents.context()));
        long cold = System.currentTimeMillis() - jvmStart;

        killSessions(pg ? base : url);
        long t = System.nanoTime();
        ApiEvents.check(200, api.handleRequest(ApiEvents.get("/posts"), ApiEvents.context()));
        long thaw = (System.nanoTime() - t) / 1_000_000;

        api.snapStart().beforeCheckpoint(null);
        api.snapStart().afterRestore(null);
        t = System.nanoTime();
        ApiEvents.check(200, api.handleRequest(ApiEvents.get("/posts"), ApiEvents.context()));
        long restore = (System.nanoTime() - t) / 1_000_000;

        System.out.println("cold=" + cold + " thaw=" + thaw + " restore=" + restore);
        api.dbForFigures().close().block(Duration.ofSeconds(30));
        if (admin != null) {
            admin.query("DROP SCHEMA " + schema + " CASCADE", o -> { }).then(admin.close())
                    .block(Duration.ofSeconds(30));
        }
        System.exit(0);
    }

    /** The freeze: every other session of the database is ended by the server, as an idle timeout would. */
    static void killSessions(String url) {
        Resequel admin = Resequel.connect(url);
        String sql = url.startsWith("r2dbc:postgresql")
                ? "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND usename = current_user AND application_name = 'resequel-lambda'"
                : "SELECT ABORT_SESSION(SESSION_ID) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()";
        admin.select(sql, o -> { }).then().then(admin.close()).block(Duration.ofSeconds(30));
    }
}
