package dev.fleetgate.supervisor.routing;

import dev.fleetgate.supervisor.traffic.TrafficLedger;
import java.util.List;

/**
 * The one place the supervisor publishes which workers take traffic, and the proxy reads it. A read
 * is one volatile load: no lock, no EJB call on the request path.
 */
public final class RoutingTable {
  private volatile Routes current = Routes.EMPTY;
  private final TrafficLedger traffic = new TrafficLedger();

  /** The per-worker counters the proxy updates; each {@link Upstream} holds its worker's. */
  public TrafficLedger traffic() {
    return traffic;
  }

  /** The routes in force now. */
  public Routes current() {
    return current;
  }

  /** Replaces the routes; called by the supervisor only, under its own lock. */
  public void publish(List<Upstream> ready) {
    current = new Routes(ready, current.version() + 1);
  }
}
