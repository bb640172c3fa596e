package dev.fleetgate.proxy.headers;

import java.util.Locale;

/**
 * Response headers that are the proxy's to send, never copied from a worker : {@code Server}
 * (Fleetgate's own, {@code fleetgate.http.server-header}) and {@code Date} (the container's), as
 * nginx hides them from the proxied server by default. A copy of either would send two (R2).
 */
public final class ProxyOwnedHeaders {
  private ProxyOwnedHeaders() {}

  /** True for a header name the client gets from the proxy, not from the worker. */
  public static boolean contains(String name) {
    return name.length() == 4 && name.toLowerCase(Locale.ROOT).equals("date")
        || name.length() == 6 && name.toLowerCase(Locale.ROOT).equals("server");
  }
}
