package dev.fleetgate.proxy;

import dev.fleetgate.proxy.headers.HopByHopHeaders;
import dev.fleetgate.proxy.headers.ProxyOwnedHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a worker's response headers to the client, hop-by-hop ones and the proxy's own ({@code
 * Server}, {@code Date}) left out (R2): one policy for plain answers, whichever client read them,
 * and for the answers to upgrades.
 */
public final class ResponseHeaders {
  private ResponseHeaders() {}

  /** The same for headers as the fast path's parser gives them: lower-case name, value. */
  public static void copy(List<String[]> headers, HttpServletResponse response) {
    List<String> connection = new ArrayList<>(1);
    for (String[] header : headers) {
      if (header[0].equals("connection")) {
        connection.add(header[1]);
      }
    }
    HopByHopHeaders hopByHop = HopByHopHeaders.of(connection);
    for (String[] header : headers) {
      if (!hopByHop.contains(header[0]) && !ProxyOwnedHeaders.contains(header[0])) {
        response.addHeader(header[0], header[1]);
      }
    }
  }

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
