package dev.fleetgate.proxy.headers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The forwarding headers a worker gets (R2, R3), as the nginx recipe sets them: the client address
 * appended to {@code X-Forwarded-For} ({@code $proxy_add_x_forwarded_for}), and the scheme, host
 * and port the client used. What an incoming request says about earlier hops is kept only when it
 * comes from a trusted proxy; otherwise this proxy is the first hop. Optionally also RFC 7239
 * {@code Forwarded}.
 */
public final class ForwardedHeaders {
  private ForwardedHeaders() {}

  /** The connection as this proxy saw it. */
  public record Hop(String clientAddress, String scheme, String host, int port) {}

  /**
   * @param incoming the request's headers by name (case-insensitive lookup)
   * @param trusted whether the peer is a trusted proxy
   * @param rfc7239 whether to set {@code Forwarded} too
   */
  public static Map<String, String> of(
      UnaryOperator<String> incoming, boolean trusted, Hop hop, boolean rfc7239) {
    String earlierFor = trusted ? incoming.apply("X-Forwarded-For") : null;
    String proto =
        trusted ? orElse(incoming.apply("X-Forwarded-Proto"), hop.scheme()) : hop.scheme();
    String host = trusted ? orElse(incoming.apply("X-Forwarded-Host"), hop.host()) : hop.host();
    String port =
        trusted
            ? orElse(incoming.apply("X-Forwarded-Port"), Integer.toString(hop.port()))
            : Integer.toString(hop.port());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "X-Forwarded-For",
        earlierFor == null || earlierFor.isBlank()
            ? hop.clientAddress()
            : earlierFor.trim() + ", " + hop.clientAddress());
    headers.put("X-Forwarded-Proto", proto);
    if (host != null && !host.isBlank()) {
      headers.put("X-Forwarded-Host", host);
    }
    headers.put("X-Forwarded-Port", port);
    if (rfc7239) {
      String earlier = trusted ? incoming.apply("Forwarded") : null;
      String element =
          "for="
              + node(hop.clientAddress())
              + ";proto="
              + hop.scheme()
              + (hop.host() == null ? "" : ";host=\"" + hop.host().replace("\"", "") + "\"");
      headers.put(
          "Forwarded", earlier == null || earlier.isBlank() ? element : earlier + ", " + element);
    }
    return headers;
  }

  /** RFC 7239 §6: IPv6 addresses are quoted and bracketed. */
  static String node(String address) {
    return address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
