package dev.fleetgate.supervisor.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link ConfigCheck} reads: the value in effect for each key and where it came from, and
 * every name the sources list. MicroProfile Config in the server, {@link LayeredConfig} in {@code
 * fleetgate check}.
 */
public interface ConfigView {

  /** The value in effect for {@code key}, as the application reads it; empty when unset. */
  Optional<String> value(String key);

  /** Where the value of {@code key} came from: "environment", "default"... */
  String sourceOf(String key);

  /** Every {@code fleetgate.*} name any source lists, with (one) source that lists it. */
  Map<String, String> propertyNames();

  /** The names of the process's environment variables. */
  Set<String> variableNames();
}
