package io.resequel.dialect.mysql;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import io.resequel.model.DataType;
import io.resequel.sql.Bind;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A throw-away database on the local MySQL/MariaDB server for one test class, reached with plain R2DBC.
 * The server comes from {@code RESEQUEL_TEST_MYSQL_URL} (default {@code r2dbc:mysql://root@127.0.0.1:3306/test});
 * the database in that URL is replaced by a fresh one, dropped by {@link #close()}.
 */
final class MySqlTestDatabase implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionFactoryOptions admin;
    final String database;
    final Connection connection;

    MySqlTestDatabase() {
        String url = System.getenv().getOrDefault("RESEQUEL_TEST_MYSQL_URL", "r2dbc:mysql://root@127.0.0.1:3306/test");
        ConnectionFactoryOptions base = ConnectionFactoryOptions.parse(url);
        this.database = "resequel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        // The admin connection names no database, so the URL's database need not exist.
        this.admin = base.mutate().option(ConnectionFactoryOptions.DATABASE, "").build();
        withAdmin("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        ConnectionFactoryOptions own = base.mutate().option(ConnectionFactoryOptions.DATABASE, database).build();
        this.connection = Mono.from(ConnectionFactories.get(own).create()).block(TIMEOUT);
    }

    private void withAdmin(String sql) {
        Mono.usingWhen(ConnectionFactories.get(admin).create(),
                c -> Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then(),
                Connection::close).block(TIMEOUT);
    }

    /** Runs statements without parameters, in order. */
    void execute(List<String> statements) {
        for (String s : statements) {
            execute(s);
        }
    }

    /** @return rows updated */
    long execute(String sql, Object... values) {
        Statement st = connection.createStatement(sql);
        for (int i = 0; i < values.length; i++) {
            st.bind(i, values[i]);
        }
        Long n = Flux.from(st.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum).block(TIMEOUT);
        return n == null ? 0 : n;
    }

    /** Runs a statement binding each value through the dialect, as the core does. */
    Mono<Long> update(Dialect dialect, String sql, List<Bind> binds) {
        return Mono.defer(() -> Flux.from(bind(dialect, connection.createStatement(sql), binds).execute())
                .flatMap(Result::getRowsUpdated).reduce(0L, Long::sum));
    }

    <T> List<T> query(Dialect dialect, Sql sql, Function<Row, T> mapper) {
        return query(dialect, sql.text(), sql.binds(), mapper);
    }

    <T> List<T> query(Dialect dialect, String sql, List<Bind> binds, Function<Row, T> mapper) {
        Statement st = bind(dialect, connection.createStatement(sql), binds);
        return Flux.from(st.execute()).flatMap(r -> r.map((row, md) -> mapper.apply(row))).collectList()
                .block(TIMEOUT);
    }

    static Statement bind(Dialect dialect, Statement st, List<Bind> binds) {
        for (int i = 0; i < binds.size(); i++) {
            Bind b = binds.get(i);
            if (b.value() == null) {
                st.bindNull(i, dialect.nullType(b.type()));
            } else {
                st.bind(i, dialect.toDriver(b.type(), b.value()));
            }
        }
        return st;
    }

    static List<Bind> binds(Object... valueTypePairs) {
        List<Bind> out = new ArrayList<>();
        for (int i = 0; i < valueTypePairs.length; i += 2) {
            out.add(new Bind(valueTypePairs[i], (DataType) valueTypePairs[i + 1]));
        }
        return out;
    }

    static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    @Override
    public void close() {
        try {
            Mono.from(connection.close()).block(TIMEOUT);
        } finally {
            withAdmin("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }
}
