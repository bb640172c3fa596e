package dev.fleetgate.sample;

import java.time.Duration;
import java.util.Map;

/**
 * How one worker process is configured, read once from its environment (R1).
 *
 * @param host the address to listen on ({@code HOST}, default {@code 127.0.0.1})
 * @param port the port to listen on ({@code PORT}, required; 0 = any free port)
 * @param workerId the name the supervisor gave this worker ({@code WORKER_ID}, default {@code 0})
 * @param chaos whether the chaos endpoints are on ({@code SAMPLE_WORKER_CHAOS=true})
 * @param startDelay how long to wait before listening ({@code SAMPLE_WORKER_START_DELAY_MS})
 * @param accessLog whether to print one stdout line per request ({@code
 *     SAMPLE_WORKER_ACCESS_LOG=true})
 */
record WorkerConfig(
    String host, int port, String workerId, boolean chaos, Duration startDelay, boolean accessLog) {

  static final String PORT = "PORT";
  static final String HOST = "HOST";
  static final String WORKER_ID = "WORKER_ID";
  static final String CHAOS = "SAMPLE_WORKER_CHAOS";
  static final String START_DELAY_MS = "SAMPLE_WORKER_START_DELAY_MS";
  static final String ACCESS_LOG = "SAMPLE_WORKER_ACCESS_LOG";

  /** A worker on loopback with everything optional off: what tests start. */
  static WorkerConfig loopback(int port, String workerId, boolean chaos) {
    return new WorkerConfig("127.0.0.1", port, workerId, chaos, Duration.ZERO, false);
  }

  /**
   * Reads the configuration from environment variables.
   *
   * @throws IllegalArgumentException naming the variable and its value when one is invalid
   */
  static WorkerConfig fromEnv(Map<String, String> env) {
    return new WorkerConfig(
        text(env, HOST, "127.0.0.1"),
        port(env.get(PORT)),
        text(env, WORKER_ID, "0"),
        flag(env, CHAOS),
        Duration.ofMillis(millis(env, START_DELAY_MS)),
        flag(env, ACCESS_LOG));
  }

  private static int port(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          PORT + " is not set; set it to a port from 0 to 65535 (0 = any free port)");
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the value
    }
    throw new IllegalArgumentException(
        PORT + "='" + value + "' is not a port; expected 0 to 65535 (0 = any free port)");
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static boolean flag(Map<String, String> env, String name) {
    String value = text(env, name, "false");
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(name + "='" + value + "' is not true or false");
  }

  private static long millis(Map<String, String> env, String name) {
    String value = text(env, name, "0");
    try {
      long millis = Long.parseLong(value);
      if (millis >= 0) {
        return millis;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the value
    }
    throw new IllegalArgumentException(
        name + "='" + value + "' is not a number of milliseconds (0 or more)");
  }
}
