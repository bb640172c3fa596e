package dev.fleetgate.proxy.headers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code X-Forwarded-*} headers a worker gets (R2), as the nginx recipe sets them: the client
 * address appended to any {@code X-Forwarded-For} already present ({@code
 * $proxy_add_x_forwarded_for}), and the scheme, host and port the client used.
 */
public final class ForwardedHeaders {
  private ForwardedHeaders() {}

  /**
   * @param existingFor the request's {@code X-Forwarded-For}, or null
   * @param clientAddress the address of the connection's peer
   * @param scheme {@code http} or {@code https}
   * @param host the client's {@code Host} header, or null
   * @param port the port the client connected to
   */
  public static Map<String, String> of(
      String existingFor, String clientAddress, String scheme, String host, int port) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "X-Forwarded-For",
        existingFor == null || existingFor.isBlank()
            ? clientAddress
            : existingFor.trim() + ", " + clientAddress);
    headers.put("X-Forwarded-Proto", scheme);
    if (host != null && !host.isBlank()) {
      headers.put("X-Forwarded-Host", host);
    }
    headers.put("X-Forwarded-Port", Integer.toString(port));
    return headers;
  }
}
