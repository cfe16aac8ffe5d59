package io.resequel.spring.boot;

import io.micrometer.observation.ObservationRegistry;
import io.resequel.Resequel;
import io.resequel.ResequelOptions;
import io.resequel.exec.StatementObserver;
import io.resequel.spring.jackson.ResequelJackson3Module;
import io.resequel.spring.jackson.ResequelModule;
import io.resequel.spring.web.ResequelProblemHandler;
import io.resequel.tx.spring.ResequelTransactionManager;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.AbstractTransactionManagementConfiguration;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Spring Boot 3.5 and 4 auto-configuration: a {@link Resequel} from {@code resequel.*} (falling back to
 * {@code spring.r2dbc.*}), {@link ResequelTransactionManager} as the {@link ReactiveTransactionManager} (with
 * {@code @Transactional} enabled and a {@link TransactionalOperator}), {@code Model<T>} beans for the typed model
 * classes, {@link ModelDefinitions} callbacks, {@code resequel.schema} at startup, graceful close, and, when their
 * libraries are present: Jackson 2/3 modules, WebFlux problem details, a health indicator and Micrometer
 * observations per statement.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
            "org.springframework.boot.autoconfigure.r2dbc.R2dbcTransactionManagerAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration"},
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@EnableConfigurationProperties(ResequelProperties.class)
public class ResequelAutoConfiguration {

    /** @return the registrar of the typed model beans */
    @Bean
    static ModelBeanRegistrar resequelModelBeanRegistrar() {
        return new ModelBeanRegistrar();
    }

    /**
     * @param properties  {@code resequel.*}
     * @param environment for the {@code spring.r2dbc.*} fallback
     * @param observers   statement observers (the Micrometer one when present)
     * @param customizers option edits
     * @return the Resequel, closed by {@link ResequelLifecycle}
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public Resequel resequel(ResequelProperties properties, Environment environment,
            ObjectProvider<StatementObserver> observers, ObjectProvider<ResequelCustomizer> customizers) {
        ResequelOptions.Builder b = Resequel.builder();
        String url = url(properties, environment);
        if (properties.getReplication().getRead().isEmpty()) {
            b.url(url);
        } else {
            b.replication(url, properties.getReplication().getRead());
        }
        ResequelProperties.Pool pool = properties.getPool();
        b.pool(p -> {
            if (pool.getMaxSize() != null) {
                p.max(pool.getMaxSize());
            }
            if (pool.getMinIdle() != null) {
                p.min(pool.getMinIdle());
            }
            if (pool.getMaxIdleTime() != null) {
                p.idle(pool.getMaxIdleTime());
            }
            if (pool.getAcquireTimeout() != null) {
                p.acquire(pool.getAcquireTimeout());
            }
            if (pool.getMaxLifeTime() != null) {
                p.maxLifetime(pool.getMaxLifeTime());
            }
            if (pool.getValidationQuery() != null) {
                p.validationQuery(pool.getValidationQuery());
            }
        });
        b.logging(properties.isLogging()).benchmark(properties.isBenchmark());
        if (properties.getQueryTimeout() != null) {
            b.queryTimeout(properties.getQueryTimeout());
        }
        if (properties.getPoolName() != null) {
            b.poolName(properties.getPoolName());
        }
        observers.orderedStream().forEach(b::observer);
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /** The URL from {@code resequel.url}, else {@code spring.r2dbc.url}, with the user and password added. */
    static String url(ResequelProperties properties, Environment environment) {
        String url = properties.getUrl();
        String user = properties.getUsername();
        String password = properties.getPassword();
        if (url == null) {
            url = environment.getProperty("spring.r2dbc.url");
            user = user != null ? user : environment.getProperty("spring.r2dbc.username");
            password = password != null ? password : environment.getProperty("spring.r2dbc.password");
        }
        if (url == null) {
            throw new IllegalStateException("RSQ-002 set resequel.url (or spring.r2dbc.url) to an R2DBC URL, e.g."
                    + " r2dbc:postgresql://app@localhost/app");
        }
        int authority = url.indexOf("://");
        if (user == null || authority < 0 || url.indexOf('@', authority) >= 0) {
            return url;
        }
        String credentials = enc(user) + (password == null ? "" : ":" + enc(password));
        return url.substring(0, authority + 3) + credentials + "@" + url.substring(authority + 3);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param db         the Resequel
     * @param properties {@code resequel.shutdown-grace}
     * @return closes it after the web server's graceful shutdown
     */
    @Bean
    public ResequelLifecycle resequelLifecycle(Resequel db, ResequelProperties properties) {
        return new ResequelLifecycle(db, properties.getShutdownGrace());
    }

    /**
     * @param db          the Resequel
     * @param registrar   the scanned typed classes
     * @param definitions the callbacks
     * @param properties  {@code resequel.schema}
     * @return the application's models
     */
    @Bean
    @ConditionalOnMissingBean
    public ResequelModels resequelModels(Resequel db, ModelBeanRegistrar registrar,
            ObjectProvider<ModelDefinitions> definitions, ResequelProperties properties) {
        return new ResequelModels(db, registrar.classes(), definitions.orderedStream().toList(),
                properties.getSchema(), properties.getMigrations());
    }

    /** @param db the Resequel @return the reactive transaction manager of {@code @Transactional} */
    @Bean
    @ConditionalOnMissingBean(ReactiveTransactionManager.class)
    public ResequelTransactionManager transactionManager(Resequel db) {
        return new ResequelTransactionManager(db.transactionManager());
    }

    /** @param manager the transaction manager @return programmatic transactions */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(ReactiveTransactionManager.class)
    public TransactionalOperator transactionalOperator(ReactiveTransactionManager manager) {
        return TransactionalOperator.create(manager);
    }

    /** {@code @Transactional} without Boot's transaction module (Boot 4 ships it separately). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(AbstractTransactionManagementConfiguration.class)
    @EnableTransactionManagement(proxyTargetClass = true)
    static class EnableTransactions {
    }

    /** The Jackson 2 module, picked up by Boot's {@code ObjectMapper}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.fasterxml.jackson.databind.Module")
    static class Jackson2 {
        /** @return the module */
        @Bean
        @ConditionalOnMissingBean
        ResequelModule resequelJacksonModule() {
            return new ResequelModule();
        }
    }

