package dev.fleetgate.supervisor.traffic;

import dev.fleetgate.supervisor.entity.TrafficSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rates and percentiles per worker over the last {@code window} (R4), one {@link TrafficSample} per
 * worker per call to {@link #sample}. Called by a timer, read by the console: both rare, so a plain
 * monitor is enough.
 */
public final class TrafficHistory {
  private final int capacity;
  private final Deque<List<TrafficSample>> ticks = new ArrayDeque<>();
  private final Map<String, Previous> previous = new HashMap<>();

  private record Previous(
      Instant at, long requests, long errors, LatencyHistogram.Snapshot latency) {}

  /** Keeps {@code window} of samples taken every {@code interval}. */
  public TrafficHistory(Duration window, Duration interval) {
    this.capacity = (int) Math.max(1, window.toMillis() / Math.max(1, interval.toMillis()));
  }

  /**
   * Takes one sample per worker: rates and percentiles since the previous sample.
   *
   * @param restarts restarts so far by worker name ({@code api/0}); workers missing here count 0
   */
  public synchronized void sample(
      Instant now, List<WorkerTraffic> traffic, Map<String, Integer> restarts) {
    List<TrafficSample> tick = new ArrayList<>(traffic.size());
    for (WorkerTraffic worker : traffic) {
      long requests = worker.requests();
      long errors = 0;
      for (ErrorKind kind : ErrorKind.values()) {
        errors += worker.errors(kind);
      }
      LatencyHistogram.Snapshot latency = worker.latency();
      String name = worker.workerName();
      Previous before =
          previous.getOrDefault(
              name, new Previous(now, requests, errors, LatencyHistogram.Snapshot.EMPTY));
      double seconds = Math.max(0.001, Duration.between(before.at(), now).toMillis() / 1000.0);
      boolean first = !previous.containsKey(name);
      LatencyHistogram.Snapshot interval = latency.minus(before.latency());
      tick.add(
          new TrafficSample(
              now,
              worker.app(),
              worker.workerId(),
              first ? 0 : (requests - before.requests()) / seconds,
              first ? 0 : (errors - before.errors()) / seconds,
              interval.percentileMillis(0.5),
              interval.percentileMillis(0.99),
              restarts.getOrDefault(name, 0)));
      previous.put(name, new Previous(now, requests, errors, latency));
    }
    ticks.addLast(List.copyOf(tick));
    while (ticks.size() > capacity) {
      ticks.removeFirst();
    }
  }

  /** Every sample kept, oldest first. */
  public synchronized List<TrafficSample> samples() {
    List<TrafficSample> all = new ArrayList<>();
    ticks.forEach(all::addAll);
    return all;
  }
}
