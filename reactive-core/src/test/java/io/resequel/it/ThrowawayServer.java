package io.resequel.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database server of its own, made in a temporary directory from the installed server binaries and started on a
 * port of its own, so a test may stop and restart it without touching the shared server. Run as root, the server
 * runs as the system's {@code postgres} / {@code mysql} user (neither server runs as root).
 */
abstract class ThrowawayServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);

    final Path dir;
    final int port;

    ThrowawayServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** @return the R2DBC URL of the server's default database */
    abstract String url();

    /** Starts the server and waits until it accepts connections. */
    abstract void start() throws IOException, InterruptedException;

    /** Stops the server fast: sessions are closed, committed work is kept. */
    abstract void stopFast() throws IOException, InterruptedException;

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopFast();
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /**
     * @param kind postgres or mysql
     * @param port the port to listen on; 0 picks a free one (a fixed port may still be held by a server an earlier,
     *     killed run left behind, which made the start fail in CI)
     * @return the server, made but not started; empty when the binaries are not installed
     */
    static Optional<ThrowawayServer> make(String kind, int port) throws IOException, InterruptedException {
        if (port == 0) {
            port = freePort();
        }
        return switch (kind) {
            case "postgres" -> Postgres.make(port);
            case "mysql" -> MariaDb.make(port);
            default -> Optional.empty();
        };
    }

    /** @return a TCP port nothing listens on at the moment of asking */
    static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    /** @return the last characters of the server's log, for an error message */
    String logTail() throws IOException {
        Path log = dir.resolve("log");
        String text = Files.exists(log) ? Files.readString(log) : "(no log)";
        return text.substring(Math.max(0, text.length() - 3000));
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Path ownedBy(String user, Path dir) throws IOException, InterruptedException {
        if (root()) {
            run(List.of("chown", "-R", user, dir.toString()), Duration.ofSeconds(10));
        }
        return dir;
    }

    /** @return the command, run as {@code user} when we are root */
    static List<String> as(String user, String... command) {
        List<String> out = new ArrayList<>();
        if (root()) {
            out.addAll(List.of("runuser", "-u", user, "--"));
        }
        out.addAll(Arrays.asList(command));
        return out;
    }

    static void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("rsq-server", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish within " + timeout + ": " + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                throw new IOException(command + " exited with " + p.exitValue() + ": " + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Waits until something accepts TCP connections on the port. */
    void awaitPort() throws IOException, InterruptedException {
        awaitPort(null);
    }

    /** @param process the server's process, if this JVM started it: its early exit ends the wait at once */
    void awaitPort(Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (process != null && !process.isAlive()) {
                    throw new IOException("server on port " + port + " exited with " + process.exitValue(), e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("server on port " + port + " did not come up within " + START, e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** PostgreSQL: initdb into the directory, pg_ctl start / stop -m fast. */
    static final class Postgres extends ThrowawayServer {
        private final Path bin;

        private Postgres(Path dir, int port, Path bin) {
            super(dir, port);
            this.bin = bin;
        }

        static Optional<ThrowawayServer> make(int port) throws IOException, InterruptedException {
            Path base = Path.of("/usr/lib/postgresql");
            if (!Files.isDirectory(base)) {
                return Optional.empty();
            }
            Optional<Path> bin;
            try (Stream<Path> versions = Files.list(base)) {
                bin = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                                .replaceAll("\\D", "0"))));
            }
            if (bin.isEmpty()) {
                return Optional.empty();
            }
            Path dir = ownedBy("postgres", Files.createTempDirectory("rsq-pg"));
            run(as("postgres", bin.get().resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                    "-A", "trust", "-U", "postgres", "--no-sync"), Duration.ofSeconds(60));
            return Optional.of(new Postgres(dir, port, bin.get()));
        }

        @Override
        String url() {
            return "r2dbc:postgresql://postgres@127.0.0.1:" + port + "/postgres";
        }

        @Override
        void start() throws IOException, InterruptedException {
            List<String> cmd = as("postgres", bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-w", "-t", "30", "-l", dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir
                            + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40", "start");
            // Seen once in CI: pg_ctl gave up at once. Try once more, then say why with the server's own log.
            for (int attempt = 1; ; attempt++) {
                try {
                    run(cmd, Duration.ofSeconds(40));
                    awaitPort();
                    return;
                } catch (IOException e) {
                    if (attempt == 2) {
                        throw new IOException(e.getMessage() + "; server log: " + logTail(), e);
                    }
                    Thread.sleep(1000);
                }
            }
        }

        @Override
        void stopFast() throws IOException, InterruptedException {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run(as("postgres", bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
                        "-m", "fast", "stop"), Duration.ofSeconds(40));
            }
        }
    }

    /** MariaDB: mariadb-install-db into the directory, mariadbd as a child process stopped with SIGTERM. */
    static final class MariaDb extends ThrowawayServer {
        private final String server;
        private Process process;

        private MariaDb(Path dir, int port, String server) {
            super(dir, port);
            this.server = server;
        }

        static Optional<ThrowawayServer> make(int port) throws IOException, InterruptedException {
            String server = Stream.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd")
                    .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
            String install = Stream.of("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db")
                    .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
            if (server == null || install == null) {
                return Optional.empty();
            }
            Path dir = ownedBy("mysql", Files.createTempDirectory("rsq-maria"));
            List<String> cmd = new ArrayList<>(List.of(install, "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (root()) {
                cmd.add("--user=mysql");
            }
            run(cmd, Duration.ofSeconds(60));
            return Optional.of(new MariaDb(dir, port, server));
        }

        @Override
        String url() {
            return "r2dbc:mysql://root@127.0.0.1:" + port + "/mysql";
        }

        @Override
        void start() throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(server, "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                    "--pid-file=" + dir.resolve("pid"), "--skip-log-bin", "--innodb-buffer-pool-size=32M",
                    "--innodb-log-file-size=16M", "--max-connections=40"));
            if (root()) {
                cmd.add("--user=mysql");
            }
            // Seen once under a full suite's load: the server did not come up. Try once more, then say why.
            for (int attempt = 1; ; attempt++) {
                process = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile())).start();
                try {
                    awaitPort(process);
                    return;
                } catch (IOException e) {
                    if (process.isAlive()) {
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                    }
                    if (attempt == 2) {
                        throw new IOException(e.getMessage() + "; server log: " + logTail(), e);
                    }
                }
            }
        }

        @Override
        void stopFast() throws IOException, InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy(); // SIGTERM: mariadbd closes its sessions and shuts down cleanly
                if (!process.waitFor(40, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            process = null;
        }
    }
}
