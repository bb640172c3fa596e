package dev.fleetgate.proxy;

import dev.fleetgate.proxy.accesslog.AccessLog;
import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.upgrade.UpgradeForwarder;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.supervisor.routing.RoutingTable;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything the proxy derives from its settings, built whole and replaced whole when the
 * configuration is reloaded (R17): a request reads the current one once, at its start, and keeps it
 * to its end, retries included, so no request sees half of an old configuration and half of a new
 * one. The worker connection pool, the idle-timeout sweep and the routes outlive it. Its access log
 * file is closed when the next one takes over, unless that one writes the same file.
 */
final class ProxyRuntime {
  final ProxySettings settings;
  final ForwardingPolicy forwarding;
  final AccessLog accessLog;
  final Balancer balancer;
  final WorkerClients clients;
  final WorkerRequests workerRequests;
  final UpgradeForwarder upgrades;
  final FastPath fastPath;
  private final ActiveHealthChecker checker;

  private ProxyRuntime(
      ProxySettings settings,
      ForwardingPolicy forwarding,
      AccessLog accessLog,
      Balancer balancer,
      WorkerClients clients,
      WorkerRequests workerRequests,
      UpgradeForwarder upgrades,
      FastPath fastPath,
      ActiveHealthChecker checker) {
    this.settings = settings;
    this.forwarding = forwarding;
    this.accessLog = accessLog;
    this.balancer = balancer;
    this.clients = clients;
    this.workerRequests = workerRequests;
    this.upgrades = upgrades;
    this.fastPath = fastPath;
    this.checker = checker;
  }

  /**
   * Builds the proxy for {@code settings} and starts its active health checks, if any.
   *
   * @param previous the runtime this one replaces, whose access log file it may take over, or null
   */
  static ProxyRuntime start(
      ProxySettings settings,
      RoutingTable routing,
      ConnectionPool pool,
      ScheduledExecutorService scheduler,
      ProxyRuntime previous) {
    AccessLog accessLog =
        AccessLog.open(settings.accessLog(), previous == null ? null : previous.accessLog);
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
        new ForwardingPolicy(
            settings.trustedProxies(), settings.forwardedHeader(), settings.requestIds());
    UpgradeForwarder upgrades =
        new UpgradeForwarder(
            settings.connectTimeout(),
            settings.responseTimeout(),
            settings.readTimeout(),
            forwarding,
            scheduler,
            accessLog);
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
        forwarding,
        accessLog,
        balancer,
        clients,
        new WorkerRequests(settings.responseTimeout(), forwarding),
        upgrades,
        new FastPath(settings, balancer, routing, forwarding, accessLog, pool),
        checker);
  }

  /**
   * Stops what runs on its own (the active health checks) and closes the access log; requests under
   * way finish, and log as {@code next} says.
   *
   * @param next the runtime that replaces this one, or null when the proxy stops
   */
  void stop(ProxyRuntime next) {
    if (checker != null) {
      checker.stop();
    }
    accessLog.close(next == null ? null : next.accessLog);
  }
}
