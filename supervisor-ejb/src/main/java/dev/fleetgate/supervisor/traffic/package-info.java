/**
 * What the proxy measures per worker, for the console, the Prometheus endpoint and the access log.
 *
 * <ul>
 *   <li>R1 Counters are per worker id and survive the worker's restarts: requests, errors by kind,
 *       responses by status class, bytes in and out, latency distribution.
 *   <li>R2 Recording takes no lock and allocates nothing: {@link
 *       java.util.concurrent.atomic.LongAdder}s only, so the hot path never waits on a reader.
 *   <li>R3 Latency is kept in fixed buckets (0.1 ms to 60 s); percentiles are estimated within a
 *       bucket, accurate to the bucket's width.
 *   <li>R4 {@link dev.fleetgate.supervisor.traffic.TrafficHistory} keeps one sample per worker per
 *       interval for the last 15 minutes: rates and percentiles over that interval alone.
 *   <li>R5 {@link dev.fleetgate.supervisor.traffic.PrometheusText} writes the counters in the
 *       Prometheus text exposition format 0.0.4.
 *   <li>R6 It also carries what the public {@code /health} endpoints leave out: one {@code
 *       fleetgate_worker_info} series per worker labelled with its pid (while it has a process),
 *       port and reason (while it is FAILED or in BACKOFF), beside its state and restarts.
 * </ul>
 */
package dev.fleetgate.supervisor.traffic;
