package dev.fleetgate.supervisor.config;

/** A configuration value Fleetgate cannot start with; the message names the key and the value. */
public class InvalidConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public InvalidConfigurationException(String key, String value, String problem) {
    super("Invalid configuration " + key + "=" + quote(value) + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }

  private static String quote(String value) {
    return value == null ? "(unset)" : "'" + value + "'";
  }
}
