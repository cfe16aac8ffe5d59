package io.resequel.spring.boot.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resequel.Resequel;
import io.resequel.error.ValidationException;
import io.resequel.model.Model;
import io.resequel.spring.boot.test.ResequelTest;
import io.resequel.tx.spring.ResequelTransactionManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** {@code @ResequelTest}: only Resequel, its transaction manager and the models, on H2 by default. */
@ResequelTest(properties = "resequel.schema=create")
class ResequelSliceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;

    @Autowired
    Resequel db;

    @Autowired
    Model<SprSliceNote> notes;

    @Autowired
    TransactionalOperator operator;

    @Test
    void theDatabaseIsInMemoryH2AndTheModelsAreBeansWithTheirTables() {
        assertThat(db.dialect().name()).isEqualTo("h2");
        notes.create(Map.of("body", "first")).block(WAIT);
        assertThat(notes.count().block(WAIT)).isEqualTo(1L);
        // the bean method of the application class and the scanned ModelDefinitions both ran, and their tables exist
        assertThat(db.model("SprSliceTag").create(Map.of("label", "a")).then(db.model("SprSliceTag").count())
                .block(WAIT)).isEqualTo(1L);
        assertThat(db.model("SprSliceComment").count().block(WAIT)).isZero();
        notes.truncate().block(WAIT);
    }

    @Test
    void transactionsRollBackThroughTheOperator() {
        assertThat(context.getBean(ReactiveTransactionManager.class)).isInstanceOf(ResequelTransactionManager.class);
        assertThatThrownBy(() -> notes.create(Map.of("body", "kept?")).then(notes.create(Map.of("body", "x")))
                .as(operator::transactional).block(WAIT)).isInstanceOf(ValidationException.class);
        assertThat(notes.count().block(WAIT)).isZero();
    }

    @Test
    void otherComponentsAndAutoConfigurationsAreLeftOut() {
        assertThat(context.getBeanNamesForType(SliceMailer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SliceComments.class)).hasSize(1);
        assertThat(context.containsBean("resequelProblemHandler")).isFalse();
        // no other auto-configuration ran: Boot's Jackson one would have made an ObjectMapper/JsonMapper
        assertThat(context.getBeansOfType(Object.class).keySet())
                .noneMatch(n -> n.toLowerCase().contains("jacksonobjectmapper") || n.equals("jsonMapper"));
    }
}
