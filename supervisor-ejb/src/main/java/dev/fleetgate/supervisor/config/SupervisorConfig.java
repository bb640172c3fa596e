package dev.fleetgate.supervisor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One app's {@code fleetgate.workers.*} settings, read through its view ({@link Apps}) and
 * validated at start and on each reload. A bad value stops start-up with an {@link
 * InvalidConfigurationException} that names the key and the value.
 *
 * @param app the app these workers belong to
 */
public record SupervisorConfig(
    String app,
    int count,
    List<String> command,
    Optional<Path> directory,
    String host,
    int basePort,
    Map<String, String> environment,
    Optional<String> readyPath,
    Duration startTimeout,
    Duration stopGrace,
    Duration orphanGrace,
    Duration drainTimeout,
    int minReady,
    Duration backoffInitial,
    double backoffMultiplier,
    Duration backoffMax,
    Duration backoffResetAfter,
    Duration minUptime,
    int maxFailedStarts,
    Duration crashWindow,
    long memoryLimitBytes,
    Duration memoryCheckInterval,
    int logLines,
    Path logDir,
    long logMaxSize,
    int logMaxFiles,
    boolean logToStdout,
    Path stateDir) {

  /** Most workers one Fleetgate runs; also bounds the ports it uses. */
  public static final int MAX_WORKERS = 256;

  /** The word in {@code fleetgate.workers.command} that stands for the bundled sample worker. */
  public static final String SAMPLE_WORKER = "builtin:sample-worker";

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final List<String> RESERVED_ENV = List.of("PORT", "WORKER_ID", "HOST");

  public SupervisorConfig {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /**
   * Every app's settings, in the order of {@code fleetgate.apps}; their worker ports must not
   * overlap.
   */
  public static List<SupervisorConfig> readApps(ConfigValues values, int cpus) {
    List<SupervisorConfig> apps = new ArrayList<>();
    for (String app : Apps.names(values)) {
      ConfigValues view = Apps.of(values, app);
      SupervisorConfig config = read(view, cpus, app);
      for (SupervisorConfig other : apps) {
        if (config.overlaps(config.count(), other, other.count())) {
          throw new InvalidConfigurationException(
              view.nameOf("fleetgate.workers.base-port"),
              Integer.toString(config.basePort()),
              "app "
                  + app
                  + "'s ports "
                  + config.ports()
                  + " overlap app "
                  + other.app()
                  + "'s "
                  + other.ports()
                  + " (each with one more for rolling restarts): give each app its own"
                  + " base-port");
        }
      }
      apps.add(config);
    }
    Apps.defaultRoute(values, Apps.names(values));
    return List.copyOf(apps);
  }

  /** The single app of a configuration without apps: {@code fleetgate.workers.*} alone. */
  public static SupervisorConfig read(ConfigValues values, int cpus) {
    return read(values, cpus, dev.fleetgate.supervisor.entity.WorkerName.DEFAULT_APP);
  }

  /** Reads and validates every key of {@code app}'s view; {@code cpus} resolves a count of 0. */
  public static SupervisorConfig read(ConfigValues values, int cpus, String app) {
    int count = values.integer("fleetgate.workers.count", 0, MAX_WORKERS);
    int basePort = values.integer("fleetgate.workers.base-port", 1, 65535 - MAX_WORKERS);
    Path stateDir = Path.of(values.required("fleetgate.state-dir")).toAbsolutePath();
    Duration stopGrace = values.duration("fleetgate.workers.stop-grace", Duration.ZERO);
    Duration orphanGrace = values.duration("fleetgate.workers.orphan-grace", Duration.ZERO);
    if (orphanGrace.compareTo(Duration.ofSeconds(4)) > 0) {
      throw new InvalidConfigurationException(
          values.nameOf("fleetgate.workers.orphan-grace"),
          values.required("fleetgate.workers.orphan-grace"),
          "must be 4s or less: orphaned workers must be gone within 5 s");
    }
    return new SupervisorConfig(
        app,
        count == 0 ? cpus : count,
        CommandLine.split(
            values.nameOf("fleetgate.workers.command"),
            values.required("fleetgate.workers.command")),
        values
            .optional("fleetgate.workers.directory")
            .map(raw -> directory(values.nameOf("fleetgate.workers.directory"), raw)),
        values.required("fleetgate.workers.host"),
        basePort,
        environment(
            values.nameOf("fleetgate.workers.env"),
            values.optional("fleetgate.workers.env").orElse("")),
        values
            .optional("fleetgate.workers.ready-path")
            .map(raw -> readyPath(values.nameOf("fleetgate.workers.ready-path"), raw)),
        values.duration("fleetgate.workers.start-timeout", Duration.ofMillis(100)),
        stopGrace,
        orphanGrace,
        values.duration("fleetgate.workers.drain-timeout", Duration.ZERO),
        values.integer("fleetgate.workers.min-ready", 0, MAX_WORKERS),
        values.duration("fleetgate.workers.backoff.initial", Duration.ZERO),
        values.decimal("fleetgate.workers.backoff.multiplier", 1.0, 10.0),
        values.duration("fleetgate.workers.backoff.max", Duration.ZERO),
        values.duration("fleetgate.workers.backoff.reset-after", Duration.ZERO),
        values.duration("fleetgate.workers.min-uptime", Duration.ZERO),
        values.integer("fleetgate.workers.max-failed-starts", 1, 10_000),
        values.duration("fleetgate.workers.crash-window", Duration.ofSeconds(1)),
        values.size("fleetgate.workers.memory-limit"),
        values.duration("fleetgate.workers.memory-check-interval", Duration.ofSeconds(1)),
        values.integer("fleetgate.workers.log-lines", 0, 1_000_000),
        values
            .optional("fleetgate.workers.log-dir")
            .map(d -> Path.of(d).toAbsolutePath())
            .orElse(stateDir.resolve("logs")),
        values.size("fleetgate.workers.log-max-size"),
        values.integer("fleetgate.workers.log-max-files", 1, 1000),
        values.bool("fleetgate.workers.log-to-stdout"),
        stateDir);
  }

  /** The port worker {@code id} is told to listen on. */
  public int portOf(int id) {
    return basePort + id;
  }

  /** {@code 8001-8004}: the ports this app's configured workers listen on. */
  public String ports() {
    return portOf(0) + "-" + portOf(Math.max(0, count - 1));
  }

  /**
   * Whether {@code count} workers of this app (and the one more a rolling restart starts) would use
   * a port of {@code other}'s at its count.
   */
  public boolean overlaps(int count, SupervisorConfig other, int otherCount) {
    return portOf(0) <= other.portOf(otherCount) && other.portOf(0) <= portOf(count);
  }

  private static Path directory(String key, String raw) {
    Path dir = Path.of(raw).toAbsolutePath();
    if (!dir.toFile().isDirectory()) {
      throw new InvalidConfigurationException(key, raw, "not an existing directory");
    }
    return dir;
  }

  static Map<String, String> environment(String raw) {
    return environment("fleetgate.workers.env", raw);
  }

  static Map<String, String> environment(String key, String raw) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : raw.split("(?<!\\\\),")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
      if (eq < 0 || !ENV_NAME.matcher(name).matches()) {
        throw new InvalidConfigurationException(key, raw, "'" + pair + "' is not NAME=value");
      }
      if (RESERVED_ENV.contains(name)) {
        throw new InvalidConfigurationException(
            key, raw, name + " is set by Fleetgate for each worker");
      }
      env.put(name, pair.substring(eq + 1).replace("\\,", ","));
    }
    return env;
  }

  private static String readyPath(String key, String raw) {
    if (!raw.startsWith("/")) {
      throw new InvalidConfigurationException(key, raw, "must start with /");
    }
    return raw;
  }
}
