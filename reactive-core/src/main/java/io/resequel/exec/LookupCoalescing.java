package io.resequel.exec;

import io.resequel.tx.ReadRouting;
import io.resequel.tx.ReadYourWrites;
import reactor.util.context.ContextView;

/**
 * Coalesced primary-key lookups (the DataLoader pattern), opted into with
 * {@code Resequel.builder().coalesceLookups(...)}: concurrent {@code findByPk(key)} calls on one model that would each
 * cost a round trip are answered by one {@code WHERE pk IN (...)} query, its rows routed back to each caller.
 * There is no timer: a lookup that finds fewer than {@code maxInFlight} lookup queries of its model running goes out
 * at once, alone; the lookups that arrive while they run wait and go out together (at most {@code maxBatch} keys)
 * when one finishes. So an idle service pays no added latency and a busy one sends fewer, larger queries.
 *
 * <p>Only lookups whose outcome cannot depend on which query answers them are coalesced: {@code findByPk} without
 * options, on a model without find hooks or an active scope, by an integer or UUID key (string keys may compare
 * case- or pad-insensitively, so a row could answer a key that Java would not match), outside any transaction, with
 * no per-operation routing, timeout or read-your-writes scope in the Reactor Context. Everything else runs as before.
 *
 * @param maxBatch    the most keys one query carries
 * @param maxInFlight the most lookup queries of one model running at once
 */
public record LookupCoalescing(int maxBatch, int maxInFlight) {

    /** The defaults: 64 keys per query, 4 queries of a model at once. */
    public static final LookupCoalescing DEFAULTS = new LookupCoalescing(64, 4);

    /** Checks the bounds. */
    public LookupCoalescing {
        if (maxBatch < 2 || maxBatch > 1000) {
            throw new IllegalArgumentException("maxBatch must be between 2 and 1000: " + maxBatch);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
    }

    /**
     * @param ctx the lookup's Reactor Context
     * @return whether nothing in it changes how its query runs (routing, timeout, read-your-writes scope), so it may
     *         share a query with other lookups; the transaction is checked separately (it may live outside the
     *         context, in Spring's)
     */
    public static boolean plain(ContextView ctx) {
        return !ReadRouting.isUseMaster(ctx) && QueryTimeouts.find(ctx).isEmpty() && ReadYourWrites.find(ctx).isEmpty();
    }
}
