package io.resequel.exec;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.sql.Dialect;
import io.resequel.sql.Feature;
import io.resequel.tx.ConstraintCheck;
import io.resequel.tx.TransactionBegin;
import io.resequel.tx.TransactionOptions;
import java.util.Objects;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A dialect's transaction begin plus Sequelize's {@code deferrable} option: {@code SET CONSTRAINTS ... DEFERRED}
 * (or {@code IMMEDIATE}) right after BEGIN, where the database has deferrable constraints; elsewhere the transaction
 * fails before BEGIN with {@link UnsupportedOperatorException}.
 */
public final class ConstrainedBegin implements TransactionBegin {

    private final TransactionBegin base;
    private final Dialect dialect;

    /** @param base the dialect's begin @param dialect quotes constraint names and says whether it has them */
    public ConstrainedBegin(TransactionBegin base, Dialect dialect) {
        this.base = Objects.requireNonNull(base, "base");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    public Publisher<Void> begin(Connection connection, TransactionOptions options) {
        ConstraintCheck check = options.constraints();
        if (check == null) {
            return base.begin(connection, options);
        }
        if (!dialect.supports(Feature.DEFERRABLE_CONSTRAINTS)) {
            return Mono.error(new UnsupportedOperatorException("SET CONSTRAINTS", dialect.name(),
                    "deferrable constraints exist only on PostgreSQL; drop the constraints option"));
        }
        String names = check.constraints().isEmpty() ? "ALL"
                : check.constraints().stream().map(dialect::quote).collect(Collectors.joining(", "));
        String sql = "SET CONSTRAINTS " + names + (check.deferred() ? " DEFERRED" : " IMMEDIATE");
        return Mono.from(base.begin(connection, options))
                .then(Flux.from(connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then());
    }

    @Override
    public Publisher<Void> reset(Connection connection, TransactionOptions options) {
        return base.reset(connection, options);
    }
}
