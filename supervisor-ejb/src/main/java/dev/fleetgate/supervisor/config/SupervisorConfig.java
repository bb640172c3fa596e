package dev.fleetgate.supervisor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every {@code fleetgate.workers.*} setting, read and validated once at start. A bad value stops
 * start-up with an {@link InvalidConfigurationException} that names the key and the value.
 */
public record SupervisorConfig(
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

  /** Reads and validates every key; {@code cpus} resolves a count of 0. */
  public static SupervisorConfig read(ConfigValues values, int cpus) {
    int count = values.integer("fleetgate.workers.count", 0, MAX_WORKERS);
    int basePort = values.integer("fleetgate.workers.base-port", 1, 65535 - MAX_WORKERS);
    Path stateDir = Path.of(values.required("fleetgate.state-dir")).toAbsolutePath();
    Duration stopGrace = values.duration("fleetgate.workers.stop-grace", Duration.ZERO);
    Duration orphanGrace = values.duration("fleetgate.workers.orphan-grace", Duration.ZERO);
    if (orphanGrace.compareTo(Duration.ofSeconds(4)) > 0) {
      throw new InvalidConfigurationException(
          "fleetgate.workers.orphan-grace",
          values.required("fleetgate.workers.orphan-grace"),
          "must be 4s or less: orphaned workers must be gone within 5 s");
    }
    return new SupervisorConfig(
        count == 0 ? cpus : count,
        CommandLine.split(
            "fleetgate.workers.command", values.required("fleetgate.workers.command")),
        values.optional("fleetgate.workers.directory").map(SupervisorConfig::directory),
        values.required("fleetgate.workers.host"),
        basePort,
        environment(values.optional("fleetgate.workers.env").orElse("")),
        values.optional("fleetgate.workers.ready-path").map(SupervisorConfig::readyPath),
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

  private static Path directory(String raw) {
    Path dir = Path.of(raw).toAbsolutePath();
    if (!dir.toFile().isDirectory()) {
      throw new InvalidConfigurationException(
          "fleetgate.workers.directory", raw, "not an existing directory");
    }
    return dir;
  }

  static Map<String, String> environment(String raw) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : raw.split("(?<!\\\\),")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
      if (eq < 0 || !ENV_NAME.matcher(name).matches()) {
        throw new InvalidConfigurationException(
            "fleetgate.workers.env", raw, "'" + pair + "' is not NAME=value");
      }
      if (RESERVED_ENV.contains(name)) {
        throw new InvalidConfigurationException(
            "fleetgate.workers.env", raw, name + " is set by Fleetgate for each worker");
      }
      env.put(name, pair.substring(eq + 1).replace("\\,", ","));
    }
    return env;
  }

  private static String readyPath(String raw) {
    if (!raw.startsWith("/")) {
      throw new InvalidConfigurationException(
          "fleetgate.workers.ready-path", raw, "must start with /");
    }
    return raw;
  }
}
