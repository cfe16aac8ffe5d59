package io.resequel.spring.boot.slice;

import static org.assertj.core.api.Assertions.assertThat;

import io.resequel.Resequel;
import io.resequel.model.Model;
import io.resequel.spring.boot.test.ResequelTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code @ResequelTest} on the URL the test configures (here {@code spring.r2dbc.url}, as from Testcontainers). */
@ResequelTest(properties = "resequel.schema=create")
class ResequelSliceUrlTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void url(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", () -> "r2dbc:h2:mem:///spr_slice_own?options=DB_CLOSE_DELAY=-1");
    }

    @Autowired
    Resequel db;

    @Autowired
    Model<SprSliceNote> notes;

    @Test
    void theConfiguredDatabaseIsUsed() {
        notes.create(Map.of("body", "there")).block(WAIT);
        Object name = db.select("SELECT DATABASE() AS n", o -> { }).map(r -> r.values().iterator().next())
                .blockFirst(WAIT);
        assertThat(name.toString()).isEqualToIgnoringCase("spr_slice_own");
        // a second Resequel on the same named database sees the row: the test's URL, not a default one
        Resequel other = Resequel.connect("r2dbc:h2:mem:///spr_slice_own?options=DB_CLOSE_DELAY=-1");
        try {
            assertThat(other.select("SELECT COUNT(*) AS c FROM \"spr_slice_notes\"", o -> { })
                    .map(r -> ((Number) r.values().iterator().next()).longValue()).blockFirst(WAIT)).isEqualTo(1L);
        } finally {
            other.close().block(WAIT);
        }
    }
}
