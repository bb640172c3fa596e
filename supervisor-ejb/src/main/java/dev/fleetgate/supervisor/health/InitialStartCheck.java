package dev.fleetgate.supervisor.health;

import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once every initial worker became ready once, or gave up (FAILED). */
@Startup
@ApplicationScoped
public class InitialStartCheck implements HealthCheck {
  @Inject Supervisor supervisor;

  @Override
  public HealthCheckResponse call() {
    FleetSnapshot fleet = supervisor.snapshot();
    return WorkerHealthData.of(fleet, HealthCheckResponse.named("fleetgate-workers-started"))
        .status(fleet.initialStartDone())
        .build();
  }
}
