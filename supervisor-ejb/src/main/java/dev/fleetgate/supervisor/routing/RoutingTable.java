package dev.fleetgate.supervisor.routing;

import dev.fleetgate.supervisor.traffic.TrafficLedger;
import java.util.List;

/**
 * The one place the supervisor publishes which of one app's workers take traffic, and the proxy
 * reads it. A read is one volatile load: no lock, no EJB call on the request path.
 */
public final class RoutingTable {
  private final String app;
  private volatile Routes current = Routes.EMPTY;
  private volatile boolean stopping;
  private final TrafficLedger traffic;

  public RoutingTable(String app) {
    this.app = app;
    this.traffic = new TrafficLedger(app);
  }

  /** The app whose workers these are. */
  public String app() {
    return app;
  }

  /** The per-worker counters the proxy updates; each {@link Upstream} holds its worker's. */
  public TrafficLedger traffic() {
    return traffic;
  }

  /** The routes in force now. */
  public Routes current() {
    return current;
  }

  /**
   * True once the server is stopping: requests are still proxied, but their answers close the
   * connection, so clients open their next one elsewhere.
   */
  public boolean stopping() {
    return stopping;
  }

  /** The server began its graceful stop ({@code dev.fleetgate.supervisor.shutdown}). */
  public void beginStop() {
    stopping = true;
  }

  /** Requests in flight at any worker now, whichever worker took them. */
  public int inFlight() {
    int sum = 0;
    for (var worker : traffic.all()) {
      sum += worker.inFlight();
    }
    return sum;
  }

  /** Replaces the routes; called by the supervisor only, under its own lock. */
  public void publish(List<Upstream> ready) {
    current = new Routes(ready, current.version() + 1);
  }
}
