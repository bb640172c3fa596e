package dev.fleetgate.proxy.health;

import dev.fleetgate.proxy.ProxyStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the proxy servlet is started and its HTTP client open; status only, like every public
 * check (R2). Also the check that makes Payara Server run MicroProfile Health for the EAR at all:
 * it needs one in a WAR.
 */
@Liveness
@ApplicationScoped
public class ProxyLivenessCheck implements HealthCheck {
  @Inject ProxyStatus status;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("fleetgate-proxy").status(status.open()).build();
  }
}
