package io.resequel.validation;

import io.resequel.error.ValidationException;
import io.resequel.error.ValidationItem;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.Behaviour;
import io.resequel.model.Instance;
import io.resequel.model.ModelDefinition;
import io.resequel.model.ValueLimits;
import io.resequel.query.Expr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs an instance's validators the way Sequelize does and collects every failure into one
 * {@link ValidationException}: a null value fails {@code allowNull(false)} (with the {@code notNull} message if
 * given) and skips the other validators; a null that is allowed skips the built-ins but not the custom ones;
 * model-wide validators run last. Asynchronous validators run one after the other; nothing blocks.
 */
public final class Validation {

    private Validation() {
    }

    /**
     * Validates without a database's limits (only what holds everywhere: lengths, scales, surrogates).
     *
     * @param instance the instance
     * @param fields   the attributes to check (those being saved), or {@code null} for all
     * @return completes when valid, else signals the {@link ValidationException}
     */
    public static Mono<Void> validate(Instance instance, Collection<String> fields) {
        return validate(instance, fields, ValueLimits.UNBOUNDED);
    }

    /**
     * @param instance the instance
     * @param fields   the attributes to check (those being saved), or {@code null} for all
     * @param limits   what the database stores exactly ({@link Fits}): a value it would change is a failure too
     * @return completes when valid, else signals the {@link ValidationException}
     */
    public static Mono<Void> validate(Instance instance, Collection<String> fields, ValueLimits limits) {
        return Mono.defer(() -> {
            ModelDefinition def = instance.model().definition();
            List<ValidationItem> items = new ArrayList<>();
            List<Mono<Void>> pending = new ArrayList<>();
            for (AttributeDefinition a : def.attributes()) {
                if (fields != null && !fields.contains(a.name())) {
                    continue;
                }
                Object value = instance.getDataValue(a.name());
                boolean timestamp = a.name().equals(def.createdAtAttribute()) || a.name().equals(def.updatedAtAttribute());
                if (value == null && timestamp) {
                    continue; // stamped by save
                }
                if (value instanceof Expr) {
                    continue; // a SQL expression is not validated (Sequelize skips SequelizeMethod values)
                }
                if (value == null && !a.allowNull() && !a.autoIncrement()) {
                    items.add(notNull(def, a));
                    continue;
                }
                ValidationItem misfit = Fits.stored(def.name(), a, value, limits);
                if (misfit != null) {
                    items.add(misfit);
                }
                attribute(def.name(), a.name(), a.behaviour(), value, instance, items, pending);
            }
            for (Map.Entry<String, Behaviour> v : def.virtuals().entrySet()) {
                if (fields == null || fields.contains(v.getKey())) {
                    // The value assigned (Sequelize's getDataValue), else what the getter computes.
                    Object assigned = instance.getDataValue(v.getKey());
                    attribute(def.name(), v.getKey(), v.getValue(), assigned != null ? assigned
                            : instance.get(v.getKey()), instance, items, pending);
                }
            }
            for (Map.Entry<String, Function<Instance, Mono<Void>>> m : def.validators().entrySet()) {
                pending.add(Mono.defer(() -> m.getValue().apply(instance)).onErrorResume(e -> {
                    items.add(new ValidationItem(def.name(), null, m.getKey(), null, message(e, m.getKey(), null)));
                    return Mono.empty();
                }));
            }
            return Flux.fromIterable(pending).concatMap(p -> p).then(Mono.defer(() -> items.isEmpty() ? Mono.empty()
                    : Mono.error(new ValidationException(items))));
        });
    }

    private static void attribute(String model, String name, Behaviour behaviour, Object value, Instance instance,
            List<ValidationItem> items, List<Mono<Void>> pending) {
        for (Check c : behaviour.validators()) {
            if (c.isCustom()) {
                pending.add(c.run(value, instance).onErrorResume(e -> {
                    items.add(new ValidationItem(model, name, c.name(), value,
                            c.message() != null ? c.message() : message(e, c.name(), name)));
                    return Mono.empty();
                }));
            } else if (c.name().equals("isImmutable")) {
                if (!instance.isNewRecord() && !instance.model().definition().virtuals().containsKey(name)
                        && !java.util.Objects.equals(instance.previous(name), value)) {
                    items.add(new ValidationItem(model, name, c.name(), value, c.message() != null ? c.message()
                            : "Validation isImmutable on " + name + " failed"));
                }
            } else if (value != null && !c.name().equals("notNull") && !c.test(String.valueOf(value))) {
                items.add(new ValidationItem(model, name, c.name(), value, c.message() != null ? c.message()
                        : "Validation " + c.name() + " on " + name + " failed"));
            }
        }
    }

    private static ValidationItem notNull(ModelDefinition def, AttributeDefinition a) {
        for (Check c : a.behaviour().validators()) {
            if (c.name().equals("notNull") && c.message() != null) {
                return new ValidationItem(def.name(), a.name(), "notNull", null, c.message());
            }
        }
        return Values.notNull(def.name(), a);
    }

    private static String message(Throwable e, String validator, String attribute) {
        return e.getMessage() != null ? e.getMessage()
                : "Validation " + validator + (attribute == null ? "" : " on " + attribute) + " failed";
    }
}
