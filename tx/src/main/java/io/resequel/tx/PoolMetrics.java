package io.resequel.tx;

/**
 * A snapshot of a pool's state.
 *
 * @param acquired connections currently lent out
 * @param idle     connections open and waiting in the pool
 * @param pending  callers waiting for a connection
 * @param max      the pool's size limit
 */
public record PoolMetrics(int acquired, int idle, int pending, int max) {
}
