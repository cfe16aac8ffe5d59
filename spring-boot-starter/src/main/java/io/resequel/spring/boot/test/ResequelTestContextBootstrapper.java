package io.resequel.spring.boot.test;

import org.springframework.boot.test.context.SpringBootTestContextBootstrapper;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/** Reads {@link ResequelTest#properties()} as {@code @SpringBootTest} reads its own. */
final class ResequelTestContextBootstrapper extends SpringBootTestContextBootstrapper {

    @Override
    protected String[] getProperties(Class<?> testClass) {
        return MergedAnnotations.from(testClass, SearchStrategy.INHERITED_ANNOTATIONS).get(ResequelTest.class)
                .getValue("properties", String[].class).orElse(null);
    }
}
