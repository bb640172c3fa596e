package dev.fleetgate.supervisor.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting Fleetgate reads, in one place (R3): the {@code fleetgate.*} keys of MicroProfile
 * Config and the launcher's own {@code FLEETGATE_*} variables. Any other name under those prefixes
 * stops the start: a misspelt setting would otherwise be ignored without a word. {@code
 * KnownKeysTest} fails when code reads a key that is missing here.
 */
public final class KnownKeys {

  /** Every key, with or without a line in {@code microprofile-config.properties}. */
  public static final List<String> KEYS =
      List.of(
          "fleetgate.workers.count",
          "fleetgate.workers.command",
          "fleetgate.workers.directory",
          "fleetgate.workers.host",
          "fleetgate.workers.base-port",
          "fleetgate.workers.env",
          "fleetgate.workers.ready-path",
          "fleetgate.workers.start-timeout",
          "fleetgate.workers.stop-grace",
          "fleetgate.workers.orphan-grace",
          "fleetgate.workers.drain-timeout",
          "fleetgate.workers.min-ready",
          "fleetgate.workers.backoff.initial",
          "fleetgate.workers.backoff.multiplier",
          "fleetgate.workers.backoff.max",
          "fleetgate.workers.backoff.reset-after",
          "fleetgate.workers.min-uptime",
          "fleetgate.workers.max-failed-starts",
          "fleetgate.workers.crash-window",
          "fleetgate.workers.memory-limit",
          "fleetgate.workers.memory-check-interval",
          "fleetgate.workers.log-lines",
          "fleetgate.workers.log-dir",
          "fleetgate.workers.log-max-size",
          "fleetgate.workers.log-max-files",
          "fleetgate.workers.log-to-stdout",
          "fleetgate.state-dir",
          Apps.LIST,
          Apps.DEFAULT_ROUTE,
          "fleetgate.proxy.connect-timeout",
          "fleetgate.proxy.response-timeout",
          "fleetgate.proxy.read-timeout",
          "fleetgate.proxy.balance",
          "fleetgate.proxy.hash-key",
          "fleetgate.proxy.weights",
          "fleetgate.proxy.max-fails",
          "fleetgate.proxy.fail-timeout",
          "fleetgate.proxy.health-check.path",
          "fleetgate.proxy.health-check.interval",
          "fleetgate.proxy.health-check.rise",
          "fleetgate.proxy.health-check.fall",
          "fleetgate.proxy.max-tries",
          "fleetgate.proxy.trusted-proxies",
          "fleetgate.proxy.forwarded-header",
          "fleetgate.proxy.request-id",
          "fleetgate.proxy.request-id-header",
          "fleetgate.proxy.access-log",
          "fleetgate.proxy.access-log-format",
          "fleetgate.proxy.access-log-file",
          "fleetgate.proxy.access-log-max-size",
          "fleetgate.proxy.access-log-max-files",
          "fleetgate.proxy.max-body-size",
          "fleetgate.proxy.sync-threads",
          "fleetgate.proxy.gzip",
          "fleetgate.proxy.gzip-types",
          "fleetgate.proxy.gzip-min-length",
          "fleetgate.proxy.gzip-level",
          "fleetgate.http.header-timeout",
          "fleetgate.http.max-unfinished-heads",
          "fleetgate.http.server-header",
          "fleetgate.cluster.enabled",
          "fleetgate.cluster.name",
          "fleetgate.cluster.secret",
          "fleetgate.cluster.discovery",
          "fleetgate.cluster.members",
          "fleetgate.cluster.port",
          "fleetgate.cluster.interfaces",
          "fleetgate.cluster.public-address",
          "fleetgate.cluster.multicast",
          "fleetgate.cluster.dns",
          "fleetgate.cluster.kubernetes.namespace",
          "fleetgate.cluster.kubernetes.service",
          "fleetgate.cluster.node-name",
          "fleetgate.cluster.publish-interval",
          "fleetgate.cluster.lost-after",
          "fleetgate.tls.port",
          "fleetgate.tls.certificate",
          "fleetgate.tls.key",
          "fleetgate.tls.keystore",
          "fleetgate.tls.keystore-password",
          "fleetgate.tls.protocols",
          "fleetgate.tls.ciphers",
          "fleetgate.tls.http2",
          "fleetgate.tls.redirect-http",
          "fleetgate.tls.watch-interval",
          "fleetgate.admin.username",
          "fleetgate.admin.password-hash",
          "fleetgate.admin.password",
          "fleetgate.admin.viewer-username",
          "fleetgate.admin.viewer-password-hash",
          "fleetgate.admin.viewer-password",
          "fleetgate.metrics.token",
          "fleetgate.admin.api-token",
          ConfigFile.KEY,
          ConfigCheck.STANDALONE);

