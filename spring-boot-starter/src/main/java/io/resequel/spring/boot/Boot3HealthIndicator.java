package io.resequel.spring.boot;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/** Resequel's health for Spring Boot 3 ({@code org.springframework.boot.actuate.health}); named {@code resequel}. */
public final class Boot3HealthIndicator implements ReactiveHealthIndicator {

    private final ResequelHealth health;

    /** @param health the check */
    public Boot3HealthIndicator(ResequelHealth health) {
        this.health = health;
    }

    @Override
    public Mono<Health> health() {
        return health.check().map(d -> Health.up().withDetails(d).build())
                .onErrorResume(e -> Mono.just(Health.down().withDetails(health.details())
                        .withDetail("error", e.getClass().getSimpleName()).build()));
    }
}
