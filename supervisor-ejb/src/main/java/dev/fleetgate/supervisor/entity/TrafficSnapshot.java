package dev.fleetgate.supervisor.entity;

import dev.fleetgate.supervisor.traffic.ErrorKind;
import java.util.Map;

/**
 * One worker's traffic counters since Fleetgate started, across its restarts.
 *
 * @param app the worker's app
 * @param workerId the worker
 * @param requests requests sent to it (a retried request counts once per worker tried)
 * @param inFlight requests being forwarded to it now
 * @param errors requests that ended without its complete response
 * @param errorsByKind {@code errors} split by cause
 * @param serverErrors responses it gave with a 5xx status
 * @param bytesIn request body bytes sent to it
 * @param bytesOut response body bytes relayed from it
 * @param p50Millis median latency, NaN before the first completed request
 * @param p99Millis 99th percentile latency, NaN before the first completed request
 */
public record TrafficSnapshot(
    String app,
    int workerId,
    long requests,
    int inFlight,
    long errors,
    Map<ErrorKind, Long> errorsByKind,
    long serverErrors,
    long bytesIn,
    long bytesOut,
    double p50Millis,
    double p99Millis) {

  public TrafficSnapshot {
    errorsByKind = Map.copyOf(errorsByKind);
  }
}
