package dev.fleetgate.supervisor.health;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while at least {@code fleetgate.workers.min-ready} workers are READY; data per worker. */
@Readiness
@ApplicationScoped
public class WorkersReadinessCheck implements HealthCheck {
  @Inject Supervisor supervisor;

  @Override
  public HealthCheckResponse call() {
    FleetSnapshot fleet = supervisor.snapshot();
    return WorkerHealthData.of(fleet, HealthCheckResponse.named("fleetgate-workers-ready"))
        .withData("minReady", supervisor.minReady())
        .status(fleet.readyCount() >= supervisor.minReady())
        .build();
  }
}
