package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.balance.PeerSet;
import dev.fleetgate.proxy.routes.Route;
import dev.fleetgate.proxy.routes.RouteTable;
import dev.fleetgate.proxy.upgrade.UpgradeForwarder;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.config.ConfigValues;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fleetgate's front door: forwards every request to a ready worker and streams the answer back. A
 * request's way, top to bottom: {@link #service} settles its id ({@link RequestId}, on every
 * answer) and checks it → an upgrade goes to its tunnel, a request without a body to {@link
 * FastPath} while it has room, any other to {@link #forward}, which chooses a worker and sends it
 * the request built by {@link WorkerRequests} → the worker's answer is relayed by {@link
 * Exchange#relayHead} → on failure {@link #attemptFailed} reads the {@link FailureVerdict} and
 * retries on another worker or answers 502, 504, 413 or 408. Both paths count each try with an
 * {@link Attempt}. See {@code package-info.java} for the rules.
 */
@WebServlet(urlPatterns = "/*", asyncSupported = true, loadOnStartup = 1)
public class ProxyServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ProxyServlet.class.getName());

  @EJB private transient Supervisor supervisor;
  @Inject private transient ProxyStatus status;
  @Resource private transient ManagedScheduledExecutorService scheduler;

  private transient StallWatch stalls;
  private transient ConnectionPool workerConnections;
  private transient volatile ProxyRuntime runtime;

  @Override
  public void init() {
    Config config = ConfigProvider.getConfig();
    ConfigValues values = new ConfigValues(key -> config.getOptionalValue(key, String.class));
    ProxyPlan plan = ProxyPlan.read(values);
    ProxySettings settings = plan.server();
    FrontDoorLink.configure(values, plan.largestBody());
    ConnectionAbort.probe(getServletContext().getClass().getClassLoader());
    // nginx's keepalive 32; idle ones dropped after 4 s, before Node's 5 s keepAliveTimeout.
    workerConnections =
        new ConnectionPool(
            32,
            TimeUnit.SECONDS.toNanos(4),
            (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()),
            System::nanoTime);
    status.opened();
    stalls = new StallWatch(shortestTimeout(plan));
    stalls.start(scheduler);
    runtime =
        ProxyRuntime.start(plan, supervisor::routingTable, workerConnections, scheduler, null);
    supervisor.onReload(this::prepareReload);
    logSettings("Fleetgate proxy", runtime);
  }

  /**
   * A reloaded configuration (R17): the new settings are read and checked now, so an invalid one
   * changes nothing; the returned step puts them in force for every request that starts after it.
   */
  private Runnable prepareReload(ConfigValues values) {
    ProxyPlan plan = ProxyPlan.read(values);
    return () -> {
      ProxyRuntime old = runtime;
      runtime =
          ProxyRuntime.start(plan, supervisor::routingTable, workerConnections, scheduler, old);
      FrontDoorLink.configure(values, plan.largestBody());
      old.stop(runtime);
      logSettings("Fleetgate proxy reloaded", runtime);
    };
  }

  /** How often idle timeouts are looked at: the shortest of any app's (the sweep is shared). */
  private static Duration shortestTimeout(ProxyPlan plan) {
    Duration shortest = null;
    for (ProxySettings pool : plan.pools().values()) {
      for (Duration timeout : List.of(pool.readTimeout(), pool.responseTimeout())) {
        shortest = shortest == null || timeout.compareTo(shortest) < 0 ? timeout : shortest;
      }
    }
    return shortest;
  }

  private static void logSettings(String what, ProxyRuntime runtime) {
    for (AppPool pool : runtime.pools) {
      LOG.log(
          Level.INFO,
          "{0}, app {1}: {2}, up to {3} tries, max body {4} bytes, {5} worker client(s)",
          new Object[] {
            what,
            pool.app,
            pool.settings.strategy(),
            Integer.toString(pool.settings.maxTries()),
            Long.toString(pool.settings.maxBodySize()),
            Integer.toString(pool.clients.size())
          });
    }
  }

  @Override
  public void destroy() {
    status.closed();
    if (stalls != null) {
      stalls.stop();
    }
    if (runtime != null) {
      runtime.stop(null);
    }
    if (workerConnections != null) {
      workerConnections.close();
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ProxyRuntime rt = runtime;
    RequestId id = rt.forwarding.requestIdFor(request);
    id.stamp(response); // on every answer, the proxy's own included (R18)
    RequestFraming.Refusal refusal = RequestFraming.check(request);
    if (refusal != null) {
      RequestFraming.refuse(response, refusal);
      return;
    }
    if ("CONNECT".equals(request.getMethod())) {
      reply(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "CONNECT is not supported");
      return;
    }
    RouteTable<AppPool> routes = rt.routes;
    Route<AppPool> route =
        routes.match(routes.byHost() ? request.getServerName() : null, request.getRequestURI());
    if (route == null) {
      reply(response, HttpServletResponse.SC_NOT_FOUND, "no app serves this host and path");
      return;
    }
    AppPool pool = route.target();
    if (pool.routing.stopping()) {
      response.setHeader(
          "Connection", "close"); // draining to stop: the next request goes elsewhere
    }
    ProxySettings settings = pool.settings;
    if (UpgradeForwarder.wanted(request)) {
      Peer peer =
          pool.balancer.choose(
              pool.balancer.peers(pool.routing.current()), settings.hashKey().of(request), null);
      if (peer == null) {
        reply(response, HttpServletResponse.SC_BAD_GATEWAY, "no worker is ready");
      } else {
        pool.upgrades.forward(request, response, peer, id, route);
      }
      return;
    }
    if (FastPath.suits(request, settings.maxBodySize())
        && pool.fastPath.tryProxy(request, response, id, route)) {
      return;
    }
    RequestBody body = new RequestBody(request, settings.maxBodySize());
    if (body.declaredTooLarge()) {
      response.setHeader("Connection", "close"); // the body is never read
      reply(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body too large");
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(0); // the worker's pace decides; our own timeouts are below
    forward(new Exchange(async, body, settings, rt.accessLog, id, stalls, route));
  }

  /** Chooses a worker not tried yet and sends it the request (R1, R4, R5). */
  private void forward(Exchange exchange) {
    AppPool pool = exchange.route.target();
    PeerSet peers = pool.balancer.peers(pool.routing.current());
    Peer peer =
        pool.balancer.choose(peers, pool.settings.hashKey().of(exchange.request), exchange.tried());
    if (peer == null && exchange.lastVerdict() != null) {
      exchange.fail(exchange.lastVerdict()); // as nginx: the last worker's error counts
      return;
    }
    if (peer == null) {
      exchange.fail(
          HttpServletResponse.SC_BAD_GATEWAY,
          peers.peers().isEmpty() ? "no worker is ready" : "no live worker",
          null);
      return;
    }
    HttpRequest outbound;
    try {
      outbound = pool.workerRequests.build(exchange, peer);
    } catch (IllegalArgumentException e) {
      // The message would name the worker's address: the log gets it, the client does not.
      LOG.log(Level.FINE, "Request not expressible to a worker: {0}", e.getMessage());
      exchange.fail(
          HttpServletResponse.SC_BAD_REQUEST, "bad request: the target cannot be forwarded", null);
      return;
    }
    exchange.attempting(peer);
    CompletableFuture<?> sending =
        pool.clients.forWorker(peer.workerId()).sendAsync(outbound, exchange::relayHead);
    exchange.sending(sending);
    sending.whenComplete((answer, error) -> attemptFailed(exchange, error));
  }

  /**
   * After a failed attempt, as its {@link FailureVerdict} says: the next worker, or the proxy's own
   * answer (502, 504, 413, 408), or nothing when the client left.
   */
  private void attemptFailed(Exchange exchange, Throwable error) {
    if (error == null || exchange.answering()) {
      return; // answered: the relay ends the exchange
    }
    FailureVerdict verdict = exchange.attemptFailed(error);
    if (verdict.retry()) {
      FailureLog.retrying(exchange.requestId, exchange.workerName(), verdict.cause());
      forward(exchange);
    } else {
      exchange.fail(verdict);
    }
  }

  /** A short plain-text answer of the proxy's own (502, 504, 413, 405). */
  public static void reply(HttpServletResponse response, int status, String text)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
