package io.resequel.spring.boot.test;

import io.resequel.model.Instance;
import io.resequel.spring.boot.ModelDefinitions;
import io.resequel.spring.boot.ResequelCustomizer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * For a {@link ResequelTest}: narrows component scanning to Resequel's callback beans and gives the context an
 * in-memory H2 database when the test names no URL. Registered in {@code META-INF/spring.factories}.
 */
public final class ResequelTestContextCustomizerFactory implements ContextCustomizerFactory {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        boolean slice = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY).isPresent(ResequelTest.class);
        return slice ? new Customizer() : null;
    }

    /** Equal to every other: contexts of {@code @ResequelTest} classes with the same configuration are shared. */
    static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getBeanFactory().registerSingleton("resequelTestTypeExcludeFilter", new SliceFilter());
            ConfigurableEnvironment env = context.getEnvironment();
            // last: any URL the test sets wins, whichever property source it comes from
            env.getPropertySources().addLast(new DefaultUrl(env,
                    "r2dbc:h2:mem:///resequel_test_" + DATABASES.incrementAndGet() + "?options=DB_CLOSE_DELAY=-1"));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }

    /**
     * {@code resequel.url} of H2 when neither it nor {@code spring.r2dbc.url} is set elsewhere (the starter reads
     * {@code spring.r2dbc.url} only when {@code resequel.url} is absent, so a fixed default would hide it).
     */
    static final class DefaultUrl extends PropertySource<String> {
        private final ConfigurableEnvironment env;

        DefaultUrl(ConfigurableEnvironment env, String url) {
            super("resequelTestDefaultUrl", url);
            this.env = env;
        }

        @Override
        public Object getProperty(String name) {
            if (!"resequel.url".equals(name)) {
                return null;
            }
            return env.getProperty("spring.r2dbc.url") == null ? getSource() : null;
        }
    }

    /** Keeps, of the scanned components, only those that define models or customize Resequel. */
    static final class SliceFilter extends TypeExcludeFilter {
        private static final List<Class<?>> KEPT = List.of(ModelDefinitions.class, ResequelCustomizer.class,
                Instance.class);

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            String name = reader.getClassMetadata().getClassName();
            try {
                Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                return KEPT.stream().noneMatch(k -> k.isAssignableFrom(type));
            } catch (ClassNotFoundException | LinkageError e) {
                return true;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SliceFilter;
        }

        @Override
        public int hashCode() {
            return SliceFilter.class.hashCode();
        }
    }
}
