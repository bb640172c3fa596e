package dev.fleetgate.supervisor.health;

import dev.fleetgate.supervisor.boundary.Supervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while every app has at least its {@code min-ready} workers READY and the server is not
 * stopping; each app is listed with UP or DOWN, nothing more (R2, R4).
 */
@Readiness
@ApplicationScoped
public class WorkersReadinessCheck implements HealthCheck {
  @Inject Supervisor supervisor;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("fleetgate-workers-ready");
    boolean ready = !supervisor.stopping();
    for (Map.Entry<String, Boolean> app : supervisor.appsReady().entrySet()) {
      response.withData(app.getKey(), app.getValue() ? "UP" : "DOWN");
      ready &= app.getValue();
    }
    return response.status(ready).build();
  }
}
