package dev.fleetgate.proxy;

import dev.fleetgate.proxy.headers.HopByHopHeaders;
import dev.fleetgate.proxy.headers.RequestHeaders;
import dev.fleetgate.proxy.routes.Route;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request head a worker gets on a connection of the proxy's own (R2), for the fast path and for
 * upgrades alike: same method, target and end-to-end headers, hop-by-hop ones dropped, the client's
 * {@code Host} kept, the forwarding headers and the request id set by the proxy alone.
 */
public final class WorkerRequestHead {
  private WorkerRequestHead() {}

  /** The head of an upgrade request, or of a request without a body. */
  public static byte[] of(
      HttpServletRequest request,
      Route<?> route,
      ForwardingPolicy forwarding,
      RequestId id,
      String upgrade) {
    return of(request, route, forwarding, id, upgrade, 0);
  }

  /**
   * @param route the request's app, which may take a prefix off the path (R20)
   * @param id the request's id, sent in place of any the client sent (R18)
   * @param upgrade the protocol to ask the worker to switch to ({@code Upgrade} and {@code
   *     Connection: Upgrade} sent explicitly, as nginx must be told to), or null
   * @param bodyLength the length of the body that follows the head; its {@code Content-Length} is
   *     the proxy's to write (the client's is not copied), 0 for none
   */
  public static byte[] of(
      HttpServletRequest request,
      Route<?> route,
      ForwardingPolicy forwarding,
      RequestId id,
      String upgrade,
      long bodyLength) {
    StringBuilder head = new StringBuilder(512);
    String query = request.getQueryString();
    head.append(request.getMethod()).append(' ').append(route.workerPath(request.getRequestURI()));
    if (query != null) {
      head.append('?').append(query);
    }
    head.append(" HTTP/1.1\r\n");
    Map<String, String> forwarded = forwardedHeaders(request, route, forwarding, id);
    HopByHopHeaders hopByHop =
        HopByHopHeaders.of(Collections.list(request.getHeaders("Connection")));
    for (String name : Collections.list(request.getHeaderNames())) {
      if (RequestHeaders.copied(name, hopByHop) && !setByTheProxy(name, forwarded)) {
        for (String value : Collections.list(request.getHeaders(name))) {
          append(head, name, value);
        }
      }
    }
    String host = request.getHeader("Host");
    if (host != null) {
      append(head, "Host", host);
    }
    forwarded.forEach((name, value) -> append(head, name, value));
    if (bodyLength > 0) {
      append(head, "Content-Length", Long.toString(bodyLength));
    }
    if (upgrade != null) {
      append(head, "Upgrade", upgrade);
      append(head, "Connection", "Upgrade");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The headers the proxy sets in place of the client's: the forwarding headers, the request id,
   * and {@code X-Forwarded-Prefix} when the app's prefix was taken off the path (as Traefik and
   * Spring's {@code ForwardedHeaderFilter} know it).
   */
  static Map<String, String> forwardedHeaders(
      HttpServletRequest request, Route<?> route, ForwardingPolicy forwarding, RequestId id) {
    Map<String, String> forwarded = forwarding.headersFor(request, id);
    String removed = route.removedPrefix();
    if (removed == null) {
      return forwarded;
    }
    Map<String, String> withPrefix = new LinkedHashMap<>(forwarded);
    withPrefix.put("X-Forwarded-Prefix", removed);
    return withPrefix;
  }

  private static boolean setByTheProxy(String name, Map<String, String> forwarded) {
    for (String set : forwarded.keySet()) {
      if (set.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static void append(StringBuilder head, String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      return; // never a header line of our own making (the front door refuses them first)
    }
    head.append(name).append(": ").append(value).append("\r\n");
  }
}
