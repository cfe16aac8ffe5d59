package io.resequel.spring.boot;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.resequel.exec.StatementInfo;
import io.resequel.exec.StatementObserver;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * One Micrometer {@link Observation} named {@code resequel.query} per statement: a timer (and, with a tracing
 * bridge, a span) with the low-cardinality keys {@code model}, {@code operation}, {@code dialect} and
 * {@code outcome} ({@code success}, {@code error}, {@code cancelled}) and the SQL text, which holds no values, as the
 * high-cardinality key {@code sql}. Its parent is the observation in the subscriber's Reactor context (a WebFlux
 * request's), so a request's trace shows its queries.
 */
public final class ObservationStatementObserver implements StatementObserver {

    /** The observation's name. */
    public static final String NAME = "resequel.query";

    /** Micrometer's Reactor context key of the current observation ({@code ObservationThreadLocalAccessor.KEY}). */
    private static final String CONTEXT_KEY = "micrometer.observation";

    private final Supplier<ObservationRegistry> registry;

    /** @param registry the registry, looked up when the first statement runs (it may be created after us) */
    public ObservationStatementObserver(Supplier<ObservationRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public <T> Flux<T> observe(StatementInfo statement, Flux<T> execution) {
        ObservationRegistry r = registry.get();
        if (r == null || r.isNoop()) {
            return execution;
        }
        return Flux.deferContextual(ctx -> {
            Observation parent = ctx.getOrDefault(CONTEXT_KEY, null);
            Observation o = Observation.createNotStarted(NAME, r)
                    .contextualName(statement.operation() + " " + statement.model())
                    .lowCardinalityKeyValues(KeyValues.of("model", statement.model(),
                            "operation", statement.operation(), "dialect", statement.dialect()))
                    .highCardinalityKeyValue("sql", statement.sql());
            if (parent != null) {
                o.parentObservation(parent);
            }
            o.start();
            return execution
                    .doOnComplete(() -> finish(o, "success"))
                    .doOnError(e -> {
                        o.error(e);
                        finish(o, "error");
                    })
                    .doOnCancel(() -> finish(o, "cancelled"))
                    .contextWrite(c -> c.put(CONTEXT_KEY, o));
        });
    }

    private static void finish(Observation o, String outcome) {
        o.lowCardinalityKeyValue("outcome", outcome);
        o.stop();
    }
}
