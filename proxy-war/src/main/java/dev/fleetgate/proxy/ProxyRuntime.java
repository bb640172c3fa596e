package dev.fleetgate.proxy;

import dev.fleetgate.proxy.accesslog.AccessLog;
import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.routes.AppRoutes;
import dev.fleetgate.proxy.routes.RouteTable;
import dev.fleetgate.proxy.upgrade.UpgradeForwarder;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.supervisor.routing.RoutingTable;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Everything the proxy derives from its settings, built whole and replaced whole when the
 * configuration is reloaded (R17): a request reads the current one once, at its start, and keeps it
 * to its end, retries included, so no request sees half of an old configuration and half of a new
 * one. It holds one {@link AppPool} per app and the {@link RouteTable} that picks one per request
 * (R20). The worker connection pool, the idle-timeout sweep and the apps' routing tables outlive
 * it. Its access log file is closed when the next one takes over, unless that one writes the same
 * file.
 */
final class ProxyRuntime {
  /** The server-wide settings; each pool has its own for what belongs to an app. */
  final ProxySettings settings;

  final ForwardingPolicy forwarding;
  final AccessLog accessLog;
  final RouteTable<AppPool> routes;
  final List<AppPool> pools;

  private ProxyRuntime(
      ProxySettings settings,
      ForwardingPolicy forwarding,
      AccessLog accessLog,
      RouteTable<AppPool> routes,
      List<AppPool> pools) {
    this.settings = settings;
    this.forwarding = forwarding;
    this.accessLog = accessLog;
    this.routes = routes;
    this.pools = pools;
  }

  /**
   * Builds the proxy for {@code plan} and starts its active health checks, if any.
   *
   * @param tables each app's routing table, by name
   * @param previous the runtime this one replaces, whose access log file it may take over, or null
   */
  static ProxyRuntime start(
      ProxyPlan plan,
      Function<String, RoutingTable> tables,
      ConnectionPool connections,
      ScheduledExecutorService scheduler,
      ProxyRuntime previous) {
    ProxySettings server = plan.server();
    AccessLog accessLog =
        AccessLog.open(server.accessLog(), previous == null ? null : previous.accessLog);
    ForwardingPolicy forwarding =
        new ForwardingPolicy(
            server.trustedProxies(), server.forwardedHeader(), server.requestIds());
    connections.connectTimeoutMillis(millis(server.connectTimeout()));
    // One budget of request threads for the fast paths of every app (R14).
    AtomicInteger fastPathWaiting = new AtomicInteger();
    // Pools with the same connect timeout share their clients: each has a selector thread.
    Map<Duration, WorkerClients> clientsByTimeout = new HashMap<>();
    Map<String, AppPool> pools = new LinkedHashMap<>();
    plan.pools()
        .forEach(
            (app, settings) -> {
              RoutingTable routing = tables.apply(app);
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
                  clientsByTimeout.computeIfAbsent(
                      settings.connectTimeout(),
                      timeout ->
                          new WorkerClients(
                              WorkerClients.countFor(Runtime.getRuntime().availableProcessors()),
                              timeout));
              UpgradeForwarder upgrades =
                  new UpgradeForwarder(
                      settings.connectTimeout(),
                      settings.responseTimeout(),
                      settings.readTimeout(),
                      forwarding,
                      scheduler,
                      accessLog);
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
              pools.put(
                  app,
                  new AppPool(
                      app,
                      settings,
                      routing,
                      balancer,
                      clients,
                      new WorkerRequests(settings.responseTimeout(), forwarding),
                      upgrades,
                      new FastPath(
                          settings,
                          balancer,
                          routing,
                          forwarding,
                          accessLog,
                          connections,
                          fastPathWaiting,
                          server.syncThreads()),
                      checker));
            });
    return new ProxyRuntime(
        server,
        forwarding,
        accessLog,
        AppRoutes.table(plan.routes(), plan.fallback(), pools::get),
        List.copyOf(pools.values()));
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  /**
   * Stops what runs on its own (the active health checks) and closes the access log; requests under
   * way finish, and log as {@code next} says.
   *
   * @param next the runtime that replaces this one, or null when the proxy stops
   */
  void stop(ProxyRuntime next) {
    for (AppPool pool : pools) {
      if (pool.checker != null) {
        pool.checker.stop();
      }
    }
    accessLog.close(next == null ? null : next.accessLog);
  }
}
