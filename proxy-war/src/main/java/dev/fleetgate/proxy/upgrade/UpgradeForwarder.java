package dev.fleetgate.proxy.upgrade;

import dev.fleetgate.proxy.ForwardingPolicy;
import dev.fleetgate.proxy.RequestId;
import dev.fleetgate.proxy.WorkerRequestHead;
import dev.fleetgate.proxy.accesslog.AccessLog;
import dev.fleetgate.proxy.balance.Peer;
import dev.fleetgate.proxy.routes.Route;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Forwards a request with {@code Upgrade} (WebSocket) to a worker (R1): the client's connection is
 * upgraded at once and the {@link Tunnel} it gets does the handshake with the worker without a
 * thread waiting (R4). As nginx requires {@code proxy_set_header Connection "upgrade"}, the
 * hop-by-hop {@code Upgrade} and {@code Connection} are sent to the worker explicitly.
 */
public final class UpgradeForwarder {
  /** Everything a tunnel needs for its handshake with the worker. */
  record Handshake(
      HttpServletRequest request,
      HttpServletResponse response,
      RequestId requestId,
      Peer peer,
      byte[] head,
      Duration connectTimeout,
      Duration responseTimeout,
      Duration readTimeout,
      ScheduledExecutorService timer,
      AccessLog accessLog) {}

  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration readTimeout;
  private final ForwardingPolicy forwarding;
  private final ScheduledExecutorService timer;
  private final AccessLog accessLog;

  public UpgradeForwarder(
      Duration connectTimeout,
      Duration responseTimeout,
      Duration readTimeout,
      ForwardingPolicy forwarding,
      ScheduledExecutorService timer,
      AccessLog accessLog) {
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
    this.readTimeout = readTimeout;
    this.forwarding = forwarding;
    this.timer = timer;
    this.accessLog = accessLog;
  }

  /**
   * A request to tunnel: {@code Upgrade} named in {@code Connection}, no body (a WebSocket
   * handshake is a bare GET). HTTP/2's {@code h2c} upgrade, which the JDK's own client tries on its
   * first request, is ignored as RFC 9110 allows: such a request is proxied as HTTP/1.1, body and
   * all.
   */
  public static boolean wanted(HttpServletRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null
        && !upgrade.trim().equalsIgnoreCase("h2c")
        && request.getContentLengthLong() <= 0
        && request.getHeader("Transfer-Encoding") == null
        && Collections.list(request.getHeaders("Connection")).stream()
            .flatMap(v -> java.util.Arrays.stream(v.split(",")))
            .anyMatch(token -> token.trim().equalsIgnoreCase("upgrade"));
  }

  /**
   * Upgrades the client's connection and hands the handshake with {@code peer} to its tunnel; the
   * container starts the tunnel once the servlet returned.
   *
   * @param id the request's id, sent to the worker and on the answer
   * @param route the request's app (R20)
   */
  public void forward(
      HttpServletRequest request,
      HttpServletResponse response,
      Peer peer,
      RequestId id,
      Route<?> route)
      throws IOException {
    byte[] head =
        WorkerRequestHead.of(request, route, forwarding, id, request.getHeader("Upgrade"));
    Tunnel tunnel;
    try {
      tunnel = request.upgrade(Tunnel.class);
    } catch (ServletException e) {
      throw new IOException("the container refused the upgrade", e);
    }
    tunnel.prepare(
        new Handshake(
            request,
            response,
            id,
            peer,
            head,
            connectTimeout,
            responseTimeout,
            readTimeout,
            timer,
            accessLog));
  }
}
