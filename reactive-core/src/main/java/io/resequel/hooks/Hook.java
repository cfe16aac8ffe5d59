package io.resequel.hooks;

import org.reactivestreams.Publisher;

/**
 * A hook: a function of the operation's event returning a publisher the operation waits for. It runs on the
 * operation's thread, in the operation's Reactor Context (so its queries join the transaction in effect); it may
 * change the event's instance, values, where or find options, and fails the operation by signalling an error.
 */
@FunctionalInterface
public interface Hook {

    /** @param event what the operation is doing @return completes when the hook is done; an error aborts */
    Publisher<?> apply(HookEvent event);
}
