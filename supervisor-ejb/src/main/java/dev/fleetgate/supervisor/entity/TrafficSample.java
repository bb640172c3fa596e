package dev.fleetgate.supervisor.entity;

import java.time.Instant;

/**
 * One worker's traffic over one sampling interval, for the console's charts.
 *
 * @param at when the interval ended
 * @param app the worker's app
 * @param workerId the worker
 * @param requestsPerSecond requests started per second in the interval
 * @param errorsPerSecond failed requests per second in the interval
 * @param p50Millis median latency of the requests completed in the interval, NaN if none
 * @param p99Millis 99th percentile latency of the same, NaN if none
 * @param restarts the worker's restarts so far
 */
public record TrafficSample(
    Instant at,
    String app,
    int workerId,
    double requestsPerSecond,
    double errorsPerSecond,
    double p50Millis,
    double p99Millis,
    int restarts) {}