  /**
   * The launcher's and the command line's variables that are no configuration key ({@code
   * FLEETGATE_URL} and {@code FLEETGATE_API_TOKEN} find a running server: an operator's shell
   * exports them, and a server started from that shell must not refuse them). {@code
   * FLEETGATE_STATE_DIR} and {@code FLEETGATE_CONFIG}, which the launcher reads too, are the keys
   * {@code fleetgate.state-dir} and {@code fleetgate.config} under their environment names.
   */
  public static final List<String> LAUNCHER_VARIABLES =
      List.of(
          "FLEETGATE_HTTP_PORT",
          "FLEETGATE_HTTP_HOST",
          "FLEETGATE_WORK_DIR",
          "FLEETGATE_JAVA_OPTS",
          "FLEETGATE_URL",
          "FLEETGATE_API_TOKEN");

  /** The prefix of every key. */
  public static final String PREFIX = "fleetgate.";

  /** The prefix of every variable this check looks at. */
  public static final String VARIABLE_PREFIX = "FLEETGATE_";

  private static final Set<String> VARIABLES = variables();

  private KnownKeys() {}

  /** A listed key, or an app's own ({@code fleetgate.apps.api.count}, {@link Apps}). */
  public static boolean isKey(String name) {
    return KEYS.contains(name) || Apps.appOf(name).isPresent();
  }

  public static boolean isVariable(String name) {
    return VARIABLES.contains(name)
        || Apps.isAppVariable(name)
        || KUBERNETES_SERVICE_LINK.matcher(name).matches();
  }

  /**
   * What Kubernetes puts into every pod of a namespace with a Service named {@code fleetgate}
   * (FLEETGATE_SERVICE_HOST, FLEETGATE_PORT_80_TCP_ADDR...): no setting, and no typo either.
   */
  private static final java.util.regex.Pattern KUBERNETES_SERVICE_LINK =
      java.util.regex.Pattern.compile(
          "FLEETGATE_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)");

  /**
   * The environment variable MicroProfile Config reads for {@code key}: FLEETGATE_WORKERS_COUNT.
   */
  public static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /**
   * The problem with a {@code fleetgate.*} name found in {@code source}, or empty when it is a
   * known key; names the nearest known key.
   */
  public static Optional<ConfigProblem> unknownKey(String name, String source) {
    return isKey(name)
        ? Optional.empty()
        : Optional.of(ConfigProblem.unknown(name, source, nearest(name, KEYS)));
  }

  /**
   * The problem with a {@code FLEETGATE_*} environment variable, or empty when it is a key's or a
   * launcher's variable; names the nearest known variable.
   */
  public static Optional<ConfigProblem> unknownVariable(String name) {
    return isVariable(name)
        ? Optional.empty()
        : Optional.of(ConfigProblem.unknown(name, "environment", nearest(name, VARIABLES)));
  }

  /**
   * The candidate fewest single-character edits away from {@code name} (Levenshtein), when it is
   * close enough to be a plausible typo: at most a quarter of the name's length, at least 2.
   */
  static Optional<String> nearest(String name, Collection<String> candidates) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 4) ? Optional.of(best) : Optional.empty();
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static Set<String> variables() {
    Set<String> names = new TreeSet<>(LAUNCHER_VARIABLES);
    KEYS.forEach(k -> names.add(environmentName(k)));
    return Set.copyOf(names);
  }
}
