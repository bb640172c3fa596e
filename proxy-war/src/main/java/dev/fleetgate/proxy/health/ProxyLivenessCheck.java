package dev.fleetgate.proxy.health;

import dev.fleetgate.proxy.ProxyStatus;
import dev.fleetgate.supervisor.routing.Routes;
import dev.fleetgate.supervisor.routing.RoutingTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the proxy servlet is started and its HTTP client open. Also the check that makes
 * Payara Server run MicroProfile Health for the EAR at all: it needs one in a WAR.
 */
@Liveness
@ApplicationScoped
public class ProxyLivenessCheck implements HealthCheck {
  @Inject ProxyStatus status;

  @Override
  public HealthCheckResponse call() {
    RoutingTable routing = status.routing();
    Routes routes = routing == null ? Routes.EMPTY : routing.current();
    return HealthCheckResponse.named("fleetgate-proxy")
        .withData("routesVersion", routes.version())
        .withData("readyWorkers", routes.ready().size())
        .status(status.open())
        .build();
  }
}
