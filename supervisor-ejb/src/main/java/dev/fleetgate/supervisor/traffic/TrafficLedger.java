package dev.fleetgate.supervisor.traffic;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The {@link WorkerTraffic} of every worker id one app's fleet ever had (R1). */
public final class TrafficLedger {
  private final String app;
  private final ConcurrentMap<Integer, WorkerTraffic> byWorker = new ConcurrentHashMap<>();

  public TrafficLedger(String app) {
    this.app = app;
  }

  /** The counters of {@code workerId}, created on first use. */
  public WorkerTraffic of(int workerId) {
    return byWorker.computeIfAbsent(workerId, id -> new WorkerTraffic(app, id));
  }

  /** Every worker's counters, ordered by id. */
  public List<WorkerTraffic> all() {
    return byWorker.values().stream()
        .sorted(Comparator.comparingInt(WorkerTraffic::workerId))
        .toList();
  }
}
