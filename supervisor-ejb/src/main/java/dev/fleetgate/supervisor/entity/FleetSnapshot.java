package dev.fleetgate.supervisor.entity;

import java.time.Instant;
import java.util.List;

/**
 * All workers at one moment, ordered by id.
 *
 * @param workers one entry per worker slot
 * @param desired how many workers the supervisor is asked to run
 * @param initialStartDone true once every initial worker reached READY (or gave up) once
 * @param takenAt when this snapshot was taken
 */
public record FleetSnapshot(
    List<WorkerSnapshot> workers, int desired, boolean initialStartDone, Instant takenAt) {

  public FleetSnapshot {
    workers = List.copyOf(workers);
  }

  public long readyCount() {
    return workers.stream().filter(WorkerSnapshot::ready).count();
  }

  public long count(WorkerState state) {
    return workers.stream().filter(w -> w.state() == state).count();
  }
}
