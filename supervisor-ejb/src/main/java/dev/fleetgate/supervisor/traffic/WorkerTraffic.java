package dev.fleetgate.supervisor.traffic;

import dev.fleetgate.supervisor.entity.TrafficSnapshot;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one worker id across all its processes (R1). The proxy calls {@link #started}
 * once per request and then exactly one of {@link #completed} or {@link #failed}; nothing here
 * locks (R2).
 */
public final class WorkerTraffic {
  private final String app;
  private final int workerId;
  private final LongAdder requests = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder[] errors = new LongAdder[ErrorKind.values().length];
  private final LongAdder[] statusClasses = new LongAdder[6];
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LatencyHistogram latency = new LatencyHistogram();

  public WorkerTraffic(String app, int workerId) {
    this.app = app;
    this.workerId = workerId;
    for (int i = 0; i < errors.length; i++) {
      errors[i] = new LongAdder();
    }
    for (int i = 0; i < statusClasses.length; i++) {
      statusClasses[i] = new LongAdder();
    }
  }

  public String app() {
    return app;
  }

  public int workerId() {
    return workerId;
  }

  /** {@code api/0}, or {@code 0} in the default app. */
  public String workerName() {
    return WorkerName.of(app, workerId);
  }

  public void started() {
    requests.increment();
    inFlight.incrementAndGet();
  }

  /**
   * The worker's whole response reached the client.
   *
   * @param status the worker's status code
   * @param nanos from sending the request to the worker until the response's last byte
   * @param requestBytes body bytes sent to the worker
   * @param responseBytes body bytes relayed to the client
   */
  public void completed(int status, long nanos, long requestBytes, long responseBytes) {
    inFlight.decrementAndGet();
    statusClasses[Math.min(5, Math.max(0, status / 100))].increment();
    latency.record(nanos);
    bytesIn.add(requestBytes);
    bytesOut.add(responseBytes);
  }

  /**
   * A tunnel the worker accepted with 101 closed. It counts as a 1xx response, but not in the
   * latency distribution: a tunnel's life says nothing about the worker's speed.
   */
  public void tunnelClosed() {
    inFlight.decrementAndGet();
    statusClasses[1].increment();
  }

  /** The request ended without the worker's complete response. */
  public void failed(ErrorKind kind, long requestBytes, long responseBytes) {
    inFlight.decrementAndGet();
    errors[kind.ordinal()].increment();
    bytesIn.add(requestBytes);
    bytesOut.add(responseBytes);
  }

  public long requests() {
    return requests.sum();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public long errors(ErrorKind kind) {
    return errors[kind.ordinal()].sum();
  }

  /** Responses whose status was {@code digit}xx (1 to 5). */
  public long responses(int digit) {
    return statusClasses[digit].sum();
  }

  public long bytesIn() {
    return bytesIn.sum();
  }

  public long bytesOut() {
    return bytesOut.sum();
  }

  public LatencyHistogram.Snapshot latency() {
    return latency.snapshot();
  }

  /** All counters at once, with percentiles over the whole life of the worker id. */
  public TrafficSnapshot snapshot() {
    Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
    long errorTotal = 0;
    for (ErrorKind kind : ErrorKind.values()) {
      long n = errors(kind);
      byKind.put(kind, n);
      errorTotal += n;
    }
    LatencyHistogram.Snapshot distribution = latency();
    return new TrafficSnapshot(
        app,
        workerId,
        requests(),
        inFlight(),
        errorTotal,
        byKind,
        responses(5),
        bytesIn(),
        bytesOut(),
        distribution.percentileMillis(0.5),
        distribution.percentileMillis(0.99));
  }
}
