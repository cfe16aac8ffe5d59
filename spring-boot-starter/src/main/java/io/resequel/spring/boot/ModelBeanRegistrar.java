package io.resequel.spring.boot;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import java.beans.Introspector;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the typed model classes (subclasses of {@link Instance}) in {@code resequel.model-packages}, or in the
 * application's package, and registers one {@code Model<T>} bean for each, named after the class
 * ({@code User} → {@code userModel}), injectable by its generic type.
 */
public final class ModelBeanRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private Environment environment;
    private final List<Class<? extends Instance>> classes = new ArrayList<>();

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<String> packages = Binder.get(environment)
                .bind("resequel.model-packages", Bindable.listOf(String.class)).orElse(List.of());
        if (packages.isEmpty() && registry instanceof BeanFactory f && AutoConfigurationPackages.has(f)) {
            packages = AutoConfigurationPackages.get(f);
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                environment);
        scanner.addIncludeFilter(new AssignableTypeFilter(Instance.class));
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        for (String p : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(p)) {
                Class<?> c = ClassUtils.resolveClassName(candidate.getBeanClassName(), loader);
                if (!Modifier.isAbstract(c.getModifiers()) && !classes.contains(c)) {
                    classes.add(c.asSubclass(Instance.class));
                }
            }
        }
        for (Class<? extends Instance> c : classes) {
            register(registry, c);
        }
    }

    private static <T extends Instance> void register(BeanDefinitionRegistry registry, Class<T> type) {
        RootBeanDefinition bean = new RootBeanDefinition(Model.class);
        bean.setTargetType(ResolvableType.forClassWithGenerics(Model.class, type));
        BeanFactory factory = (BeanFactory) registry;
        bean.setInstanceSupplier(() -> factory.getBean(ResequelModels.class).model(type));
        String name = Introspector.decapitalize(type.getSimpleName()) + "Model";
        if (!registry.containsBeanDefinition(name)) {
            registry.registerBeanDefinition(name, bean);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    /** @return the typed model classes found */
    public List<Class<? extends Instance>> classes() {
        return List.copyOf(classes);
    }
}
