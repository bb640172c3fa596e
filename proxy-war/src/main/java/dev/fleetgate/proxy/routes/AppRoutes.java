package dev.fleetgate.proxy.routes;

import dev.fleetgate.supervisor.config.Apps;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One app's routes as configured (R1, R5): {@code fleetgate.apps.<app>.hosts}, {@code .paths} and
 * {@code .strip-path}, checked when read.
 *
 * @param app the app
 * @param hosts whole hosts: {@code api.example.com} or {@code *.example.com}
 * @param paths path prefixes on any host ({@code /api/}) or on one ({@code api.example.com/v2/})
 * @param strip whether a matched path prefix is removed before forwarding
 */
public record AppRoutes(String app, List<String> hosts, List<String> paths, boolean strip) {

  public AppRoutes {
    hosts = List.copyOf(hosts);
    paths = List.copyOf(paths);
  }

  /** Every app's routes, in the order of {@code apps}; no two apps claim the same host and path. */
  public static List<AppRoutes> read(ConfigValues values, List<String> apps) {
    List<AppRoutes> all = new ArrayList<>();
    Map<String, String> claimed = new HashMap<>(); // "host path" → app
    for (String app : apps) {
      String hostsKey = Apps.key(app, "hosts");
      String pathsKey = Apps.key(app, "paths");
      List<String> hosts = new ArrayList<>();
      for (String host : list(values, hostsKey)) {
        hosts.add(checkedHost(hostsKey, values.required(hostsKey), host));
        claim(claimed, hostsKey, values.required(hostsKey), host, "/", app);
      }
      List<String> paths = new ArrayList<>();
      for (String path : list(values, pathsKey)) {
        int slash = path.indexOf('/');
        if (slash < 0) {
          throw new InvalidConfigurationException(
              pathsKey,
              values.required(pathsKey),
              "'" + path + "' is not a path prefix such as /api/ or api.example.com/api/");
        }
        String host =
            slash == 0
                ? null
                : checkedHost(pathsKey, values.required(pathsKey), path.substring(0, slash));
        String prefix = checkedPrefix(pathsKey, values.required(pathsKey), path.substring(slash));
        claim(claimed, pathsKey, values.required(pathsKey), host, prefix, app);
        paths.add(path);
      }
      Optional<String> strip = values.optional(Apps.key(app, "strip-path"));
      all.add(
          new AppRoutes(
              app, hosts, paths, strip.isPresent() && values.bool(Apps.key(app, "strip-path"))));
    }
    return List.copyOf(all);
  }

  /** The route table of {@code apps}, each app's routes going to {@code targets.apply(app)}. */
  public static <T> RouteTable<T> table(
      List<AppRoutes> apps, Optional<String> fallback, Function<String, T> targets) {
    RouteTable.Builder<T> table = new RouteTable.Builder<>();
    for (AppRoutes app : apps) {
      T target = targets.apply(app.app());
      app.hosts().forEach(host -> table.route(host, "/", app.app(), target, false));
      for (String path : app.paths()) {
        int slash = path.indexOf('/');
        table.route(
            slash == 0 ? null : path.substring(0, slash),
            path.substring(slash),
            app.app(),
            target,
            app.strip());
      }
    }
    fallback.ifPresent(app -> table.fallback(app, targets.apply(app)));
    return table.build();
  }

  private static List<String> list(ConfigValues values, String key) {
    List<String> items = new ArrayList<>();
    for (String part : values.optional(key).orElse("").split(",")) {
      if (!part.isBlank()) {
        items.add(part.trim());
      }
    }
    return items;
  }

  /** A host name ({@code api.example.com}), a wildcard ({@code *.example.com}) or an address. */
  static String checkedHost(String key, String raw, String host) {
    String name = host.startsWith("*.") ? host.substring(2) : host;
    boolean valid = !name.isEmpty() && !name.startsWith(".") && !name.contains("..");
    for (int i = 0; valid && i < name.length(); i++) {
      char c = name.charAt(i);
      valid =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == ':'
              || c == '['
              || c == ']';
    }
    if (!valid) {
      throw new InvalidConfigurationException(
          key, raw, "'" + host + "' is not a host name such as api.example.com or *.example.com");
    }
    return RouteTable.normalHost(host);
  }

  /** A path prefix: starts with {@code /}, no query, no dot segments, no spaces. */
  static String checkedPrefix(String key, String raw, String prefix) {
    boolean valid = prefix.startsWith("/") && !prefix.contains("//");
    for (String segment : prefix.split("/")) {
      valid &= !segment.equals(".") && !segment.equals("..");
    }
    for (int i = 0; valid && i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      valid = c > ' ' && c < 0x7f && c != '?' && c != '#' && c != '*' && c != '%';
    }
    if (!valid) {
      throw new InvalidConfigurationException(
          key,
          raw,
          "'" + prefix + "' is not a path prefix such as /api/ (no ?, #, *, %, .. or //)");
    }
    return RouteTable.Builder.normalPrefix(prefix);
  }

  private static void claim(
      Map<String, String> claimed, String key, String raw, String host, String prefix, String app) {
    String where =
        (host == null ? "" : RouteTable.normalHost(host)) + RouteTable.Builder.normalPrefix(prefix);
    String earlier = claimed.putIfAbsent(where, app);
    if (earlier != null) {
      throw new InvalidConfigurationException(
          key,
          raw,
          (host == null ? "" : host)
              + (prefix.equals("/") && host != null ? "" : prefix)
              + " is routed to app "
              + earlier
              + (earlier.equals(app) ? " already" : " too"));
    }
  }
}