    /** The Jackson 3 module, picked up by Boot 4's {@code JsonMapper}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "tools.jackson.databind.JacksonModule")
    static class Jackson3 {
        /** @return the module */
        @Bean
        @ConditionalOnMissingBean
        ResequelJackson3Module resequelJackson3Module() {
            return new ResequelJackson3Module();
        }
    }

    /** Problem details for Resequel's errors in WebFlux controllers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.DispatcherHandler")
    static class WebFlux {
        /** @return the controller advice */
        @Bean
        @ConditionalOnMissingBean
        ResequelProblemHandler resequelProblemHandler() {
            return new ResequelProblemHandler();
        }
    }

    /** Spring Boot 4's health indicator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.ReactiveHealthIndicator")
    static class Boot4Health {
        /** @param db the Resequel @return the indicator, named {@code resequel} */
        @Bean
        @ConditionalOnMissingBean(name = "resequelHealthIndicator")
        Boot4HealthIndicator resequelHealthIndicator(Resequel db) {
            return new Boot4HealthIndicator(new ResequelHealth(db));
        }
    }

    /** Spring Boot 3's health indicator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.ReactiveHealthIndicator")
    static class Boot3Health {
        /** @param db the Resequel @return the indicator, named {@code resequel} */
        @Bean
        @ConditionalOnMissingBean(name = "resequelHealthIndicator")
        Boot3HealthIndicator resequelHealthIndicator(Resequel db) {
            return new Boot3HealthIndicator(new ResequelHealth(db));
        }
    }

    /** A {@code resequel.query} observation per statement when Micrometer's observation API is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
    static class Observations {
        /** @param registry the registry, if the application has one @return the observer */
        @Bean
        ObservationStatementObserver resequelObservations(ObjectProvider<ObservationRegistry> registry) {
            return new ObservationStatementObserver(registry::getIfAvailable);
        }
    }
}
