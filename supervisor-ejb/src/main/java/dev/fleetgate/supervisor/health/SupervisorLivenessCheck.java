package dev.fleetgate.supervisor.health;

import dev.fleetgate.supervisor.boundary.Supervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the supervisor's periodic task keeps running (it beats every 2 s): a wedged supervisor
 * cannot restart crashed workers. Failed workers do not make the server "not live" — restarting the
 * server would not help them; readiness shows them, {@code /admin/metrics} tells which (R4).
 */
@Liveness
@ApplicationScoped
public class SupervisorLivenessCheck implements HealthCheck {
  static final Duration MAX_SILENCE = Duration.ofSeconds(10);

  @Inject Supervisor supervisor;

  @Override
  public HealthCheckResponse call() {
    Instant beat = supervisor.lastHeartbeat();
    boolean beating = Duration.between(beat, Instant.now()).compareTo(MAX_SILENCE) < 0;
    return HealthCheckResponse.named("fleetgate-supervisor").status(beating).build();
  }
}
