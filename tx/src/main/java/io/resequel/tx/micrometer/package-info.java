/** Pool gauges for Micrometer (an optional dependency of resequel-tx); see {@link io.resequel.tx.PoolMeters}. */
package io.resequel.tx.micrometer;
