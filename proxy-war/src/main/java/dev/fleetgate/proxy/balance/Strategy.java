package dev.fleetgate.proxy.balance;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.util.Arrays;
import java.util.Locale;

/** How the proxy picks a worker ({@code fleetgate.proxy.balance}). */
public enum Strategy {
  /** nginx's default: smooth weighted round-robin (all weights 1: plain round-robin). */
  ROUND_ROBIN,
  /** Fewest requests in flight relative to weight; ties go round-robin (nginx's least_conn). */
  LEAST_CONNECTIONS,
  /** Consistent hashing on a key (client address, a header or a cookie): sticky sessions. */
  HASH;

  public static Strategy parse(String key, String raw) {
    try {
      return valueOf(raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          key,
          raw,
          "unknown strategy, use one of "
              + Arrays.stream(values())
                  .map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                  .toList());
    }
  }
}
