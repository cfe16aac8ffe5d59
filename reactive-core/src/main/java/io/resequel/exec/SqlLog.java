package io.resequel.exec;

import io.resequel.sql.Sql;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequelize's {@code logging} and {@code benchmark} options over SLF4J: statements go to the logger
 * {@code io.resequel.sql} at INFO when logging is on, with their duration when benchmark is on. Values are not
 * logged.
 */
final class SqlLog implements StatementListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.resequel.sql");
    private final boolean benchmark;

    SqlLog(boolean benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public void beforeStatement(Sql sql) {
        if (!benchmark && LOG.isInfoEnabled()) {
            LOG.info("Executing: {}", sql.text());
        }
    }

    @Override
    public void onStatement(Sql sql, Duration elapsed, Throwable error) {
        if (benchmark && LOG.isInfoEnabled()) {
            LOG.info("Executed ({} ms): {}{}", elapsed.toNanos() / 1_000_000.0, sql.text(), error != null ? " -- failed" : "");
        }
    }
}
