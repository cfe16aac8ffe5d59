package io.resequel.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code resequel} command: sequelize-cli's migration and seeding commands over R2DBC.
 *
 * <pre>
 * java -jar resequel-cli.jar db:migrate --url r2dbc:h2:file:///./dev
 * </pre>
 *
 * <p>Exit codes, for scripts: {@value #OK} done, {@value #FAILED} a migration or the database failed (the message
 * says which statements ran), {@value #USAGE} a wrong command line, {@value #CONFIG_ERROR} no usable configuration.
 */
@Command(name = "resequel", mixinStandardHelpOptions = true, version = "resequel-cli 0.1.0",
        description = "Runs migrations and seeders (sequelize-cli's commands) over R2DBC.",
        subcommands = {DbCommands.Migrate.class, DbCommands.Status.class, DbCommands.Undo.class,
                DbCommands.UndoAll.class, DbCommands.SeedAll.class, DbCommands.SeedUndoAll.class,
                GenerateCommands.Migration.class, GenerateCommands.Seed.class})
public final class Main implements Callable<Integer> {

    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: a migration, a seeder or the database failed. */
    public static final int FAILED = 1;
    /** Exit code: the command line is wrong. */
    public static final int USAGE = 2;
    /** Exit code: no usable configuration (no URL, unreadable file). */
    public static final int CONFIG_ERROR = 3;

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;

    private Main(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * Runs a command without exiting the JVM (tests and embedding).
     *
     * @param args the command line
     * @param out  where progress, SQL and results go
     * @param err  where errors go
     * @param env  the environment variables to read ({@code RESEQUEL_URL}, {@code RESEQUEL_ENV})
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cl = new CommandLine(new Main(out, err, env));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("ERROR: " + e.getMessage());
            return e instanceof Settings.ConfigException ? CONFIG_ERROR : FAILED;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return USAGE;
    }
}
