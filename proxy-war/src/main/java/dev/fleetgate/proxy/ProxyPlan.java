package dev.fleetgate.proxy;

import dev.fleetgate.proxy.routes.AppRoutes;
import dev.fleetgate.supervisor.config.Apps;
import dev.fleetgate.supervisor.config.ConfigValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy's whole configuration, read and checked before anything is built from it (R17, R20):
 * the server-wide settings, each app's pool settings (its view of {@code fleetgate.proxy.*}, {@link
 * Apps}), the apps' routes and the app for requests no route matches.
 *
 * @param server the settings read without an app: forwarding, request ids, the access log,
 *     compression, the fast path's thread budget, and the front door's body limit
 * @param pools each app's settings, in configuration order
 * @param routes each app's hosts and paths
 * @param fallback the app for requests no route matches, if any
 */
record ProxyPlan(
    ProxySettings server,
    Map<String, ProxySettings> pools,
    List<AppRoutes> routes,
    Optional<String> fallback) {

  static ProxyPlan read(ConfigValues values) {
    List<String> apps = Apps.names(values);
    Map<String, ProxySettings> pools = new LinkedHashMap<>();
    for (String app : apps) {
      pools.put(app, ProxySettings.read(Apps.of(values, app)));
    }
    return new ProxyPlan(
        ProxySettings.read(values),
        java.util.Collections.unmodifiableMap(pools),
        AppRoutes.read(values, apps),
        Apps.defaultRoute(values, apps));
  }

  /** The largest body any app takes, 0 when one takes any: the front door's own limit. */
  long largestBody() {
    long largest = 0;
    for (ProxySettings pool : pools.values()) {
      if (pool.maxBodySize() <= 0) {
        return 0;
      }
      largest = Math.max(largest, pool.maxBodySize());
    }
    return largest;
  }
}
