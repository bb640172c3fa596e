package dev.fleetgate.supervisor.config;

/** A configuration value Fleetgate cannot start with; the message names the key and the value. */
public class InvalidConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final String value;
  private final String problem;

  public InvalidConfigurationException(String key, String value, String problem) {
    super("Invalid configuration " + key + "=" + quote(value) + ": " + problem);
    this.key = key;
    this.value = value;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  /** The value as configured, or null when it is unset. */
  public String value() {
    return value;
  }

  /** What is wrong with it, without the key and the value. */
  public String problem() {
    return problem;
  }

  static String quote(String value) {
    return value == null ? "(unset)" : "'" + value + "'";
  }
}
