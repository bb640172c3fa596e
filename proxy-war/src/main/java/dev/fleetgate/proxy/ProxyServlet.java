package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.balance.PeerSet;
import dev.fleetgate.proxy.upgrade.UpgradeForwarder;
import dev.fleetgate.proxy.upstream.ConnectionPool;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.routing.RoutingTable;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fleetgate's front door: forwards every request to a ready worker and streams the answer back. A
 * request's way, top to bottom: {@link #service} checks it → an upgrade goes to its tunnel, a
 * request without a body to {@link FastPath} while it has room, any other to {@link #forward},
 * which chooses a worker and sends it the request built by {@link WorkerRequests} → the worker's
 * answer is relayed by {@link Exchange#relayHead} → on failure {@link #attemptFailed} reads the
 * {@link FailureVerdict} and retries on another worker or answers 502, 504, 413 or 408. Both paths
 * count each try with an {@link Attempt}. See {@code package-info.java} for the rules.
 */
@WebServlet(urlPatterns = "/*", asyncSupported = true, loadOnStartup = 1)
public class ProxyServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ProxyServlet.class.getName());

  @EJB private transient Supervisor supervisor;
  @Inject private transient ProxyStatus status;
  @Resource private transient ManagedScheduledExecutorService scheduler;

  private transient RoutingTable routing;
  private transient WorkerClients clients;
  private transient ProxySettings settings;
  private transient Balancer balancer;
  private transient WorkerRequests workerRequests;
  private transient UpgradeForwarder upgrades;
  private transient ActiveHealthChecker checker;
  private transient StallWatch stalls;
  private transient ConnectionPool workerConnections;
  private transient FastPath fastPath;

  @Override
  public void init() {
    Config config = ConfigProvider.getConfig();
    ConfigValues values = new ConfigValues(key -> config.getOptionalValue(key, String.class));
    settings = ProxySettings.read(values);
    FrontDoorLink.configure(values, settings.maxBodySize());
    ConnectionAbort.probe(getServletContext().getClass().getClassLoader());
    balancer =
        new Balancer(
            settings.strategy(),
            settings.weights(),
            settings.maxFails(),
            settings.failTimeout(),
            settings.healthCheckRise(),
            settings.healthCheckFall(),
            System::nanoTime);
    clients =
        new WorkerClients(
            WorkerClients.countFor(Runtime.getRuntime().availableProcessors()),
            settings.connectTimeout());
    ForwardingPolicy forwarding =
        new ForwardingPolicy(settings.trustedProxies(), settings.forwardedHeader());
    workerRequests = new WorkerRequests(settings.responseTimeout(), forwarding);
    upgrades =
        new UpgradeForwarder(
            settings.connectTimeout(),
            settings.responseTimeout(),
            settings.readTimeout(),
            forwarding,
            scheduler,
            (request, status, bytes, worker, upstreamMillis, totalMillis) -> {
              AccessLog accessLog = settings.accessLog();
              if (accessLog.enabled()) {
                accessLog.log(
                    AccessLog.Entry.of(
                        request, status, bytes, worker, upstreamMillis, totalMillis));
              }
            });
    routing = supervisor.routingTable();
    // nginx's keepalive 32; idle ones dropped after 4 s, before Node's 5 s keepAliveTimeout.
    workerConnections =
        new ConnectionPool(
            32,
            TimeUnit.SECONDS.toNanos(4),
            (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()),
            System::nanoTime);
    fastPath = new FastPath(settings, balancer, routing, forwarding, workerConnections);
    status.opened(routing);
    stalls =
        new StallWatch(
            settings.readTimeout().compareTo(settings.responseTimeout()) < 0
                ? settings.readTimeout()
                : settings.responseTimeout());
    stalls.start(scheduler);
    settings
        .healthCheckPath()
        .ifPresent(
            path -> {
              checker =
                  new ActiveHealthChecker(
                      clients.forWorker(0),
                      balancer,
                      routing,
                      path,
                      settings.healthCheckInterval());
              checker.start(scheduler);
            });
    LOG.log(
        Level.INFO,
        "Fleetgate proxy: {0}, up to {1} tries, max body {2} bytes, {3} worker client(s)",
        new Object[] {
          settings.strategy(),
          Integer.toString(settings.maxTries()),
          Long.toString(settings.maxBodySize()),
          Integer.toString(clients.size())
        });
  }

  @Override
  public void destroy() {
    status.closed();
    if (stalls != null) {
      stalls.stop();
    }
    if (checker != null) {
      checker.stop();
    }
    if (workerConnections != null) {
      workerConnections.close();
    }
    // JDK 17's HttpClient has no close(): dropping it lets its selector thread end.
    clients = null;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    RequestFraming.Refusal refusal = RequestFraming.check(request);
    if (refusal != null) {
      RequestFraming.refuse(response, refusal);
      return;
    }
    if (routing.stopping()) {
      response.setHeader(
          "Connection", "close"); // draining to stop: the next request goes elsewhere
    }
    if ("CONNECT".equals(request.getMethod())) {
      reply(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "CONNECT is not supported");
      return;
    }
    if (UpgradeForwarder.wanted(request)) {
      Peer peer =
          balancer.choose(balancer.peers(routing.current()), settings.hashKey().of(request), null);
      if (peer == null) {
        reply(response, HttpServletResponse.SC_BAD_GATEWAY, "no worker is ready");
      } else {
        upgrades.forward(request, response, peer);
      }
      return;
    }
    if (FastPath.suits(request, settings.maxBodySize()) && fastPath.tryProxy(request, response)) {
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
    forward(new Exchange(async, body, settings, stalls));
  }

  /** Chooses a worker not tried yet and sends it the request (R1, R4, R5). */
  private void forward(Exchange exchange) {
    PeerSet peers = balancer.peers(routing.current());
    Peer peer = balancer.choose(peers, settings.hashKey().of(exchange.request), exchange.tried());
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
      outbound = workerRequests.build(exchange, peer);
    } catch (IllegalArgumentException e) {
      // The message would name the worker's address: the log gets it, the client does not.
      LOG.log(Level.FINE, "Request not expressible to a worker: {0}", e.getMessage());
      exchange.fail(
          HttpServletResponse.SC_BAD_REQUEST, "bad request: the target cannot be forwarded", null);
      return;
    }
    exchange.attempting(peer);
    CompletableFuture<?> sending =
        clients.forWorker(peer.workerId()).sendAsync(outbound, exchange::relayHead);
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
      FailureLog.retrying(exchange.workerId(), verdict.cause());
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
