package dev.fleetgate.admin.api;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.WorkerName;
import java.util.List;
import java.util.Optional;

/**
 * Whose output a log reader reads (R4): every worker of every app, every worker of one app, or one
 * worker.
 *
 * @param app the app, or null for every app
 * @param worker the one worker, or null for all of the scope's workers
 */
record LogScope(String app, WorkerName worker) {

  static LogScope everyWorker() {
    return new LogScope(null, null);
  }

  static LogScope app(String app) {
    return new LogScope(app, null);
  }

  static LogScope worker(WorkerName worker) {
    return new LogScope(worker.app(), worker);
  }

  /** The one worker followed; empty when the scope is several. */
  Optional<WorkerName> single() {
    return Optional.ofNullable(worker);
  }

  /** The scope's workers there are now; none when its app is gone (or never was). */
  List<WorkerName> workers(Supervisor supervisor) {
    // Asked first: the supervisor's answer to an unknown app is an EJB system exception, logged.
    if (app != null && !supervisor.apps().contains(app)) {
      return List.of();
    }
    FleetSnapshot snapshot = app == null ? supervisor.snapshot() : supervisor.snapshot(app);
    return snapshot.workers().stream()
        .map(w -> new WorkerName(w.app(), w.id()))
        .filter(w -> worker == null || worker.equals(w))
        .toList();
  }
}
