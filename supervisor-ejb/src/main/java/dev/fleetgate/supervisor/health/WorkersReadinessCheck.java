package dev.fleetgate.supervisor.health;

import dev.fleetgate.supervisor.boundary.Supervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while at least {@code fleetgate.workers.min-ready} workers are READY and the server is not
 * stopping; status only (R2, R4).
 */
@Readiness
@ApplicationScoped
public class WorkersReadinessCheck implements HealthCheck {
  @Inject Supervisor supervisor;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("fleetgate-workers-ready")
        .status(
            !supervisor.routingTable().stopping()
                && supervisor.snapshot().readyCount() >= supervisor.minReady())
        .build();
  }
}
