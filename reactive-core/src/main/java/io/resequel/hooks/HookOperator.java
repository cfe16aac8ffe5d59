package io.resequel.hooks;

import reactor.core.publisher.Flux;

/**
 * An operator hook: a Reactor operator wrapped around every call of a model operation (see
 * {@link Hooks#around(HookType, String, HookOperator)}). The operation reaches it as a {@code Flux} of its results
 * (a {@code Mono} operation as a {@code Flux} of at most one element), so one form serves finds and writes: it may
 * add a timeout, retry, tap metrics, filter or modify the elements, or fail with an error of its own. It must emit
 * elements of the operation's type, and at most one for an operation that returns a {@code Mono}.
 */
@FunctionalInterface
public interface HookOperator {

    /**
     * Called once per call of the operation, when that call is subscribed (so operators such as
     * {@code transformDeferredContextual} see the call's Reactor Context).
     *
     * @param results the operation's results, not yet subscribed
     * @return the publisher the caller subscribes to instead
     */
    Flux<Object> apply(Flux<Object> results);
}
