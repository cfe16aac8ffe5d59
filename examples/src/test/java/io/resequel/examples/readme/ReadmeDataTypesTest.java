package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's "Data types per database" example, run on each database. */
class ReadmeDataTypesTest {

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void sizedAndUnsignedTypes(String database) {
        Resequel db = ReadmeDb.connect(database, "data_types");
        try {
            // tag::data-types[]
            Model<Instance> hosts = db.define("Host", s -> s
                    .attribute("port", DataTypes.SMALLINT.UNSIGNED())   // 0..65535 everywhere (INTEGER on PostgreSQL and H2)
                    .attribute("notes", DataTypes.TEXT("medium"))       // MEDIUMTEXT on MySQL/MariaDB
                    .attribute("seen", DataTypes.DATE(3)));             // milliseconds
            // end::data-types[]
            db.sync().block(WAIT);
            OffsetDateTime seen = OffsetDateTime.of(2026, 12, 6, 1, 2, 3, 456_000_000, ZoneOffset.UTC);
            hosts.create(Map.of("port", 65535, "notes", "x".repeat(70_000), "seen", seen)).block(WAIT);
            Instance back = hosts.findOne(q -> { }).block(WAIT);
            assertEquals(65535, ((Number) back.get("port")).intValue());
            assertEquals(70_000, ((String) back.get("notes")).length());
            assertEquals(seen.toInstant(), ((OffsetDateTime) back.get("seen")).toInstant());
        } finally {
            db.close().block(WAIT);
        }
    }
}
