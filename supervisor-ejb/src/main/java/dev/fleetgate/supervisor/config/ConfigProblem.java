package dev.fleetgate.supervisor.config;

import java.util.Optional;

/**
 * One thing wrong with the configuration, as the start-up log and {@code fleetgate check} print it:
 * the setting's name, where it came from, and what is wrong.
 *
 * @param name the key or environment variable the problem is about
 * @param source where the value or the name came from: "environment", "system property", "config
 *     file /etc/fleetgate.properties", "default"...
 * @param text the whole line, name, value and source included
 */
public record ConfigProblem(String name, String source, String text) {

  /** A bad value: {@code Invalid configuration fleetgate.workers.count='-3' (environment): ...}. */
  public static ConfigProblem invalid(InvalidConfigurationException e, String source) {
    return new ConfigProblem(
        e.key(),
        source,
        "Invalid configuration "
            + e.key()
            + "="
            + InvalidConfigurationException.quote(e.value())
            + " ("
            + source
            + "): "
            + e.problem());
  }

  /** A name no setting has: {@code unknown setting X (environment); did you mean Y?}. */
  public static ConfigProblem unknown(String name, String source, Optional<String> nearest) {
    return new ConfigProblem(
        name,
        source,
        "unknown setting "
            + name
            + " ("
            + source
            + ")"
            + nearest
                .map(n -> "; did you mean " + n + "?")
                .orElse("; the README's configuration table lists every setting"));
  }

  @Override
  public String toString() {
    return text;
  }
}
