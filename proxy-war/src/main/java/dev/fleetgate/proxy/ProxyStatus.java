package dev.fleetgate.proxy;

import dev.fleetgate.supervisor.routing.RoutingTable;
import jakarta.enterprise.context.ApplicationScoped;

/** What the proxy servlet tells the health check: whether it is up, and its routes. */
@ApplicationScoped
public class ProxyStatus {
  private volatile RoutingTable routing;
  private volatile boolean open;

  void opened(RoutingTable routing) {
    this.routing = routing;
    this.open = true;
  }

  void closed() {
    open = false;
  }

  public boolean open() {
    return open;
  }

  /** The routing table the proxy reads, or null before the proxy started. */
  public RoutingTable routing() {
    return routing;
  }
}
