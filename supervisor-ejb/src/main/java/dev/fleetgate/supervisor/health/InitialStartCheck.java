package dev.fleetgate.supervisor.health;

import dev.fleetgate.supervisor.boundary.Supervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once every initial worker became ready once, or gave up (FAILED); status only (R4). */
@Startup
@ApplicationScoped
public class InitialStartCheck implements HealthCheck {
  @Inject Supervisor supervisor;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("fleetgate-workers-started")
        .status(supervisor.snapshot().initialStartDone())
        .build();
  }
}
