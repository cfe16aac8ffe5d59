package io.resequel.dialect.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Strings are bound as VARCHAR on H2 connections (see {@link VarcharCodecs}), and still land right in every kind of
 * character column, including CLOB and JSON ones.
 */
class VarcharCodecsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static List<Object> rows(Connection c, String sql, Object... binds) {
        return Flux.defer(() -> {
            var s = c.createStatement(sql);
            for (int i = 0; i < binds.length; i++) {
                s.bind(i, binds[i]);
            }
            return Flux.from(s.execute()).concatMap(r -> r.map((row, meta) -> row.get(0)));
        }).collectList().block(WAIT);
    }

    @Test
    void boundStringsAreVarcharAndRoundTripThroughEveryCharacterColumn() {
        ConnectionFactory raw = ConnectionFactories.get("r2dbc:h2:mem:///varchar_codecs;DB_CLOSE_DELAY=-1");
        OffThreadConnectionFactory factory = new OffThreadConnectionFactory(raw, Schedulers.boundedElastic());
        Connection c = Mono.from(factory.create()).block(WAIT);
        try {
            Object driverConnection = ((io.r2dbc.spi.Wrapped<?>) c).unwrap();
            assertTrue(VarcharCodecs.installed(driverConnection), "the driver's connection binds strings as VARCHAR");
            assertEquals(List.of(true), rows(c, "SELECT ? IS OF (CHARACTER VARYING)", "abc"));
            // what r2dbc-h2's own codecs bind
            Connection plain = Mono.from(raw.create()).block(WAIT);
            try {
                assertEquals(List.of(true), rows(plain, "SELECT ? IS OF (CHARACTER LARGE OBJECT)", "abc"));
            } finally {
                Mono.from(plain.close()).block(WAIT);
            }

            rows(c, "CREATE TABLE vc_items (v VARCHAR(20), t CLOB, j JSON, n INTEGER)");
            String unicode = "ça 😀 ok";
            rows(c, "INSERT INTO vc_items (v, t, j, n) VALUES (?, ?, ? FORMAT JSON, ?)", unicode,
                    "x".repeat(100_000), "{\"a\":[1,2]}", "42");
            assertEquals(List.of(unicode), rows(c, "SELECT v FROM vc_items WHERE v = ?", unicode));
            assertEquals(List.of(100_000L), rows(c, "SELECT LENGTH(t) FROM vc_items WHERE t LIKE ?", "xx%"));
            assertEquals(List.of("{\"a\":[1,2]}"), rows(c, "SELECT CAST(j AS VARCHAR) FROM vc_items"));
            assertEquals(List.of(42), rows(c, "SELECT n FROM vc_items WHERE n = ?", "42"));
            rows(c, "DROP TABLE vc_items");
        } finally {
            Mono.from(c.close()).block(WAIT);
        }
    }
}
