package io.resequel.tx;

/**
 * Read routing decisions of a replicated source since it was built.
 *
 * @param replicaReads    reads served by a replica
 * @param writerReads     reads sent to the writer because of a transaction or {@code useMaster}
 * @param consistentReads reads sent to the writer by {@link ReadYourWrites} (a recent write, or a lagging replica)
 * @param lsnChecks       replicas asked for their replay position ({@link ReadYourWrites.Mode#LSN})
 * @param lsnBehind       of those, replicas found behind the write
 * @param lastLagBytes    how far behind the write the last checked replica was, in WAL bytes (0 when past it)
 */
public record RoutingMetrics(long replicaReads, long writerReads, long consistentReads, long lsnChecks,
        long lsnBehind, long lastLagBytes) {
}
