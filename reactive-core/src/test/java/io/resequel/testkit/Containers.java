package io.resequel.testkit;

/**
 * Testcontainers, used only when a URL is not set. Kept apart so the kit loads without Testcontainers on the
 * class path (then Docker counts as unavailable).
 */
final class Containers {

    private static String postgres;
    private static String mariadb;

    private Containers() {
    }

    static boolean available() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException e) {
            return false;
        }
        try {
            return Docker.isAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static synchronized String postgres() {
        if (postgres == null) {
            postgres = Docker.postgres();
        }
        return postgres;
    }

    static synchronized String mariadb() {
        if (mariadb == null) {
            mariadb = Docker.mariadb();
        }
        return mariadb;
    }

    /** Touches Testcontainers classes; loaded only after the class-path check. */
    private static final class Docker {
        static boolean isAvailable() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }

        @SuppressWarnings("resource") // lives for the JVM; Ryuk removes it
        static String postgres() {
            var c = new org.testcontainers.containers.GenericContainer<>("postgres:16")
                    .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                    .withExposedPorts(5432)
                    .waitingFor(org.testcontainers.containers.wait.strategy.Wait
                            .forLogMessage(".*database system is ready to accept connections.*", 2));
            c.start();
            return "r2dbc:postgresql://postgres@" + c.getHost() + ":" + c.getMappedPort(5432) + "/postgres";
        }

        @SuppressWarnings("resource")
        static String mariadb() {
            var c = new org.testcontainers.containers.GenericContainer<>("mariadb:11")
                    .withEnv("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1")
                    .withEnv("MARIADB_ROOT_HOST", "%")
                    .withExposedPorts(3306)
                    .waitingFor(org.testcontainers.containers.wait.strategy.Wait
                            .forLogMessage(".*ready for connections.*", 2));
            c.start();
            return "r2dbc:mysql://root@" + c.getHost() + ":" + c.getMappedPort(3306) + "/mysql";
        }
    }
}
