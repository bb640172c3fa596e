package dev.fleetgate.admin;

import dev.fleetgate.supervisor.config.KnownKeys;
import dev.fleetgate.supervisor.config.SourceLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every {@code fleetgate.*} setting in effect and where it came from (R12), values that look secret
 * masked (R10). Pure: the page hands in what MicroProfile Config knows.
 */
final class EffectiveConfig {

  /** What one lookup found: the value and the source it came from. */
  record Found(String value, String sourceName, int ordinal) {}

  static final String PREFIX = "fleetgate.";

  private static final String ENV_PREFIX = "FLEETGATE_";

  private EffectiveConfig() {}

  /**
   * One row per setting, sorted by key.
   *
   * @param propertyNames every name the configuration sources list
   * @param environmentNames the process's environment variable names
   * @param lookup the value in effect for a key and its source, or empty when unset
   */
  static List<SettingRow> rows(
      Iterable<String> propertyNames,
      Set<String> environmentNames,
      Function<String, Optional<Found>> lookup) {
    // Every known key, also those with no line in the defaults file (listed by no source unless
    // set), so that one set by environment variable shows under its dotted name.
    Set<String> keys = new TreeSet<>(KnownKeys.KEYS);
    for (String name : propertyNames) {
      if (name.startsWith(PREFIX)) {
        keys.add(name);
      }
    }
    // A FLEETGATE_* variable that matches no known key is shown under its own name.
    Map<String, String> byEnvName = new java.util.HashMap<>();
    keys.forEach(k -> byEnvName.put(environmentName(k), k));
    for (String env : environmentNames) {
      if (env.startsWith(ENV_PREFIX) && !byEnvName.containsKey(env)) {
        keys.add(env);
      }
    }
    List<SettingRow> rows = new ArrayList<>();
    for (String key : keys) {
      lookup
          .apply(key)
          .ifPresent(
              found ->
                  rows.add(
                      new SettingRow(
                          key,
                          SecretMask.configValue(key, found.value()),
                          sourceLabel(found.sourceName(), found.ordinal()))));
    }
    return rows;
  }

  /** Where a value came from, in words: "default", "environment", "config file /etc/..." */
  static String sourceLabel(String sourceName, int ordinal) {
    return SourceLabel.of(sourceName, ordinal);
  }

  /**
   * The environment variable MicroProfile Config reads for {@code key}: FLEETGATE_WORKERS_COUNT.
   */
  static String environmentName(String key) {
    return KnownKeys.environmentName(key);
  }
}
