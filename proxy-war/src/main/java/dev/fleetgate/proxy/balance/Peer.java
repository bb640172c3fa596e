package dev.fleetgate.proxy.balance;

import dev.fleetgate.supervisor.routing.Upstream;

/**
 * A ready worker as the balancer sees it: where it is, its weight, its passive and active health.
 */
public record Peer(Upstream upstream, int weight, PassiveHealth health, ActiveHealth active) {

  public int workerId() {
    return upstream.workerId();
  }

  public int inFlight() {
    return upstream.inFlight();
  }
}
