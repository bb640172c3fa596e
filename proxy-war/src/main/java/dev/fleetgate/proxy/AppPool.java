package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.upgrade.UpgradeForwarder;
import dev.fleetgate.supervisor.routing.RoutingTable;

/**
 * One app's side of the proxy (R20), as one nginx {@code upstream} block with its {@code location}
 * settings: its workers' routes, its balancer and health, its timeouts and limits. Built whole with
 * its {@link ProxyRuntime} and replaced with it.
 */
final class AppPool {
  final String app;
  final ProxySettings settings;
  final RoutingTable routing;
  final Balancer balancer;
  final WorkerClients clients;
  final WorkerRequests workerRequests;
  final UpgradeForwarder upgrades;
  final FastPath fastPath;
  final ActiveHealthChecker checker;

  AppPool(
      String app,
      ProxySettings settings,
      RoutingTable routing,
      Balancer balancer,
      WorkerClients clients,
      WorkerRequests workerRequests,
      UpgradeForwarder upgrades,
      FastPath fastPath,
      ActiveHealthChecker checker) {
    this.app = app;
    this.settings = settings;
    this.routing = routing;
    this.balancer = balancer;
    this.clients = clients;
    this.workerRequests = workerRequests;
    this.upgrades = upgrades;
    this.fastPath = fastPath;
    this.checker = checker;
  }

  @Override
  public String toString() {
    return "app " + app;
  }
}
