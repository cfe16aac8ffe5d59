package io.resequel.validation;

import io.resequel.model.Instance;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * One validator of an attribute: a built-in from {@link V} (tested on the value as a string, validator.js style)
 * or a custom one that may be asynchronous. Immutable; {@link #msg(String)} returns a copy with a custom message.
 */
public final class Check {

    private final String name;
    private final List<Object> args;
    private final String message;
    private final Predicate<String> test;
    private final BiFunction<Object, Instance, Mono<Void>> custom;

    private Check(String name, List<Object> args, String message, Predicate<String> test,
            BiFunction<Object, Instance, Mono<Void>> custom) {
        this.name = Objects.requireNonNull(name, "name");
        this.args = List.copyOf(args);
        this.message = message;
        this.test = test;
        this.custom = custom;
    }

    static Check builtin(String name, Predicate<String> test, Object... args) {
        return new Check(name, java.util.Arrays.asList(args), null, test, null);
    }

    static Check custom(String name, BiFunction<Object, Instance, Mono<Void>> check) {
        return new Check(name, List.of(), null, null, Objects.requireNonNull(check, "check"));
    }

    /** @param message the message when this check fails @return a copy carrying it */
    public Check msg(String message) {
        return new Check(name, args, Objects.requireNonNull(message, "message"), test, custom);
    }

    /** @return the validator's name ({@code isEmail}, {@code len}, or the custom name) */
    public String name() { return name; }

    /** @return the validator's arguments */
    public List<Object> args() { return args; }

    /** @return the custom message, or {@code null} */
    public String message() { return message; }

    /** @return whether this is a custom validator (runs even on null when null is allowed) */
    public boolean isCustom() { return custom != null; }

    boolean test(String value) {
        return test.test(value);
    }

    Mono<Void> run(Object value, Instance instance) {
        return Mono.defer(() -> custom.apply(value, instance));
    }
}
