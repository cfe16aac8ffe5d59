package io.resequel.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code resequel.*} properties. Without {@code resequel.url}, {@code spring.r2dbc.url} (and its username and
 * password) is used, so an application configured for Spring Data R2DBC connects unchanged.
 */
@ConfigurationProperties("resequel")
public class ResequelProperties {

    /** What the starter does to the schema at startup. */
    public enum Schema {
        /** nothing (the default) */
        NONE,
        /** {@code sync()}: create the tables that do not exist */
        CREATE,
        /** {@code sync(alter)}: create missing tables and add or change columns to match the models */
        ALTER,
        /** run the pending migrations found at {@code resequel.migrations.location} (as Flyway's Boot integration) */
        MIGRATE
    }

    private String url;
    private String username;
    private String password;
    private boolean logging;
    private boolean benchmark;
    private Duration queryTimeout;
    private Schema schema = Schema.NONE;
    private List<String> modelPackages = new ArrayList<>();
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private String poolName;
    private final Pool pool = new Pool();
    private final Replication replication = new Replication();
    private final Migrations migrations = new Migrations();

    /** @return the R2DBC URL, e.g. {@code r2dbc:postgresql://app@db/app} */
    public String getUrl() { return url; }

    /** @param url the R2DBC URL */
    public void setUrl(String url) { this.url = url; }

    /** @return the user, when not in the URL */
    public String getUsername() { return username; }

    /** @param username the user, when not in the URL */
    public void setUsername(String username) { this.username = username; }

    /** @return the password, when not in the URL */
    public String getPassword() { return password; }

    /** @param password the password, when not in the URL */
    public void setPassword(String password) { this.password = password; }

    /** @return log every statement to {@code io.resequel.sql} */
    public boolean isLogging() { return logging; }

    /** @param logging log every statement to {@code io.resequel.sql} */
    public void setLogging(boolean logging) { this.logging = logging; }

    /** @return log each statement with its duration */
    public boolean isBenchmark() { return benchmark; }

    /** @param benchmark log each statement with its duration */
    public void setBenchmark(boolean benchmark) { this.benchmark = benchmark; }

    /** @return every statement's timeout unless an operation sets one; {@code null} for none */
    public Duration getQueryTimeout() { return queryTimeout; }

    /** @param queryTimeout every statement's timeout unless an operation sets one */
    public void setQueryTimeout(Duration queryTimeout) { this.queryTimeout = queryTimeout; }

    /** @return what to do to the schema at startup */
    public Schema getSchema() { return schema; }

    /** @param schema what to do to the schema at startup */
    public void setSchema(Schema schema) { this.schema = schema; }

    /** @return packages scanned for typed model classes; empty for the application's package */
    public List<String> getModelPackages() { return modelPackages; }

    /** @param modelPackages packages scanned for typed model classes */
    public void setModelPackages(List<String> modelPackages) { this.modelPackages = modelPackages; }

    /** @return how long running queries and transactions may take to finish at shutdown */
    public Duration getShutdownGrace() { return shutdownGrace; }

    /** @param shutdownGrace how long running work may take to finish at shutdown */
    public void setShutdownGrace(Duration shutdownGrace) { this.shutdownGrace = shutdownGrace; }

    /** @return the {@code pool} tag of the pool gauges */
    public String getPoolName() { return poolName; }

    /** @param poolName the {@code pool} tag of the pool gauges */
    public void setPoolName(String poolName) { this.poolName = poolName; }

    /** @return pool settings */
    public Pool getPool() { return pool; }

    /** @return read replication settings */
    public Replication getReplication() { return replication; }

    /** @return where {@code resequel.schema=migrate} finds migrations and records them */
    public Migrations getMigrations() { return migrations; }

    /** {@code resequel.pool.*}: unset values keep Resequel's defaults. */
    public static class Pool {
        private Integer maxSize;
        private Integer minIdle;
        private Duration maxIdleTime;
        private Duration acquireTimeout;
        private Duration maxLifeTime;
        private String validationQuery;

        /** @return the most connections */
        public Integer getMaxSize() { return maxSize; }

        /** @param maxSize the most connections */
        public void setMaxSize(Integer maxSize) { this.maxSize = maxSize; }

        /** @return connections kept open when idle */
        public Integer getMinIdle() { return minIdle; }

        /** @param minIdle connections kept open when idle */
        public void setMinIdle(Integer minIdle) { this.minIdle = minIdle; }

        /** @return how long an idle connection is kept */
        public Duration getMaxIdleTime() { return maxIdleTime; }

        /** @param maxIdleTime how long an idle connection is kept */
        public void setMaxIdleTime(Duration maxIdleTime) { this.maxIdleTime = maxIdleTime; }

        /** @return how long a caller waits for a connection before a ConnectionAcquireTimeoutException */
        public Duration getAcquireTimeout() { return acquireTimeout; }

        /** @param acquireTimeout how long a caller waits for a connection */
        public void setAcquireTimeout(Duration acquireTimeout) { this.acquireTimeout = acquireTimeout; }

        /** @return the longest a connection lives */
        public Duration getMaxLifeTime() { return maxLifeTime; }

        /** @param maxLifeTime the longest a connection lives */
        public void setMaxLifeTime(Duration maxLifeTime) { this.maxLifeTime = maxLifeTime; }

        /** @return the query that validates a connection */
        public String getValidationQuery() { return validationQuery; }

        /** @param validationQuery the query that validates a connection */
        public void setValidationQuery(String validationQuery) { this.validationQuery = validationQuery; }
    }

    /** {@code resequel.replication.*}: read replicas next to {@code resequel.url}, the writer. */
    public static class Replication {
        private List<String> read = new ArrayList<>();

        /** @return the read replicas' R2DBC URLs */
        public List<String> getRead() { return read; }

        /** @param read the read replicas' R2DBC URLs */
        public void setRead(List<String> read) { this.read = read; }
    }

    /** {@code resequel.migrations.*}: what {@code resequel.schema=migrate} runs. */
    public static class Migrations {
        private String location = "db/migrations";
        private String table = "SequelizeMeta";

        /** @return the class-path folder of the migrations (SQL pairs and Java classes), default db/migrations */
        public String getLocation() { return location; }

        /** @param location the class-path folder of the migrations */
        public void setLocation(String location) { this.location = location; }

        /** @return the meta table recording what ran, default SequelizeMeta (as sequelize-cli) */
        public String getTable() { return table; }

        /** @param table the meta table */
        public void setTable(String table) { this.table = table; }
    }
}
