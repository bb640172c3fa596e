package dev.fleetgate.supervisor.config;

import dev.fleetgate.supervisor.entity.WorkerName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The apps (pools) of one configuration (R12): their names in {@code fleetgate.apps}, and each
 * app's view of the settings. An app's view reads {@code fleetgate.workers.<key>} and the pool keys
 * of {@code fleetgate.proxy.*} from {@code fleetgate.apps.<app>.<key>} when that is set, and from
 * the global key otherwise, so the global keys are every app's defaults and a configuration without
 * apps is the one app {@value WorkerName#DEFAULT_APP}, as before apps existed.
 */
public final class Apps {
  /** The apps' names, in order; empty for the one app {@value WorkerName#DEFAULT_APP}. */
  public static final String LIST = "fleetgate.apps";

  /** The app that serves requests no route matches; empty for a 404 (with one app: that app). */
  public static final String DEFAULT_ROUTE = "fleetgate.default-app";

  public static final String PREFIX = "fleetgate.apps.";

  private static final String WORKERS = "fleetgate.workers.";
  private static final String PROXY = "fleetgate.proxy.";

  /** The {@code fleetgate.workers.*} keys an app sets for itself: all of them. */
  public static final List<String> WORKER_KEYS =
      List.of(
          "count",
          "command",
          "directory",
          "host",
          "base-port",
          "env",
          "ready-path",
          "start-timeout",
          "stop-grace",
          "orphan-grace",
          "drain-timeout",
          "min-ready",
          "backoff.initial",
          "backoff.multiplier",
          "backoff.max",
          "backoff.reset-after",
          "min-uptime",
          "max-failed-starts",
          "crash-window",
          "memory-limit",
          "memory-check-interval",
          "log-lines",
          "log-dir",
          "log-max-size",
          "log-max-files",
          "log-to-stdout");

  /** The {@code fleetgate.proxy.*} keys that belong to a pool, as in one nginx upstream. */
  public static final List<String> POOL_KEYS =
      List.of(
          "connect-timeout",
          "response-timeout",
          "read-timeout",
          "balance",
          "hash-key",
          "weights",
          "max-fails",
          "fail-timeout",
          "max-tries",
          "max-body-size",
          "health-check.path",
          "health-check.interval",
          "health-check.rise",
          "health-check.fall");

  /** Keys only apps have: which requests reach them. */
  public static final List<String> ROUTE_KEYS = List.of("hosts", "paths", "strip-path");

  private Apps() {}

  /**
   * The configured apps in order: {@code fleetgate.apps}, or the one app {@value
   * WorkerName#DEFAULT_APP} when it is empty.
   *
   * @throws InvalidConfigurationException for a name that is not one, or one listed twice
   */
  public static List<String> names(ConfigValues values) {
    String raw = values.optional(LIST).orElse("");
    Set<String> names = new LinkedHashSet<>();
    for (String part : raw.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (!WorkerName.isAppName(name)) {
        throw new InvalidConfigurationException(
            LIST,
            raw,
            "'"
                + name
                + "' is not an app name: a lower-case letter, then up to 30 letters, digits or"
                + " dashes");
      }
      if (!names.add(name)) {
        throw new InvalidConfigurationException(LIST, raw, "'" + name + "' is listed twice");
      }
    }
    return names.isEmpty() ? List.of(WorkerName.DEFAULT_APP) : List.copyOf(names);
  }

  /**
   * The app that takes requests no route matches: {@code fleetgate.default-app}, or with a single
   * app that app, or none (404).
   */
  public static Optional<String> defaultRoute(ConfigValues values, List<String> apps) {
    Optional<String> named = values.optional(DEFAULT_ROUTE);
    if (named.isPresent() && !apps.contains(named.get())) {
      throw new InvalidConfigurationException(
          DEFAULT_ROUTE, named.get(), "not one of the apps in " + LIST + " (" + apps + ")");
    }
    return named.isPresent() || apps.size() > 1 ? named : Optional.of(apps.get(0));
  }

  /** {@code app}'s view of the settings (see the class comment). */
  public static ConfigValues of(ConfigValues values, String app) {
    return new ConfigValues(
        key -> {
          String own = appKey(app, key);
          if (own != null) {
            Optional<String> value = values.raw(own);
            if (value.isPresent() && !value.get().isBlank()) {
              return value;
            }
          }
          return values.raw(key);
        },
        key -> {
          String own = appKey(app, key);
          return own != null && values.optional(own).isPresent() ? own : values.nameOf(key);
        });
  }

  /** {@code fleetgate.apps.<app>.<suffix>} for a global key an app may set, else null. */
  static String appKey(String app, String key) {
    if (key.startsWith(WORKERS) && WORKER_KEYS.contains(key.substring(WORKERS.length()))) {
      return PREFIX + app + "." + key.substring(WORKERS.length());
    }
    if (key.startsWith(PROXY) && POOL_KEYS.contains(key.substring(PROXY.length()))) {
      return PREFIX + app + "." + key.substring(PROXY.length());
    }
    if (key.startsWith(PREFIX + app + ".")) {
      return key;
    }
    return null;
  }

  /** {@code fleetgate.apps.<app>.<key>}: one of an app's own keys. */
  public static String key(String app, String suffix) {
    return PREFIX + app + "." + suffix;
  }

  /** The app a {@code fleetgate.apps.<app>.<suffix>} key names, if it is a well-formed one. */
  public static Optional<String> appOf(String key) {
    if (!key.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = key.substring(PREFIX.length());
    int dot = rest.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String app = rest.substring(0, dot);
    String suffix = rest.substring(dot + 1);
    boolean known =
        WORKER_KEYS.contains(suffix) || POOL_KEYS.contains(suffix) || ROUTE_KEYS.contains(suffix);
    return known && WorkerName.isAppName(app) ? Optional.of(app) : Optional.empty();
  }

  /**
   * True for an environment variable that is some app's key: {@code FLEETGATE_APPS_API_BASE_PORT}.
   * The app's part cannot be told apart from the key's by the name alone (dashes become underscores
   * too), so any app name matches.
   */
  public static boolean isAppVariable(String name) {
    String prefix = KnownKeys.environmentName(PREFIX);
    if (!name.startsWith(prefix)) {
      return false;
    }
    String rest = name.substring(prefix.length());
    List<String> suffixes = new ArrayList<>(WORKER_KEYS);
    suffixes.addAll(POOL_KEYS);
    suffixes.addAll(ROUTE_KEYS);
    for (String suffix : suffixes) {
      String tail = "_" + KnownKeys.environmentName(suffix);
      if (rest.endsWith(tail) && rest.length() > tail.length()) {
        return true;
      }
    }
    return false;
  }
}
