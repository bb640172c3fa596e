package dev.fleetgate.supervisor.health;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.WorkerSnapshot;
import dev.fleetgate.supervisor.entity.WorkerState;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The per-worker data every Fleetgate health check reports, one entry per worker. */
final class WorkerHealthData {
  private WorkerHealthData() {}

  static HealthCheckResponseBuilder of(FleetSnapshot fleet, HealthCheckResponseBuilder builder) {
    builder
        .withData("desired", fleet.desired())
        .withData("ready", fleet.readyCount())
        .withData("failed", fleet.count(WorkerState.FAILED));
    for (WorkerSnapshot w : fleet.workers()) {
      builder.withData("worker-" + w.id(), describe(w));
    }
    return builder;
  }

  static String describe(WorkerSnapshot w) {
    StringBuilder text = new StringBuilder(w.state().name());
    if (w.pid() > 0) {
      text.append(" pid ").append(w.pid());
    }
    text.append(" port ").append(w.port()).append(" restarts ").append(w.restarts());
    if (w.reason() != null) {
      text.append(": ").append(w.reason());
    }
    return text.toString();
  }
}
