package dev.fleetgate.proxy.routes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which app serves a request, decided by its host and path (R1–R4): built once per configuration,
 * immutable, read by every request without a lock or a regular expression. Exact host names are one
 * hash lookup; wildcards ({@code *.example.com}) one lookup per dot of the host; within a host the
 * longest path prefix wins, among at most as many prefixes as that host has.
 *
 * @param <T> what an app is to the caller
 */
public final class RouteTable<T> {
  private final Map<String, List<Route<T>>> exact;
  private final Map<String, List<Route<T>>> wildcard;
  private final List<Route<T>> anyHost;
  private final Route<T> fallback;
  private final boolean byHost;

  private RouteTable(
      Map<String, List<Route<T>>> exact,
      Map<String, List<Route<T>>> wildcard,
      List<Route<T>> anyHost,
      Route<T> fallback) {
    this.exact = exact;
    this.wildcard = wildcard;
    this.anyHost = anyHost;
    this.fallback = fallback;
    this.byHost = !exact.isEmpty() || !wildcard.isEmpty();
  }

  /** Whether any route names a host: if not, {@link #match} needs none (no host parsed). */
  public boolean byHost() {
    return byHost;
  }

  /**
   * The app for a request to {@code host} (as the client named it, any port removed) and {@code
   * path} (the request target's path, not decoded), or null when none serves it (404).
   */
  public Route<T> match(String host, String path) {
    if (byHost && host != null) {
      String name = normalHost(host);
      Route<T> found = longest(exact.get(name), path);
      if (found != null) {
        return found;
      }
      for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
        found = longest(wildcard.get(name.substring(dot + 1)), path);
        if (found != null) {
          return found;
        }
      }
    }
    Route<T> found = longest(anyHost, path);
    return found != null ? found : fallback;
  }

  private static <T> Route<T> longest(List<Route<T>> routes, String path) {
    if (routes != null) {
      for (int i = 0, n = routes.size(); i < n; i++) { // longest prefix first
        Route<T> route = routes.get(i);
        if (route.covers(path)) {
          return route;
        }
      }
    }
    return null;
  }

  /** Lower case, without a trailing dot: {@code API.Example.com.} is {@code api.example.com}. */
  static String normalHost(String host) {
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    for (int i = 0; i < name.length(); i++) {
      if (Character.isUpperCase(name.charAt(i))) {
        return name.toLowerCase(Locale.ROOT);
      }
    }
    return name;
  }

  /** Collects routes, then {@link #build}s the table. */
  public static final class Builder<T> {
    private final Map<String, List<Route<T>>> exact = new HashMap<>();
    private final Map<String, List<Route<T>>> wildcard = new HashMap<>();
    private final List<Route<T>> anyHost = new ArrayList<>();
    private Route<T> fallback;

    /**
     * Routes {@code prefix} (a path prefix: {@code /api/}, {@code /api} or {@code /}) on {@code
     * host} ({@code api.example.com}, {@code *.example.com}, or null for any host) to the app.
     */
    public Builder<T> route(String host, String prefix, String app, T target, boolean strip) {
      Route<T> route = new Route<>(target, app, normalPrefix(prefix), strip);
      if (host == null) {
        anyHost.add(route);
      } else if (host.startsWith("*.")) {
        wildcard.computeIfAbsent(normalHost(host.substring(2)), h -> new ArrayList<>()).add(route);
      } else {
        exact.computeIfAbsent(normalHost(host), h -> new ArrayList<>()).add(route);
      }
      return this;
    }

    /** The app for requests no route matches (nginx's {@code default_server}). */
    public Builder<T> fallback(String app, T target) {
      fallback = new Route<>(target, app, "", false);
      return this;
    }

    public RouteTable<T> build() {
      return new RouteTable<>(sorted(exact), sorted(wildcard), longestFirst(anyHost), fallback);
    }

    private static <T> Map<String, List<Route<T>>> sorted(Map<String, List<Route<T>>> byHost) {
      Map<String, List<Route<T>>> copy = new HashMap<>();
      byHost.forEach((host, routes) -> copy.put(host, longestFirst(routes)));
      return Map.copyOf(copy);
    }

    private static <T> List<Route<T>> longestFirst(List<Route<T>> routes) {
      List<Route<T>> sorted = new ArrayList<>(routes);
      // Stable: of two equal prefixes, the app listed first wins (the check refuses them anyway).
      sorted.sort(Comparator.comparingInt((Route<T> r) -> r.prefix().length()).reversed());
      return List.copyOf(sorted);
    }

    /** {@code /api/} and {@code /api} are the same prefix, {@code /} is every path. */
    static String normalPrefix(String prefix) {
      String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      return p;
    }
  }
}
