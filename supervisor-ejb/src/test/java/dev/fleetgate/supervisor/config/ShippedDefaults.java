package dev.fleetgate.supervisor.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The defaults shipped in microprofile-config.properties, with overrides on top, as MP Config
 * merges them.
 */
public final class ShippedDefaults {
  private ShippedDefaults() {}

  public static ConfigValues with(Map<String, String> overrides) {
    Properties defaults = new Properties();
    try (InputStream in =
        ShippedDefaults.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      defaults.load(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Map<String, String> merged = new HashMap<>();
    defaults.forEach((k, v) -> merged.put((String) k, (String) v));
    merged.putAll(overrides);
    return new ConfigValues(key -> Optional.ofNullable(merged.get(key)));
  }
}
