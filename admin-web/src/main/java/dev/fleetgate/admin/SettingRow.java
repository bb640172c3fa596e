package dev.fleetgate.admin;

/**
 * One setting as the console shows it, secrets masked (R10): a worker's environment variable or a
 * configuration value.
 *
 * @param name the variable's or key's name
 * @param value the value, or {@link SecretMask#MASK}
 * @param source where a configuration value came from; empty for environment variables
 */
public record SettingRow(String name, String value, String source) {

  // Expression Language 5 reads JavaBean getters only.
  public String getName() {
    return name;
  }

  public String getValue() {
    return value;
  }

  public String getSource() {
    return source;
  }
}
