package dev.fleetgate.supervisor.routing;

import java.util.List;

/**
 * The one place the supervisor publishes which workers take traffic, and the proxy reads it. A read
 * is one volatile load: no lock, no EJB call on the request path.
 */
public final class RoutingTable {
  private volatile Routes current = Routes.EMPTY;

  /** The routes in force now. */
  public Routes current() {
    return current;
  }

  /** Replaces the routes; called by the supervisor only, under its own lock. */
  public void publish(List<Upstream> ready) {
    current = new Routes(ready, current.version() + 1);
  }
}
