package dev.fleetgate.proxy;

import dev.fleetgate.proxy.headers.HopByHopHeaders;
import dev.fleetgate.proxy.headers.ProxyOwnedHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpHeaders;

/**
 * Copies a worker's response headers to the client, hop-by-hop ones and the proxy's own ({@code
 * Server}, {@code Date}) left out (R2).
 */
final class ResponseHeaders {
  private ResponseHeaders() {}

  static void copy(HttpHeaders headers, HttpServletResponse response) {
    HopByHopHeaders hopByHop = HopByHopHeaders.of(headers.allValues("connection"));
    headers
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":")
                  && !hopByHop.contains(name)
                  && !ProxyOwnedHeaders.contains(name)) {
                values.forEach(value -> response.addHeader(name, value));
              }
            });
  }
}
