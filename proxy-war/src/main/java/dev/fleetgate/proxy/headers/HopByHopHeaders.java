package dev.fleetgate.proxy.headers;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Headers that belong to one connection and must not be forwarded (RFC 9110 §7.6.1), as Jetty's
 * proxy lists them, plus every header the {@code Connection} header names (R1).
 */
public final class HopByHopHeaders {
  private static final Set<String> ALWAYS =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authorization",
          "proxy-authenticate",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade");

  private final Set<String> named;

  private HopByHopHeaders(Set<String> named) {
    this.named = named;
  }

  /** The hop-by-hop set of one message, given the values of its {@code Connection} headers. */
  public static HopByHopHeaders of(Iterable<String> connectionValues) {
    Set<String> named = new TreeSet<>();
    for (String value : connectionValues) {
      for (String token : value.split(",")) {
        String name = token.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
          named.add(name);
        }
      }
    }
    return new HopByHopHeaders(named);
  }

  public boolean contains(String header) {
    String name = header.toLowerCase(Locale.ROOT);
    return ALWAYS.contains(name) || named.contains(name);
  }
}
