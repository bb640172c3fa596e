package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.upgrade.UpgradeForwarder;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.supervisor.routing.RoutingTable;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything the proxy derives from its settings, built whole and replaced whole when the
 * configuration is reloaded (R17): a request reads the current one once, at its start, and keeps it
 * to its end, retries included, so no request sees half of an old configuration and half of a new
 * one. The worker connection pool, the idle-timeout sweep and the routes outlive it.
 */
final class ProxyRuntime {
  final ProxySettings settings;
  final Balancer balancer;
  final WorkerClients clients;
  final WorkerRequests workerRequests;
  final UpgradeForwarder upgrades;
  final FastPath fastPath;
  private final ActiveHealthChecker checker;

  private ProxyRuntime(
      ProxySettings settings,
      Balancer balancer,
      WorkerClients clients,
      WorkerRequests workerRequests,
      UpgradeForwarder upgrades,
      FastPath fastPath,
      ActiveHealthChecker checker) {
    this.settings = settings;
    this.balancer = balancer;
    this.clients = clients;
    this.workerRequests = workerRequests;
    this.upgrades = upgrades;
    this.fastPath = fastPath;
    this.checker = checker;
  }

  /** Builds the proxy for {@code settings} and starts its active health checks, if any. */
  static ProxyRuntime start(
      ProxySettings settings,
      RoutingTable routing,
      ConnectionPool pool,
      ScheduledExecutorService scheduler) {
    Balancer balancer =
        new Balancer(
            settings.strategy(),
            settings.weights(),
            settings.maxFails(),
            settings.failTimeout(),
            settings.healthCheckRise(),
            settings.healthCheckFall(),
            System::nanoTime);
    WorkerClients clients =
        new WorkerClients(
            WorkerClients.countFor(Runtime.getRuntime().availableProcessors()),
            settings.connectTimeout());
    ForwardingPolicy forwarding =
        new ForwardingPolicy(settings.trustedProxies(), settings.forwardedHeader());
    AccessLog accessLog = settings.accessLog();
    UpgradeForwarder upgrades =
        new UpgradeForwarder(
            settings.connectTimeout(),
            settings.responseTimeout(),
            settings.readTimeout(),
            forwarding,
            scheduler,
            (request, status, bytes, worker, upstreamMillis, totalMillis) -> {
              if (accessLog.enabled()) {
                accessLog.log(
                    AccessLog.Entry.of(
                        request, status, bytes, worker, upstreamMillis, totalMillis));
              }
            });
    pool.connectTimeoutMillis(
        (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
    ActiveHealthChecker checker =
        settings
            .healthCheckPath()
            .map(
                path ->
                    new ActiveHealthChecker(
                        clients.forWorker(0),
                        balancer,
                        routing,
                        path,
                        settings.healthCheckInterval()))
            .orElse(null);
    if (checker != null) {
      checker.start(scheduler);
    }
    return new ProxyRuntime(
        settings,
        balancer,
        clients,
        new WorkerRequests(settings.responseTimeout(), forwarding),
        upgrades,
        new FastPath(settings, balancer, routing, forwarding, pool),
        checker);
  }

  /** Stops what runs on its own (the active health checks); requests under way finish. */
  void stop() {
    if (checker != null) {
      checker.stop();
    }
  }
}
