package dev.fleetgate.proxy;

import dev.fleetgate.proxy.balance.Balancer;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.supervisor.routing.RoutingTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HAProxy's active checks (R10): every {@code interval}, {@code GET path} to each ready worker; a
 * 2xx or 3xx within the interval passes. A worker failing {@code fall} checks in a row gets no
 * traffic until it passes {@code rise} in a row. Off unless {@code
 * fleetgate.proxy.health-check.path} is set.
 */
final class ActiveHealthChecker {
  private static final Logger LOG = Logger.getLogger(ActiveHealthChecker.class.getName());

  private final HttpClient client;
  private final Balancer balancer;
  private final RoutingTable routing;
  private final String path;
  private final Duration interval;
  private ScheduledFuture<?> task;

  ActiveHealthChecker(
      HttpClient client, Balancer balancer, RoutingTable routing, String path, Duration interval) {
    this.client = client;
    this.balancer = balancer;
    this.routing = routing;
    this.path = path;
    this.interval = interval;
  }

  void start(ScheduledExecutorService scheduler) {
    task =
        scheduler.scheduleAtFixedRate(
            this::checkAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  private void checkAll() {
    for (Peer peer : balancer.peers(routing.current()).peers()) {
      HttpRequest check =
          HttpRequest.newBuilder(URI.create(peer.upstream().baseUri() + path))
              .timeout(interval)
              .header("User-Agent", "fleetgate-health-check")
              .build();
      client
          .sendAsync(check, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                boolean passed =
                    error == null && response.statusCode() >= 200 && response.statusCode() < 400;
                boolean wasUp = peer.active().up();
                peer.active().checked(passed);
                if (wasUp != peer.active().up()) {
                  LOG.log(
                      wasUp ? Level.WARNING : Level.INFO,
                      "Worker {0} {1} its health check {2}: {3}",
                      new Object[] {
                        Integer.toString(peer.workerId()),
                        wasUp ? "fails" : "passes again",
                        path,
                        error != null ? error.toString() : "status " + response.statusCode()
                      });
                }
              });
    }
  }
}
